package dev.hooklane.local.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.local.LocalStack;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One local stack with traffic of every outcome (delivered, retried, dead-lettered after a 410,
 * refused at ingest), scraped once per service; every check of the metrics reads those scrapes.
 */
@Tag("kafka")
class ObservabilityTest {

    private static final String ADMIN_KEY = "admin-key-for-metrics-tests";
    private static final JsonHttp HTTP = new JsonHttp();
    private static LocalStack stack;
    private static ScriptableReceiver receiver;
    private static Traffic traffic;
    private static TopicCatalog catalog;
    private static final Map<String, String> scrapes = new LinkedHashMap<>();
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @BeforeAll
    static void startStackAndDriveTraffic() throws Exception {
        receiver = ScriptableReceiver.start();
        receiver.always("/fails", Behaviour.status(503)).always("/gone", Behaviour.status(410));
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("metrics"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        catalog = kafka.catalog();
        stack = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", 0, ADMIN_KEY, Files.createTempDirectory("router-state")));
        traffic = Traffic.drive(stack, receiver, ADMIN_KEY);
        // Wait until every kind of outcome shows in the meters.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            PrometheusText worker = PrometheusText.parse(get(stack.workerUrl() + "/metrics"));
            assertThat(worker.value("webhook_delivery_attempts_total", Map.of("outcome", "success", "status_class", "2xx"))).isPositive();
            assertThat(worker.value("webhook_delivery_attempts_total", Map.of("outcome", "retry", "status_class", "5xx"))).isPositive();
            assertThat(worker.value("webhook_delivery_attempts_total", Map.of("outcome", "dlq", "status_class", "4xx"))).isPositive();
            assertThat(worker.value("webhook_delivery_latency_seconds_count", Map.of())).isPositive();
            // The 410 disabled a subscription, and the API has read that change.
            PrometheusText api = PrometheusText.parse(get(stack.apiUrl() + "/metrics"));
            assertThat(api.value("webhook_subscriptions", Map.of("state", "disabled"))).isPositive();
        });
        scrapes.put("subscription-api", get(stack.apiUrl() + "/metrics"));
        scrapes.put("ingest", get(stack.ingestUrl() + "/metrics"));
        scrapes.put("router", get(stack.routerUrl() + "/metrics"));
        scrapes.put("delivery-worker", get(stack.workerUrl() + "/metrics"));
        // Kept for reading when a check fails, and as a sample of what each service serves.
        Path kept = Files.createDirectories(Path.of("target", "scrapes"));
        for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
            Files.writeString(kept.resolve(scrape.getKey() + ".prom"), scrape.getValue());
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** promtool exits 1 when the text does not parse and 3 when lint finds problems: every service must pass it clean. */
    @Test
    void shouldServeMetricsThatPromtoolAcceptsFromEveryService() {
        scrapes.forEach((service, text) -> {
            Promtool.Result result = Promtool.run(text.getBytes(StandardCharsets.UTF_8), "check", "metrics");
            assertThat(result.exitCode()).as("promtool check metrics on %s's /metrics:%n%s", service, result.output()).isZero();
        });
    }

    @Test
    void shouldCountTheTrafficInEachServicesOwnMeters() {
        PrometheusText ingest = PrometheusText.parse(scrapes.get("ingest"));
        assertThat(ingest.value("webhook_ingest_events_total", Map.of("outcome", "accepted"))).isGreaterThanOrEqualTo(traffic.eventsAccepted());
        assertThat(ingest.value("webhook_ingest_requests_refused_total", Map.of("reason", "invalid"))).isGreaterThanOrEqualTo(1);

        PrometheusText router = PrometheusText.parse(scrapes.get("router"));
        assertThat(router.value("webhook_router_events_total", Map.of())).isGreaterThanOrEqualTo(traffic.eventsAccepted());
        assertThat(router.value("webhook_router_fanout_count", Map.of())).isGreaterThanOrEqualTo(traffic.eventsAccepted());
        assertThat(router.names()).contains("kafka_stream_thread_commit_latency_avg", "webhook_consumer_lag_records");

        PrometheusText worker = PrometheusText.parse(scrapes.get("delivery-worker"));
        assertThat(worker.value("webhook_delivery_dead_letters_total", Map.of("reason", "gone"))).isPositive();
        assertThat(worker.value("webhook_subscription_disabled_total", Map.of("cause", "gone"))).isPositive();
        assertThat(worker.value("webhook_delivery_attempt_duration_seconds_count", Map.of())).isPositive();
        assertThat(worker.series("webhook_retry_backlog")).hasSize(TopicCatalog.DEFAULT_RETRY_SCHEDULE.size());
        assertThat(worker.series("webhook_consumer_lag_records")).extracting(s -> s.labels().get("topic"))
                .contains(catalog.deliveries().name(), catalog.retry(catalog.retryTiers().get(0)).name());
        assertThat(worker.names()).contains("webhook_delivery_in_flight", "webhook_endpoint_circuits_open", "webhook_retry_oldest_due_age_seconds",
                "httpcomponents_httpclient_pool_total_connections", "kafka_consumer_fetch_manager_records_consumed_total",
                "kafka_producer_record_send_total", "jvm_memory_used_bytes", "process_cpu_usage");

        PrometheusText api = PrometheusText.parse(scrapes.get("subscription-api"));
        assertThat(api.value("webhook_subscriptions", Map.of("state", "disabled"))).isPositive();
        assertThat(api.value("webhook_subscriptions", Map.of("state", "enabled"))).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldServeEveryMetricTheDashboardsAndAlertRulesRead() {
        Set<String> served = new TreeSet<>(PROMETHEUS_OWN);
        scrapes.values().forEach(text -> served.addAll(PrometheusText.parse(text).names()));
        List<MonitoringQueries.Query> queries = new java.util.ArrayList<>(MonitoringQueries.dashboardQueries());
        queries.addAll(MonitoringQueries.alertQueries());
        assertThat(queries).hasSizeGreaterThan(30);
        for (MonitoringQueries.Query query : queries) {
            assertThat(PromqlNames.in(query.expression())).as("metrics read by %s: %s", query.where(), query.expression())
                    .isNotEmpty().isSubsetOf(served);
        }
    }

    @Test
    void shouldNeverTagASeriesWithAnIdOrAUrl() {
        Set<String> forbidden = new TreeSet<>(traffic.subscriptionIds());
        forbidden.addAll(traffic.eventIds());
        forbidden.add(receiver.url(""));
        scrapes.forEach((service, text) -> PrometheusText.parse(text).all().forEach(series ->
                series.labels().values().forEach(value -> assertThat(forbidden)
                        .as("label value %s of %s on %s", value, series.name(), service)
                        .noneMatch(value::contains))));
    }

    static String get(String url) {
        JsonHttp.Answer answer = HTTP.get(url, null);
        assertThat(answer.status()).as("GET %s: %s", url, answer).isEqualTo(200);
        return answer.body();
    }
}
