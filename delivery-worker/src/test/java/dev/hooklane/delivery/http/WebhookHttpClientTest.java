package dev.hooklane.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;

class WebhookHttpClientTest {

    private static final int CONCURRENCY = 20;
    private static final DnsResolver LOOPBACK = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    /**
     * A receiver closes keep-alive connections once they have been idle for a while, and a request
     * that takes such a connection from the pool as it closes fails without reaching the receiver
     * (closed by peer, or not sent at all). Pauses around the receiver's idle timeout hit that race
     * every few rounds; the client must close its idle connections before the receiver does, or
     * every receiver that closes idle connections would see failures, and circuits opened, for
     * requests it never got.
     */
    @Test
    void shouldNotUseAConnectionTheReceiverMayBeClosingForIdleness() throws Exception {
        Duration receiverIdleTimeout = Duration.ofMillis(200);
        try (ScriptableReceiver receiver = ScriptableReceiver.start().closingIdleConnectionsAfter(receiverIdleTimeout);
             WebhookHttpClient client = new WebhookHttpClient(new WebhookHttpClient.Settings(Duration.ofSeconds(2), CONCURRENCY, 1,
                     receiverIdleTimeout.multipliedBy(3).dividedBy(4), "test"), LOOPBACK)) {
            receiver.always("/hook", new Behaviour.Respond(204, Map.of(), "", Duration.ofMillis(50)));
            WebhookRequest url = WebhookRequest.to(URI.create(receiver.url("/hook")));

            assertThat(postAtOnce(client, url)).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(HttpOutcome.Response.class));
            assertThat(client.connections().getTotalStats().getAvailable()).as("connections kept alive in the pool").isGreaterThan(1);

            List<HttpOutcome> later = new ArrayList<>();
            for (int round = 0; round < 40; round++) {
                Thread.sleep(100 + 5 * round);
                later.addAll(postAtOnce(client, url));
            }
            assertThat(later).as("requests on connections the receiver had closed")
                    .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(HttpOutcome.Response.class));
        }
    }

    private static List<HttpOutcome> postAtOnce(WebhookHttpClient client, WebhookRequest url) {
        List<CompletableFuture<HttpOutcome>> outcomes = new ArrayList<>();
        for (int n = 0; n < CONCURRENCY; n++) {
            outcomes.add(client.post(url, new Header[0], "{}".getBytes(), "application/json", Duration.ofSeconds(5)));
        }
        return outcomes.stream().map(CompletableFuture::join).toList();
    }
}
