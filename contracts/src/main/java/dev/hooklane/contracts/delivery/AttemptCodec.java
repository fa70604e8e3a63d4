package dev.hooklane.contracts.delivery;

import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.wire.WireReader;
import dev.hooklane.contracts.wire.WireWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The wire form of attempt records on the attempts topic, one per request (or skip).
 *
 * <p>Version 2 (written since 0.2): the format byte {@code 0x02}, a byte of presence flags for
 * the optional fields, then the fields in {@link WireWriter} form. About 100 bytes for a
 * successful attempt, against about 300 of JSON, and read without a parser. Fields that a later
 * writer appends at the end are ignored. Version 1 (JSON) is still read.
 */
public final class AttemptCodec implements Serde<AttemptRecord> {

    static final int VERSION_2 = 2;
    private static final int HAS_SUBSCRIPTION = 1;
    private static final int HAS_STATUS = 1 << 1;
    private static final int HAS_EXCERPT = 1 << 2;
    private static final int HAS_ERROR = 1 << 3;
    private static final int HAS_TRIGGER = 1 << 4;
    /** Outcomes by their wire code; the code of an outcome never changes. */
    private static final AttemptOutcome[] OUTCOMES = {AttemptOutcome.SUCCESS, AttemptOutcome.RETRY, AttemptOutcome.DLQ, AttemptOutcome.SKIPPED};

    public static byte[] encode(AttemptRecord attempt) {
        int flags = (attempt.subscriptionId().isPresent() ? HAS_SUBSCRIPTION : 0)
                | (attempt.statusCode().isPresent() ? HAS_STATUS : 0)
                | (attempt.responseExcerpt().isPresent() ? HAS_EXCERPT : 0)
                | (attempt.error().isPresent() ? HAS_ERROR : 0)
                | (attempt.trigger().isPresent() ? HAS_TRIGGER : 0);
        WireWriter out = new WireWriter(128 + attempt.responseExcerpt().map(String::length).orElse(0));
        out.writeByte(VERSION_2).writeByte(flags)
                .writeString(attempt.jobId()).writeString(attempt.eventId()).writeString(attempt.tenant())
                .writeVarint(attempt.attempt()).writeByte(code(attempt.outcome()))
                .writeVarlong(attempt.durationMillis()).writeInstant(attempt.attemptedAt());
        attempt.subscriptionId().ifPresent(out::writeString);
        attempt.statusCode().ifPresent(out::writeVarint);
        attempt.responseExcerpt().ifPresent(out::writeString);
        attempt.error().ifPresent(out::writeString);
        attempt.trigger().ifPresent(out::writeString);
        return out.toByteArray();
    }

    /**
     * Reads an attempt record in any version.
     *
     * @throws SerializationException when the bytes are no attempt record of a known version
     */
    public static AttemptRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("an attempt record has no value");
        }
        try {
            return bytes[0] == VERSION_2 ? decodeVersion2(bytes) : decodeJson(bytes);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("not a valid attempt record: " + e.getMessage());
        }
    }

    private static AttemptRecord decodeVersion2(byte[] bytes) {
        WireReader in = new WireReader(bytes, 1, bytes.length);
        int flags = in.readByte();
        String jobId = in.readString();
        String eventId = in.readString();
        String tenant = in.readString();
        int attempt = in.readVarint();
        int code = in.readByte();
        if (code >= OUTCOMES.length) {
            throw new SerializationException("unknown attempt outcome code " + code);
        }
        long duration = in.readVarlong();
        Instant at = in.readInstant();
        Optional<String> subscription = (flags & HAS_SUBSCRIPTION) != 0 ? Optional.of(in.readString()) : Optional.empty();
        Optional<Integer> status = (flags & HAS_STATUS) != 0 ? Optional.of(in.readVarint()) : Optional.empty();
        Optional<String> excerpt = (flags & HAS_EXCERPT) != 0 ? Optional.of(in.readString()) : Optional.empty();
        Optional<String> error = (flags & HAS_ERROR) != 0 ? Optional.of(in.readString()) : Optional.empty();
        Optional<String> trigger = (flags & HAS_TRIGGER) != 0 ? Optional.of(in.readString()) : Optional.empty();
        return new AttemptRecord(jobId, eventId, tenant, subscription, attempt, OUTCOMES[code], status, duration, excerpt, error, at, trigger);
    }

    private static AttemptRecord decodeJson(byte[] bytes) {
        try {
            AttemptRecord record = Json.mapper().readValue(bytes, AttemptRecord.class);
            if (record == null) {
                throw new SerializationException("an attempt record of JSON null");
            }
            return record;
        } catch (IOException e) {
            throw new SerializationException("not an attempt record of a known version: " + e.getMessage());
        }
    }

    private static int code(AttemptOutcome outcome) {
        for (int i = 0; i < OUTCOMES.length; i++) {
            if (OUTCOMES[i] == outcome) {
                return i;
            }
        }
        throw new IllegalArgumentException("no wire code for " + outcome);
    }

    @Override
    public Serializer<AttemptRecord> serializer() {
        return (topic, attempt) -> attempt == null ? null : encode(attempt);
    }

    @Override
    public Deserializer<AttemptRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
