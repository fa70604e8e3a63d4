package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A router that stops leaves its consumer group, so that the next one (a restart, the next pod of
 * a rollout) gets the tasks at once instead of after the session timeout (45 s); while it runs,
 * its liveness probe answers UP.
 */
@Tag("kafka")
class RouterLifecycleTest {

    @Test
    void shouldAnswerHealthUpWhileRunningAndLeaveItsGroupWhenClosed() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("leave"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        KafkaClients.ensureTopics(kafka, "test");
        String applicationId = "router-leave-" + kafka.topicPrefix();
        RouterConfig config = new RouterConfig(kafka, HttpSettings.ephemeral(), applicationId, Duration.ofMillis(100), 1,
                Files.createTempDirectory("router-state"));
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test-admin"))) {
            RouterService router = RouterService.start(config);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> router.state() == KafkaStreams.State.RUNNING);
                await().atMost(Duration.ofSeconds(30)).until(() -> !group(admin, applicationId).members().isEmpty());
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            } finally {
                router.close();
            }
            // Well below the 45 s session timeout a member that did not leave would stay for.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(group(admin, applicationId).members()).isEmpty());
        }
    }

    private static ConsumerGroupDescription group(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
    }
}
