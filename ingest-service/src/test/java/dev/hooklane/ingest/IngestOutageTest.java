package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.EmbeddedKafkaCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stops the only broker while clients post events: the ingest service must answer 503 with
 * Retry-After within a bounded time instead of hanging, and every event it answered 202 must be
 * on the topic once the broker is back.
 */
@Tag("kafka")
class IngestOutageTest {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private static final int CLIENTS = 4;

    /** One answer seen by a client. */
    private record Answer(String id, int status, boolean retryAfter, boolean problem, Duration took) {
    }

    @Test
    void shouldAnswer503WithinTheBoundAndLoseNoAcceptedEventWhenTheBrokerStopsUnderLoad() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1)) {
            KafkaSettings kafka = KafkaSettings.forBootstrap(cluster.bootstrapServers(), "outage.", TopicCatalog.DEFAULT_RETRY_SCHEDULE);
            IngestFixture fixture = new IngestFixture(kafka);
            String key = fixture.createTenant("acme");
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            try (IngestService service = IngestService.start(new IngestConfig(kafka, HttpSettings.ephemeral(), ACK_TIMEOUT, 4096, 10))) {
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(Thread.ofVirtual().start(() -> postUntilStopped(fixture, service.port(), key, client, running, answers)));
                }
                int broker = cluster.brokerIds().iterator().next();
                await().atMost(Duration.ofSeconds(60)).until(() -> count(answers, 202) >= 40);
                cluster.stopBroker(broker);
                await().atMost(Duration.ofSeconds(60)).until(() -> count(answers, 503) >= 2 * CLIENTS);
                cluster.startBroker(broker);
                long acceptedBeforeRestart = count(answers, 202);
                await().atMost(Duration.ofSeconds(90)).until(() -> count(answers, 202) >= acceptedBeforeRestart + 40);
                running.set(false);
                for (Thread thread : clients) {
                    thread.join(Duration.ofSeconds(60));
                }
            }

            assertThat(answers).extracting(Answer::status).containsOnly(202, 503);
            Duration bound = ACK_TIMEOUT.plus(ACK_TIMEOUT.dividedBy(2)).plus(Duration.ofSeconds(10));
            assertThat(answers).filteredOn(answer -> answer.status() == 503)
                    .isNotEmpty()
                    .allSatisfy(answer -> {
                        assertThat(answer.retryAfter()).as("Retry-After on a 503").isTrue();
                        assertThat(answer.problem()).as("problem+json on a 503").isTrue();
                        assertThat(answer.took()).as("503 answered within the ack bound").isLessThan(bound);
                    });
            Set<String> accepted = new HashSet<>();
            answers.stream().filter(answer -> answer.status() == 202).forEach(answer -> accepted.add(answer.id()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fixture.storedIds()).containsAll(accepted));
        }
    }

    private static long count(ConcurrentLinkedQueue<Answer> answers, int status) {
        return answers.stream().filter(answer -> answer.status() == status).count();
    }

    private static void postUntilStopped(IngestFixture fixture, int port, String key, int client, AtomicBoolean running,
                                         ConcurrentLinkedQueue<Answer> answers) {
        AtomicInteger sequence = new AtomicInteger();
        long stopAt = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (running.get() && System.nanoTime() < stopAt) {
            String id = "evt-" + client + "-" + sequence.incrementAndGet();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = fixture.post(port, key, "application/json",
                        "{\"id\":\"" + id + "\",\"type\":\"reportCreated\",\"data\":{\"n\":" + sequence.get() + "}}", Map.of());
                answers.add(new Answer(id, response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
                        response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        Duration.ofNanos(System.nanoTime() - start)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException e) {
                answers.add(new Answer(id, -1, false, false, Duration.ofNanos(System.nanoTime() - start)));
            }
        }
    }
}
