package dev.hooklane.delivery.ssrf;

import dev.hooklane.service.ssrf.AddressPolicy;
import dev.hooklane.service.ssrf.IpAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The only resolver of the webhook HTTP client: it resolves a host once per connection, checks
 * every address against the {@link AddressPolicy}, and hands the client exactly the addresses it
 * checked, so the connection goes to a checked address and a second DNS answer (rebinding) cannot
 * switch it. A host that spells an address in any encoding is read as that address, not looked up.
 * When any address of a host is refused, the whole host is refused.
 */
public final class CheckedDnsResolver implements DnsResolver {

    private final AddressPolicy policy;
    private final DnsResolver upstream;

    public CheckedDnsResolver(AddressPolicy policy, DnsResolver upstream) {
        this.policy = policy;
        this.upstream = upstream;
    }

    public CheckedDnsResolver(AddressPolicy policy) {
        this(policy, SystemDefaultDnsResolver.INSTANCE);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Optional<IpAddress> literal = IpAddress.parse(host);
        if (literal.isPresent()) {
            return new InetAddress[] {checked(host, literal.get())};
        }
        InetAddress[] resolved = upstream.resolve(host);
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        InetAddress[] checked = new InetAddress[resolved.length];
        for (int i = 0; i < resolved.length; i++) {
            checked[i] = checked(host, IpAddress.of(resolved[i]));
        }
        return checked;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // Only used for Kerberos-style authentication, which webhooks never do; no second lookup.
        return host;
    }

    private InetAddress checked(String host, IpAddress address) throws AddressRefusedException {
        AddressPolicy.Verdict verdict = policy.check(address);
        if (!verdict.allowed()) {
            throw new AddressRefusedException(host + ": " + verdict.reason() + ", which webhooks may not reach");
        }
        // Built from the checked bytes, with no host name attached, so nothing resolves it again.
        return address.toInetAddress();
    }
}
