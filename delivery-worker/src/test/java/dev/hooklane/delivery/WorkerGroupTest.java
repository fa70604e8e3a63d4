package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Workers scale out in one consumer group: a second worker takes partitions and delivers its share. */
@Tag("kafka")
class WorkerGroupTest {

    private static final Pattern DELIVERED = Pattern.compile("webhook_delivery_attempts_total\\{outcome=\"success\",status_class=\"2xx\"} ([0-9.]+)");

    @Test
    void shouldSpreadTheJobsOfOneGroupOverItsWorkers() throws Exception {
        try (WorkerFixture fixture = new WorkerFixture("group", List.of(Duration.ofSeconds(1)), Map.of());
             DeliveryWorker second = DeliveryWorker.start(DeliveryWorkerConfig.from(fixture.kafka, HttpSettings.ephemeral(), new EnvConfig(Map.of(
                     "HOOKLANE_WORKER_GROUP_ID", "worker-" + fixture.kafka.topicPrefix(), "HOOKLANE_SSRF_ALLOW_LIST", "127.0.0.1/32",
                     "HOOKLANE_WORKER_SHUTDOWN_GRACE", "1s"))))) {
            WebhookSecret secret = WebhookSecret.generate();
            List<Subscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Subscription subscription = Subscriptions.of("sub-group-" + i, fixture.receiver.url("/group"), secret);
                fixture.subscription(subscription);
                subscriptions.add(subscription);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription("sub-group-11").isPresent());
            // Rounds of one job per subscription (they spread over all partitions) until both workers
            // have delivered some: the group has given each of them partitions.
            List<DeliveryJob> jobs = new ArrayList<>();
            int[] round = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (Subscription subscription : subscriptions) {
                    DeliveryJob job = fixture.job(subscription, "evt-" + subscription.id() + "-" + round[0], "{}");
                    jobs.add(job);
                    fixture.route(job);
                }
                round[0]++;
                return delivered(fixture.worker.port()) > 0 && delivered(second.port()) > 0;
            });

            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.stream().allMatch(job ->
                    fixture.receiver.requests("/group").stream().map(ReceivedRequest::webhookId).anyMatch(job.jobId()::equals)));
            assertThat(delivered(fixture.worker.port())).isPositive();
            assertThat(delivered(second.port())).isPositive();
        }
    }

    private static double delivered(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = DELIVERED.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
