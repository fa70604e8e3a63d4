package dev.hooklane.benchmarks.scenario;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scenarios of a run, by the key {@code bin/benchmark --only} takes. A scenario chosen alone
 * brings the ones its figures are compared with or computed from: the ceilings its ratios divide
 * by, and for isolation the latency scenario, its baseline.
 */
public enum Scenario {
    THROUGHPUT("throughput"),
    LATENCY("latency"),
    ISOLATION("isolation"),
    FAN_OUT("fan-out"),
    RETRIES("retries"),
    KAFKA_CEILING("kafka-ceiling"),
    HTTP_CEILING("http-ceiling"),
    WRK_CEILING("wrk-ceiling"),
    PEER("peer"),
    CURVE("curve"),
    COMMIT_INTERVAL("commit-interval"),
    MICRO("micro");

    /** Names the three ceilings at once. */
    static final String CEILINGS = "ceilings";

    private final String key;

    Scenario(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The scenarios this one's figures are compared with or computed from. */
    Set<Scenario> needs() {
        return switch (this) {
            case THROUGHPUT -> EnumSet.of(KAFKA_CEILING, HTTP_CEILING, WRK_CEILING);
            case LATENCY -> EnumSet.of(HTTP_CEILING);
            case ISOLATION -> EnumSet.of(LATENCY);
            case PEER -> EnumSet.of(KAFKA_CEILING, HTTP_CEILING);
            default -> EnumSet.noneOf(Scenario.class);
        };
    }

    /** Whether it runs against the broker and the receiver (all but the micro-benchmarks do). */
    public boolean needsStack() {
        return this != MICRO;
    }

    /**
     * The scenarios named in {@code keys} (comma-separated; {@value #CEILINGS} for the three
     * ceilings) and those they need.
     *
     * @throws IllegalArgumentException for a key that names no scenario, or none at all
     */
    public static Set<Scenario> only(String keys) {
        Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
        for (String key : keys.split(",")) {
            String wanted = key.strip().toLowerCase(Locale.ROOT);
            if (wanted.equals(CEILINGS)) {
                chosen.addAll(EnumSet.of(KAFKA_CEILING, HTTP_CEILING, WRK_CEILING));
            } else if (!wanted.isEmpty()) {
                chosen.add(Arrays.stream(values()).filter(s -> s.key.equals(wanted)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "--only: no scenario is called '" + wanted + "'; the keys are " + keys() + " and " + CEILINGS)));
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--only needs at least one of " + keys() + " or " + CEILINGS);
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Scenario scenario : EnumSet.copyOf(chosen)) {
                grew |= chosen.addAll(scenario.needs());
            }
        }
        return chosen;
    }

    /** Every key, comma-separated. */
    public static String keys() {
        return Arrays.stream(values()).map(Scenario::key).collect(Collectors.joining(", "));
    }

    /** How a run's settings name {@code scenarios}. */
    public static String describe(Set<Scenario> scenarios) {
        return scenarios.size() == values().length ? "all" : scenarios.stream().map(Scenario::key).collect(Collectors.joining(", "));
    }
}
