package dev.hooklane.service.ssrf;

import java.util.Objects;

/**
 * A block of addresses, {@code 10.0.0.0/8} or {@code fc00::/7}. A bare address is a block of one.
 *
 * @param network the first address of the block
 * @param prefixLength how many leading bits are fixed
 */
public record Cidr(IpAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.length() * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits + ": " + prefixLength);
        }
    }

    /**
     * Reads {@code address/prefix}; the address in plain dotted or IPv6 form.
     *
     * @throws IllegalArgumentException when it is not a CIDR block
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "cidr");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        IpAddress address = (addressText.indexOf(':') >= 0 ? IpLiterals.parseIpv6(addressText)
                : IpLiterals.parseIpv4(addressText).filter(a -> addressText.split("\\.", -1).length == 4))
                .orElseThrow(() -> new IllegalArgumentException("not an address: '" + addressText + "'"));
        int bits = address.length() * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in '" + text + "'", e);
        }
        return new Cidr(address, prefix);
    }

    /** Whether {@code address} is in this block; never across IPv4 and IPv6. */
    public boolean contains(IpAddress address) {
        if (address.length() != network.length()) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address.octet(i) != network.octet(i)) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address.octet(full) & mask) == (network.octet(full) & mask);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
