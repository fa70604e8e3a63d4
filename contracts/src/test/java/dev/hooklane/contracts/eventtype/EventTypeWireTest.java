package dev.hooklane.contracts.eventtype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.idempotency.IdempotentAnswer;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTypeWireTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void shouldRoundTripAnEventTypeWithSchemaAndExamples() throws Exception {
        EventType type = new EventType("reportCreated", Optional.of("acme"), Optional.of("New report created"),
                Optional.of(json("{\"type\":\"object\",\"required\":[\"id\"]}")), List.of(json("{\"id\":\"r1\",\"state\":\"NEW\"}")),
                Optional.empty(), NOW, NOW);
        JsonSerde<EventType> serde = JsonSerde.of(EventType.class);
        assertThat(serde.fromBytes(serde.toBytes(type))).isEqualTo(type);
        assertThat(type.key()).isEqualTo("acme/reportCreated");
        assertThat(type.archive(NOW.plusSeconds(1)).archived()).isTrue();
    }

    @Test
    void shouldKeyPlatformTypesUnderTheStarOwner() {
        EventType type = new EventType("NewCustomer", Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), NOW, NOW);
        assertThat(type.key()).isEqualTo("*/NewCustomer");
        assertThatThrownBy(() -> new EventType("not ok", Optional.empty(), null, null, null, null, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripAPendingAndACompletedIdempotentAnswer() {
        JsonSerde<IdempotentAnswer> serde = JsonSerde.of(IdempotentAnswer.class);
        IdempotentAnswer pending = IdempotentAnswer.pending("c1", "abc", NOW, NOW.plusSeconds(60));
        IdempotentAnswer done = pending.completed(201, "application/json", "{\"id\":\"sub_1\"}", NOW.plusSeconds(86_400));
        assertThat(serde.fromBytes(serde.toBytes(pending))).isEqualTo(pending);
        assertThat(serde.fromBytes(serde.toBytes(done))).isEqualTo(done);
        assertThat(pending.isPending()).isTrue();
        assertThat(done.isPending()).isFalse();
        assertThat(done.liveAt(NOW.plusSeconds(86_399))).isTrue();
        assertThat(done.liveAt(NOW.plusSeconds(86_400))).isFalse();
    }
}
