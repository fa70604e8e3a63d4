package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.openapi.OpenApiContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ingest service's served {@code /openapi.json}: valid OpenAPI 3.1, and exactly the routes the service registers. */
@Tag("kafka")
class IngestOpenApiTest {

    private static IngestService service;
    private static HttpResponse<String> document;

    @BeforeAll
    static void start() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("ingestdoc"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        new IngestFixture(kafka).createTenant("acme");
        service = IngestService.start(new IngestConfig(kafka, HttpSettings.ephemeral(), Duration.ofSeconds(10), 2048, 3, 4096));
        document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldServeAValidOpenApi31Document() {
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(parsed.getOpenAPI().getPaths().get("/v1/events").getPost().getResponses()).containsKeys("202", "401", "413", "415", "422", "503");
    }

    @Test
    void shouldDescribeEveryRegisteredRouteAndNoOther() {
        OpenApiContract contract = OpenApiContract.of(document.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(service.routes()).contains("POST /v1/events", "GET /openapi.json");
        assertThat(contract.operations()).containsExactlyInAnyOrderElementsOf(service.routes().stream().distinct().toList());
    }

    @Test
    void shouldFindAnAnswerTheDocumentDoesNotDescribe() {
        OpenApiContract contract = IngestFixture.CONTRACT;
        assertThat(contract.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"),
                "{\"type\":\"t\",\"data\":{}}", 202, Optional.of("application/json"), "{\"id\":\"e-1\"}"))).isNotEmpty()
                .allSatisfy(violation -> assertThat(violation).contains("answer does not fit the documented schema"));
        assertThat(contract.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"),
                "[]", 202, Optional.of("application/json"), "{\"accepted\":[]}"))).isNotEmpty()
                .allSatisfy(violation -> assertThat(violation).contains("request does not fit the documented schema"));
        assertThat(contract.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"), "{}", 418,
                Optional.of("application/problem+json"), "{}"))).singleElement().asString().contains("not documented");
        assertThat(contract.violations(new OpenApiContract.Exchange("DELETE", "/v1/events", Optional.empty(), null, 204,
                Optional.empty(), ""))).singleElement().asString().contains("no such operation");
        assertThat(contract.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"),
                "{\"type\":\"t\",\"data\":{}}", 202, Optional.of("application/json"), "{\"id\":\"e-1\",\"status\":\"accepted\"}"))).isEmpty();
    }
}
