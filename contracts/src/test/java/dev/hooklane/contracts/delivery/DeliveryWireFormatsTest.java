package dev.hooklane.contracts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.wire.WireReader;
import dev.hooklane.contracts.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The binary job, attempt and dead-letter records, and the first-version JSON records they still read. */
class DeliveryWireFormatsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456789Z");

    static DeliveryJob job() {
        return new DeliveryJob("msg_abc", "evt_1", "acme", Optional.of("sub_1"), Optional.empty(), "reportCreated", "application/json",
                "{\"event\":\"reportCreated\",\"payload\":{\"id\":\"r1\",\"name\":\"Zoë ☃\"}}".getBytes(StandardCharsets.UTF_8),
                NOW.minusMillis(5), NOW, 1, NOW);
    }

    static DeliveryJob callbackJob() {
        return new DeliveryJob("msg_cb", "evt_2", "acme", Optional.empty(), Optional.of("https://x.test/cb?r=1"), "processComplete",
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH.minusSeconds(5), NOW, 3, NOW.plusSeconds(5));
    }

    @Test
    void shouldRoundTripJobsOfBothKindsExactly() {
        assertThat(JobCodec.decode(JobCodec.encode(job()))).isEqualTo(job());
        assertThat(JobCodec.decode(JobCodec.encode(callbackJob()))).isEqualTo(callbackJob());
    }

    @Test
    void shouldEndAJobRecordWithItsBodyAsSent() {
        byte[] record = JobCodec.encode(job());
        byte[] body = job().body();
        assertThat(record[0]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOfRange(record, record.length - body.length, record.length)).isEqualTo(body);
    }

    @Test
    void shouldReadAFirstVersionJsonJob() {
        String json = "{\"jobId\":\"msg_abc\",\"eventId\":\"evt_1\",\"tenant\":\"acme\",\"subscriptionId\":\"sub_1\",\"eventType\":\"reportCreated\","
                + "\"contentType\":\"application/json\",\"body\":\"{\\\"event\\\":\\\"reportCreated\\\"}\",\"eventTime\":\"2026-11-23T10:15:30.118Z\","
                + "\"createdAt\":\"2026-11-23T10:15:30.123Z\",\"attempt\":2,\"dueAt\":\"2026-11-23T10:15:35.123Z\",\"addedLater\":1}";
        DeliveryJob read = JobCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.bodyText()).isEqualTo("{\"event\":\"reportCreated\"}");
        assertThat(read.subscriptionId()).contains("sub_1");
        assertThat(read.attempt()).isEqualTo(2);
        assertThat(read.dueAt()).isEqualTo(Instant.parse("2026-11-23T10:15:35.123Z"));
    }

    @Test
    void shouldSkipMetadataFieldsAppendedByALaterWriter() {
        byte[] record = JobCodec.encode(job());
        WireReader reader = new WireReader(record, 1, record.length);
        int metaLength = reader.readVarint();
        int metaStart = reader.position();
        byte[] meta = Arrays.copyOfRange(record, metaStart, metaStart + metaLength);
        byte[] body = Arrays.copyOfRange(record, metaStart + metaLength, record.length);
        WireWriter newer = new WireWriter(64).writeRaw(meta).writeString("a field added later").writeVarlong(42);
        WireWriter later = new WireWriter(record.length + 64).writeByte(2).writeVarint(newer.size()).writeRaw(newer.toByteArray()).writeRaw(body);
        assertThat(JobCodec.decode(later.toByteArray())).isEqualTo(job());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "{\"jobId\":\"m\"}", "[1]", "null"})
    void shouldRefuseWhatIsNoJob(String text) {
        assertThatThrownBy(() -> JobCodec.decode(text.getBytes(StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRefuseEveryTruncationOfAJobWithASerializationError() {
        byte[] record = JobCodec.encode(job());
        WireReader reader = new WireReader(record, 1, record.length);
        int metaEnd = reader.readVarint() + reader.position();
        for (int length = 0; length < metaEnd; length++) {
            byte[] cut = Arrays.copyOf(record, length);
            assertThatThrownBy(() -> JobCodec.decode(cut)).as("cut at %d", length).isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void shouldRoundTripAttemptRecordsWithAndWithoutOptionals() {
        AttemptRecord full = new AttemptRecord("msg_abc", "evt_1", "acme", Optional.of("sub_1"), 2, AttemptOutcome.RETRY, Optional.of(503), 120,
                Optional.of("busy ☃"), Optional.of("HTTP 503"), NOW, Optional.of("replay"));
        AttemptRecord bare = new AttemptRecord("msg_cb", "evt_2", "acme", Optional.empty(), 1, AttemptOutcome.SKIPPED, Optional.empty(), 0,
                Optional.empty(), Optional.empty(), NOW);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            AttemptRecord each = new AttemptRecord("m", "e", "t", Optional.empty(), 1, outcome, Optional.empty(), 1, Optional.empty(),
                    Optional.empty(), NOW);
            assertThat(AttemptCodec.decode(AttemptCodec.encode(each))).isEqualTo(each);
        }
        assertThat(AttemptCodec.decode(AttemptCodec.encode(full))).isEqualTo(full);
        assertThat(AttemptCodec.decode(AttemptCodec.encode(bare))).isEqualTo(bare);
        assertThat(AttemptCodec.encode(bare).length).isLessThan(40);
    }

    @Test
    void shouldReadAFirstVersionJsonAttemptIgnoringUnknownFields() {
        String json = "{\"jobId\":\"m\",\"eventId\":\"e\",\"tenant\":\"t\",\"attempt\":1,\"outcome\":\"success\",\"durationMillis\":3,"
                + "\"attemptedAt\":\"2026-11-23T10:15:30Z\",\"addedLater\":true}";
        AttemptRecord read = AttemptCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
        assertThat(read.statusCode()).isEmpty();
    }

    @Test
    void shouldCarryADeadLettersReasonInHeadersBesideTheJobRecord() {
        RecordHeaders jobHeaders = new RecordHeaders();
        jobHeaders.add(JobHeaders.TRIGGER, "replay".getBytes(StandardCharsets.UTF_8));
        var headers = DeadLetters.headers(jobHeaders, DeadLetterCause.EXHAUSTED, "exhausted 10 attempts", Optional.of(500),
                Optional.of("connect timed out"), NOW);
        DeadLetters.Entry read = DeadLetters.read(JobCodec.encode(job()), headers);
        assertThat(read).isEqualTo(new DeadLetters.Readable(new DeadLetter(job(), DeadLetterCause.EXHAUSTED, "exhausted 10 attempts",
                Optional.of(500), Optional.of("connect timed out"), Instant.ofEpochMilli(NOW.toEpochMilli()))));
        assertThat(headers.lastHeader(JobHeaders.TRIGGER)).isNotNull();
    }

    @Test
    void shouldKeepTheBytesOfAnUnreadableRecord() {
        byte[] garbage = {0, 1, 2, (byte) 0xFF};
        var headers = DeadLetters.headers(new RecordHeaders(), DeadLetterCause.UNREADABLE, "not a job", Optional.empty(), Optional.empty(), NOW);
        assertThat(DeadLetters.read(garbage, headers)).isInstanceOfSatisfying(DeadLetters.Unreadable.class, unreadable -> {
            assertThat(unreadable.value()).isEqualTo(garbage);
            assertThat(unreadable.reason()).isEqualTo("not a job");
        });
    }

    @Test
    void shouldReadAFirstVersionJsonDeadLetter() {
        String json = "{\"job\":{\"jobId\":\"msg_abc\",\"eventId\":\"evt_1\",\"tenant\":\"acme\",\"subscriptionId\":\"sub_1\","
                + "\"eventType\":\"reportCreated\",\"contentType\":\"application/json\",\"body\":\"{}\",\"eventTime\":\"2026-11-23T10:15:30Z\","
                + "\"createdAt\":\"2026-11-23T10:15:30Z\",\"attempt\":10,\"dueAt\":\"2026-11-23T10:15:30Z\"},"
                + "\"reason\":\"410 Gone: subscription disabled\",\"lastStatusCode\":410,\"deadAt\":\"2026-11-24T10:00:00Z\"}";
        DeadLetters.Entry read = DeadLetters.read(json.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        assertThat(read).isInstanceOfSatisfying(DeadLetters.Readable.class, readable -> {
            assertThat(readable.letter().cause()).isEqualTo(DeadLetterCause.GONE);
            assertThat(readable.letter().job().attempt()).isEqualTo(10);
            assertThat(readable.letter().lastStatusCode()).contains(410);
            assertThat(readable.deadAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        });
    }
}
