package dev.hooklane.service.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private final AddressPolicy policy = AddressPolicy.publicOnly();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                       | LOOPBACK
            127.1                           | LOOPBACK
            127.0.1                         | LOOPBACK
            2130706433                      | LOOPBACK
            0x7f000001                      | LOOPBACK
            0x7f.0.0.1                      | LOOPBACK
            0X7F.0X0.0X0.0X1                | LOOPBACK
            0177.0.0.1                      | LOOPBACK
            017700000001                    | LOOPBACK
            0177.1                          | LOOPBACK
            127.0.0.1.                      | LOOPBACK
            127.255.255.254                 | LOOPBACK
            ::1                             | LOOPBACK
            [::1]                           | LOOPBACK
            0:0:0:0:0:0:0:1                 | LOOPBACK
            10.0.0.1                        | PRIVATE
            012.0.0.1                       | PRIVATE
            167772161                       | PRIVATE
            172.16.0.1                      | PRIVATE
            172.31.255.255                  | PRIVATE
            192.168.1.1                     | PRIVATE
            0xc0.0xa8.1.1                   | PRIVATE
            3232235777                      | PRIVATE
            fec0::1                         | PRIVATE
            169.254.1.1                     | LINK_LOCAL
            fe80::1                         | LINK_LOCAL
            fe80::1%eth0                    | LINK_LOCAL
            [fe80::1%25eth0]                | LINK_LOCAL
            fc00::1                         | UNIQUE_LOCAL
            fd12:3456::1                    | UNIQUE_LOCAL
            224.0.0.1                       | MULTICAST
            239.255.255.250                 | MULTICAST
            ff02::1                         | MULTICAST
            0.0.0.0                         | UNSPECIFIED
            0                               | UNSPECIFIED
            ::                              | UNSPECIFIED
            255.255.255.255                 | BROADCAST
            4294967295                      | BROADCAST
            100.64.0.1                      | CARRIER_GRADE_NAT
            100.127.255.255                 | CARRIER_GRADE_NAT
            192.0.2.10                      | DOCUMENTATION
            198.51.100.7                    | DOCUMENTATION
            203.0.113.200                   | DOCUMENTATION
            2001:db8::1                     | DOCUMENTATION
            169.254.169.254                 | METADATA
            2852039166                      | METADATA
            0xa9.0xfe.0xa9.0xfe             | METADATA
            0251.0376.0251.0376             | METADATA
            169.254.43518                   | METADATA
            169.254.170.2                   | METADATA
            100.100.100.200                 | METADATA
            fd00:ec2::254                   | METADATA
            [fd00:ec2:0:0:0:0:0:254]        | METADATA
            ::ffff:127.0.0.1                | IPV4_MAPPED
            ::ffff:7f00:1                   | IPV4_MAPPED
            ::ffff:169.254.169.254          | IPV4_MAPPED
            ::ffff:8.8.8.8                  | IPV4_MAPPED
            [0:0:0:0:0:ffff:10.0.0.1]       | IPV4_MAPPED
            ::ffff:0:10.0.0.1               | IPV4_MAPPED
            ::127.0.0.1                     | IPV4_COMPATIBLE
            ::8.8.8.8                       | IPV4_COMPATIBLE
            64:ff9b::127.0.0.1              | LOOPBACK
            64:ff9b::a9fe:a9fe              | METADATA
            2002:7f00:1::                   | LOOPBACK
            2002:c0a8:101::1                | PRIVATE
            0.1.2.3                         | RESERVED
            192.0.0.8                       | RESERVED
            198.18.0.1                      | RESERVED
            240.0.0.1                       | RESERVED
            2001::1                         | RESERVED
            100::1                          | RESERVED
            4000::1                         | RESERVED
            8.8.8.8                         | PUBLIC
            134744072                       | PUBLIC
            1.1.1.1                         | PUBLIC
            172.32.0.1                      | PUBLIC
            100.128.0.1                     | PUBLIC
            2606:4700:4700::1111            | PUBLIC
            64:ff9b::8.8.8.8                | PUBLIC
            2002:808:808::1                 | PUBLIC
            """)
    void shouldClassifyEverySpellingOfAnAddress(String literal, AddressCategory expected) {
        AddressPolicy.Verdict verdict = policy.checkLiteral(literal).orElseThrow(() -> new AssertionError(literal + " was not read as an address"));
        assertThat(verdict.category()).isEqualTo(expected);
        assertThat(verdict.allowed()).isEqualTo(expected == AddressCategory.PUBLIC);
    }

    @ParameterizedTest(name = "{0} is a host name")
    @CsvSource(textBlock = """
            example.com
            hooks.example.com
            localhost
            1.2.3.4.example.com
            08.0.0.1
            0x7g.0.0.1
            256.256.256.256.256
            4294967296
            1.2.3.256
            ::1::
            12345::1
            """)
    void shouldLeaveHostNamesAndNonsenseToTheResolver(String host) {
        assertThat(policy.checkLiteral(host)).isEmpty();
    }

    @Test
    void shouldAllowAnAllowListedBlockAndNothingBeside() {
        AddressPolicy dev = AddressPolicy.withAllowList(List.of("127.0.0.1/32", " ::1/128 ", ""));
        assertThat(dev.checkLiteral("127.0.0.1")).get().extracting(AddressPolicy.Verdict::allowed).isEqualTo(true);
        assertThat(dev.checkLiteral("0x7f.1")).get().extracting(AddressPolicy.Verdict::allowed).isEqualTo(true);
        assertThat(dev.checkLiteral("[::1]")).get().extracting(AddressPolicy.Verdict::allowed).isEqualTo(true);
        assertThat(dev.checkLiteral("127.0.0.2")).get().extracting(AddressPolicy.Verdict::allowed).isEqualTo(false);
        assertThat(dev.checkLiteral("::ffff:127.0.0.1")).get().extracting(AddressPolicy.Verdict::allowed).isEqualTo(false);
        assertThat(dev.checkLiteral("10.0.0.1")).get().extracting(AddressPolicy.Verdict::allowed).isEqualTo(false);
    }

    @Test
    void shouldNameTheAddressAndItsKindInTheReason() {
        assertThat(policy.checkLiteral("0xa9fea9fe").orElseThrow().reason()).isEqualTo("169.254.169.254 is a cloud metadata address");
        assertThat(policy.checkLiteral("::ffff:10.0.0.1").orElseThrow().reason()).isEqualTo("0:0:0:0:0:ffff:a00:1 is an IPv4-mapped IPv6 address");
    }

    @Test
    void shouldMatchCidrBlocksBitByBit() {
        Cidr block = Cidr.parse("172.16.0.0/12");
        assertThat(block.contains(IpAddress.parse("172.31.0.1").orElseThrow())).isTrue();
        assertThat(block.contains(IpAddress.parse("172.32.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("fc00::/7").contains(IpAddress.parse("fdff::1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("fc00::/7").contains(IpAddress.parse("fe00::1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("::1").orElseThrow())).isFalse();
    }

    @Test
    void shouldRefuseMalformedAllowListEntries() {
        assertThatThrownBy(() -> Cidr.parse("127.1/32")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
