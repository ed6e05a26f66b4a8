package io.reachsim.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS's reserved addresses of a subnet: the first four and the last, IPv4 and IPv6. */
class CidrSubnetAddressesTest {
    @Test
    void ipv4SubnetReservesFirstFourAndLast() {
        Cidr c = Cidr.parse("10.0.1.0/24");
        assertThat(c.firstSubnetHost()).isEqualTo(Ip.parse("10.0.1.4"));
        assertThat(c.lastAddress()).isEqualTo(Ip.parse("10.0.1.255"));
        assertThat(c.subnetHostCount()).isEqualTo(251);
        for (String a : new String[] {"10.0.1.0", "10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.255"}) {
            assertThat(c.isSubnetReserved(Ip.parse(a))).as(a).isTrue();
        }
        for (String a : new String[] {"10.0.1.4", "10.0.1.254", "10.0.2.0"}) {
            assertThat(c.isSubnetReserved(Ip.parse(a))).as(a).isFalse();
        }
    }

    @Test
    void smallestSubnets() {
        assertThat(Cidr.parse("10.0.0.0/28").subnetHostCount()).isEqualTo(11);
        assertThat(Cidr.parse("10.0.0.0/30").subnetHostCount()).isZero();
        assertThat(Cidr.parse("10.0.0.0/32").subnetHostCount()).isZero();
    }

    @Test
    void ipv6SubnetReservesFirstFourAndLast() {
        Cidr c = Cidr.parse("2600:1f18:0:1::/64");
        assertThat(c.firstSubnetHost()).isEqualTo(Ip.parse("2600:1f18:0:1::4"));
        assertThat(c.lastAddress()).isEqualTo(Ip.parse("2600:1f18:0:1:ffff:ffff:ffff:ffff"));
        assertThat(c.isSubnetReserved(Ip.parse("2600:1f18:0:1::3"))).isTrue();
        assertThat(c.isSubnetReserved(Ip.parse("2600:1f18:0:1:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(c.isSubnetReserved(Ip.parse("2600:1f18:0:1::4"))).isFalse();
        assertThat(c.subnetHostCount()).isEqualTo(Long.MAX_VALUE);
    }
}
