package dev.hooklane.delivery.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("jobs", 0);
    private final TopicPartition p1 = new TopicPartition("jobs", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldCommitOnlyBelowTheLowestUnresolvedOffset() {
        tracker.assigned(List.of(p0));
        OffsetTracker.Resolution r10 = tracker.started(p0, 10);
        OffsetTracker.Resolution r11 = tracker.started(p0, 11);
        OffsetTracker.Resolution r12 = tracker.started(p0, 12);

        r11.resolve();
        r12.resolve();
        assertThat(tracker.toCommit(null)).containsEntry(p0, new OffsetAndMetadata(10));

        r10.resolve();
        assertThat(tracker.toCommit(null)).containsEntry(p0, new OffsetAndMetadata(13));
        assertThat(tracker.inFlight(p0)).isZero();
    }

    @Test
    void shouldNotRepeatACommittedOffset() {
        tracker.assigned(List.of(p0));
        tracker.started(p0, 0).resolve();
        var offsets = tracker.toCommit(null);
        tracker.committed(offsets);
        assertThat(tracker.toCommit(null)).isEmpty();
    }

    @Test
    void shouldIgnoreResolutionsFromAnEarlierOwnershipOfThePartition() {
        tracker.assigned(List.of(p0, p1));
        OffsetTracker.Resolution stale = tracker.started(p0, 5);
        tracker.revoked(List.of(p0));
        tracker.assigned(List.of(p0));
        OffsetTracker.Resolution fresh = tracker.started(p0, 5);

        stale.resolve();
        assertThat(tracker.inFlight(p0)).isEqualTo(1);
        assertThat(tracker.toCommit(List.of(p0))).containsEntry(p0, new OffsetAndMetadata(5));
        fresh.resolve();
        assertThat(tracker.toCommit(List.of(p0))).containsEntry(p0, new OffsetAndMetadata(6));
        assertThat(tracker.toCommit(List.of(p1))).isEmpty();
    }
}
