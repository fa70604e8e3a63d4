package dev.hooklane.testkit.receiver;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** How the receiver answers one request. */
public sealed interface Behaviour {

    /** Answers {@code status} with {@code headers} and {@code body} after {@code delay}. */
    record Respond(int status, Map<String, String> headers, String body, Duration delay) implements Behaviour {
        public Respond {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Never answers; the connection stays open until the client gives up. */
    record Hang() implements Behaviour {
    }

    /** Resets the TCP connection (RST) without answering. */
    record Reset() implements Behaviour {
    }

    static Behaviour status(int status) {
        return new Respond(status, Map.of(), "", Duration.ZERO);
    }

    static Behaviour ok() {
        return new Respond(200, Map.of(), "ok", Duration.ZERO);
    }

    static Behaviour statusWithRetryAfter(int status, String retryAfter) {
        return new Respond(status, Map.of("Retry-After", retryAfter), "", Duration.ZERO);
    }

    static Behaviour slow(int status, Duration delay) {
        return new Respond(status, Map.of(), "", delay);
    }

    static Behaviour hang() {
        return new Hang();
    }

    static Behaviour reset() {
        return new Reset();
    }
}
