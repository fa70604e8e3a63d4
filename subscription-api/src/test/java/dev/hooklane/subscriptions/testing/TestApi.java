package dev.hooklane.subscriptions.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.openapi.OpenApiContract;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.subscriptions.attempts.HistorySettings;
import dev.hooklane.service.ssrf.AddressPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Starts subscription API instances on the shared test broker, on topics of their own. */
public final class TestApi {

    /** The admin key of every test instance. */
    public static final String ADMIN_KEY = "admin-key-for-tests-only";

    private TestApi() {
    }

    /** Settings for a fresh set of topics. */
    public static KafkaSettings kafka(String name) {
        return KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix(name),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
    }

    /** A configuration with https required, no allow-list, and the seed catalog. */
    public static SubscriptionApiConfig config(KafkaSettings kafka) {
        return new SubscriptionApiConfig(kafka, HttpSettings.ephemeral(), Optional.of(ADMIN_KEY), false, Duration.ofSeconds(10),
                AddressPolicy.publicOnly(), Duration.ofHours(24), Optional.of(SubscriptionApiConfig.SEED_CATALOG), Duration.ofHours(24),
                HistorySettings.defaults());
    }

    /** A configuration that accepts http URLs to this machine, as the local stack does. */
    public static SubscriptionApiConfig localConfig(KafkaSettings kafka) {
        return new SubscriptionApiConfig(kafka, HttpSettings.ephemeral(), Optional.of(ADMIN_KEY), true, Duration.ofSeconds(10),
                AddressPolicy.withAllowList(List.of("127.0.0.0/8")), Duration.ofHours(24), Optional.of(SubscriptionApiConfig.SEED_CATALOG),
                Duration.ofHours(24), HistorySettings.defaults());
    }

    /** Creates a tenant through the admin route and returns its first API key. */
    /** The API's document, which every exchange of {@link #client} is held to. */
    private static final OpenApiContract DOCUMENT = OpenApiContract.fromResource("openapi.json");

    /** A client of the API on {@code port} whose every exchange must agree with the served OpenAPI document. */
    public static JsonHttp client(int port) {
        return new JsonHttp(port).checkedAgainst(DOCUMENT);
    }

    public static String tenant(JsonHttp client, String id) {
        JsonHttp.Answer created = client.post("/v1/admin/tenants", ADMIN_KEY, "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/apiKey/key").asText();
    }

    public static SubscriptionApi start(SubscriptionApiConfig config) {
        return SubscriptionApi.start(config);
    }
}
