package dev.hooklane.router;

import dev.hooklane.service.http.LivenessCheck;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The router is dead when its Kafka Streams client has failed or stopped by itself, or when fewer
 * stream threads run than were configured (a thread died and was not replaced): its tasks then
 * stay assigned to a process that no longer routes them.
 */
final class StreamsLiveness implements LivenessCheck {

    /** Client states from which Kafka Streams does not come back by itself. */
    private static final Set<KafkaStreams.State> DEAD = Set.of(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
    /** Thread states of a stream thread that has ended or is ending (StreamThread.State names). */
    private static final Set<String> ENDED_THREAD = Set.of("PENDING_SHUTDOWN", "DEAD");

    private final KafkaStreams streams;
    private final int threads;

    StreamsLiveness(KafkaStreams streams, int threads) {
        this.streams = streams;
        this.threads = threads;
    }

    @Override
    public Optional<String> deadReason() {
        KafkaStreams.State state = streams.state();
        return deadReason(state, state == KafkaStreams.State.CREATED ? threads : aliveThreads(streams.metadataForLocalThreads()), threads);
    }

    static Optional<String> deadReason(KafkaStreams.State state, long aliveThreads, int configuredThreads) {
        if (DEAD.contains(state)) {
            return Optional.of("Kafka Streams is " + state);
        }
        if (aliveThreads < configuredThreads) {
            return Optional.of(aliveThreads + " of " + configuredThreads + " stream threads are alive");
        }
        return Optional.empty();
    }

    static long aliveThreads(Collection<ThreadMetadata> threads) {
        return threads.stream().filter(thread -> !ENDED_THREAD.contains(thread.threadState())).count();
    }
}
