package dev.hooklane.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.url.WebhookUrl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant TIME = Instant.parse("2026-11-23T10:00:00Z");

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static EventEnvelope envelope() {
        return new EventEnvelope("evt-1", URI.create("/reports"), "reportCreated", TIME, Optional.of("report/b0e7"),
                "acme", json("{\"type\":\"Report\",\"id\":\"b0e7\",\"state\":\"NEW\"}"),
                Optional.of(WebhookUrl.parse("https://my-webhook.credas.com/updates?our-reference=1232323")));
    }

    @Test
    void shouldRoundTripThroughStructuredJson() throws Exception {
        byte[] bytes = EventCodec.toStructuredJson(envelope());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"specversion\":\"1.0\"").contains("\"tenant\":\"acme\"").contains("\"data\":{\"type\":\"Report\"");
        assertThat(EventCodec.fromStructuredJson(bytes)).isEqualTo(envelope());
    }

    @Test
    void shouldReadStructuredJsonFromAKafkaRecordWithoutHeaders() throws Exception {
        byte[] bytes = EventCodec.toStructuredJson(envelope());
        assertThat(EventCodec.fromKafkaRecord(new RecordHeaders(), bytes, Instant.EPOCH)).isEqualTo(envelope());
    }

    @Test
    void shouldReadBinaryModeFromCeHeaders() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("evt-9"));
        headers.add("ce_source", bytes("/crm"));
        headers.add("ce_type", bytes("NewCustomer"));
        headers.add("ce_tenant", bytes("acme"));
        headers.add("content-type", bytes("application/json"));
        Instant recordTime = Instant.parse("2026-11-23T11:00:00Z");

        EventEnvelope read = EventCodec.fromKafkaRecord(headers, bytes("{\"name\":\"Ada\"}"), recordTime);

        assertThat(read.id()).isEqualTo("evt-9");
        assertThat(read.type()).isEqualTo("NewCustomer");
        assertThat(read.time()).isEqualTo(recordTime);
        assertThat(read.data().get("name").asText()).isEqualTo("Ada");
        assertThat(read.subject()).isEmpty();
    }

    @Test
    void shouldRefuseAKafkaRecordHoldingJsonNull() {
        assertThatThrownBy(() -> EventCodec.fromKafkaRecord(new org.apache.kafka.common.header.internals.RecordHeaders(), bytes("null"), java.time.Instant.now()))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("no CloudEvent");
    }

    @Test
    void shouldRefuseEventsWithoutATenant() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"a\",\"data\":{}}";
        assertThatThrownBy(() -> EventCodec.fromStructuredJson(bytes(json))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("tenant");
    }

    @Test
    void shouldRefuseBadTypesGarbageAndNonJsonData() {
        String badType = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"no spaces\",\"tenant\":\"t\",\"time\":\"2026-11-23T10:00:00Z\"}";
        assertThatThrownBy(() -> EventCodec.fromStructuredJson(bytes(badType))).hasMessageContaining("invalid type");
        assertThatThrownBy(() -> EventCodec.fromStructuredJson(bytes("{not json"))).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventCodec.fromKafkaRecord(new RecordHeaders(), null, TIME)).hasMessageContaining("no value");

        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("1"));
        headers.add("ce_source", bytes("/x"));
        headers.add("ce_type", bytes("a"));
        headers.add("ce_tenant", bytes("t"));
        headers.add("content-type", bytes("text/plain"));
        assertThatThrownBy(() -> EventCodec.fromKafkaRecord(headers, bytes("hello"), TIME)).hasMessageContaining("data must be JSON");
    }

    @Test
    void shouldKeySubjectEventsPerTenantAndSubject() {
        assertThat(envelope().partitionKey()).isEqualTo("acme/report/b0e7");
        EventEnvelope noSubject = new EventEnvelope("e", URI.create("/x"), "t", TIME, Optional.empty(), "acme", json("{}"), Optional.empty());
        assertThat(noSubject.partitionKey()).isEqualTo("acme");
    }

    @Test
    void shouldValidateEventTypeNames() {
        assertThat(EventTypes.isValid("reportCreated")).isTrue();
        assertThat(EventTypes.isValid("report.state.changed")).isTrue();
        assertThat(EventTypes.isValid("com.example:v1_x-y")).isTrue();
        assertThat(EventTypes.isValid("")).isFalse();
        assertThat(EventTypes.isValid(".report")).isFalse();
        assertThat(EventTypes.isValid("report.")).isFalse();
        assertThat(EventTypes.isValid("report..x")).isFalse();
        assertThat(EventTypes.isValid("report created")).isFalse();
        assertThat(EventTypes.isValid("x".repeat(129))).isFalse();
        assertThat(EventTypes.isValid(null)).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
