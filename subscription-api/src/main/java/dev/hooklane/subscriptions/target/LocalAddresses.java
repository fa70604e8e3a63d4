package dev.hooklane.subscriptions.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A plain classification of addresses a webhook must not reach, from the JDK's own tests plus the
 * ranges the JDK does not name (IPv6 unique-local, carrier-grade NAT, "this network"). The
 * delivery worker's SSRF policy is the authority at delivery time; this one serves creation-time
 * answers.
 */
public final class LocalAddresses {

    private static final AddressRange UNIQUE_LOCAL = AddressRange.parse("fc00::/7");
    private static final AddressRange SHARED = AddressRange.parse("100.64.0.0/10");
    private static final AddressRange THIS_NETWORK = AddressRange.parse("0.0.0.0/8");
    private static final AddressRange METADATA_V6 = AddressRange.parse("fd00:ec2::254/128");

    private LocalAddresses() {
    }

    /** The kind of a forbidden address, or empty for an address on the public internet. */
    public static Optional<String> kindOf(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress() || THIS_NETWORK.contains(address)) {
            return Optional.of("unspecified");
        }
        if (address.getHostAddress().equals("169.254.169.254") || METADATA_V6.contains(address)) {
            return Optional.of("cloud metadata");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress() || SHARED.contains(address) || address instanceof Inet6Address && UNIQUE_LOCAL.contains(address)) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }
}
