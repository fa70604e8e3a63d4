package dev.hooklane.benchmarks.cpu;

import java.util.List;

/** A process of a benchmark run whose CPU time is accounted, each in a JVM (or program) of its own. */
public enum Part {
    BROKER("broker"),
    ROUTER("router"),
    WORKER("worker"),
    PEER("peer"),
    RECEIVER("receiver"),
    /** The harness JVM: load generator, ceiling clients, polling the receiver. */
    HARNESS("harness"),
    WRK("wrk");

    /** What a delivery costs the platform: the broker and the services that move it. */
    public static final List<Part> PIPELINE = List.of(BROKER, ROUTER, WORKER);
    /** The pipeline and the receiver: what a delivery costs the machine, but for the load generator. */
    public static final List<Part> WITH_RECEIVER = List.of(BROKER, ROUTER, WORKER, RECEIVER);

    private final String label;

    Part(String label) {
        this.label = label;
    }

    /** Name in the report and the JSON file. */
    public String label() {
        return label;
    }
}
