package dev.hooklane.delivery.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
        assertThat(tracker.toCommit(null)).containsEntry(p0, new OffsetAndMetadata(13));
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
        assertThat(tracker.toCommit(List.of(p0))).containsEntry(p0, new OffsetAndMetadata(5));
        fresh.resolve();
        assertThat(tracker.toCommit(List.of(p0))).containsEntry(p0, new OffsetAndMetadata(6));
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
        assertThat(next.toCommit(null).get(p0).offset()).isEqualTo(10);
        assertThat(next.toCommit(null).get(p0).metadata()).isEqualTo(commit.metadata());
        again10.resolve();
        again12.resolve();
        assertThat(next.toCommit(null)).containsEntry(p0, new OffsetAndMetadata(15));
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
        assertThat(commit.metadata().length()).as("a bitset of two bytes, base64").isLessThan(40);

        OffsetTracker next = new OffsetTracker();
        next.assigned(List.of(p0), Map.of(p0, commit));
        assertThat(next.resolvedBefore(p0, 1)).isTrue();
        assertThat(next.resolvedBefore(p0, PartitionOffsets.MAX_AHEAD + 5)).as("beyond the commit's reach: redelivered").isFalse();
    }
}
