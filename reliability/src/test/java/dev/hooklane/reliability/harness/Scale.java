package dev.hooklane.reliability.harness;

import java.time.Duration;

/**
 * How big a fault scenario is: {@code short} in the test suite (a few thousand deliveries each),
 * {@code long} by {@code bin/reliability} (at least 100,000 deliveries each). Chosen by the system
 * property {@code reliability.mode}.
 *
 * @param events events posted per scenario; each matches about two subscriptions
 * @param perSecond the steady posting rate
 * @param drain how long the pipeline may take to deliver what is left after the load
 * @param brokerOutage how long the broker is away in the outage scenario
 */
public record Scale(String name, int events, int perSecond, Duration drain, Duration brokerOutage) {

    public static final Scale SHORT = new Scale("short", 1_800, 150, Duration.ofSeconds(120), Duration.ofSeconds(30));
    public static final Scale LONG = new Scale("long", 55_000, 400, Duration.ofMinutes(10), Duration.ofSeconds(30));

    public static Scale current() {
        return "long".equals(System.getProperty("reliability.mode", "short")) ? LONG : SHORT;
    }

    /** How long the steady load lasts. */
    public Duration loadDuration() {
        return Duration.ofMillis(events * 1000L / perSecond);
    }
}
