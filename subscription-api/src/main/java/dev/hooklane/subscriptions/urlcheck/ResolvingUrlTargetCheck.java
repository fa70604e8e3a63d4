package dev.hooklane.subscriptions.urlcheck;

import dev.hooklane.service.ssrf.AddressPolicy;
import dev.hooklane.service.ssrf.IpAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses a URL whose host is, or resolves to, an address the platform must not call (loopback,
 * private, link-local, metadata, ...) unless the allow-list holds it, with the same
 * {@link AddressPolicy} the worker applies to every attempt. A host that does not resolve yet is
 * accepted: DNS may follow, and the worker checks every connection anyway.
 */
public final class ResolvingUrlTargetCheck implements UrlTargetCheck {

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final AddressPolicy policy;
    private final Resolver resolver;

    public ResolvingUrlTargetCheck(AddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** The check with the system resolver. */
    public static ResolvingUrlTargetCheck withSystemResolver(AddressPolicy policy) {
        return new ResolvingUrlTargetCheck(policy, InetAddress::getAllByName);
    }

    @Override
    public Optional<String> refusal(URI url) {
        // java.net.URI gives no host for spellings such as 0x7f.1; the authority still names one.
        String host = url.getHost() != null ? url.getHost() : hostOfAuthority(url.getRawAuthority());
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        Optional<AddressPolicy.Verdict> literal = policy.checkLiteral(bare);
        if (literal.isPresent()) {
            return literal.filter(verdict -> !verdict.allowed()).map(ResolvingUrlTargetCheck::explain);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            AddressPolicy.Verdict verdict = policy.check(IpAddress.of(address));
            if (!verdict.allowed()) {
                return Optional.of(explain(verdict));
            }
        }
        return Optional.empty();
    }

    private static String hostOfAuthority(String authority) {
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            return hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String explain(AddressPolicy.Verdict verdict) {
        return "resolves to " + verdict.reason() + ", which is not an allowed webhook target";
    }
}
