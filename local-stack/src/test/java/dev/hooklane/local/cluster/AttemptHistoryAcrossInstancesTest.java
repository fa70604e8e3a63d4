package dev.hooklane.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The attempt history and replay behind a load balancer: pages of a subscription's or an event's
 * attempts fetched from alternating API instances, each with the cursor the other answered, add up
 * to exactly the attempts, newest first; a dead letter listed at one instance and replayed through
 * the other is delivered once.
 */
@Tag("kafka")
class AttemptHistoryAcrossInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TwoOfEach pipeline;
    private static JsonHttp http;
    private static PipelineService apiA;
    private static PipelineService apiB;

    @BeforeAll
    static void start() {
        pipeline = TwoOfEach.get();
        http = pipeline.http();
        apiA = pipeline.api().a();
        apiB = pipeline.api().b();
    }

    /** One page of attempts, as answered. */
    private record Page(List<JsonNode> data, Optional<String> nextCursor) {
        static Page of(Answer answer) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            List<JsonNode> data = new ArrayList<>();
            answer.json().get("data").forEach(data::add);
            return new Page(data, Optional.ofNullable(answer.json().get("nextCursor")).map(JsonNode::asText));
        }
    }

    /** What tells two attempts apart: a replayed job keeps its id. */
    private record AttemptKey(String jobId, int attempt, String attemptedAt, String outcome, String trigger) {
        static AttemptKey of(JsonNode attempt) {
            return new AttemptKey(attempt.get("jobId").asText(), attempt.get("attempt").asInt(), attempt.get("attemptedAt").asText(),
                    attempt.get("outcome").asText(), attempt.path("trigger").asText(""));
        }
    }

    @Test
    void shouldPageASubscriptionsAttemptsAcrossInstancesWithoutSkipsOrRepeatsNewestFirst() {
        String key = pipeline.tenant("paging");
        List<TwoOfEach.Made> subscriptions = subscribe(key, "/paging/");
        tick(key);

        for (TwoOfEach.Made made : subscriptions) {
            assertPagesAcrossInstances(key, made, pipeline.api().other(made.api()));
        }
    }

    @Test
    void shouldPageASubscriptionsAttemptsAcrossInstancesWhenOneWasRestartedSinceTheAttempts() {
        String key = pipeline.tenant("paging-restart");
        List<TwoOfEach.Made> subscriptions = subscribe(key, "/paging-restart/");
        tick(key);
        subscriptions.forEach(made -> pipeline.awaitRequests(made.path(), 25));
        pipeline.restart(apiB);

        for (TwoOfEach.Made made : subscriptions) {
            assertPagesAcrossInstances(key, made, pipeline.api().other(made.api()));
        }
    }

    /** Two subscriptions to {@code page.tick}, one per worker, so that attempts of both arrive at once on two partitions. */
    private static List<TwoOfEach.Made> subscribe(String key, String pathPrefix) {
        return pipeline.onBothWorkers(key, n -> "{\"url\":\"" + pipeline.receiver().url(pathPrefix + n) + "\",\"eventTypes\":[\"page.tick\"]}");
    }

    /** Posts 25 events of type {@code page.tick}, through both ingests. */
    private static void tick(String key) {
        pipeline.post(pipeline.ingest().a(), key, ticks(0, 13));
        pipeline.post(pipeline.ingest().b(), key, ticks(13, 25));
    }

    /**
     * Pages 1 and 3 at the instance that did not make the subscription, page 2 at the one that did,
     * each with the cursor of the page before: exactly the subscription's 25 attempts, newest first.
     */
    private static void assertPagesAcrossInstances(String key, TwoOfEach.Made subscription, PipelineService first) {
        List<String> delivered = pipeline.awaitRequests(subscription.path(), 25).stream().map(ReceivedRequest::webhookId).toList();
        assertThat(delivered).hasSize(25).doesNotHaveDuplicates();
        PipelineService second = pipeline.api().other(first);
        String attempts = "/v1/subscriptions/" + subscription.id() + "/attempts";
        awaitHistory(attempts, key, delivered.size());

        List<Page> pages = pages(attempts, key, 10, first, second, first);
        List<JsonNode> union = union(pages);
        assertThat(union).extracting(attempt -> attempt.get("jobId").asText()).as("jobs of the pages %s, %s, %s", first.name(),
                second.name(), first.name()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(delivered);
        assertThat(pages).extracting(page -> page.data().size()).as("page sizes").containsExactly(10, 10, 5);
        assertNewestFirst(union);
        assertThat(union).allSatisfy(attempt -> {
            assertThat(attempt.get("subscriptionId").asText()).isEqualTo(subscription.id());
            assertThat(attempt.get("outcome").asText()).isEqualTo("success");
        });

        Page ofEvent = Page.of(http.get(second.url("/v1/events/tick-7/attempts"), key));
        assertThat(ofEvent.data()).filteredOn(attempt -> attempt.get("subscriptionId").asText().equals(subscription.id()))
                .singleElement().satisfies(attempt -> assertThat(attempt.get("jobId").asText()).isIn(delivered));
    }

    @Test
    void shouldDeliverADeadLetterOnceWhenItIsListedAtOneInstanceAndReplayedThroughTheOther() {
        String key = pipeline.tenant("replay");
        Answer created = http.post(apiB.url("/v1/subscriptions"), key,
                "{\"url\":\"" + pipeline.receiver().url("/replayed") + "\",\"eventTypes\":[\"replay.me\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        WebhookSecret secret = WebhookSecret.parse(created.json().get("secret").asText());
        pipeline.receiver().script("/replayed", Behaviour.status(500), Behaviour.status(500), Behaviour.status(500));
        pipeline.post(pipeline.ingest().a(), key, "{\"id\":\"replay-1\",\"type\":\"replay.me\",\"data\":{\"n\":1}}");

        String deadLetters = "/v1/subscriptions/" + id + "/dead-letters";
        await().atMost(PATIENCE).until(() -> http.get(apiA.url(deadLetters), key).json().get("data").size() == 1);
        JsonNode letter = http.get(apiA.url(deadLetters), key).json().get("data").get(0);
        assertThat(letter.get("reason").asText()).startsWith("exhausted");
        assertThat(letter.get("lastStatusCode").asInt()).isEqualTo(500);
        String jobId = letter.get("jobId").asText();
        assertThat(pipeline.receiver().requests("/replayed")).hasSize(3).allSatisfy(request -> assertThat(request.webhookId()).isEqualTo(jobId));

        Answer replayed = http.post(apiB.url(deadLetters + "/" + jobId + "/replay"), key, null);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
        assertThat(replayed.json().get("sent").asInt()).isEqualTo(1);

        ReceivedRequest delivery = pipeline.awaitRequests("/replayed", 4).get(3);
        assertThat(delivery.webhookId()).isEqualTo(jobId);
        assertThat(delivery.signatureVerifies(secret)).isTrue();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> pipeline.receiver().requests("/replayed").size() == 4);

        String attempts = "/v1/events/replay-1/attempts";
        awaitHistory(attempts, key, 4);
        List<Page> pages = pages(attempts, key, 3, apiA, apiB);
        List<JsonNode> union = union(pages);
        List<AttemptKey> all = Page.of(http.get(apiA.url(attempts + "?limit=100"), key)).data().stream().map(AttemptKey::of).toList();
        assertThat(union).extracting(AttemptKey::of).as("attempts of the pages at A and B").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(pages).extracting(page -> page.data().size()).as("page sizes").containsExactly(3, 1);
        assertNewestFirst(union);
        assertThat(union.get(0).get("outcome").asText()).isEqualTo("success");
        assertThat(union.get(0).get("trigger").asText()).isEqualTo("replay");
        assertThat(union.subList(1, 4)).allSatisfy(attempt -> assertThat(attempt.get("statusCode").asInt()).isEqualTo(500));
    }

    /**
     * Fetches pages of {@code path}, the first at {@code instances[0]}, each next one at the next
     * instance with the cursor the one before answered, until a page has no cursor or every instance
     * served one; the last page fetched has no cursor.
     */
    private static List<Page> pages(String path, String key, int limit, PipelineService... instances) {
        List<Page> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        for (PipelineService instance : instances) {
            pages.add(Page.of(http.get(instance.url(path + "?limit=" + limit + cursor.map(c -> "&cursor=" + c).orElse("")), key)));
            cursor = pages.getLast().nextCursor();
            if (cursor.isEmpty()) {
                return pages;
            }
        }
        assertThat(cursor).as("the cursor of the last page, at " + instances[instances.length - 1].name()).isEmpty();
        return pages;
    }

    private static List<JsonNode> union(List<Page> pages) {
        return pages.stream().flatMap(page -> page.data().stream()).toList();
    }

    private static void assertNewestFirst(List<JsonNode> attempts) {
        assertThat(attempts).extracting(attempt -> Instant.parse(attempt.get("attemptedAt").asText())).as("attempt times, newest first")
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    /** Events {@code tick-from} to {@code tick-(to - 1)} of type {@code page.tick}, as one batch. */
    private static String ticks(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> "{\"id\":\"tick-" + n + "\",\"type\":\"page.tick\",\"data\":{\"n\":" + n + "}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Waits until both instances hold {@code count} attempts at {@code path}: the attempts topic is read with a lag. */
    private static void awaitHistory(String path, String key, int count) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (PipelineService api : pipeline.api().both()) {
                Answer all = http.get(api.url(path + "?limit=100"), key);
                assertThat(all.status()).as(api.name() + ": " + all).isEqualTo(200);
                assertThat(all.json().get("data").size()).as(api.name()).isEqualTo(count);
            }
        });
    }
}
