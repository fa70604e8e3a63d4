package dev.hooklane.service.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Says what has died in a service that will not come back by itself (a consumer loop that ended, a
 * failed Kafka Streams client), for the {@code /health} answer: a dead part fails the liveness
 * probe and the orchestrator restarts the process, where a live but idle process would otherwise
 * hold its partitions and do nothing.
 */
@FunctionalInterface
public interface LivenessCheck {

    /** Empty while alive; otherwise what died, for the {@code /health} answer. */
    Optional<String> deadReason();

    LivenessCheck ALWAYS = Optional::empty;

    /**
     * Dead when {@code alive} answers false.
     *
     * @param what names the part in the answer, e.g. {@code "delivery consumer"}
     */
    static LivenessCheck of(String what, BooleanSupplier alive) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(alive, "alive");
        return () -> alive.getAsBoolean() ? Optional.empty() : Optional.of(what + " has stopped");
    }

    /** Alive while every check is; the answer names every dead part. */
    static LivenessCheck allOf(List<LivenessCheck> checks) {
        List<LivenessCheck> all = List.copyOf(checks);
        return () -> {
            String dead = all.stream().map(LivenessCheck::deadReason).flatMap(Optional::stream).collect(Collectors.joining("; "));
            return dead.isEmpty() ? Optional.empty() : Optional.of(dead);
        };
    }
}
