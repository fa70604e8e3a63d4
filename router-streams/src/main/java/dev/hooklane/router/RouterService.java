package dev.hooklane.router;

import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.metrics.ConsumerLagMetrics;
import dev.hooklane.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router service: the Kafka Streams application plus health, readiness and metrics. */
public final class RouterService implements ServiceRunner.Service {

    private static final Logger log = LoggerFactory.getLogger(RouterService.class);
    /** How long closing waits for the stream threads to commit and stop. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ServiceMetrics metrics;
    private final KafkaStreams streams;
    private final Admin lagAdmin;
    private final HttpServer http;

    private RouterService(RouterConfig config) {
        KafkaClients.ensureTopics(config.kafka(), "router");
        this.metrics = new ServiceMetrics();
        RouterMetrics routerMetrics = new RouterMetrics();
        metrics.bind(routerMetrics);
        this.streams = new KafkaStreams(RouterTopology.build(config.kafka().catalog(), routerMetrics, Clock.systemUTC(), config.dedupWindow()), streamsConfig(config));
        metrics.bind(new KafkaStreamsMetrics(streams));
        this.lagAdmin = Admin.create(KafkaClients.admin(config.kafka(), config.applicationId() + "-lag"));
        // The Streams application's consumer group is its application id.
        metrics.bind(new ConsumerLagMetrics(lagAdmin, config.applicationId(), List.of(config.kafka().catalog().events().name()),
                Duration.ofSeconds(10)));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("Router state {} -> {}", before, now));
        streams.start();
        this.http = HttpServer.start("router", config.http(), metrics.registry(), this::notReadyReason,
                new StreamsLiveness(streams, config.threads()), routes -> { });
    }

    public static RouterService start(RouterConfig config) {
        return new RouterService(config);
    }

    static Properties streamsConfig(RouterConfig config) {
        Properties props = KafkaClients.admin(config.kafka(), config.applicationId());
        props.remove(org.apache.kafka.clients.CommonClientConfigs.CLIENT_ID_CONFIG);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        config.kafka().replicationFactor().ifPresent(r -> props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) r));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A transaction's first writes can find the previous one's markers still being written
        // (CONCURRENT_TRANSACTIONS): retry within milliseconds, not the default 100 ms doubling to 1 s
        // (see ADR 13).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 100);
        return props;
    }

    private Optional<String> notReadyReason() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? Optional.empty() : Optional.of("streams are " + state);
    }

    /** The state of the Kafka Streams application. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        // Leaving the group hands the tasks over at once: a successor (a restart, the next pod of a
        // rollout) need not wait for the session timeout before it routes again.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT));
        metrics.close();
        lagAdmin.close(Duration.ofSeconds(5));
    }
}
