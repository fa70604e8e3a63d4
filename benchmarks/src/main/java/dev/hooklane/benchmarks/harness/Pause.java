package dev.hooklane.benchmarks.harness;

import java.time.Duration;

/** Sleeping in the harness's own pacing loops, with the interrupt flag kept. */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
