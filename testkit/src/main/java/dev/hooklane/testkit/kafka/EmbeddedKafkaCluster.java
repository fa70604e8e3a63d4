package dev.hooklane.testkit.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft Kafka cluster inside the JVM (Apache Kafka's {@code KafkaClusterTestKit}), with
 * the internal topics' replication set for the cluster's size so that consumer groups and
 * transactions work with a single broker.
 */
public final class EmbeddedKafkaCluster implements KafkaCluster {

    private final KafkaClusterTestKit cluster;
    private final int brokers;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, int brokers) {
        this.cluster = cluster;
        this.brokers = brokers;
    }

    /** Starts {@code brokers} combined broker-controller nodes and waits until they serve. */
    public static EmbeddedKafkaCluster start(int brokers) {
        return start(brokers, true);
    }

    /**
     * Starts {@code brokers} brokers and one controller of its own, for tests that stop and start
     * brokers: the controller quorum is untouched by them.
     */
    public static EmbeddedKafkaCluster startWithSeparateController(int brokers) {
        return start(brokers, false);
    }

    private static EmbeddedKafkaCluster start(int brokers, boolean combined) {
        int replication = Math.min(brokers, 3);
        int minIsr = brokers >= 3 ? 2 : 1;
        try {
            // An own base folder: the test kit's default temp folders are deleted by a JVM shutdown hook
            // that can run while the brokers still write checkpoints, which fails the brokers at exit.
            java.nio.file.Path base = java.nio.file.Files.createTempDirectory("hooklane-kafka");
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setBaseDirectory(base)
                    .setCombined(combined)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(combined ? brokers : 1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", Integer.toString(replication))
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", Integer.toString(replication))
                    .setConfigProp("transaction.state.log.min.isr", Integer.toString(minIsr))
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("default.replication.factor", Integer.toString(replication))
                    .setConfigProp("min.insync.replicas", Integer.toString(minIsr))
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("add.partitions.to.txn.retry.backoff.max.ms", "1000")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", Integer.toString(replication))
                    .setConfigProp("share.coordinator.state.topic.min.isr", Integer.toString(minIsr))
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("log.cleaner.backoff.ms", "1000")
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaCluster(cluster, brokers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public int brokerCount() {
        return brokers;
    }

    /** Stops one broker (its controller role goes with it in combined mode). */
    public void stopBroker(int nodeId) {
        cluster.brokers().get(nodeId).shutdown();
        cluster.brokers().get(nodeId).awaitShutdown();
    }

    /** Starts a stopped broker again. */
    public void startBroker(int nodeId) {
        cluster.brokers().get(nodeId).startup();
    }

    /** The ids of the broker nodes. */
    public java.util.Set<Integer> brokerIds() {
        return cluster.brokers().keySet();
    }

    /** Properties a client of this cluster needs. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** A timeout long enough for a loaded 2-core machine. */
    public static Duration patience() {
        return Duration.ofSeconds(60);
    }
}
