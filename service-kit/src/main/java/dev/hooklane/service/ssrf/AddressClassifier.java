package dev.hooklane.service.ssrf;

import java.util.List;

/**
 * Sorts addresses into {@link AddressCategory}s by the IANA special-purpose registries. IPv6 forms
 * that carry an IPv4 address for translation (NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16})
 * take the category of the IPv4 address they carry.
 */
public final class AddressClassifier {

    private record Range(Cidr block, AddressCategory category) {
        static Range of(String cidr, AddressCategory category) {
            return new Range(Cidr.parse(cidr), category);
        }
    }

    // First match wins, so single addresses come before the blocks that hold them.
    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0/32", AddressCategory.UNSPECIFIED),
            Range.of("0.0.0.0/8", AddressCategory.RESERVED),
            Range.of("10.0.0.0/8", AddressCategory.PRIVATE),
            Range.of("100.100.100.200/32", AddressCategory.METADATA),
            Range.of("100.64.0.0/10", AddressCategory.CARRIER_GRADE_NAT),
            Range.of("127.0.0.0/8", AddressCategory.LOOPBACK),
            Range.of("169.254.169.254/32", AddressCategory.METADATA),
            Range.of("169.254.170.2/32", AddressCategory.METADATA),
            Range.of("169.254.0.0/16", AddressCategory.LINK_LOCAL),
            Range.of("172.16.0.0/12", AddressCategory.PRIVATE),
            Range.of("192.0.0.192/32", AddressCategory.METADATA),
            Range.of("192.0.0.0/24", AddressCategory.RESERVED),
            Range.of("192.0.2.0/24", AddressCategory.DOCUMENTATION),
            Range.of("192.88.99.0/24", AddressCategory.RESERVED),
            Range.of("192.168.0.0/16", AddressCategory.PRIVATE),
            Range.of("198.18.0.0/15", AddressCategory.RESERVED),
            Range.of("198.51.100.0/24", AddressCategory.DOCUMENTATION),
            Range.of("203.0.113.0/24", AddressCategory.DOCUMENTATION),
            Range.of("255.255.255.255/32", AddressCategory.BROADCAST),
            Range.of("224.0.0.0/4", AddressCategory.MULTICAST),
            Range.of("240.0.0.0/4", AddressCategory.RESERVED));

    private static final List<Range> IPV6 = List.of(
            Range.of("fd00:ec2::254/128", AddressCategory.METADATA),
            Range.of("::/128", AddressCategory.UNSPECIFIED),
            Range.of("::1/128", AddressCategory.LOOPBACK),
            Range.of("::ffff:0:0/96", AddressCategory.IPV4_MAPPED),
            Range.of("::ffff:0:0:0/96", AddressCategory.IPV4_MAPPED),
            Range.of("::/96", AddressCategory.IPV4_COMPATIBLE),
            Range.of("64:ff9b:1::/48", AddressCategory.RESERVED),
            Range.of("100::/64", AddressCategory.RESERVED),
            Range.of("2001:db8::/32", AddressCategory.DOCUMENTATION),
            Range.of("3fff::/20", AddressCategory.DOCUMENTATION),
            Range.of("2001::/23", AddressCategory.RESERVED),
            Range.of("fc00::/7", AddressCategory.UNIQUE_LOCAL),
            Range.of("fe80::/10", AddressCategory.LINK_LOCAL),
            Range.of("fec0::/10", AddressCategory.PRIVATE),
            Range.of("ff00::/8", AddressCategory.MULTICAST));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    private AddressClassifier() {
    }

    public static AddressCategory classify(IpAddress address) {
        if (address.isIpv4()) {
            return firstMatch(IPV4, address);
        }
        if (NAT64.contains(address)) {
            return classify(address.embeddedIpv4(12));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return classify(address.embeddedIpv4(2));
        }
        AddressCategory special = firstMatch(IPV6, address);
        if (special != AddressCategory.PUBLIC) {
            return special;
        }
        return GLOBAL_UNICAST.contains(address) ? AddressCategory.PUBLIC : AddressCategory.RESERVED;
    }

    private static AddressCategory firstMatch(List<Range> ranges, IpAddress address) {
        for (Range range : ranges) {
            if (range.block().contains(address)) {
                return range.category();
            }
        }
        return AddressCategory.PUBLIC;
    }
}
