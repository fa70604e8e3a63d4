package dev.hooklane.subscriptions.attempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttemptStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private static AttemptRecord attempt(String jobId, String eventId, String tenant, String subscriptionId, int n, Instant at) {
        return new AttemptRecord(jobId, eventId, tenant, Optional.ofNullable(subscriptionId), n, AttemptOutcome.SUCCESS, Optional.of(200), 3,
                Optional.empty(), Optional.empty(), at);
    }

    private static void add(AttemptStore store, int partition, long offset, AttemptRecord attempt) {
        store.add(partition, offset, AttemptCodec.encode(attempt), LONG_AGO);
    }

    /** Every attempt of a subscription, page by page, the pages read from the stores in turn. */
    private static List<String> pages(List<AttemptStore> stores, String subscriptionId, int limit) {
        List<String> jobs = new ArrayList<>();
        Optional<AttemptStore.Position> cursor = Optional.empty();
        int page = 0;
        do {
            AttemptStore.Page answer = stores.get(page++ % stores.size()).ofSubscription(subscriptionId, cursor, limit, LONG_AGO);
            answer.attempts().forEach(a -> jobs.add(a.jobId()));
            cursor = answer.next();
        } while (cursor.isPresent());
        return jobs;
    }

    @Test
    void shouldPageNewestFirstWithCursorsAnotherStoreOfTheSameTopicUnderstands() {
        try (AttemptStore a = new AttemptStore(dirA); AttemptStore b = new AttemptStore(dirB)) {
            List<String> expected = new ArrayList<>();
            // Two partitions, several attempts in the same millisecond: order is time, then partition and offset.
            for (int n = 0; n < 25; n++) {
                AttemptRecord attempt = attempt("job-" + n, "evt-" + n, "acme", "sub-1", 1, T0.plusMillis(n / 3));
                // Store B reads the partitions in another order than store A, as another instance may.
                add(a, n % 2, n, attempt);
                expected.add("job-" + n);
            }
            for (int n = 24; n >= 0; n--) {
                add(b, n % 2, n, attempt("job-" + n, "evt-" + n, "acme", "sub-1", 1, T0.plusMillis(n / 3)));
            }
            add(a, 0, 100, attempt("other-job", "evt-x", "acme", "sub-10", 1, T0));

            List<String> fromA = pages(List.of(a), "sub-1", 10);
            assertThat(fromA).hasSize(25).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fromA.get(0)).isEqualTo("job-24");
            assertThat(pages(List.of(a, b), "sub-1", 10)).isEqualTo(fromA);
            assertThat(pages(List.of(b, a), "sub-1", 7)).isEqualTo(fromA);
        }
    }

    @Test
    void shouldAnswerAnEventsAttemptsOfOneTenantOnly() {
        try (AttemptStore store = new AttemptStore(dirA)) {
            add(store, 0, 0, attempt("j1", "evt-1", "acme", "sub-1", 1, T0));
            add(store, 0, 1, attempt("j2", "evt-1", "acme", null, 1, T0.plusMillis(1)));
            add(store, 0, 2, attempt("j3", "evt-1", "other", "sub-3", 1, T0.plusMillis(2)));
            add(store, 0, 3, attempt("j4", "evt-10", "acme", "sub-1", 1, T0.plusMillis(3)));

            assertThat(store.ofEvent("acme", "evt-1", Optional.empty(), 10, LONG_AGO).attempts()).extracting(AttemptRecord::jobId)
                    .containsExactly("j2", "j1");
            assertThat(store.tenantOfSubscription("sub-3", LONG_AGO)).contains("other");
            assertThat(store.tenantOfSubscription("sub-9", LONG_AGO)).isEmpty();
        }
    }

    @Test
    void shouldForgetWholeDaysThatEndedBeforeTheCutoffFromEveryIndex() {
        Instant dayOne = Instant.parse("2026-12-01T00:00:00Z");
        try (AttemptStore store = new AttemptStore(dirA)) {
            for (int n = 0; n < 30; n++) {
                // Ten attempts on each of three days, the first on each day without a subscription.
                add(store, 0, n, attempt("job-" + n, "evt-1", "acme", n % 10 == 0 ? null : "sub-1", 1, dayOne.plus(Duration.ofHours(24L * (n / 10) + n % 10))));
            }
            assertThat(store.ofEvent("acme", "evt-1", Optional.empty(), 100, LONG_AGO).attempts()).hasSize(30);

            assertThat(store.expireBefore(dayOne.plus(Duration.ofHours(36)))).isEqualTo(1);

            assertThat(store.ofSubscription("sub-1", Optional.empty(), 100, LONG_AGO).attempts()).hasSize(18);
            assertThat(store.ofEvent("acme", "evt-1", Optional.empty(), 100, LONG_AGO).attempts()).hasSize(20)
                    .extracting(AttemptRecord::jobId).startsWith("job-29").endsWith("job-10");
            assertThat(store.expireBefore(dayOne.plus(Duration.ofHours(36)))).isZero();
        }
        try (AttemptStore reopened = new AttemptStore(dirA)) {
            assertThat(reopened.ofEvent("acme", "evt-1", Optional.empty(), 100, LONG_AGO).attempts()).hasSize(20);
            assertThat(reopened.expireBefore(dayOne.plus(Duration.ofDays(3)))).isEqualTo(2);
            assertThat(reopened.ofEvent("acme", "evt-1", Optional.empty(), 100, LONG_AGO).attempts()).isEmpty();
        }
    }

    @Test
    void shouldNotAnswerAttemptsOlderThanAskedEvenBeforeTheyAreForgotten() {
        try (AttemptStore store = new AttemptStore(dirA)) {
            add(store, 0, 0, attempt("old", "evt-1", "acme", "sub-1", 1, T0));
            add(store, 0, 1, attempt("new", "evt-1", "acme", "sub-1", 2, T0.plusSeconds(10)));
            store.add(0, 2, AttemptCodec.encode(attempt("too-old", "evt-1", "acme", "sub-1", 1, T0)), T0.plusSeconds(5));

            assertThat(store.ofSubscription("sub-1", Optional.empty(), 10, T0.plusSeconds(5)).attempts()).extracting(AttemptRecord::jobId)
                    .containsExactly("new");
            assertThat(store.ofSubscription("sub-1", Optional.empty(), 10, LONG_AGO).attempts()).extracting(AttemptRecord::jobId)
                    .containsExactly("new", "old");
        }
    }

    @Test
    void shouldKeepEachPartitionsPositionAcrossARestartAlsoPastUnreadableRecords() {
        try (AttemptStore store = new AttemptStore(dirA)) {
            add(store, 0, 41, attempt("j1", "evt-1", "acme", "sub-1", 1, T0));
            assertThatThrownBy(() -> store.add(1, 7, "not an attempt".getBytes(StandardCharsets.UTF_8), LONG_AGO))
                    .isInstanceOf(SerializationException.class);
        }
        try (AttemptStore reopened = new AttemptStore(dirA)) {
            assertThat(reopened.positions()).isEqualTo(Map.of(0, 42L, 1, 8L));
            assertThat(reopened.ofSubscription("sub-1", Optional.empty(), 10, LONG_AGO).attempts()).hasSize(1);
        }
    }

    @Test
    void shouldRefuseASecondStoreInTheSameDirectory() {
        try (AttemptStore store = new AttemptStore(dirA)) {
            assertThatThrownBy(() -> new AttemptStore(dirA)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another API instance");
        }
    }
}
