package io.reachsim.trace;

import io.reachsim.compile.Fabric;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracer behaviour on a hand-built public/private VPC with one NAT gateway. */
class TracerTest {

    static final Cidr ANY = Cidr.parse("0.0.0.0/0");

    static SgRule allTo(Cidr c) {
        return new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(c), null);
    }

    static SgRule tcpFrom(int port, Cidr c) {
        return new SgRule(Protocol.TCP, PortRange.of(port), -1, -1, new SgRule.SgPeer.CidrPeer(c), null);
    }

    static AclEntry acl(int n, Protocol p, PortRange ports, Cidr c, AclEntry.Action a) {
        return new AclEntry(n, p, ports, -1, -1, c, a);
    }

    /** vpc 10.0.0.0/16: public 10.0.0.0/24 (igw), private 10.0.1.0/24 (nat), web with public IP, app private. */
    static Network.Builder base(List<AclEntry> privateIngress) {
        Network.Builder b = Network.builder().region("us-west-2");
        b.add(new Vpc("vpc", "us-west-2", List.of(Cidr.parse("10.0.0.0/16")), List.of(), true, false, "vpc-default", "vpc-default-acl", "rt-main"));
        b.add(new SecurityGroup("vpc-default", "vpc", "default", List.of(), List.of(allTo(ANY))));
        b.add(new SecurityGroup("sg-web", "vpc", "web", List.of(tcpFrom(443, ANY)), List.of(allTo(ANY))));
        b.add(new NetworkAcl("vpc-default-acl", "vpc", true,
                List.of(acl(100, Protocol.ALL, null, ANY, AclEntry.Action.ALLOW)),
                List.of(acl(100, Protocol.ALL, null, ANY, AclEntry.Action.ALLOW))));
        b.add(new NetworkAcl("acl-private", "vpc", false, privateIngress,
                List.of(acl(100, Protocol.ALL, null, ANY, AclEntry.Action.ALLOW))));
        b.add(new RouteTable("rt-main", "vpc", true, List.of(), List.of()));
        b.add(new RouteTable("rt-public", "vpc", false,
                List.of(new Route(new Route.RouteDestination.CidrDestination(ANY), new RouteTarget.InternetGateway("igw"))), List.of()));
        b.add(new RouteTable("rt-private", "vpc", false,
                List.of(new Route(new Route.RouteDestination.CidrDestination(ANY), new RouteTarget.NatGateway("nat"))), List.of()));
        b.add(new InternetGateway("igw", "vpc"));
        b.add(new Subnet("public", "vpc", "us-west-2a", Cidr.parse("10.0.0.0/24"), null, "rt-public", null, Map.of()));
        b.add(new Subnet("private", "vpc", "us-west-2a", Cidr.parse("10.0.1.0/24"), null, "rt-private", "acl-private", Map.of()));
        b.add(new NatGateway("nat", "public", NatGateway.Connectivity.PUBLIC, Ip.parse("10.0.0.5"), Ip.parse("198.51.100.7"), List.of()));
        b.add(new NetworkInterface("web", "public", Ip.parse("10.0.0.10"), List.of(), null, Ip.parse("198.51.100.10"), List.of("sg-web"), true, "web"));
        b.add(new NetworkInterface("app", "private", Ip.parse("10.0.1.10"), List.of(), null, null, List.of("sg-web"), true, "app"));
        return b;
    }

    static FlowResult trace(Network n, FlowEnd from, FlowEnd to, Packet p) {
        return new Tracer(Fabric.compile(n)).trace(new Flow(from, to, p, true));
    }

    @Test
    void privateHostReachesInternetThroughNatAndTheReplyComesBack() {
        Network n = base(List.of(acl(100, Protocol.TCP, new PortRange(1024, 65535), ANY, AclEntry.Action.ALLOW))).build();
        FlowResult r = trace(n, new FlowEnd.AtInterface("app"), new FlowEnd.OnInternet(Ip.parse("203.0.113.9")),
                Packet.tcp(Ip.parse("10.0.1.10"), Ip.parse("203.0.113.9"), 49152, 443));
        assertThat(r.disposition()).as("%s", r).isEqualTo(Disposition.DELIVERED);
        assertThat(r.pathIds()).contains("nat", "igw", "rt-private", "rt-public", "internet");
        Hop atInternet = r.hops().stream().filter(h -> h.kind() == HopKind.INTERNET).findFirst().orElseThrow();
        assertThat(atInternet.packet().src()).isEqualTo(Ip.parse("198.51.100.7"));
        assertThat(r.hops().get(r.hops().size() - 1).component()).isEqualTo("app");
        assertThat(r.hops().get(r.hops().size() - 1).leg()).isEqualTo(Leg.RETURN);
    }

    @Test
    void nattedReplyNeedsEphemeralPortsInTheNaclOfTheClient() {
        Network n = base(List.of(acl(100, Protocol.TCP, PortRange.of(22), ANY, AclEntry.Action.ALLOW))).build();
        FlowResult r = trace(n, new FlowEnd.AtInterface("app"), new FlowEnd.OnInternet(Ip.parse("203.0.113.9")),
                Packet.tcp(Ip.parse("10.0.1.10"), Ip.parse("203.0.113.9"), 49152, 443));
        assertThat(r.disposition()).isEqualTo(Disposition.DROPPED);
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.SUBNET_ACL_RESTRICTION);
        assertThat(r.drop().component()).isEqualTo("acl-private");
        assertThat(r.drop().leg()).isEqualTo(Leg.RETURN);
    }

    @Test
    void internetReachesPublicIpButNotPrivateIpAndNotTheNat() {
        Network n = base(List.of()).build();
        FlowResult ok = trace(n, new FlowEnd.OnInternet(Ip.parse("203.0.113.9")), new FlowEnd.AtInterface("web"),
                Packet.tcp(Ip.parse("203.0.113.9"), Ip.parse("198.51.100.10"), 49152, 443));
        assertThat(ok.disposition()).as("%s", ok).isEqualTo(Disposition.DELIVERED);

        FlowResult toPrivate = trace(n, new FlowEnd.OnInternet(Ip.parse("203.0.113.9")), new FlowEnd.AtInterface("web"),
                Packet.tcp(Ip.parse("203.0.113.9"), Ip.parse("10.0.0.10"), 49152, 443));
        assertThat(toPrivate.drop().code()).isEqualTo(ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS);
        assertThat(toPrivate.drop().component()).isEqualTo("igw");

        FlowResult toNat = trace(n, new FlowEnd.OnInternet(Ip.parse("203.0.113.9")), new FlowEnd.OnInternet(Ip.parse("198.51.100.7")),
                Packet.tcp(Ip.parse("203.0.113.9"), Ip.parse("198.51.100.7"), 49152, 443));
        assertThat(toNat.drop().code()).isEqualTo(ExplanationCode.NAT_GATEWAY_NO_INBOUND);
    }

    @Test
    void privateHostRoutedToIgwDirectlyNeedsAPublicIp() {
        Network.Builder b = base(List.of());
        b.networkInterfaces.add(new NetworkInterface("nopub", "public", Ip.parse("10.0.0.11"), List.of(), null, null, List.of("sg-web"), true, "nopub"));
        FlowResult r = trace(b.build(), new FlowEnd.AtInterface("nopub"), new FlowEnd.OnInternet(Ip.parse("203.0.113.9")),
                Packet.tcp(Ip.parse("10.0.0.11"), Ip.parse("203.0.113.9"), 49152, 443));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS);
        assertThat(r.drop().component()).isEqualTo("igw");
    }

    @Test
    void securityGroupDropNamesTheGroupAndSameSubnetSkipsAcls() {
        Network n = base(List.of()).build();
        // app -> web on 22: sg-web only allows 443 in.
        FlowResult r = trace(n, new FlowEnd.AtInterface("app"), new FlowEnd.AtInterface("web"),
                Packet.tcp(Ip.parse("10.0.1.10"), Ip.parse("10.0.0.10"), 49152, 22));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.ENI_SG_RULES_MISMATCH);
        assertThat(r.drop().component()).isEqualTo("sg-web");
        // a subnet host in "private" reaching app (same subnet): acl-private denies everything in, but is not consulted.
        FlowResult same = trace(n, new FlowEnd.AtSubnetHost("private", Ip.parse("10.0.1.4")), new FlowEnd.AtInterface("app"),
                Packet.tcp(Ip.parse("10.0.1.4"), Ip.parse("10.0.1.10"), 49152, 443));
        assertThat(same.disposition()).as("%s", same).isEqualTo(Disposition.DELIVERED);
        assertThat(same.pathIds()).doesNotContain("acl-private");
    }
}
