package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.openapi.OpenApiContract;
import dev.hooklane.testkit.openapi.OpenApiRefusals;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ingest service's served {@code /openapi.json}: valid OpenAPI 3.1, and exactly the routes the service registers. */
@Tag("kafka")
class IngestOpenApiTest {

    private static final HttpSettings HTTP = HttpSettings.ephemeral();
    private static IngestService service;
    private static HttpResponse<String> document;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("ingestdoc"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        key = new IngestFixture(kafka).createTenant("acme");
        service = IngestService.start(new IngestConfig(kafka, HTTP, Duration.ofSeconds(10), 2048, 3, 4096));
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
    void shouldListEveryRefusalAnyRouteGives() {
        List<String> disagreements = OpenApiRefusals.disagreements(new JsonHttp(service.port()), IngestFixture.CONTRACT, path -> key,
                HTTP.maxRequestBytes());
        assertThat(disagreements).as(String.join("\n", disagreements)).isEmpty();
    }

    @Test
    void shouldHoldA405ToTheDocumentsMethodsAndItsSharedAnswer() {
        OpenApiContract contract = IngestFixture.CONTRACT;
        String problem = "{\"type\":\"https://hooklane.dev/problems/method-not-allowed\",\"title\":\"Method not allowed\",\"status\":405}";
        Optional<String> problemType = Optional.of("application/problem+json");
        assertThat(contract.violations(new OpenApiContract.Exchange("GET", "/v1/events", Optional.empty(), null, 405, problemType, problem,
                Optional.of("POST")))).isEmpty();
        assertThat(contract.violations(new OpenApiContract.Exchange("GET", "/v1/events", Optional.empty(), null, 405, problemType, problem,
                Optional.empty()))).singleElement().asString().contains("does not name the documented methods");
        assertThat(contract.violations(new OpenApiContract.Exchange("GET", "/v1/events", Optional.empty(), null, 405, problemType, problem,
                Optional.of("POST, DELETE")))).singleElement().asString().contains("does not name the documented methods");
        assertThat(contract.violations(new OpenApiContract.Exchange("GET", "/v1/events", Optional.empty(), null, 405, problemType, "{}",
                Optional.of("POST")))).isNotEmpty().allSatisfy(violation -> assertThat(violation).contains("does not fit the documented schema"));
        assertThat(contract.violations(new OpenApiContract.Exchange("GET", "/v1/events", Optional.empty(), null, 404, problemType, problem,
                Optional.empty()))).singleElement().asString().contains("answered 405, not 404");
        assertThat(contract.violations(new OpenApiContract.Exchange("GET", "/v1/nowhere", Optional.empty(), null, 404, problemType, problem,
                Optional.empty()))).isEmpty();
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
        assertThat(contract.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"), "{}", 422,
                Optional.of("application/problem+json"), "{\"type\":\"https://hooklane.dev/problems/validation\",\"title\":\"t\",\"status\":422}")))
                .as("a 422 names its fields").isNotEmpty().allSatisfy(violation -> assertThat(violation).contains("errors"));
        assertThat(contract.violations(new OpenApiContract.Exchange("DELETE", "/v1/events", Optional.empty(), null, 204,
                Optional.empty(), ""))).singleElement().asString().contains("no such operation");
        assertThat(contract.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"),
                "{\"type\":\"t\",\"data\":{}}", 202, Optional.of("application/json"), "{\"id\":\"e-1\",\"status\":\"accepted\"}"))).isEmpty();
    }
}
