package dev.hooklane.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionStallsTest {

    /** The broker's lines for a partition refused with CONCURRENT_TRANSACTIONS and for the batch behind it. */
    private static final String BROKER_STALL = """
            08:55:06.864 DEBUG kafka.server.KafkaApis       [KafkaApi-1] Produce request with correlation id 25 from client b1.router-0be8-StreamThread-1-producer on partition KLABV:b1.deliveries-3 failed due to org.apache.kafka.common.errors.ConcurrentTransactionsException
            08:55:06.998 ERROR k.server.ReplicaManager      [ReplicaManager broker=1] Error processing append operation on partition KLABV:b1.deliveries-3
            org.apache.kafka.common.errors.OutOfOrderSequenceException: Invalid sequence number for producer 2 at offset 11 in partition b1.deliveries-3: 1 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent producer with no existing state.
            08:55:06.999 DEBUG kafka.server.KafkaApis       [KafkaApi-1] Produce request with correlation id 26 from client b1.router-0be8-StreamThread-1-producer on partition KLABV:b1.deliveries-3 failed due to org.apache.kafka.common.errors.OutOfOrderSequenceException
            08:55:07.100 WARN  o.a.k.c.NetworkClient        something else
            """;
    private static final String ROUTER_RETRIES = """
            08:40:10.008 WARN  o.a.k.c.p.i.Sender           [Producer clientId=b5.router-1-StreamThread-1-producer] Got error produce response with correlation id 35 on topic-partition b5.deliveries-5, retrying (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS
            08:40:10.097 WARN  o.a.k.c.p.i.Sender           [Producer clientId=b5.router-1-StreamThread-1-producer] Got error produce response with correlation id 36 on topic-partition b5.deliveries-5, retrying (2147483646 attempts left). Error: OUT_OF_ORDER_SEQUENCE_NUMBER
            """;

    @Test
    void shouldCountEachRefusalOnceWhenTheBrokerLogsBothKinds(@TempDir Path logs) throws IOException {
        Path broker = logs.resolve("kafka-broker.log");
        Files.writeString(broker, BROKER_STALL);
        Files.writeString(logs.resolve("b1.router.log"), ROUTER_RETRIES);

        TransactionStalls.Count count = new TransactionStalls(broker).total();

        assertThat(count.concurrentTransactions()).isEqualTo(1);
        assertThat(count.outOfOrderSequence()).isEqualTo(1);
        assertThat(count.inBrokerLog()).isEqualTo(2);
        assertThat(count.routerRetries()).isEqualTo(2);
    }

    @Test
    void shouldCountOnlyWhatTheLogsGainedSinceTheMarkWhenAStepEnds(@TempDir Path logs) throws IOException {
        Path broker = logs.resolve("kafka-broker.log");
        Files.writeString(broker, BROKER_STALL);
        Files.writeString(logs.resolve("b1.router.log"), ROUTER_RETRIES);
        TransactionStalls stalls = new TransactionStalls(broker);
        TransactionStalls.Mark mark = stalls.mark();

        Files.writeString(broker, BROKER_STALL + BROKER_STALL, StandardOpenOption.APPEND);
        Files.writeString(logs.resolve("b2.router.log"), ROUTER_RETRIES);
        Files.writeString(logs.resolve("b2.delivery-worker.log"), ROUTER_RETRIES);

        TransactionStalls.Count count = stalls.since(mark);
        assertThat(count.concurrentTransactions()).isEqualTo(2);
        assertThat(count.outOfOrderSequence()).isEqualTo(2);
        assertThat(count.routerRetries()).isEqualTo(2);
        assertThat(stalls.total().inBrokerLog()).isEqualTo(6);
    }

    @Test
    void shouldCountNothingWhenTheBrokerHasNotLoggedYet(@TempDir Path logs) {
        TransactionStalls stalls = new TransactionStalls(logs.resolve("missing").resolve("kafka-broker.log"));

        assertThat(stalls.since(stalls.mark())).isEqualTo(new TransactionStalls.Count(0, 0, 0));
    }
}
