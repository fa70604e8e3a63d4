package dev.hooklane.delivery.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.delivery.http.FailureKind;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.http.WebhookRequest;
import org.apache.hc.core5.http.Header;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.service.ssrf.AddressPolicy;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

/**
 * A name that resolves to an allowed address first and to a forbidden one afterwards (DNS
 * rebinding) must never get a request to the forbidden one: the client connects to the address
 * that was checked, and every later lookup is checked again. Only loopback addresses are used;
 * 127.0.0.1 stands for "public" through the allow-list.
 */
class DnsRebindingTest {

    private final AddressPolicy policy = AddressPolicy.withAllowList(List.of("127.0.0.1/32"));

    /** Answers 127.0.0.1 the first time, then 127.0.0.2. */
    private static final class RebindingResolver implements DnsResolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            byte last = (byte) (lookups.incrementAndGet() == 1 ? 1 : 2);
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, last})};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    @Test
    void shouldConnectToTheCheckedAddressAndRefuseTheRebindingAnswer() throws Exception {
        RebindingResolver dns = new RebindingResolver();
        try (ScriptableReceiver receiver = ScriptableReceiver.start("0.0.0.0", 0);
             WebhookHttpClient client = new WebhookHttpClient(new WebhookHttpClient.Settings(Duration.ofSeconds(2), 1, 1, Duration.ofMillis(1500), "test"),
                     new CheckedDnsResolver(policy, dns))) {
            // Every answer closes its connection, so every request needs a new one and a new lookup.
            receiver.always("/hook", new Behaviour.Respond(200, Map.of("Connection", "close"), "ok", Duration.ZERO));
            WebhookRequest url = WebhookRequest.to(URI.create("http://rebind.test:" + receiver.port() + "/hook"));

            HttpOutcome first = client.post(url, new Header[0], new byte[0], "application/json", Duration.ofSeconds(5)).get();
            assertThat(first).isInstanceOf(HttpOutcome.Response.class);
            assertThat(dns.lookups.get()).as("one lookup for the connection that was checked").isEqualTo(1);
            assertThat(receiver.requests("/hook")).hasSize(1);

            HttpOutcome second = client.post(url, new Header[0], new byte[0], "application/json", Duration.ofSeconds(5)).get();
            HttpOutcome third = client.post(url, new Header[0], new byte[0], "application/json", Duration.ofSeconds(5)).get();

            assertThat(List.of(second, third)).allSatisfy(outcome -> {
                assertThat(outcome).isInstanceOf(HttpOutcome.Failure.class);
                assertThat(((HttpOutcome.Failure) outcome).kind()).isEqualTo(FailureKind.REFUSED);
                assertThat(((HttpOutcome.Failure) outcome).message()).contains("127.0.0.2 is a loopback address");
            });
            assertThat(receiver.requests("/hook")).hasSize(1);
            assertThat(dns.lookups.get()).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseAHostWhenAnyOfItsAddressesIsForbidden() {
        DnsResolver mixed = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return new InetAddress[] {InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), InetAddress.getByAddress(new byte[] {127, 0, 0, 9})};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        assertThatThrownBy(() -> new CheckedDnsResolver(policy, mixed).resolve("mixed.test"))
                .isInstanceOf(AddressRefusedException.class).hasMessageContaining("127.0.0.9");
    }

    @Test
    void shouldReadEncodedAddressLiteralsWithoutAskingDns() throws Exception {
        RebindingResolver dns = new RebindingResolver();
        CheckedDnsResolver resolver = new CheckedDnsResolver(policy, dns);
        assertThat(resolver.resolve("0x7f.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> resolver.resolve("2130706434")).isInstanceOf(AddressRefusedException.class);
        assertThatThrownBy(() -> resolver.resolve("[::ffff:127.0.0.1]")).isInstanceOf(AddressRefusedException.class);
        assertThat(dns.lookups.get()).isZero();
    }
}
