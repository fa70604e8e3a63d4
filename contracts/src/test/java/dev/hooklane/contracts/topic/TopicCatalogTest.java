package dev.hooklane.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void shouldNameEveryTopicUnderThePrefix() {
        TopicCatalog catalog = TopicCatalog.defaults(6);
        assertThat(catalog.all()).extracting(Topic::name).containsExactly(
                "webhooks.events", "webhooks.events.dlq", "webhooks.subscriptions", "webhooks.tenants", "webhooks.api-keys",
                "webhooks.deliveries",
                "webhooks.retry.5s", "webhooks.retry.5m", "webhooks.retry.30m", "webhooks.retry.2h", "webhooks.retry.5h",
                "webhooks.retry.10h", "webhooks.retry.14h", "webhooks.retry.20h", "webhooks.retry.1d",
                "webhooks.dlq", "webhooks.attempts", "webhooks.event-types", "webhooks.idempotency-keys", "webhooks.endpoint-failures",
                "webhooks.portal-sessions", "webhooks.subscription-disable-requests");
        assertThat(catalog.all()).filteredOn(topic -> !topic.name().endsWith("tenants") && !topic.name().endsWith("api-keys")
                        && !topic.name().endsWith("event-types") && !topic.name().endsWith("portal-sessions"))
                .allMatch(topic -> topic.partitions() == 6);
    }

    @Test
    void shouldCompactTheTablesOnly() {
        TopicCatalog catalog = new TopicCatalog("t1.", 3, List.of(Duration.ofMillis(500)));
        List<Topic<?, ?>> tables = List.of(catalog.subscriptions(), catalog.tenants(), catalog.apiKeys(), catalog.eventTypes(),
                catalog.endpointFailures());
        assertThat(tables).allMatch(topic -> "compact".equals(topic.configs().get("cleanup.policy")));
        assertThat(catalog.idempotencyKeys().configs()).containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofHours(25).toMillis()));
        assertThat(catalog.portalSessions().configs()).containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofHours(25).toMillis()));
        // The API's attempt history is rebuilt from the attempts topic: it keeps more than the history's 7 days.
        assertThat(catalog.attempts().configs()).isEqualTo(Map.of("retention.ms", Long.toString(Duration.ofDays(8).toMillis())));
        assertThat(catalog.all()).filteredOn(topic -> !tables.contains(topic) && topic != catalog.idempotencyKeys()
                        && topic != catalog.portalSessions() && topic != catalog.attempts())
                .allMatch(topic -> topic.configs().isEmpty());
        assertThat(catalog.retry(catalog.retryTiers().get(0)).name()).isEqualTo("t1.retry.500ms");
    }

    @Test
    void shouldRefuseBadPrefixesAndRepeatedTiers() {
        assertThatThrownBy(() -> new TopicCatalog("bad prefix", 1, List.of())).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new TopicCatalog("", 1, List.of(Duration.ofSeconds(60), Duration.ofMinutes(1))))
                .hasMessageContaining("repeats");
    }

    @Test
    void shouldParseAndPrintDelays() {
        assertThat(RetryTier.parseDelay("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryTier.parseDelay("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryTier.parseDelay("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(RetryTier.parseDelay("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(RetryTier.parseDelay("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(RetryTier.label(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> RetryTier.parseDelay("5x")).hasMessageContaining("unit");
        assertThatThrownBy(() -> RetryTier.parseDelay("fast")).hasMessageContaining("not a delay");
    }
}
