package dev.hooklane.subscriptions.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static ResolvingUrlTargetCheck check(List<AddressRange> allowed) {
        return new ResolvingUrlTargetCheck(LocalAddresses::kindOf, allowed, table(Map.of(
                "public.example", "93.184.216.34", "internal.example", "10.20.30.40", "rebind.example", "127.0.0.1")));
    }

    @Test
    void shouldRefuseHostsThatResolveToLocalAddresses() {
        assertThat(check(List.of()).refusal(URI.create("https://internal.example/hook"))).get().asString().contains("private");
        assertThat(check(List.of()).refusal(URI.create("https://rebind.example/hook"))).get().asString().contains("loopback");
        assertThat(check(List.of()).refusal(URI.create("https://public.example/hook"))).isEmpty();
    }

    @Test
    void shouldAcceptAllowListedRangesOnly() {
        ResolvingUrlTargetCheck allowed = check(List.of(AddressRange.parse("10.20.0.0/16")));
        assertThat(allowed.refusal(URI.create("https://internal.example/hook"))).isEmpty();
        assertThat(allowed.refusal(URI.create("https://rebind.example/hook"))).isPresent();
    }

    @Test
    void shouldAcceptHostsThatDoNotResolveYet() {
        assertThat(check(List.of()).refusal(URI.create("https://not-yet.example/hook"))).isEmpty();
    }

    @Test
    void shouldClassifyEveryLocalKind() throws Exception {
        Map<String, String> kinds = Map.of("127.0.0.1", "loopback", "::1", "loopback", "10.0.0.1", "private", "172.16.5.4", "private",
                "192.168.1.1", "private", "100.64.0.1", "private", "fd00::1", "private", "169.254.169.254", "cloud metadata",
                "fe80::1", "link-local", "0.0.0.0", "unspecified");
        for (Map.Entry<String, String> entry : kinds.entrySet()) {
            assertThat(LocalAddresses.kindOf(InetAddress.getByName(entry.getKey()))).as(entry.getKey()).contains(entry.getValue());
        }
        assertThat(LocalAddresses.kindOf(InetAddress.getByName("224.0.0.1"))).contains("multicast");
        assertThat(LocalAddresses.kindOf(InetAddress.getByName("::ffff:127.0.0.1"))).contains("loopback");
        assertThat(LocalAddresses.kindOf(InetAddress.getByName("8.8.8.8"))).isEmpty();
        assertThat(LocalAddresses.kindOf(InetAddress.getByName("2001:4860:4860::8888"))).isEmpty();
    }

    @Test
    void shouldParseCidrRangesAndRefuseNames() throws Exception {
        AddressRange range = AddressRange.parse("127.0.0.0/8");
        assertThat(range.contains(InetAddress.getByName("127.1.2.3"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("128.0.0.1"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
        assertThatThrownBy(() -> AddressRange.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
