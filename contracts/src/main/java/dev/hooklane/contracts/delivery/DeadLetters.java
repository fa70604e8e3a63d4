package dev.hooklane.contracts.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The wire form of the dead-letter topic. The record's value is the job's record as a job topic
 * holds it ({@link JobCodec}), or, for a record that could not be read, its bytes as they were;
 * why it died travels in headers ({@value #CAUSE}, {@value #REASON}, {@value #STATUS},
 * {@value #ERROR}, {@value #AT}), beside the job's own headers. So a dead letter can be replayed
 * as it is, and nothing is lost even of a record nobody could read. Records of the first version
 * (a JSON object holding the job) have none of these headers and are still read.
 */
public final class DeadLetters {

    public static final String CAUSE = "hooklane.dlq.cause";
    public static final String REASON = "hooklane.dlq.reason";
    public static final String STATUS = "hooklane.dlq.status";
    public static final String ERROR = "hooklane.dlq.error";
    /** When it was dead-lettered, epoch milliseconds. */
    public static final String AT = "hooklane.dlq.at";

    /** What a dead-letter record holds. */
    public sealed interface Entry {
        DeadLetterCause cause();

        String reason();

        Instant deadAt();
    }

    /** A dead job that can be replayed. */
    public record Readable(DeadLetter letter) implements Entry {
        public DeadLetterCause cause() {
            return letter.cause();
        }

        public String reason() {
            return letter.reason();
        }

        public Instant deadAt() {
            return letter.deadAt();
        }
    }

    /** A record no job could be read from, kept with its bytes. */
    public record Unreadable(byte[] value, DeadLetterCause cause, String reason, Instant deadAt) implements Entry {
    }

    private DeadLetters() {
    }

    /**
     * The headers of a dead letter: {@code jobHeaders} (trigger, attempt trace) plus why it died.
     *
     * @param jobHeaders the headers the job carried, kept as they were
     */
    public static Headers headers(Headers jobHeaders, DeadLetterCause cause, String reason, Optional<Integer> status, Optional<String> error,
                                  Instant at) {
        RecordHeaders headers = new RecordHeaders(jobHeaders.toArray());
        for (String name : new String[] {CAUSE, REASON, STATUS, ERROR, AT}) {
            headers.remove(name);
        }
        headers.add(CAUSE, utf8(cause.wireName()));
        headers.add(REASON, utf8(reason));
        status.ifPresent(code -> headers.add(STATUS, utf8(Integer.toString(code))));
        error.ifPresent(text -> headers.add(ERROR, utf8(text)));
        headers.add(AT, utf8(Long.toString(at.toEpochMilli())));
        return headers;
    }

    /**
     * Reads a dead-letter record of either version.
     *
     * @throws SerializationException when the record is neither
     */
    public static Entry read(byte[] value, Headers headers) {
        if (headers.lastHeader(REASON) == null) {
            return new Readable(readFirstVersion(value));
        }
        DeadLetterCause cause = text(headers, CAUSE).flatMap(DeadLetterCause::fromWireName).orElse(DeadLetterCause.UNSENDABLE);
        String reason = text(headers, REASON).orElse("");
        Instant at = text(headers, AT).flatMap(DeadLetters::millis).orElse(Instant.EPOCH);
        if (cause == DeadLetterCause.UNREADABLE) {
            return new Unreadable(value == null ? new byte[0] : value, cause, reason, at);
        }
        DeliveryJob job = JobCodec.decode(value);
        Optional<Integer> status = text(headers, STATUS).flatMap(DeadLetters::integer);
        return new Readable(new DeadLetter(job, cause, reason, status, text(headers, ERROR), at));
    }

    private static DeadLetter readFirstVersion(byte[] value) {
        if (value == null) {
            throw new SerializationException("a dead letter without a value");
        }
        try {
            JsonNode node = Json.mapper().readTree(value);
            if (node == null || !node.hasNonNull("job") || !node.hasNonNull("reason")) {
                throw new SerializationException("not a dead letter: no job or reason");
            }
            DeliveryJob job = JobCodec.decode(Json.mapper().writeValueAsBytes(node.get("job")));
            String reason = node.get("reason").asText();
            Optional<Integer> status = Optional.ofNullable(node.get("lastStatusCode")).filter(JsonNode::isInt).map(JsonNode::asInt);
            Optional<String> error = Optional.ofNullable(node.get("lastError")).filter(JsonNode::isTextual).map(JsonNode::asText);
            Instant at = Optional.ofNullable(node.get("deadAt")).map(JsonNode::asText).map(Instant::parse).orElse(Instant.EPOCH);
            return new DeadLetter(job, causeOf(reason), reason, status, error, at);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException serialization) {
                throw serialization;
            }
            throw new SerializationException("not a dead letter of a known version: " + e.getMessage());
        }
    }

    /** First-version records name no cause; their reasons were written by one worker and say it. */
    private static DeadLetterCause causeOf(String reason) {
        if (reason.startsWith("exhausted")) {
            return DeadLetterCause.EXHAUSTED;
        }
        if (reason.startsWith("410")) {
            return DeadLetterCause.GONE;
        }
        if (reason.startsWith("subscription disabled")) {
            return DeadLetterCause.DISABLED;
        }
        if (reason.startsWith("address refused")) {
            return DeadLetterCause.REFUSED;
        }
        return reason.startsWith("HTTP") ? DeadLetterCause.CLIENT_ERROR : DeadLetterCause.UNSENDABLE;
    }

    private static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<Instant> millis(String text) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
