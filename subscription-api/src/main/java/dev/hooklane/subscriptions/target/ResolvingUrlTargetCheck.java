package dev.hooklane.subscriptions.target;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the URL's host and refuses it when any of its addresses is one the platform must not
 * call (loopback, private, link-local, metadata, ...) and no allow-listed range holds it. A host
 * that does not resolve yet is accepted: DNS may follow, and the worker checks every attempt.
 */
public final class ResolvingUrlTargetCheck implements UrlTargetCheck {

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Function<InetAddress, Optional<String>> forbiddenKind;
    private final List<AddressRange> allowed;
    private final Resolver resolver;

    /**
     * @param forbiddenKind the kind of a forbidden address ("loopback", ...), empty for a public one
     * @param allowed ranges accepted although forbidden
     */
    public ResolvingUrlTargetCheck(Function<InetAddress, Optional<String>> forbiddenKind, List<AddressRange> allowed, Resolver resolver) {
        this.forbiddenKind = forbiddenKind;
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** The check with {@link LocalAddresses} and the system resolver. */
    public static ResolvingUrlTargetCheck withDefaults(List<AddressRange> allowed) {
        return new ResolvingUrlTargetCheck(LocalAddresses::kindOf, allowed, InetAddress::getAllByName);
    }

    @Override
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbiddenKind.apply(address);
            if (kind.isPresent() && allowed.stream().noneMatch(range -> range.contains(address))) {
                return Optional.of("resolves to a " + kind.get() + " address (" + address.getHostAddress()
                        + "), which is not an allowed webhook target");
            }
        }
        return Optional.empty();
    }
}
