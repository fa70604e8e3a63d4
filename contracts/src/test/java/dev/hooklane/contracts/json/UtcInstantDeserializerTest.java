package dev.hooklane.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcInstantDeserializerTest {

    /** What the wire read before: Jackson's own instant reading. */
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void shouldReadEveryInstantTheWireWritesAsJacksonDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(), Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String json = Json.mapper().writeValueAsString(instant);

            assertThat(Json.mapper().readValue(json, Instant.class)).as(json).isEqualTo(instant).isEqualTo(JACKSON.readValue(json, Instant.class));
        }
    }

    @Test
    void shouldAcceptAndRefuseWhatJacksonAcceptsAndRefuses() throws Exception {
        for (String json : List.of("\"2026-11-23T15:02:19+01:00\"", "\"2026-11-23T14:02:19.5Z\"", "\"+12026-11-23T14:02:19Z\"", "1795442539",
                "1795442539.123456789", "\"2026-11-23t14:02:19z\"", "\"2026-02-30T00:00:00Z\"", "\"2026-13-01T00:00:00Z\"",
                "\"2026-11-23T24:00:00Z\"", "\"2026-11-23T23:59:60Z\"", "\"2026-11-23T14:02:19.Z\"", "\"2026-11-23T14:02:19.1234567890Z\"",
                "\"2026-11-23T14:0x:19Z\"", "\"\"")) {
            Instant expected;
            try {
                expected = JACKSON.readValue(json, Instant.class);
            } catch (InvalidFormatException e) {
                assertThatThrownBy(() -> Json.mapper().readValue(json, Instant.class)).as(json).isInstanceOf(InvalidFormatException.class);
                continue;
            }
            assertThat(Json.mapper().readValue(json, Instant.class)).as(json).isEqualTo(expected);
        }
    }

    @Test
    void shouldParseTheCanonicalFormWithoutFallingBack() {
        assertThat(UtcInstantDeserializer.parseUtc("2026-11-23T14:02:19.123456789Z")).contains(Instant.parse("2026-11-23T14:02:19.123456789Z"));
        assertThat(UtcInstantDeserializer.parseUtc("1970-01-01T00:00:00Z")).contains(Instant.EPOCH);
        assertThat(UtcInstantDeserializer.parseUtc("2026-11-23T15:02:19+01:00")).isEmpty();
    }
}
