package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.service.http.Problem.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

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
}
