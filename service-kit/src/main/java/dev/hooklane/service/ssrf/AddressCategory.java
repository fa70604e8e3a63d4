package dev.hooklane.service.ssrf;

/** What kind of address a webhook URL points at. Only {@link #PUBLIC} is delivered to, unless allow-listed. */
public enum AddressCategory {
    /** Globally routable unicast. */
    PUBLIC("a public address"),
    /** 127.0.0.0/8, ::1. */
    LOOPBACK("a loopback address"),
    /** 10/8, 172.16/12, 192.168/16 and the deprecated IPv6 site-local fec0::/10. */
    PRIVATE("a private address"),
    /** 169.254/16, fe80::/10. */
    LINK_LOCAL("a link-local address"),
    /** fc00::/7. */
    UNIQUE_LOCAL("a unique-local IPv6 address"),
    /** 224/4, ff00::/8. */
    MULTICAST("a multicast address"),
    /** 0.0.0.0, ::. */
    UNSPECIFIED("the unspecified address"),
    /** 255.255.255.255. */
    BROADCAST("the broadcast address"),
    /** 100.64/10 (RFC 6598). */
    CARRIER_GRADE_NAT("a carrier-grade NAT address"),
    /** 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20. */
    DOCUMENTATION("a documentation address"),
    /** Cloud instance metadata: 169.254.169.254, 169.254.170.2, 100.100.100.200, 192.0.0.192, fd00:ec2::254. */
    METADATA("a cloud metadata address"),
    /** ::ffff:0:0/96 (and the SIIT form ::ffff:0:0:0/96): an IPv4 address in IPv6 clothing. */
    IPV4_MAPPED("an IPv4-mapped IPv6 address"),
    /** ::/96, the deprecated IPv4-compatible IPv6 form. */
    IPV4_COMPATIBLE("an IPv4-compatible IPv6 address"),
    /** Everything else that is not public: 0/8, 192.0.0/24, 198.18/15, 240/4, 2001::/23, IPv6 outside 2000::/3. */
    RESERVED("a reserved address");

    private final String description;

    AddressCategory(String description) {
        this.description = description;
    }

    /** In a few words, for an attempt log or an API answer: "a private address". */
    public String description() {
        return description;
    }
}
