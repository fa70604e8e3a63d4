package dev.hooklane.benchmarks.micro;

import dev.hooklane.delivery.consumer.OffsetTracker;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The worker's offset tracker with 256 jobs in flight on one partition: {@link #startResolve}
 * starts one record and resolves a random one of those in flight (jobs finish out of order), what
 * every job costs; {@link #startResolveCommit} also asks what to commit (the offset and the metadata
 * naming the resolved jobs above it), which the worker does once per partition and commit interval.
 */
@State(Scope.Thread)
public class OffsetTrackerBenchmark {

    private static final int IN_FLIGHT = 256;

    private final TopicPartition partition = new TopicPartition("webhooks.deliveries", 0);
    private final OffsetTracker tracker = new OffsetTracker();
    private final OffsetTracker.Resolution[] inFlight = new OffsetTracker.Resolution[IN_FLIGHT];
    private final SplittableRandom random = new SplittableRandom(7);
    private long offset;

    @Setup
    public void fillWindow() {
        tracker.assigned(List.of(partition), Map.of());
        for (int i = 0; i < IN_FLIGHT; i++) {
            inFlight[i] = tracker.started(partition, offset++);
        }
    }

    @Benchmark
    public int startResolve() {
        int slot = random.nextInt(IN_FLIGHT);
        inFlight[slot].resolve();
        inFlight[slot] = tracker.started(partition, offset++);
        return slot;
    }

    @Benchmark
    public Map<TopicPartition, OffsetAndMetadata> startResolveCommit() {
        int slot = random.nextInt(IN_FLIGHT);
        inFlight[slot].resolve();
        inFlight[slot] = tracker.started(partition, offset++);
        Map<TopicPartition, OffsetAndMetadata> commits = tracker.toCommit(null);
        tracker.committed(commits);
        return commits;
    }
}
