package dev.hooklane.subscriptions.target;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A CIDR range of IPv4 or IPv6 addresses, e.g. {@code 10.0.0.0/8} or {@code ::1/128}, for the
 * allow-list of subscriber targets. Only literal addresses are parsed, never host names.
 *
 * @param network the network address
 * @param prefixLength how many leading bits must match
 */
public record AddressRange(InetAddress network, int prefixLength) {

    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits);
        }
    }

    /** Parses {@code address/prefix}; a bare address is a range of one. */
    public static AddressRange parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (address.isEmpty() || !(address.contains(":") || address.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            InetAddress network = InetAddress.getByName(address);
            int bits = network.getAddress().length * 8;
            return new AddressRange(network, slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: " + text, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int bits = base.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefixLength).not();
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, base).and(mask));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
