package dev.hooklane.cli.commands;

import dev.hooklane.cli.CliException;
import dev.hooklane.cli.ExitCodes;
import dev.hooklane.contracts.topic.RetryTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Option values the commands share: durations, instants and name=value pairs. */
final class Converters {

    private Converters() {
    }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT1H}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value) : RetryTier.parseDelay(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 30m, 24h or 7d");
            }
        }
    }

    /** An ISO-8601 instant ({@code 2025-11-23T10:00:00Z}), or a duration meaning that long ago ({@code 2h}). */
    static Instant instant(String value, Clock clock) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return clock.instant().minus(new DurationConverter().convert(value));
            } catch (CommandLine.TypeConversionException notADuration) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an instant such as 2025-11-23T10:00:00Z nor a duration such as 2h");
            }
        }
    }

    /** {@code name=value}. */
    static Map.Entry<String, String> pair(String text, String option) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new CliException(ExitCodes.USAGE, option + " takes name=value, not '" + text + "'");
        }
        return new AbstractMap.SimpleEntry<>(text.substring(0, equals), text.substring(equals + 1));
    }

    /** {@code attribute=v1,v2} as a filter condition {@code {"attribute", "values"}}. */
    static Map<String, Object> condition(String text) {
        Map.Entry<String, String> pair = pair(text, "--filter");
        return Map.of("attribute", pair.getKey(), "values", List.of(pair.getValue().split(",")));
    }
}
