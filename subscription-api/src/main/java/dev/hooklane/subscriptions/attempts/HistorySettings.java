package dev.hooklane.subscriptions.attempts;

import dev.hooklane.service.config.EnvConfig;
import java.time.Duration;

/**
 * How much delivery history the API keeps and scans.
 *
 * @param attemptLogMaxBytes {@code HOOKLANE_ATTEMPT_LOG_MAX_BYTES}: memory the attempt log may use
 *     (estimated); the oldest attempts are forgotten beyond it, default 128 MiB
 * @param attemptsPerSubscription {@code HOOKLANE_ATTEMPT_LOG_PER_SUBSCRIPTION}: newest attempts kept per
 *     subscription, default 1000
 * @param attemptLogLookback {@code HOOKLANE_ATTEMPT_LOG_LOOKBACK}: how far back the log is loaded at
 *     start, default 3d
 * @param maxScannedRecords {@code HOOKLANE_REPLAY_MAX_SCANNED}: most records one replay or recovery
 *     reads, default 1000000
 * @param maxScanTime {@code HOOKLANE_REPLAY_MAX_SCAN_TIME}: longest one replay or recovery reads,
 *     default 30s
 */
public record HistorySettings(long attemptLogMaxBytes, int attemptsPerSubscription, Duration attemptLogLookback, int maxScannedRecords,
                              Duration maxScanTime) {

    public static HistorySettings defaults() {
        return new HistorySettings(128L << 20, 1000, Duration.ofDays(3), 1_000_000, Duration.ofSeconds(30));
    }

    public static HistorySettings from(EnvConfig env) {
        HistorySettings defaults = defaults();
        return new HistorySettings(
                env.integer("HOOKLANE_ATTEMPT_LOG_MAX_BYTES", (int) defaults.attemptLogMaxBytes(), 1 << 20, Integer.MAX_VALUE),
                env.integer("HOOKLANE_ATTEMPT_LOG_PER_SUBSCRIPTION", defaults.attemptsPerSubscription(), 1, 1_000_000),
                env.duration("HOOKLANE_ATTEMPT_LOG_LOOKBACK", defaults.attemptLogLookback(), Duration.ofMinutes(1), Duration.ofDays(365)),
                env.integer("HOOKLANE_REPLAY_MAX_SCANNED", defaults.maxScannedRecords(), 1, Integer.MAX_VALUE),
                env.duration("HOOKLANE_REPLAY_MAX_SCAN_TIME", defaults.maxScanTime(), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }
}
