package dev.hooklane.peer;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The peer of the benchmarks: the webhook sender a Java team would write with Spring Boot, Spring
 * for Apache Kafka's non-blocking retries ({@code @RetryableTopic}) and Spring's {@code RestClient}.
 * Env: {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_KAFKA_CONSUMER_GROUP_ID},
 * {@code PEER_TOPIC} (delivery jobs), {@code PEER_SUBSCRIPTIONS_TOPIC}.
 */
@SpringBootApplication
public class PeerApplication {

    /** Pooled connections: at least one per listener thread, per receiver host. */
    private static final int CONNECTIONS_PER_HOST = 50;

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    @Bean
    RestClient restClient(RestClient.Builder builder) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(CONNECTIONS_PER_HOST)
                .setMaxConnTotal(4 * CONNECTIONS_PER_HOST)
                .build();
        var client = HttpClients.custom().setConnectionManager(connections).disableAutomaticRetries().disableRedirectHandling().build();
        return builder.requestFactory(new HttpComponentsClientHttpRequestFactory(client)).build();
    }
}
