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
 * The wire form of delivery jobs on the deliveries and retry-tier topics.
 *
 * <p>Version 2 (written since 0.2): one format byte {@code 0x02}, a varint length, the job's
 * metadata in {@link WireWriter} form (ids, target, types, times, attempt), then the request body
 * as it is sent, to the end of the record. A reader takes the metadata without touching the body,
 * and the body without unescaping it; metadata fields that a later writer appends are skipped by
 * their length, so version-2 readers keep reading. Version 1 (JSON, the body a string inside) is
 * still read, so a worker reads every record an older router or worker wrote.
 */
public final class JobCodec implements Serde<DeliveryJob> {

    static final int VERSION_2 = 2;
    private static final int SUBSCRIPTION = 0;
    private static final int CALLBACK = 1;

    /** The version-1 JSON shape, read only. */
    private record JsonJob(String jobId, String eventId, String tenant, Optional<String> subscriptionId, Optional<String> callbackUrl,
                           String eventType, String contentType, String body, Instant eventTime, Instant createdAt, int attempt,
                           Instant dueAt) {
    }

    public static byte[] encode(DeliveryJob job) {
        WireWriter meta = new WireWriter(160);
        meta.writeString(job.jobId()).writeString(job.eventId()).writeString(job.tenant());
        if (job.subscriptionId().isPresent()) {
            meta.writeByte(SUBSCRIPTION).writeString(job.subscriptionId().get());
        } else {
            meta.writeByte(CALLBACK).writeString(job.callbackUrl().orElseThrow());
        }
        meta.writeString(job.eventType()).writeString(job.contentType())
                .writeInstant(job.eventTime()).writeInstant(job.createdAt()).writeInstant(job.dueAt())
                .writeVarint(job.attempt());
        byte[] body = job.body();
        int lengthSize = WireWriter.sizeOfVarint(meta.size());
        byte[] record = new byte[1 + lengthSize + meta.size() + body.length];
        record[0] = VERSION_2;
        new WireWriter(lengthSize).writeVarint(meta.size()).copyTo(record, 1);
        meta.copyTo(record, 1 + lengthSize);
        System.arraycopy(body, 0, record, 1 + lengthSize + meta.size(), body.length);
        return record;
    }

    /**
     * Reads a job in any version.
     *
     * @throws SerializationException when the bytes are no job of a known version, or a job that breaks its own rules
     */
    public static DeliveryJob decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("a job record has no value");
        }
        try {
            return bytes[0] == VERSION_2 ? decodeVersion2(bytes) : decodeJson(bytes);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("not a valid job: " + e.getMessage());
        }
    }

    private static DeliveryJob decodeVersion2(byte[] bytes) {
        WireReader reader = new WireReader(bytes, 1, bytes.length);
        int metaLength = reader.readVarint();
        int bodyStart = reader.position() + metaLength;
        if (metaLength < 0 || bodyStart > bytes.length) {
            throw new SerializationException("job metadata runs past the record");
        }
        WireReader meta = new WireReader(bytes, reader.position(), bodyStart);
        String jobId = meta.readString();
        String eventId = meta.readString();
        String tenant = meta.readString();
        int kind = meta.readByte();
        String target = meta.readString();
        if (kind != SUBSCRIPTION && kind != CALLBACK) {
            throw new SerializationException("unknown job target kind " + kind);
        }
        String eventType = meta.readString();
        String contentType = meta.readString();
        Instant eventTime = meta.readInstant();
        Instant createdAt = meta.readInstant();
        Instant dueAt = meta.readInstant();
        int attempt = meta.readVarint();
        reader.skipTo(bodyStart);
        return new DeliveryJob(jobId, eventId, tenant, kind == SUBSCRIPTION ? Optional.of(target) : Optional.empty(),
                kind == CALLBACK ? Optional.of(target) : Optional.empty(), eventType, contentType, reader.readRemaining(),
                eventTime, createdAt, attempt, dueAt);
    }

    private static DeliveryJob decodeJson(byte[] bytes) {
        JsonJob json;
        try {
            json = Json.mapper().readValue(bytes, JsonJob.class);
        } catch (IOException e) {
            throw new SerializationException("not a job record of a known version: " + e.getMessage());
        }
        if (json == null || json.body() == null) {
            throw new SerializationException("a JSON job record without a body");
        }
        return new DeliveryJob(json.jobId(), json.eventId(), json.tenant(), json.subscriptionId(), json.callbackUrl(), json.eventType(),
                json.contentType(), json.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), json.eventTime(), json.createdAt(),
                json.attempt(), json.dueAt());
    }

    @Override
    public Serializer<DeliveryJob> serializer() {
        return (topic, job) -> job == null ? null : encode(job);
    }

    @Override
    public Deserializer<DeliveryJob> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
