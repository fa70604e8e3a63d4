package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsLivenessTest {

    @Test
    void shouldBeAliveWhileRunningOrRebalancingWithEveryThread() {
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.RUNNING, 2, 2)).isEmpty();
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.REBALANCING, 1, 1)).isEmpty();
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.CREATED, 1, 1)).isEmpty();
    }

    @Test
    void shouldBeDeadWhenStreamsFailedOrStoppedByItself() {
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.ERROR, 0, 1)).contains("Kafka Streams is ERROR");
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.PENDING_ERROR, 1, 1)).contains("Kafka Streams is PENDING_ERROR");
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.NOT_RUNNING, 0, 1)).contains("Kafka Streams is NOT_RUNNING");
    }

    @Test
    void shouldBeDeadWhenAStreamThreadDiedAndWasNotReplaced() {
        assertThat(StreamsLiveness.deadReason(KafkaStreams.State.RUNNING, 1, 2)).contains("1 of 2 stream threads are alive");
    }
}
