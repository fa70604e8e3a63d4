package dev.hooklane.subscriptions.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.testing.TestApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.openapi.OpenApiContract;
import dev.hooklane.testkit.openapi.OpenApiRefusals;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every refusal the HTTP edge gives on any route of the API is listed by the document for that route. */
@Tag("kafka")
class OpenApiRefusalsTest {

    private static SubscriptionApi api;
    private static String key;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("openapi-refusals")));
        key = TestApi.tenant(TestApi.client(api.port()), "acme");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldListEveryRefusalAnyRouteGives() {
        List<String> disagreements = OpenApiRefusals.disagreements(new JsonHttp(api.port()), OpenApiContract.fromResource("openapi.json"),
                path -> path.startsWith("/v1/admin") ? TestApi.ADMIN_KEY : key, HttpSettings.ephemeral().maxRequestBytes());
        assertThat(disagreements).as(String.join("\n", disagreements)).isEmpty();
    }
}
