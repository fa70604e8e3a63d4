package dev.hooklane.subscriptions.eventtype;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /v1/event-types} against a real broker: the seed catalog, tenant types, schemas, archiving and samples. */
@Tag("kafka")
class EventTypeRoutesTest {

    private static KafkaSettings kafka;
    private static SubscriptionApi api;
    private static JsonHttp http;
    private static String acme;
    private static String globex;

    @BeforeAll
    static void start() {
        kafka = TestApi.kafka("evtypes");
        api = TestApi.start(TestApi.config(kafka));
        http = TestApi.client(api.port());
        acme = TestApi.tenant(http, "acme");
        globex = TestApi.tenant(http, "globex");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldListTheSeedCatalogToEveryTenant() {
        Answer list = http.get("/v1/event-types", globex);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data").findValuesAsText("name")).contains("reportCreated", "reportStateChanged", "operationCreated",
                "operationStateChanged", "operationRemoved", "processComplete", "NewCustomer", "NewProspect", "NewSuspect", "NewSubcontractor",
                "NewDeal", "NewOpportunity", "processStatusUpdated");
        JsonNode report = http.get("/v1/event-types/reportCreated", acme).json();
        assertThat(report.get("scope").asText()).isEqualTo("platform");
        assertThat(report.at("/examples/0/_links/operations").isObject()).isTrue();
    }

    @Test
    void shouldRegisterUpdateAndArchiveATenantsOwnType() {
        Answer created = http.post("/v1/event-types", acme, "{\"name\":\"invoice.paid\",\"description\":\"An invoice was paid\","
                + "\"schema\":{\"type\":\"object\",\"required\":[\"invoiceId\"]},\"examples\":[{\"invoiceId\":\"inv-1\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("scope").asText()).isEqualTo("tenant");
        assertThat(http.post("/v1/event-types", acme, "{\"name\":\"invoice.paid\"}").status()).isEqualTo(409);

        Answer patched = http.patch("/v1/event-types/invoice.paid", acme, "{\"description\":\"Paid in full\",\"examples\":[{\"invoiceId\":\"inv-2\"}]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("description").asText()).isEqualTo("Paid in full");
        assertThat(patched.json().at("/examples/0/invoiceId").asText()).isEqualTo("inv-2");

        assertThat(http.get("/v1/event-types/invoice.paid", globex).status()).isEqualTo(404);
        assertThat(http.patch("/v1/event-types/invoice.paid", globex, "{\"description\":\"x\"}").status()).isEqualTo(404);
        assertThat(http.delete("/v1/event-types/invoice.paid", globex).status()).isEqualTo(404);

        assertThat(http.delete("/v1/event-types/invoice.paid", acme).status()).isEqualTo(204);
        assertThat(http.get("/v1/event-types", acme).json().get("data").findValuesAsText("name")).doesNotContain("invoice.paid");
        assertThat(http.get("/v1/event-types?includeArchived=true", acme).json().get("data").findValuesAsText("name")).contains("invoice.paid");
        assertThat(http.get("/v1/event-types/invoice.paid/samples", acme).status()).isEqualTo(404);
        assertThat(http.patch("/v1/event-types/invoice.paid", acme, "{\"archived\":false}").json().get("archived").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseAnIncludeArchivedThatIsNeitherTrueNorFalseNamingIt() {
        for (String value : List.of("yes", "1", "TRUE", "")) {
            Answer refused = http.get("/v1/event-types?includeArchived=" + value, acme);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.errorFields()).containsExactly("includeArchived");
        }
        assertThat(http.get("/v1/event-types?includeArchived=false", acme).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseExamplesTheSchemaRejectsAndChangeNothing() {
        Answer refused = http.post("/v1/event-types", acme, "{\"name\":\"order.placed\",\"schema\":{\"type\":\"object\",\"required\":[\"orderId\"],"
                + "\"properties\":{\"orderId\":{\"type\":\"string\"}}},\"examples\":[{\"orderId\":\"o-1\"},{\"orderId\":7},{}]}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("examples[1]", "examples[2]");
        assertThat(http.get("/v1/event-types/order.placed", acme).status()).isEqualTo(404);

        Answer badSchema = http.post("/v1/event-types", acme, "{\"name\":\"order.placed\",\"schema\":\"object\"}");
        assertThat(badSchema.errorFields()).containsExactly("schema");
        Answer remote = http.post("/v1/event-types", acme,
                "{\"name\":\"order.placed\",\"schema\":{\"properties\":{\"a\":{\"$ref\":\"https://schemas.example/a.json\"}}}}");
        assertThat(remote.errorFields()).containsExactly("schema");
        Answer badName = http.post("/v1/event-types", acme, "{\"name\":\"order placed\",\"colour\":1}");
        assertThat(badName.errorFields()).containsExactly("colour");
        assertThat(http.post("/v1/event-types", acme, "{\"name\":\"order placed\"}").errorFields()).containsExactly("name");
    }

    @Test
    void shouldLetOnlyTheAdminChangeThePlatformCatalog() {
        assertThat(http.patch("/v1/event-types/NewDeal", acme, "{\"description\":\"mine now\"}").status()).isEqualTo(403);
        assertThat(http.delete("/v1/event-types/NewDeal", acme).status()).isEqualTo(403);
        Answer admin = http.post("/v1/event-types", TestApi.ADMIN_KEY, "{\"name\":\"platform.added\",\"examples\":[{\"k\":\"v\"}]}");
        assertThat(admin.status()).isEqualTo(201);
        assertThat(admin.json().get("scope").asText()).isEqualTo("platform");
        assertThat(http.get("/v1/event-types/platform.added", globex).status()).isEqualTo(200);
        assertThat(http.get("/v1/event-types", null).status()).isEqualTo(401);
    }

    @Test
    void shouldSampleExamplesElseTheTenantsRecentEvents() throws Exception {
        Answer examples = http.get("/v1/event-types/processComplete/samples", acme);
        assertThat(examples.json().get("source").asText()).isEqualTo("examples");
        assertThat(examples.json().at("/data/0/StatusDescription").asText()).isEqualTo("The process is complete");

        http.post("/v1/event-types", acme, "{\"name\":\"shipment.sent\"}");
        assertThat(http.get("/v1/event-types/shipment.sent/samples", acme).json().get("source").asText()).isEqualTo("none");
        try (EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers(), kafka.catalog().events())) {
            publisher.publish(event("e-1", "acme", "{\"shipment\":\"s-1\"}", Instant.parse("2026-01-01T10:00:00Z"))).join();
            publisher.publish(event("e-2", "acme", "{\"shipment\":\"s-2\"}", Instant.parse("2026-01-01T11:00:00Z"))).join();
            publisher.publish(event("e-3", "globex", "{\"shipment\":\"not-yours\"}", Instant.parse("2026-01-01T12:00:00Z"))).join();
        }
        Answer recent = http.get("/v1/event-types/shipment.sent/samples?limit=5", acme);
        assertThat(recent.json().get("source").asText()).isEqualTo("recent-events");
        assertThat(recent.json().get("data").findValuesAsText("shipment")).containsExactly("s-2", "s-1");
        assertThat(http.get("/v1/event-types/shipment.sent/samples?limit=50", acme).errorFields()).containsExactly("limit");
    }

    private static EventEnvelope event(String id, String tenant, String data, Instant time) throws Exception {
        return new EventEnvelope(id, URI.create("/shipping"), "shipment.sent", time, Optional.empty(), tenant,
                Json.mapper().readTree(data), Optional.empty());
    }
}
