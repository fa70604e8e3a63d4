package dev.hooklane.delivery.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("jobs", 0);
    private final TopicPartition p1 = new TopicPartition("jobs", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldCommitOnlyBelowTheLowestUnresolvedOffset() {
        tracker.assigned(List.of(p0), Map.of());
        OffsetTracker.Resolution r10 = tracker.started(p0, 10);
        OffsetTracker.Resolution r11 = tracker.started(p0, 11);
        OffsetTracker.Resolution r12 = tracker.started(p0, 12);

        r11.resolve();
        r12.resolve();
        assertThat(tracker.toCommit(null).get(p0).offset()).isEqualTo(10);

        r10.resolve();
        assertThat(tracker.toCommit(null).get(p0).offset()).isEqualTo(13);
        assertThat(tracker.inFlight(p0)).isZero();
    }

    @Test
    void shouldNotRepeatACommittedOffset() {
        tracker.assigned(List.of(p0), Map.of());
        tracker.started(p0, 0).resolve();
        var offsets = tracker.toCommit(null);
        tracker.committed(offsets);
        assertThat(tracker.toCommit(null)).isEmpty();
    }

    @Test
    void shouldIgnoreResolutionsFromAnEarlierOwnershipOfThePartition() {
        tracker.assigned(List.of(p0, p1), Map.of());
        OffsetTracker.Resolution stale = tracker.started(p0, 5);
        tracker.revoked(List.of(p0));
        tracker.assigned(List.of(p0), Map.of());
        OffsetTracker.Resolution fresh = tracker.started(p0, 5);

        stale.resolve();
        assertThat(tracker.inFlight(p0)).isEqualTo(1);
        assertThat(tracker.toCommit(List.of(p0)).get(p0).offset()).isEqualTo(5);
        fresh.resolve();
        assertThat(tracker.toCommit(List.of(p0)).get(p0).offset()).isEqualTo(6);
        assertThat(tracker.toCommit(List.of(p1))).isEmpty();
    }

    @Test
    void shouldHandTheResolvedOffsetsAboveTheCommitToTheNextOwner() {
        tracker.assigned(List.of(p0), Map.of());
        OffsetTracker.Resolution r10 = tracker.started(p0, 10);
        OffsetTracker.Resolution r11 = tracker.started(p0, 11);
        tracker.started(p0, 12);
        OffsetTracker.Resolution r14 = tracker.started(p0, 14);
        r11.resolve();
        r14.resolve();
        OffsetAndMetadata commit = tracker.toCommit(null).get(p0);
        assertThat(commit.offset()).isEqualTo(10);
        r10.resolve(); // after the commit: the next owner attempts 10 again, as before

        OffsetTracker next = new OffsetTracker();
        next.assigned(List.of(p0), Map.of(p0, commit));
        OffsetTracker.Resolution again10 = next.started(p0, 10);
        assertThat(next.resolvedBefore(p0, 10)).isFalse();
        assertThat(next.resolvedBefore(p0, 11)).as("resolved by the previous owner").isTrue();
        assertThat(next.resolvedBefore(p0, 12)).as("in flight at the previous owner").isFalse();
        OffsetTracker.Resolution again12 = next.started(p0, 12);
        assertThat(next.resolvedBefore(p0, 14)).isTrue();

        // What is not yet resolved here holds the commit, and the inherited offsets stay named.
        OffsetAndMetadata nextCommit = next.toCommit(null).get(p0);
        assertThat(nextCommit.offset()).isEqualTo(10);
        OffsetTracker third = new OffsetTracker();
        third.assigned(List.of(p0), Map.of(p0, nextCommit));
        assertThat(third.resolvedBefore(p0, 11)).isTrue();
        assertThat(third.resolvedBefore(p0, 14)).isTrue();
        again10.resolve();
        again12.resolve();
        assertThat(next.toCommit(null).get(p0).offset()).isEqualTo(15);
    }

    @Test
    void shouldNameInheritedOffsetsNotYetReadInItsOwnCommits() {
        tracker.assigned(List.of(p0), Map.of());
        OffsetTracker.Resolution r0 = tracker.started(p0, 0);
        tracker.started(p0, 1);
        OffsetTracker.Resolution r2 = tracker.started(p0, 2);
        r2.resolve();
        r0.resolve();
        OffsetAndMetadata commit = tracker.toCommit(null).get(p0);
        assertThat(commit.offset()).isEqualTo(1);

        OffsetTracker next = new OffsetTracker();
        next.assigned(List.of(p0), Map.of(p0, commit));
        next.started(p0, 1);
        // The successor's own commit still says 2 was resolved, though it has not read 2 yet.
        OffsetTracker third = new OffsetTracker();
        third.assigned(List.of(p0), Map.of(p0, next.toCommit(null).get(p0)));
        assertThat(third.resolvedBefore(p0, 2)).isTrue();
    }

    @Test
    void shouldSayWhenItsCommittedStateWasTakenAndReadTheOlderFormat() {
        long before = System.currentTimeMillis();
        tracker.assigned(List.of(p0), Map.of());
        tracker.started(p0, 0);
        tracker.started(p0, 1).resolve();
        OffsetAndMetadata commit = tracker.toCommit(null).get(p0);

        OffsetTracker next = new OffsetTracker();
        OffsetTracker.Inherited inherited = next.assigned(List.of(p0), Map.of(p0, commit)).get(p0);
        assertThat(inherited.committed()).isZero();
        assertThat(inherited.takenAt()).hasValueSatisfying(at -> assertThat(at.toEpochMilli()).isBetween(before, System.currentTimeMillis()));
        assertThat(next.resolvedBefore(p0, 1)).isTrue();

        // A commit of a worker before 0.2 names resolved offsets (here 7) without a time.
        OffsetTracker fromOlder = new OffsetTracker();
        OffsetTracker.Inherited older = fromOlder.assigned(List.of(p0), Map.of(p0, new OffsetAndMetadata(5, "resolved-ahead:v1:5:BA"))).get(p0);
        assertThat(older.takenAt()).isEmpty();
        assertThat(fromOlder.resolvedBefore(p0, 7)).isTrue();
        assertThat(fromOlder.resolvedBefore(p0, 6)).isFalse();
    }

    @Test
    void shouldTakeAnIdlePartitionsStateAgainEverySecondSoThatItsTimeStaysRecent() {
        AtomicLong now = new AtomicLong(1_000_000);
        OffsetTracker tracker = new OffsetTracker(now::get);
        tracker.assigned(List.of(p0), Map.of());
        tracker.started(p0, 0).resolve();
        OffsetAndMetadata first = tracker.toCommit(null).get(p0);
        tracker.committed(Map.of(p0, first));
        now.addAndGet(999);
        assertThat(tracker.toCommit(null)).as("unchanged within the second").isEmpty();
        now.addAndGet(101);
        OffsetAndMetadata again = tracker.toCommit(null).get(p0);
        assertThat(again.offset()).isEqualTo(first.offset());
        OffsetTracker next = new OffsetTracker();
        Instant firstAt = next.assigned(List.of(p0), Map.of(p0, first)).get(p0).takenAt().orElseThrow();
        Instant againAt = new OffsetTracker().assigned(List.of(p0), Map.of(p0, again)).get(p0).takenAt().orElseThrow();
        assertThat(Duration.between(firstAt, againAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldSkipJobsItsLastOwnerEndedAfterItsCommitButNotThoseBelowTheCommitOrInFlight() {
        tracker.assigned(List.of(p0), Map.of(p0, new OffsetAndMetadata(10)));
        OffsetTracker.Resolution r10 = tracker.started(p0, 10);
        assertThat(tracker.finishedElsewhere(p0, 10, List.of(9L, 10L, 12L))).as("only 12: 9 is below the commit, 10 in flight").isEqualTo(1);
        assertThat(tracker.resolvedBefore(p0, 12)).isTrue();
        assertThat(tracker.resolvedBefore(p0, 11)).isFalse();
        tracker.started(p0, 11).resolve();
        r10.resolve();
        assertThat(tracker.toCommit(null).get(p0).offset()).as("10 was in flight here, and is resolved by its own attempt").isEqualTo(13);
    }

    @Test
    void shouldIgnoreMetadataItCannotRead() {
        tracker.assigned(List.of(p0), Map.of(p0, new OffsetAndMetadata(5, "resolved-ahead:v1:5:%%%")));
        assertThat(tracker.resolvedBefore(p0, 6)).isFalse();
        OffsetTracker other = new OffsetTracker();
        other.assigned(List.of(p0), Map.of(p0, new OffsetAndMetadata(5, "written by another tool")));
        assertThat(other.resolvedBefore(p0, 6)).isFalse();
        // Metadata written for another offset does not apply.
        tracker.assigned(List.of(p1), Map.of());
        tracker.started(p1, 3);
        OffsetTracker.Resolution r4 = tracker.started(p1, 4);
        r4.resolve();
        String metadata = tracker.toCommit(null).get(p1).metadata();
        OffsetTracker moved = new OffsetTracker();
        moved.assigned(List.of(p1), Map.of(p1, new OffsetAndMetadata(2, metadata)));
        assertThat(moved.resolvedBefore(p1, 4)).isFalse();
    }

    @Test
    void shouldNameNoMoreResolvedOffsetsThanACommitCanCarry() {
        tracker.assigned(List.of(p0), Map.of());
        tracker.started(p0, 0);
        OffsetTracker.Resolution near = tracker.started(p0, 1);
        OffsetTracker.Resolution far = tracker.started(p0, PartitionOffsets.MAX_AHEAD + 5);
        near.resolve();
        far.resolve();
        OffsetAndMetadata commit = tracker.toCommit(null).get(p0);
        assertThat(commit.offset()).isZero();
        assertThat(commit.metadata().length()).as("a time and a bitset of two bytes, base64").isLessThan(50);

        OffsetTracker next = new OffsetTracker();
        next.assigned(List.of(p0), Map.of(p0, commit));
        assertThat(next.resolvedBefore(p0, 1)).isTrue();
        assertThat(next.resolvedBefore(p0, PartitionOffsets.MAX_AHEAD + 5)).as("beyond the commit's reach: redelivered").isFalse();
    }
}
