package dev.hooklane.benchmarks.harness;

import ch.qos.logback.classic.Level;
import dev.hooklane.testkit.kafka.KafkaBroker;
import org.slf4j.LoggerFactory;

/**
 * Runs Apache Kafka's own broker ({@link KafkaBroker}) in a JVM of its own: {@code BENCH_BROKER_DIR}, {@code BENCH_BROKER_PORT}.
 *
 * <p>The broker logs at WARN like every service (Kafka's loggers are kept quiet), with one
 * exception: the broker answers a transactional produce that arrives while the transaction before
 * it is still being completed with {@code CONCURRENT_TRANSACTIONS}, and says so only at DEBUG, in
 * {@link #PRODUCE_ERRORS}, one line per refused partition. That logger alone is turned to DEBUG so
 * that the report can count these stalls; its other DEBUG lines are a few per transaction.
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} refusals are logged at ERROR by the replica manager anyway.
 */
public final class BrokerMain {

    static final String DIR = "BENCH_BROKER_DIR";
    static final String PORT = "BENCH_BROKER_PORT";
    /** The logger of the broker's request handlers: "Produce request ... failed due to ..." at DEBUG. */
    static final String PRODUCE_ERRORS = "kafka.server.KafkaApis";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(PRODUCE_ERRORS)).setLevel(Level.DEBUG);
        KafkaBroker.main(new String[] {System.getenv(DIR), System.getenv(PORT)});
    }
}
