package dev.hooklane.subscriptions.urlcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.service.ssrf.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvingUrlTargetCheckTest {

    /** A resolver over a fixed table, so that no test depends on DNS. */
    private static ResolvingUrlTargetCheck.Resolver table(Map<String, String> hosts) {
        return host -> {
            String address = hosts.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private static ResolvingUrlTargetCheck check(List<String> allowed) {
        return new ResolvingUrlTargetCheck(AddressPolicy.withAllowList(allowed), table(Map.of(
                "public.example", "93.184.216.34", "internal.example", "10.20.30.40", "rebind.example", "127.0.0.1",
                "metadata.example", "169.254.169.254")));
    }

    @Test
    void shouldRefuseHostsThatResolveToLocalAddresses() {
        assertThat(check(List.of()).refusal(URI.create("https://internal.example/hook"))).get().asString().contains("private");
        assertThat(check(List.of()).refusal(URI.create("https://rebind.example/hook"))).get().asString().contains("loopback");
        assertThat(check(List.of()).refusal(URI.create("https://metadata.example/hook"))).get().asString().contains("metadata");
        assertThat(check(List.of()).refusal(URI.create("https://public.example/hook"))).isEmpty();
    }

    @Test
    void shouldRefuseAddressLiteralsInEverySpellingWithoutResolving() {
        for (String host : List.of("127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "169.254.169.254", "[fd00:ec2::254]")) {
            assertThat(check(List.of()).refusal(URI.create("https://" + host + "/hook"))).as(host).isPresent();
        }
        assertThat(check(List.of()).refusal(URI.create("https://93.184.216.34/hook"))).isEmpty();
    }

    @Test
    void shouldAcceptAllowListedBlocksOnly() {
        ResolvingUrlTargetCheck allowed = check(List.of("10.20.0.0/16"));
        assertThat(allowed.refusal(URI.create("https://internal.example/hook"))).isEmpty();
        assertThat(allowed.refusal(URI.create("https://rebind.example/hook"))).isPresent();
    }

    @Test
    void shouldAcceptHostsThatDoNotResolveYet() {
        assertThat(check(List.of()).refusal(URI.create("https://not-yet.example/hook"))).isEmpty();
    }
}
