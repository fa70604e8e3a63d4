package dev.hooklane.subscriptions.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The served {@code /openapi.json}: valid OpenAPI 3.1 by a real parser, and the same routes the service registers. */
@Tag("kafka")
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static SubscriptionApi api;
    private static SwaggerParseResult parsed;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("openapi")));
        Answer document = TestApi.client(api.port()).get("/openapi.json", null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("content-type")).get().asString().startsWith("application/json");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(document.body(), null, options);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> documented() {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : parsed.getOpenAPI().getPaths().entrySet()) {
            path.getValue().readOperationsMap().keySet().forEach(method -> operations.add(method.name().toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        return operations;
    }

    private static List<String> registered() {
        return api.routes().stream().filter(route -> METHODS.contains(route.substring(0, route.indexOf(' ')))).distinct().toList();
    }

    @Test
    void shouldBeAValidOpenApi31Document() {
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI openApi = parsed.getOpenAPI();
        assertThat(openApi.getOpenapi()).startsWith("3.1");
        assertThat(openApi.getComponents().getSecuritySchemes()).containsKeys("bearer", "subscriptionKey");
        assertThat(openApi.getPaths().get("/v1/subscriptions").getPost().getResponses()).containsKeys("201", "422");
    }

    @Test
    void shouldDescribeEveryRegisteredRoute() {
        assertThat(registered()).isNotEmpty().contains("PATCH /v1/subscriptions/{id}", "GET /webhookconfig");
        assertThat(documented()).containsAll(registered());
    }

    @Test
    void shouldDescribeOnlyRoutesThatExist() {
        assertThat(registered()).containsAll(documented());
    }
}
