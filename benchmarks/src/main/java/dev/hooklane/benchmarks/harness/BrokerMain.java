package dev.hooklane.benchmarks.harness;

import dev.hooklane.testkit.kafka.KafkaBroker;

/** Runs Apache Kafka's own broker ({@link KafkaBroker}) in a JVM of its own: {@code BENCH_BROKER_DIR}, {@code BENCH_BROKER_PORT}. */
public final class BrokerMain {

    static final String DIR = "BENCH_BROKER_DIR";
    static final String PORT = "BENCH_BROKER_PORT";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        KafkaBroker.main(new String[] {System.getenv(DIR), System.getenv(PORT)});
    }
}
