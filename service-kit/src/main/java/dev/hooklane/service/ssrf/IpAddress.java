package dev.hooklane.service.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 (4 bytes) or IPv6 (16 bytes) address as raw bytes. Unlike {@link InetAddress}, an
 * IPv4-mapped IPv6 address stays IPv6 here, so the policy can tell {@code ::ffff:127.0.0.1} from
 * {@code 127.0.0.1}.
 */
public final class IpAddress {

    private final byte[] octets;

    private IpAddress(byte[] octets) {
        this.octets = octets;
    }

    /** @throws IllegalArgumentException unless {@code octets} has 4 or 16 bytes */
    public static IpAddress of(byte[] octets) {
        Objects.requireNonNull(octets, "octets");
        if (octets.length != 4 && octets.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + octets.length);
        }
        return new IpAddress(octets.clone());
    }

    public static IpAddress of(InetAddress address) {
        return new IpAddress(address.getAddress());
    }

    /**
     * Reads an address literal in any form a resolver or URL parser may accept; see
     * {@link IpLiterals#parse}. Empty when {@code text} is a host name.
     */
    public static Optional<IpAddress> parse(String text) {
        return IpLiterals.parse(text);
    }

    public boolean isIpv4() {
        return octets.length == 4;
    }

    public boolean isIpv6() {
        return octets.length == 16;
    }

    /** A copy of the bytes, network order. */
    public byte[] octets() {
        return octets.clone();
    }

    int octet(int index) {
        return octets[index] & 0xff;
    }

    int length() {
        return octets.length;
    }

    /** The IPv4 address held in bytes {@code from..from+3} of this IPv6 address. */
    IpAddress embeddedIpv4(int from) {
        return new IpAddress(Arrays.copyOfRange(octets, from, from + 4));
    }

    /** The address to connect to. Java turns IPv4-mapped IPv6 bytes into the IPv4 address. */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress address && Arrays.equals(octets, address.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** Dotted decimal for IPv4, eight full hex groups for IPv6. */
    @Override
    public String toString() {
        if (isIpv4()) {
            return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Integer.toHexString((octet(i) << 8) | octet(i + 1)));
        }
        return text.toString();
    }
}
