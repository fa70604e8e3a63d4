package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.EnvConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How much delivery history the API keeps and scans.
 *
 * @param attemptHistoryDir {@code HOOKLANE_ATTEMPT_HISTORY_DIR}: where the attempt history's index lives on
 *     disk; kept across restarts, so the instance resumes where it stopped; one directory per instance.
 *     Unset: a temporary directory, deleted at shutdown, rebuilt from the attempts topic at each start
 * @param attemptHistoryRetention {@code HOOKLANE_ATTEMPT_HISTORY_RETENTION}: how long attempts stay in the history,
 *     default 7d, at most the attempts topic's retention ({@link TopicCatalog#ATTEMPTS_RETENTION})
 * @param maxScannedRecords {@code HOOKLANE_REPLAY_MAX_SCANNED}: most records one replay or recovery
 *     reads, default 1000000
 * @param maxScanTime {@code HOOKLANE_REPLAY_MAX_SCAN_TIME}: longest one replay or recovery reads,
 *     default 30s
 */
public record HistorySettings(Optional<Path> attemptHistoryDir, Duration attemptHistoryRetention, int maxScannedRecords, Duration maxScanTime) {

    /** The default retention of the attempt history. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public HistorySettings {
        attemptHistoryDir = attemptHistoryDir == null ? Optional.empty() : attemptHistoryDir;
        Objects.requireNonNull(attemptHistoryRetention, "attemptHistoryRetention");
        Objects.requireNonNull(maxScanTime, "maxScanTime");
    }

    public static HistorySettings defaults() {
        return new HistorySettings(Optional.empty(), DEFAULT_RETENTION, 1_000_000, Duration.ofSeconds(30));
    }

    public static HistorySettings from(EnvConfig env) {
        HistorySettings defaults = defaults();
        String dir = env.string("HOOKLANE_ATTEMPT_HISTORY_DIR", "");
        return new HistorySettings(
                dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
                env.duration("HOOKLANE_ATTEMPT_HISTORY_RETENTION", defaults.attemptHistoryRetention(), Duration.ofMinutes(1),
                        TopicCatalog.ATTEMPTS_RETENTION),
                env.integer("HOOKLANE_REPLAY_MAX_SCANNED", defaults.maxScannedRecords(), 1, Integer.MAX_VALUE),
                env.duration("HOOKLANE_REPLAY_MAX_SCAN_TIME", defaults.maxScanTime(), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }

    /** The same settings with the history kept in {@code directory}. */
    public HistorySettings withAttemptHistoryDir(Path directory) {
        return new HistorySettings(Optional.of(directory), attemptHistoryRetention, maxScannedRecords, maxScanTime);
    }
}
