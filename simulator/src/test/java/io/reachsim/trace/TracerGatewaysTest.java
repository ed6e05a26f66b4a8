package io.reachsim.trace;

import io.reachsim.compile.Fabric;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpnGateway;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Egress-only IGW, VPN gateway, appliances and route selection. */
class TracerGatewaysTest {
    static final Cidr ANY4 = Cidr.parse("0.0.0.0/0");
    static final Cidr ANY6 = Cidr.parse("::/0");

    static Route route(String dst, RouteTarget t) {
        return new Route(new Route.RouteDestination.CidrDestination(Cidr.parse(dst)), t);
    }

    static SgRule all(Cidr c) {
        return new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(c), null);
    }

    /** One VPC, dual stack; a, b in subnet s1; appliance fw in s2; eigw and vgw. */
    static Network.Builder net(List<Route> routes, boolean fwSourceDestCheck) {
        Network.Builder b = Network.builder();
        b.add(new Vpc("vpc", "us-east-1", List.of(Cidr.parse("10.1.0.0/16")), List.of(Cidr.parse("2600:1f14:1:2300::/56")),
                true, false, "sg-open", "acl", "rt-main"));
        b.add(new SecurityGroup("sg-open", "vpc", "open", List.of(all(ANY4), all(ANY6)), List.of(all(ANY4), all(ANY6))));
        List<AclEntry> allowAll = List.of(new AclEntry(100, Protocol.ALL, null, -1, -1, ANY4, AclEntry.Action.ALLOW),
                new AclEntry(101, Protocol.ALL, null, -1, -1, ANY6, AclEntry.Action.ALLOW));
        b.add(new NetworkAcl("acl", "vpc", true, allowAll, allowAll));
        b.add(new RouteTable("rt-main", "vpc", true, List.of(), List.of()));
        b.add(new RouteTable("rt-1", "vpc", false, routes, List.of()));
        b.add(new Subnet("s1", "vpc", "us-east-1a", Cidr.parse("10.1.1.0/24"), Cidr.parse("2600:1f14:1:2301::/64"), "rt-1", null, Map.of()));
        b.add(new Subnet("s2", "vpc", "us-east-1a", Cidr.parse("10.1.2.0/24"), null, null, null, Map.of()));
        b.add(new EgressOnlyInternetGateway("eigw", "vpc"));
        b.add(new VpnGateway("vgw", "vpc", List.of(Cidr.parse("192.168.0.0/16"))));
        b.add(new ExternalNetwork("corp", Cidr.parse("192.168.10.0/24"), null, "vgw"));
        b.add(new NetworkInterface("a", "s1", Ip.parse("10.1.1.10"), List.of(), Ip.parse("2600:1f14:1:2301::10"), null, List.of("sg-open"), true, "a"));
        b.add(new NetworkInterface("fw", "s2", Ip.parse("10.1.2.10"), List.of(), null, null, List.of("sg-open"), fwSourceDestCheck, "fw"));
        return b;
    }

    static FlowResult trace(Network n, FlowEnd from, FlowEnd to, Packet p) {
        return new Tracer(Fabric.compile(n)).trace(new Flow(from, to, p, true));
    }

    @Test
    void egressOnlyGatewayCarriesIpv6OutAndRepliesButRefusesInbound() {
        Network n = net(List.of(route("::/0", new RouteTarget.EgressOnlyInternetGateway("eigw"))), true).build();
        Ip a6 = Ip.parse("2600:1f14:1:2301::10");
        Ip out = Ip.parse("2001:db8::9");
        FlowResult r = trace(n, new FlowEnd.AtInterface("a"), new FlowEnd.OnInternet(out), Packet.tcp(a6, out, 49152, 443));
        assertThat(r.disposition()).as("%s", r).isEqualTo(Disposition.DELIVERED);
        assertThat(r.pathIds()).contains("eigw", "internet");
        FlowResult in = trace(n, new FlowEnd.OnInternet(out), new FlowEnd.AtInterface("a"), Packet.tcp(out, a6, 49152, 22));
        assertThat(in.drop().code()).isEqualTo(ExplanationCode.EIGW_NO_INBOUND);
        assertThat(in.drop().component()).isEqualTo("eigw");
    }

    @Test
    void vpnGatewayReachesExternalAndBackOnlyWithARoute() {
        Network with = net(List.of(route("192.168.0.0/16", new RouteTarget.VpnGateway("vgw"))), true).build();
        Ip corp = Ip.parse("192.168.10.1");
        FlowResult r = trace(with, new FlowEnd.AtInterface("a"), new FlowEnd.AtExternal("corp", corp),
                Packet.tcp(Ip.parse("10.1.1.10"), corp, 49152, 443));
        assertThat(r.disposition()).as("%s", r).isEqualTo(Disposition.DELIVERED);
        assertThat(r.pathIds()).contains("vgw", "corp");
        // corp -> a: enters through the vgw; the reply needs s1's route back to corp.
        FlowResult in = trace(with, new FlowEnd.AtExternal("corp", corp), new FlowEnd.AtInterface("a"),
                Packet.tcp(corp, Ip.parse("10.1.1.10"), 49152, 22));
        assertThat(in.disposition()).as("%s", in).isEqualTo(Disposition.DELIVERED);
        Network without = net(List.of(), true).build();
        FlowResult noRoute = trace(without, new FlowEnd.AtExternal("corp", corp), new FlowEnd.AtInterface("a"),
                Packet.tcp(corp, Ip.parse("10.1.1.10"), 49152, 22));
        assertThat(noRoute.drop().code()).isEqualTo(ExplanationCode.NO_ROUTE_TO_DESTINATION);
        assertThat(noRoute.drop().leg()).isEqualTo(Leg.RETURN);
        assertThat(noRoute.drop().component()).isEqualTo("rt-1");
    }

    @Test
    void applianceForwardsOnlyWithSourceDestCheckOff() {
        // s1 sends corp traffic to the firewall; the firewall's subnet (main table) has no vgw route: use propagation there.
        List<Route> viaFw = List.of(route("192.168.0.0/16", new RouteTarget.Instance("fw")));
        Network.Builder b = net(viaFw, false);
        b.routeTables.set(0, new RouteTable("rt-main", "vpc", true, List.of(), List.of("vgw")));
        Ip corp = Ip.parse("192.168.10.1");
        Packet p = Packet.tcp(Ip.parse("10.1.1.10"), corp, 49152, 443);
        FlowResult ok = trace(b.build(), new FlowEnd.AtInterface("a"), new FlowEnd.AtExternal("corp", corp), p);
        assertThat(ok.disposition()).as("%s", ok).isEqualTo(Disposition.DELIVERED);
        assertThat(ok.pathIds()).contains("fw", "vgw");

        Network.Builder checked = net(viaFw, true);
        checked.routeTables.set(0, new RouteTable("rt-main", "vpc", true, List.of(), List.of("vgw")));
        FlowResult blocked = trace(checked.build(), new FlowEnd.AtInterface("a"), new FlowEnd.AtExternal("corp", corp), p);
        assertThat(blocked.drop().code()).isEqualTo(ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION);
        assertThat(blocked.drop().component()).isEqualTo("fw");
    }

    @Test
    void longestPrefixWinsAndStaticBeatsPropagatedOnATie() {
        List<Route> routes = List.of(route("192.168.0.0/16", new RouteTarget.Blackhole()),
                route("192.168.10.0/24", new RouteTarget.VpnGateway("vgw")));
        Ip corp = Ip.parse("192.168.10.1");
        Packet p = Packet.tcp(Ip.parse("10.1.1.10"), corp, 49152, 443);
        FlowResult lpm = trace(net(routes, true).build(), new FlowEnd.AtInterface("a"), new FlowEnd.AtExternal("corp", corp), p);
        assertThat(lpm.disposition()).as("%s", lpm).isEqualTo(Disposition.DELIVERED);

        // Same /16 as the propagated vgw route: the static blackhole wins the tie.
        Network.Builder b = net(List.of(route("192.168.0.0/16", new RouteTarget.Blackhole())), true);
        b.routeTables.set(1, new RouteTable("rt-1", "vpc", false, List.of(route("192.168.0.0/16", new RouteTarget.Blackhole())), List.of("vgw")));
        FlowResult tie = trace(b.build(), new FlowEnd.AtInterface("a"), new FlowEnd.AtExternal("corp", corp), p);
        assertThat(tie.drop().code()).isEqualTo(ExplanationCode.BAD_STATE_ROUTE);
    }

    @Test
    void applianceLoopIsCutWithMaxHops() {
        // fw's subnet routes corp back to a's subnet... a route table sending to fw, fw's table sending to a (sdc off both).
        Network.Builder b = net(List.of(route("192.168.0.0/16", new RouteTarget.Instance("fw"))), false);
        b.networkInterfaces.set(0, new NetworkInterface("a", "s1", Ip.parse("10.1.1.10"), List.of(), null, null, List.of("sg-open"), false, "a"));
        b.routeTables.set(0, new RouteTable("rt-main", "vpc", true, List.of(route("192.168.0.0/16", new RouteTarget.Instance("a"))), List.of()));
        Ip corp = Ip.parse("192.168.10.1");
        FlowResult r = trace(b.build(), new FlowEnd.AtInterface("a"), new FlowEnd.AtExternal("corp", corp),
                Packet.tcp(Ip.parse("10.1.1.10"), corp, 49152, 443));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.MAX_HOPS_EXCEEDED);
    }
}
