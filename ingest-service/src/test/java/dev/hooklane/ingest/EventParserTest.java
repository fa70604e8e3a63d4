package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.service.http.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final EventParser parser = new EventParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private EventParser.Result.Parsed parsed(String text) throws Exception {
        EventParser.Result result = parser.parse(json(text), "acme", "");
        assertThat(result).isInstanceOf(EventParser.Result.Parsed.class);
        return (EventParser.Result.Parsed) result;
    }

    private EventParser.Result.Refused refused(String text) throws Exception {
        EventParser.Result result = parser.parse(json(text), "acme", "");
        assertThat(result).isInstanceOf(EventParser.Result.Refused.class);
        return (EventParser.Result.Refused) result;
    }

    @Test
    void shouldReadThePlatformsShapeWithDefaults() throws Exception {
        var event = parsed("{\"type\":\"reportCreated\",\"data\":{\"id\":\"r1\"}}").event();
        assertThat(event.type()).isEqualTo("reportCreated");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.source().toString()).isEqualTo("/acme");
        assertThat(event.id()).isNotBlank();
        assertThat(event.data().get("id").asText()).isEqualTo("r1");
    }

    @Test
    void shouldKeepTheProducersIdTimeSubjectAndCallback() throws Exception {
        var event = parsed("{\"id\":\"evt-7\",\"type\":\"processComplete\",\"time\":\"2026-11-20T08:00:00+02:00\",\"subject\":\"p-1\","
                + "\"callbackUrl\":\"https://my-webhook.credas.com/updates?our-reference=1232323\",\"data\":{}}").event();
        assertThat(event.id()).isEqualTo("evt-7");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T06:00:00Z"));
        assertThat(event.subject()).contains("p-1");
        assertThat(event.callbackUrl()).get().hasToString("https://my-webhook.credas.com/updates?our-reference=1232323");
    }

    @Test
    void shouldReadKeyclicsEventPayloadShape() throws Exception {
        var event = parsed("{\"event\":\"reportCreated\",\"payload\":{\"type\":\"Report\",\"_links\":{}}}").event();
        assertThat(event.type()).isEqualTo("reportCreated");
        assertThat(event.data().get("type").asText()).isEqualTo("Report");
    }

    @Test
    void shouldReadStructuredCloudEventsAndRefuseAnotherTenant() throws Exception {
        var event = parsed("{\"specversion\":\"1.0\",\"id\":\"ce-1\",\"source\":\"/crm\",\"type\":\"NewCustomer\",\"data\":{\"name\":\"Ada\"}}").event();
        assertThat(event.id()).isEqualTo("ce-1");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(refused("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"a\",\"tenant\":\"globex\"}").errors())
                .extracting(FieldError::field).containsExactly("tenant");
    }

    @Test
    void shouldNameEveryBadField() throws Exception {
        assertThat(refused("{\"data\":{}}").errors()).extracting(FieldError::field).containsExactly("type");
        assertThat(refused("{\"type\":\"bad type\"}").errors()).extracting(FieldError::field).containsExactly("type", "data");
        assertThat(refused("{\"type\":\"a\",\"data\":1,\"time\":\"yesterday\",\"callbackUrl\":\"/relative\",\"id\":5}").errors())
                .extracting(FieldError::field).containsExactlyInAnyOrder("time", "callbackUrl", "id");
        assertThat(refused("{\"type\":\"a\",\"data\":1,\"tennant\":\"x\"}").errors()).extracting(FieldError::field).containsExactly("tennant");
        assertThat(parser.parse(json("[1]"), "acme", "[0].")).isInstanceOf(EventParser.Result.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com:65536/cb", "https://example.com:0/cb", "https://user:pw@example.com/cb",
            "https://example.com/cb#part", "ftp://example.com/cb"})
    void shouldRefuseACallbackUrlThatBreaksTheWebhookUrlRule(String url) throws Exception {
        assertThat(refused("{\"type\":\"a\",\"data\":1,\"callbackUrl\":\"" + url + "\"}").errors())
                .extracting(FieldError::field).containsExactly("callbackUrl");
        assertThat(refused("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"a\",\"callbackurl\":\"" + url + "\"}")
                .errors()).hasSize(1);
    }

    @Test
    void shouldTakeTheIdIfAbsentOnlyWhenTheEventNamesNone() throws Exception {
        var given = parser.parse(json("{\"type\":\"a\",\"data\":1}"), "acme", "", Optional.of("key-1"));
        var own = parser.parse(json("{\"id\":\"own\",\"type\":\"a\",\"data\":1}"), "acme", "", Optional.of("key-1"));
        var cloudEvent = parser.parse(json("{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"a\"}"), "acme", "", Optional.of("key-2"));
        assertThat(((EventParser.Result.Parsed) given).event().id()).isEqualTo("key-1");
        assertThat(((EventParser.Result.Parsed) own).event().id()).isEqualTo("own");
        assertThat(((EventParser.Result.Parsed) cloudEvent).event().id()).isEqualTo("key-2");
    }

    @Test
    void shouldReadABinaryModeEventAndRefuseOneWithoutAType() {
        var headers = Map.of("ce-specversion", "1.0", "ce-id", "b-1", "ce-source", "/crm", "ce-type", "NewCustomer",
                "Content-Type", "application/json");
        var result = parser.parseBinary(headers, "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), "acme",
                Optional.empty());
        assertThat(result).isInstanceOf(EventParser.Result.Parsed.class);
        var event = ((EventParser.Result.Parsed) result).event();
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.data().get("name").asText()).isEqualTo("Ada");

        var unnamed = new HashMap<>(headers);
        unnamed.remove("ce-id");
        var keyed = parser.parseBinary(unnamed, new byte[0], "acme", Optional.of("key-3"));
        assertThat(((EventParser.Result.Parsed) keyed).event().id()).isEqualTo("key-3");
        assertThat(parser.parseBinary(unnamed, new byte[0], "acme", Optional.empty())).isInstanceOf(EventParser.Result.Refused.class);

        var untyped = new HashMap<>(headers);
        untyped.remove("ce-type");
        assertThat(parser.parseBinary(untyped, new byte[0], "acme", Optional.empty()))
                .isInstanceOf(EventParser.Result.Refused.class);
        var textData = new HashMap<>(headers);
        textData.put("Content-Type", "text/plain");
        assertThat(parser.parseBinary(textData, "hello".getBytes(StandardCharsets.UTF_8), "acme", Optional.empty()))
                .isInstanceOf(EventParser.Result.Refused.class);
    }
}
