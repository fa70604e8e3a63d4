package dev.hooklane.contracts.topic;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of the retry schedule: jobs waiting {@code delay} before their next attempt live in the
 * topic named after the delay ({@code retry.5s}, {@code retry.30m}, {@code retry.2h}).
 *
 * @param index position in the schedule, 0 for the first retry
 * @param delay the wait before the attempt this tier feeds
 */
public record RetryTier(int index, Duration delay) {

    public RetryTier {
        Objects.requireNonNull(delay, "delay");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("retry delay must be positive: " + delay);
        }
    }

    /** The short, human form used in topic names and metric tags: 500ms, 5s, 5m, 2h, 1d. */
    public String label() {
        return label(delay);
    }

    public static String label(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1_000L == 0) {
            return millis / 1_000L + "s";
        }
        return millis + "ms";
    }

    /** Parses the label form back: {@code 500ms}, {@code 5s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static Duration parseDelay(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("unknown unit in '" + text + "' (use ms, s, m, h or d)");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a delay: '" + text + "' (e.g. 500ms, 5s, 5m, 2h, 1d)", e);
        }
    }
}
