package dev.hooklane.service.ssrf;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads IP address literals in every textual form that a resolver or a URL parser may turn into an
 * address, so that no spelling slips past the policy as a "host name":
 * <ul>
 *   <li>IPv4 as the C library's {@code inet_aton} reads it: one to four parts, each decimal,
 *       octal (leading {@code 0}) or hexadecimal ({@code 0x}); the last part fills the remaining
 *       bytes ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1});
 *       one trailing dot is accepted ({@code 127.0.0.1.});</li>
 *   <li>IPv6 with or without brackets, {@code ::} compression, a zone id ({@code %eth0}, dropped)
 *       and a dotted IPv4 tail ({@code ::ffff:127.0.0.1}).</li>
 * </ul>
 */
public final class IpLiterals {

    private static final int MAX_PART_LENGTH = 32;

    private IpLiterals() {
    }

    /** The address {@code text} spells, or empty when it is a host name (or nothing valid). */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String host = text;
        if (host.startsWith("[") && host.endsWith("]")) {
            return parseIpv6(host.substring(1, host.length() - 1));
        }
        if (host.indexOf(':') >= 0) {
            return parseIpv6(host);
        }
        return parseIpv4(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
    }

    static Optional<IpAddress> parseIpv4(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = parsePart(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBytes = 5 - parts.length;
        if (last >= (1L << (8 * lastBytes))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(IpAddress.of(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address}));
    }

    private static Optional<Long> parsePart(String part) {
        if (part.isEmpty() || part.length() > MAX_PART_LENGTH) {
            return Optional.empty();
        }
        String lower = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        String digits = lower;
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = lower.substring(2);
            if (digits.isEmpty()) {
                // inet_aton reads a bare "0x" as zero
                return Optional.of(0L);
            }
        } else if (lower.length() > 1 && lower.startsWith("0")) {
            radix = 8;
            digits = lower.substring(1);
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return Optional.empty();
            }
        }
        try {
            long value = Long.parseLong(digits, radix);
            return value > 0xffff_ffffL ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<IpAddress> parseIpv6(String text) {
        String address = text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        if (gap < 0) {
            return groups(address, bytes, 0, 16) == 16 ? Optional.of(IpAddress.of(bytes)) : Optional.empty();
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int headLength = gap == 0 ? 0 : groups(address.substring(0, gap), head, 0, 14);
        String tailText = address.substring(gap + 2);
        int tailLength = tailText.isEmpty() ? 0 : groups(tailText, tail, 0, 14);
        if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
            return Optional.empty();
        }
        System.arraycopy(head, 0, bytes, 0, headLength);
        System.arraycopy(tail, 0, bytes, 16 - tailLength, tailLength);
        return Optional.of(IpAddress.of(bytes));
    }

    /** Writes colon-separated groups (the last may be dotted IPv4) into {@code out}; the byte count, or -1. */
    private static int groups(String text, byte[] out, int offset, int maxBytes) {
        String[] groups = text.split(":", -1);
        int written = offset;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && group.indexOf('.') >= 0) {
                Optional<IpAddress> ipv4 = strictDottedQuad(group);
                if (ipv4.isEmpty() || written + 4 > maxBytes) {
                    return -1;
                }
                System.arraycopy(ipv4.get().octets(), 0, out, written, 4);
                written += 4;
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || written + 2 > maxBytes) {
                return -1;
            }
            int value = 0;
            for (int c = 0; c < group.length(); c++) {
                int digit = Character.digit(group.charAt(c), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            out[written++] = (byte) (value >>> 8);
            out[written++] = (byte) value;
        }
        return written - offset;
    }

    /** The dotted tail of an IPv6 literal: exactly four decimal parts, as RFC 4291 writes it. */
    private static Optional<IpAddress> strictDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(IpAddress.of(bytes));
    }
}
