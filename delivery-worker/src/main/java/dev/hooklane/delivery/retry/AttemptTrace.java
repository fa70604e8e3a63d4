package dev.hooklane.delivery.retry;

import dev.hooklane.contracts.delivery.JobHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The results of a job's earlier attempts ({@code 503}, {@code timeout}, {@code circuit_open}),
 * carried in record headers from tier to tier, so the dead letter of an exhausted job can say what
 * happened without reading the attempt log.
 *
 * @param results one short result per earlier attempt, oldest first
 * @param firstAttemptAt when the first attempt started, once there was one
 */
public record AttemptTrace(List<String> results, Optional<Instant> firstAttemptAt) {

    /** The result of a job not sent because its endpoint's circuit was open: not an attempt. */
    public static final String CIRCUIT_OPEN = "circuit_open";
    /** Longest trace kept; a schedule is far shorter. */
    private static final int MAX = 64;

    public AttemptTrace {
        results = List.copyOf(results);
    }

    public static AttemptTrace empty() {
        return new AttemptTrace(List.of(), Optional.empty());
    }

    public static AttemptTrace from(Headers headers) {
        List<String> results = text(headers, JobHeaders.ATTEMPTS)
                .map(value -> Arrays.stream(value.split(",")).filter(s -> !s.isBlank()).toList()).orElse(List.of());
        Optional<Instant> first = text(headers, JobHeaders.FIRST_ATTEMPT_AT).flatMap(AttemptTrace::millis);
        return new AttemptTrace(results, first);
    }

    /** This trace with one more attempt's result. */
    public AttemptTrace plus(String result, Instant attemptedAt) {
        List<String> more = new ArrayList<>(results);
        if (more.size() < MAX) {
            more.add(result.replace(',', ' '));
        }
        return new AttemptTrace(more, Optional.of(firstAttemptAt.orElse(attemptedAt)));
    }

    public void writeTo(Headers headers) {
        headers.remove(JobHeaders.ATTEMPTS);
        headers.remove(JobHeaders.FIRST_ATTEMPT_AT);
        headers.add(JobHeaders.ATTEMPTS, String.join(",", results).getBytes(StandardCharsets.UTF_8));
        firstAttemptAt.ifPresent(at -> headers.add(JobHeaders.FIRST_ATTEMPT_AT,
                Long.toString(at.toEpochMilli()).getBytes(StandardCharsets.UTF_8)));
    }

    /** E.g. {@code 10 attempts over 3d 3h: 503 x7, timeout x3}; circuit-open skips are listed but not counted as attempts. */
    public String summary(Instant now) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        results.forEach(result -> counts.merge(result, 1, Integer::sum));
        long attempts = results.stream().filter(result -> !CIRCUIT_OPEN.equals(result)).count();
        StringBuilder text = new StringBuilder().append(attempts).append(attempts == 1 ? " attempt" : " attempts");
        firstAttemptAt.ifPresent(first -> text.append(" over ").append(human(Duration.between(first, now))));
        text.append(':');
        counts.forEach((result, count) -> text.append(' ').append(result).append(" x").append(count).append(','));
        text.setLength(text.length() - 1);
        return text.toString();
    }

    private static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        return seconds / 86_400 > 0 ? seconds / 86_400 + "d " + (seconds % 86_400) / 3600 + "h" : seconds / 3600 + "h";
    }

    static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<Instant> millis(String text) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
