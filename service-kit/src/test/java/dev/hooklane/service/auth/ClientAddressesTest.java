package dev.hooklane.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.http.LivenessCheck;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.metrics.ServiceMetrics;
import dev.hooklane.service.ssrf.Cidr;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final ClientAddresses BEHIND_PROXIES = new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));

    @Test
    void shouldTakeTheAddressLeftOfTheTrustedProxiesWhenThePeerIsATrustedProxy() {
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("198.51.100.1, 203.0.113.7, 10.1.2.3"))).as("two proxies deep").isEqualTo("203.0.113.7");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("198.51.100.1", "203.0.113.7"))).as("one header per hop").isEqualTo("203.0.113.7");
        assertThat(BEHIND_PROXIES.of("fd00::1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("[2001:db8::7]:4711"))).as("without the port").isEqualTo("2001:db8::7");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("203.0.113.7:4711"))).as("one bucket whatever the source port").isEqualTo("203.0.113.7");
    }

    @Test
    void shouldNeverBelieveWhatTheClientWroteLeftOfItsOwnAddress() {
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("1.1.1.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("10.9.9.9, 10.0.0.6"))).as("every hop a proxy: the leftmost").isEqualTo("10.9.9.9");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("not-an-address, 10.0.0.6"))).as("garbage ends the chain").isEqualTo("10.0.0.6");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of("127.1"))).as("only a proxy's plain spelling").isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXIES.of("10.0.0.5", List.of())).as("no header").isEqualTo("10.0.0.5");
    }

    @Test
    void shouldIgnoreTheHeaderWhenThePeerIsNoTrustedProxy() {
        assertThat(BEHIND_PROXIES.of("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(ClientAddresses.direct().of("10.0.0.5", List.of("198.51.100.1"))).as("no proxies configured").isEqualTo("10.0.0.5");
    }

    @Test
    void shouldReadTheTrustedProxiesFromTheEnvironmentAndRefuseWhatIsNoBlock() {
        EnvConfig env = new EnvConfig(Map.of(ClientAddresses.TRUSTED_PROXIES, "10.0.0.0/8, 192.168.1.7,fd00::/8"));
        assertThat(HttpSettings.from(env, 8080).clientAddresses().proxies()).extracting(Cidr::prefixLength).containsExactly(8, 32, 8);
        assertThat(HttpSettings.from(new EnvConfig(Map.of()), 8080).clientAddresses().proxies()).isEmpty();
        EnvConfig bad = new EnvConfig(Map.of(ClientAddresses.TRUSTED_PROXIES, "10.0.0.0/8,proxy.internal"));
        HttpSettings.from(bad, 8080);
        assertThatThrownBy(bad::validate).isInstanceOf(ConfigException.class).hasMessageContaining(ClientAddresses.TRUSTED_PROXIES);
    }

    @Test
    void shouldThrottleEachForwardedClientApartWhenTheConnectionComesFromATrustedProxy() throws Exception {
        try (Throttled server = new Throttled(new ClientAddresses(List.of(Cidr.parse("127.0.0.1/32"))))) {
            assertThat(server.fail(Optional.of("203.0.113.7"))).isEqualTo(401);
            assertThat(server.fail(Optional.of("203.0.113.7"))).isEqualTo(401);
            assertThat(server.fail(Optional.of("203.0.113.7"))).as("that client's allowance is used up").isEqualTo(429);
            assertThat(server.fail(Optional.of("203.0.113.8"))).as("another client behind the same proxy").isEqualTo(401);
            assertThat(server.fail(Optional.of("203.0.113.8, 203.0.113.7"))).as("a client cannot claim another's address").isEqualTo(429);
        }
    }

    @Test
    void shouldThrottleByThePeerWhatAnUntrustedPeerClaimsToForward() throws Exception {
        try (Throttled server = new Throttled(new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8"))))) {
            assertThat(server.fail(Optional.of("203.0.113.7"))).isEqualTo(401);
            assertThat(server.fail(Optional.of("203.0.113.8"))).isEqualTo(401);
            assertThat(server.fail(Optional.of("203.0.113.9"))).as("every claimed address is the one peer").isEqualTo(429);
            assertThat(server.fail(Optional.empty())).isEqualTo(429);
        }
    }

    /** A real server whose one route fails authentication through a throttle of two failures. */
    private static final class Throttled implements AutoCloseable {
        private final ServiceMetrics metrics = new ServiceMetrics();
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();

        Throttled(ClientAddresses clients) {
            AuthFailureThrottle throttle = new AuthFailureThrottle(2, Duration.ofHours(1), 100, clients);
            server = HttpServer.start("throttled", HttpSettings.ephemeral(), metrics.registry(), Optional::empty, LivenessCheck.ALWAYS,
                    routes -> routes.get("/login", ctx -> {
                        String who = throttle.clientOf(ctx);
                        throttle.waitFor(who).ifPresent(wait -> {
                            throw ProblemException.tooManyRequests("wait", wait);
                        });
                        throttle.failed(who);
                        throw ProblemException.unauthorized("no key");
                    }));
        }

        int fail(Optional<String> forwardedFor) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"));
            forwardedFor.ifPresent(value -> request.header(ClientAddresses.FORWARDED_FOR, value));
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        @Override
        public void close() {
            server.close();
            metrics.close();
        }
    }
}
