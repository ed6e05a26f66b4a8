package io.reachsim.reference;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.Protocol;
import io.reachsim.model.RouteTarget;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reachsim.reference.Net.allProto;
import static io.reachsim.reference.Net.allow;
import static io.reachsim.reference.Net.blackhole;
import static io.reachsim.reference.Net.deny;
import static io.reachsim.reference.Net.icmp;
import static io.reachsim.reference.Net.icmpv6;
import static io.reachsim.reference.Net.plRoute;
import static io.reachsim.reference.Net.route;
import static io.reachsim.reference.Net.tcp;
import static io.reachsim.reference.Net.toEigw;
import static io.reachsim.reference.Net.toEni;
import static io.reachsim.reference.Net.toIgw;
import static io.reachsim.reference.Net.toInstance;
import static io.reachsim.reference.Net.toNat;
import static io.reachsim.reference.Net.toVgw;
import static io.reachsim.reference.Net.toVpce;
import static org.assertj.core.api.Assertions.assertThat;

/** One test (or a few) per rule of docs/semantics.md, on small hand-built networks. */
class ReferenceEvaluatorTest {

    static final String ANY = "0.0.0.0/0";
    static final String ANY6 = "::/0";

    // ------------------------------------------------------------------ helpers

    static Ip ip(String s) { return Ip.parse(s); }

    static FlowEnd eni(String id) { return new FlowEnd.AtInterface(id); }
    static FlowEnd inet(String a) { return new FlowEnd.OnInternet(ip(a)); }
    static FlowEnd ext(String id, String a) { return new FlowEnd.AtExternal(id, ip(a)); }
    static FlowEnd subnetHost(String subnet, String a) { return new FlowEnd.AtSubnetHost(subnet, ip(a)); }

    static Packet tcpPacket(String src, String dst, int port) { return Packet.tcp(ip(src), ip(dst), 49152, port); }
    static Packet tcpPacket(String src, String dst, int srcPort, int port) { return Packet.tcp(ip(src), ip(dst), srcPort, port); }
    static Packet icmpPacket(String src, String dst, int type) {
        Ip s = ip(src);
        return new Packet(s, ip(dst), s.isV4() ? Protocol.ICMP : Protocol.ICMPV6, 0, 0, type, 0);
    }
    static Packet allPacket(String src, String dst) { return new Packet(ip(src), ip(dst), Protocol.ALL, 0, 0, -1, -1); }

    static FlowResult run(Network n, FlowEnd from, FlowEnd to, Packet p) {
        return new ReferenceEvaluator(n).evaluate(new Flow(from, to, p, true));
    }

    static FlowResult oneWay(Network n, FlowEnd from, FlowEnd to, Packet p) {
        return new ReferenceEvaluator(n).evaluate(new Flow(from, to, p, false));
    }

    static void assertDelivered(FlowResult r) {
        assertThat(r.disposition()).as(describe(r)).isEqualTo(Disposition.DELIVERED);
        assertThat(r.drop()).isNull();
        assertThat(r.hops()).allMatch(Hop::passed);
    }

    static void assertDropped(FlowResult r, ExplanationCode code, String component, Leg leg) {
        assertThat(r.disposition()).as(describe(r)).isEqualTo(Disposition.DROPPED);
        assertThat(r.drop().code()).as(describe(r)).isEqualTo(code);
        assertThat(r.drop().component()).as(describe(r)).isEqualTo(component);
        assertThat(r.drop().leg()).as(describe(r)).isEqualTo(leg);
    }

    /** "F:ROUTE:rt-a" per hop, for readable assertions on the path's shape. */
    static List<String> steps(FlowResult r) {
        return r.hops().stream()
                .map(h -> (h.leg() == Leg.FORWARD ? "F" : "R") + ":" + h.kind() + ":" + h.component() + (h.passed() ? "" : "!"))
                .toList();
    }

    static String describe(FlowResult r) {
        return Printer.result(r);
    }

    static Hop hop(FlowResult r, Leg leg, HopKind kind) {
        return r.hops().stream().filter(h -> h.leg() == leg && h.kind() == kind).findFirst().orElseThrow();
    }

    /** One VPC, a public and a private subnet, an IGW, a public NAT gateway, web in public, app in private. */
    static Net twoTier() {
        return Net.create()
                .vpc("vpc-a", "10.0.0.0/16", "2600:1f00:a::/56")
                .subnet("pub", "vpc-a", "10.0.0.0/24", "2600:1f00:a:1::/64")
                .subnet("priv", "vpc-a", "10.0.1.0/24", "2600:1f00:a:2::/64")
                .igw("igw-a", "vpc-a")
                .eigw("eigw-a", "vpc-a")
                .publicNat("nat-a", "pub", "10.0.0.5", "54.0.0.5")
                .table("rt-pub", "vpc-a", route(ANY, toIgw("igw-a")), route(ANY6, toIgw("igw-a")))
                .table("rt-priv", "vpc-a", route(ANY, toNat("nat-a")), route(ANY6, toEigw("eigw-a")))
                .associate("pub", "rt-pub").associate("priv", "rt-priv")
                .sg("sg-web", "vpc-a", List.of(tcp(443, ANY), tcp(443, ANY6)), List.of(allProto(ANY), allProto(ANY6)))
                .sg("sg-app", "vpc-a", List.of(tcp(8080, "sg-web")), List.of(allProto(ANY), allProto(ANY6)))
                .instance("web", "pub", "10.0.0.10").pub("54.0.0.10").v6("2600:1f00:a:1::10").sgs("sg-web").end()
                .instance("app", "priv", "10.0.1.10").v6("2600:1f00:a:2::10").sgs("sg-app").end();
    }

    // ------------------------------------------------------------------ same subnet, local routing, NACLs

    @Nested
    class NetworkAcls {
        Net net() {
            return Net.create().vpc("vpc-a", "10.0.0.0/16")
                    .subnet("s1", "vpc-a", "10.0.1.0/24").subnet("s2", "vpc-a", "10.0.2.0/24")
                    .acl("acl-closed", "vpc-a", List.of(), List.of())
                    .useAcl("s1", "acl-closed")
                    .instance("i-1", "s1", "10.0.1.10").end()
                    .instance("i-2", "s1", "10.0.1.11").end()
                    .instance("i-3", "s2", "10.0.2.10").end();
        }

        @Test
        void trafficInsideOneSubnetIsNotSubjectToItsAcl() {
            FlowResult r = run(net().build(), eni("i-1"), eni("i-2"), tcpPacket("10.0.1.10", "10.0.1.11", 22));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:i-1", "F:INTERFACE_INGRESS:i-2", "F:DELIVERED:i-2",
                    "R:INTERFACE_EGRESS:i-2", "R:INTERFACE_INGRESS:i-1", "R:DELIVERED:i-1");
        }

        @Test
        void trafficLeavingTheSubnetIsFilteredOnTheWayOut() {
            FlowResult r = run(net().build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 22));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-closed", Leg.FORWARD);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:i-1", "F:ROUTE:vpc-a-main", "F:ACL_OUT:acl-closed!");
            Detail.AclCheck check = (Detail.AclCheck) r.drop().detail();
            assertThat(check.entry()).isNull(); // implicit deny
            assertThat(check.inbound()).isFalse();
        }

        @Test
        void trafficEnteringTheSubnetIsFilteredOnTheWayIn() {
            FlowResult r = run(net().build(), eni("i-3"), eni("i-1"), tcpPacket("10.0.2.10", "10.0.1.10", 22));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-closed", Leg.FORWARD);
            assertThat(hop(r, Leg.FORWARD, HopKind.ACL_IN).passed()).isFalse();
            assertThat(hop(r, Leg.FORWARD, HopKind.ACL_OUT).component()).isEqualTo("vpc-a-acl");
        }

        Net webServerAcl(String egressPorts) {
            return net()
                    .acl("acl-web", "vpc-a",
                            List.of(allow(100, Protocol.TCP, "443", ANY)),
                            List.of(allow(100, Protocol.TCP, egressPorts, ANY)))
                    .useAcl("s2", "acl-web")
                    .useAcl("s1", null);
        }

        @Test
        void replyNeedsTheEphemeralPortsOnTheReturnPath() {
            FlowResult ok = run(webServerAcl("1024-65535").build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 443));
            assertDelivered(ok);
            Detail.AclCheck back = (Detail.AclCheck) hop(ok, Leg.RETURN, HopKind.ACL_OUT).detail();
            assertThat(back.acl()).isEqualTo("acl-web");
            assertThat(back.entry().ruleNumber()).isEqualTo(100);

            FlowResult onlyHttps = run(webServerAcl("443").build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 443));
            assertDropped(onlyHttps, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-web", Leg.RETURN);
            assertThat(onlyHttps.hops().get(onlyHttps.hops().size() - 1).kind()).isEqualTo(HopKind.ACL_OUT);
        }

        @Test
        void theReplyGoesToTheClientsSourcePort() {
            FlowResult lowPort = run(webServerAcl("1024-65535").build(), eni("i-1"), eni("i-3"),
                    tcpPacket("10.0.1.10", "10.0.2.10", 1000, 443));
            assertDropped(lowPort, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-web", Leg.RETURN);
        }

        @Test
        void lowestRuleNumberDecidesWhateverTheListOrder() {
            Net denyFirst = net().acl("acl-x", "vpc-a",
                    List.of(allow(200, Protocol.ALL, null, ANY), deny(100, Protocol.TCP, "22", "10.0.1.0/24")),
                    List.of(allow(100, Protocol.ALL, null, ANY))).useAcl("s2", "acl-x").useAcl("s1", null);
            FlowResult r = run(denyFirst.build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 22));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-x", Leg.FORWARD);
            assertThat(((Detail.AclCheck) r.drop().detail()).entry().ruleNumber()).isEqualTo(100);

            Net allowFirst = net().acl("acl-x", "vpc-a",
                    List.of(deny(200, Protocol.ALL, null, ANY), allow(100, Protocol.TCP, "22", "10.0.1.0/24")),
                    List.of(allow(100, Protocol.ALL, null, ANY))).useAcl("s2", "acl-x").useAcl("s1", null);
            assertDelivered(run(allowFirst.build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 22)));
        }

        @Test
        void anEntryOfTheOtherFamilyNeverMatches() {
            Net v6only = net().acl("acl-x", "vpc-a",
                    List.of(allow(100, Protocol.ALL, null, ANY6)), List.of(allow(100, Protocol.ALL, null, ANY)))
                    .useAcl("s2", "acl-x").useAcl("s1", null);
            FlowResult r = run(v6only.build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 22));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-x", Leg.FORWARD);
        }

        @Test
        void protocolAllPacketNeedsAnAllEntryAndIsStoppedByAnyDeny() {
            Net tcpAllowOnly = net().acl("acl-x", "vpc-a",
                    List.of(allow(100, Protocol.TCP, "0-65535", ANY)), List.of(allow(100, Protocol.ALL, null, ANY)))
                    .useAcl("s2", "acl-x").useAcl("s1", null);
            FlowResult skipped = run(tcpAllowOnly.build(), eni("i-1"), eni("i-3"), allPacket("10.0.1.10", "10.0.2.10"));
            assertDropped(skipped, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-x", Leg.FORWARD);
            assertThat(((Detail.AclCheck) skipped.drop().detail()).entry()).isNull(); // fell through to "*"

            Net udpDenyThenAll = net().acl("acl-x", "vpc-a",
                    List.of(deny(90, Protocol.UDP, "53", ANY), allow(100, Protocol.ALL, null, ANY)),
                    List.of(allow(100, Protocol.ALL, null, ANY))).useAcl("s2", "acl-x").useAcl("s1", null);
            FlowResult denied = run(udpDenyThenAll.build(), eni("i-1"), eni("i-3"), allPacket("10.0.1.10", "10.0.2.10"));
            assertDropped(denied, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-x", Leg.FORWARD);
            assertThat(((Detail.AclCheck) denied.drop().detail()).entry().ruleNumber()).isEqualTo(90);

            // the same deny does not touch a tcp packet
            assertDelivered(run(udpDenyThenAll.build(), eni("i-1"), eni("i-3"), tcpPacket("10.0.1.10", "10.0.2.10", 22)));
        }
    }

    // ------------------------------------------------------------------ routes

    @Nested
    class Routes {
        @Test
        void noMatchingRouteDrops() {
            FlowResult r = run(twoTier().build(), eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDelivered(r); // sanity: through the NAT
            Network n = twoTier().table("rt-empty", "vpc-a").associate("priv", "rt-empty").build();
            FlowResult none = run(n, eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDropped(none, ExplanationCode.NO_ROUTE_TO_DESTINATION, "rt-empty", Leg.FORWARD);
            assertThat(((Detail.RouteLookup) none.drop().detail()).matched()).isNull();
        }

        @Test
        void blackholeRouteDrops() {
            Network n = twoTier().routes("rt-pub", route("8.8.8.0/24", blackhole())).build();
            FlowResult r = run(n, eni("web"), inet("8.8.8.8"), tcpPacket("10.0.0.10", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.BAD_STATE_ROUTE, "rt-pub", Leg.FORWARD);
            assertThat(((Detail.RouteLookup) r.drop().detail()).matched()).isEqualTo(Cidr.parse("8.8.8.0/24"));
        }

        @Test
        void longestPrefixWins() {
            Network n = twoTier().routes("rt-pub", route("8.8.8.0/24", blackhole())).build();
            assertDelivered(run(n, eni("web"), inet("8.8.4.4"), tcpPacket("10.0.0.10", "8.8.4.4", 443)));
            // a more specific route inside the VPC's own block beats local
            Network m = twoTier().routes("rt-pub", route("10.0.1.0/24", blackhole())).build();
            FlowResult r = run(m, eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDropped(r, ExplanationCode.BAD_STATE_ROUTE, "rt-pub", Leg.FORWARD);
        }

        @Test
        void onEqualPrefixLocalBeatsStatic() {
            Network n = twoTier().routes("rt-pub", route("10.0.0.0/16", blackhole())).build();
            FlowResult r = run(n, eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDelivered(r);
            assertThat(((Detail.RouteLookup) hop(r, Leg.FORWARD, HopKind.ROUTE).detail()).target())
                    .isEqualTo(new RouteTarget.Local());
        }

        @Test
        void onEqualPrefixStaticBeatsPrefixListBeatsPropagated() {
            Net base = twoTier().vgw("vgw-a", "vpc-a", "8.8.8.0/24").prefixList("pl-dns", "8.8.8.0/24")
                    .propagate("rt-pub", "vgw-a");
            // propagated only
            FlowResult prop = run(base.build(), eni("web"), inet("8.8.8.8"), tcpPacket("10.0.0.10", "8.8.8.8", 443));
            assertDelivered(prop);
            assertThat(steps(prop)).contains("F:VPN_GATEWAY:vgw-a", "F:EXTERNAL:vgw-a");
            // prefix list beats propagated
            Network pl = base.routes("rt-pub", plRoute("pl-dns", blackhole())).build();
            FlowResult r1 = run(pl, eni("web"), inet("8.8.8.8"), tcpPacket("10.0.0.10", "8.8.8.8", 443));
            assertDropped(r1, ExplanationCode.BAD_STATE_ROUTE, "rt-pub", Leg.FORWARD);
            assertThat(((Detail.RouteLookup) r1.drop().detail()).prefixList()).isEqualTo("pl-dns");
            // static beats prefix list
            Network st = base.routes("rt-pub", route("8.8.8.0/24", toIgw("igw-a"))).build();
            FlowResult r2 = run(st, eni("web"), inet("8.8.8.8"), tcpPacket("10.0.0.10", "8.8.8.8", 443));
            assertDelivered(r2);
            assertThat(((Detail.RouteLookup) hop(r2, Leg.FORWARD, HopKind.ROUTE).detail()).prefixList()).isNull();
        }

        @Test
        void prefixListRouteMatchesEachEntry() {
            Network n = twoTier().prefixList("pl-s3", "52.218.0.0/17", "3.5.76.0/22")
                    .routes("rt-pub", plRoute("pl-s3", blackhole())).build();
            FlowResult r = run(n, eni("web"), inet("3.5.77.1"), tcpPacket("10.0.0.10", "3.5.77.1", 443));
            assertDropped(r, ExplanationCode.BAD_STATE_ROUTE, "rt-pub", Leg.FORWARD);
            Detail.RouteLookup l = (Detail.RouteLookup) r.drop().detail();
            assertThat(l.matched()).isEqualTo(Cidr.parse("3.5.76.0/22"));
            assertThat(l.prefixList()).isEqualTo("pl-s3");
        }

        @Test
        void localRouteToAnAddressNoSubnetHoldsHasNoDestination() {
            FlowResult r = run(twoTier().build(), eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.200.1", 443));
            assertDropped(r, ExplanationCode.NO_POSSIBLE_DESTINATION, "vpc-a", Leg.FORWARD);
        }

        @Test
        void anAddressOfASubnetWithNothingThereHasNoDestination() {
            FlowResult r = run(twoTier().build(), eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.99", 443));
            assertDropped(r, ExplanationCode.NO_POSSIBLE_DESTINATION, "priv", Leg.FORWARD);
            assertThat(steps(r)).last().isEqualTo("F:DELIVERED:priv!");
        }

        @Test
        void mainTableIsUsedWithoutAnExplicitAssociation() {
            Network n = twoTier().associate("priv", null).routes(Net.mainTableId("vpc-a"), route("8.8.0.0/16", blackhole())).build();
            FlowResult r = run(n, eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.BAD_STATE_ROUTE, "vpc-a-main", Leg.FORWARD);
        }

        @Test
        void aRoutingLoopEndsInMaxHops() {
            Network n = Net.create().vpc("vpc-a", "10.0.0.0/16")
                    .subnet("s1", "vpc-a", "10.0.1.0/24").subnet("s2", "vpc-a", "10.0.2.0/24").subnet("s3", "vpc-a", "10.0.3.0/24")
                    .table("rt-1", "vpc-a", route(ANY, toEni("eni-b"))).table("rt-2", "vpc-a", route(ANY, toEni("eni-a")))
                    .associate("s1", "rt-1").associate("s2", "rt-2").associate("s3", "rt-1")
                    .eni("eni-a", "s1", "10.0.1.20").sdc(false).sgs("sg-open").end()
                    .eni("eni-b", "s2", "10.0.2.20").sdc(false).sgs("sg-open").end()
                    .sg("sg-open", "vpc-a", List.of(allProto(ANY)), List.of(allProto(ANY)))
                    .instance("i-1", "s3", "10.0.3.10").end()
                    .build();
            FlowResult r = run(n, eni("i-1"), inet("8.8.8.8"), tcpPacket("10.0.3.10", "8.8.8.8", 443));
            assertThat(r.disposition()).isEqualTo(Disposition.DROPPED);
            assertThat(r.drop().code()).isEqualTo(ExplanationCode.MAX_HOPS_EXCEEDED);
            assertThat(r.drop().leg()).isEqualTo(Leg.FORWARD);
            // 16 lookups were made (rt-1, rt-2, rt-1, ...); the 17th, in rt-1, is not: no hop for it
            assertThat(r.hops()).filteredOn(h -> h.kind() == HopKind.ROUTE).hasSize(ReferenceEvaluator.MAX_ROUTE_LOOKUPS_PER_LEG);
            assertThat(r.drop().component()).isEqualTo("rt-1");
            assertThat(r.hops()).allMatch(Hop::passed);
        }
    }

    // ------------------------------------------------------------------ internet gateway

    @Nested
    class InternetGateways {
        @Test
        void ipv4EgressNeedsAPublicIp() {
            Network n = twoTier().associate("priv", "rt-pub").build();
            FlowResult r = run(n, eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, "igw-a", Leg.FORWARD);
        }

        @Test
        void publicIpIsTheSourceOnTheInternetAndTheReplyComesBack() {
            FlowResult r = run(twoTier().build(), eni("web"), inet("8.8.8.8"), tcpPacket("10.0.0.10", "8.8.8.8", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:web", "F:ROUTE:rt-pub", "F:ACL_OUT:vpc-a-acl", "F:INTERNET_GATEWAY:igw-a",
                    "F:INTERNET:internet",
                    "R:INTERNET_GATEWAY:igw-a", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:web", "R:DELIVERED:web");
            assertThat(hop(r, Leg.FORWARD, HopKind.INTERNET).packet().src()).isEqualTo(ip("54.0.0.10"));
            assertThat(hop(r, Leg.RETURN, HopKind.INTERNET_GATEWAY).packet().dst()).isEqualTo(ip("10.0.0.10"));
            assertThat(((Detail.SecurityGroupCheck) hop(r, Leg.RETURN, HopKind.INTERFACE_INGRESS).detail()).stateful()).isTrue();
        }

        @Test
        void onlyThePrimaryPrivateIpIsTranslated() {
            Network n = twoTier().instance("multi", "pub", "10.0.0.20").secondary("10.0.0.21").pub("54.0.0.20").sgs("sg-web").end().build();
            assertDelivered(run(n, eni("multi"), inet("8.8.8.8"), tcpPacket("10.0.0.20", "8.8.8.8", 443)));
            FlowResult r = run(n, eni("multi"), inet("8.8.8.8"), tcpPacket("10.0.0.21", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, "igw-a", Leg.FORWARD);
        }

        @Test
        void privateDestinationsAreDroppedAtTheGateway() {
            Network n = twoTier().routes("rt-pub", route("192.168.0.0/16", toIgw("igw-a")), route("100.64.0.0/10", toIgw("igw-a"))).build();
            assertDropped(run(n, eni("web"), inet("192.168.1.1"), tcpPacket("10.0.0.10", "192.168.1.1", 443)),
                    ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS, "igw-a", Leg.FORWARD);
            assertDropped(run(n, eni("web"), inet("100.64.1.1"), tcpPacket("10.0.0.10", "100.64.1.1", 443)),
                    ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS, "igw-a", Leg.FORWARD);
        }

        @Test
        void inboundToAPublicIpIsTranslatedAndDelivered() {
            FlowResult r = run(twoTier().build(), inet("198.51.100.7"), inet("54.0.0.10"), tcpPacket("198.51.100.7", "54.0.0.10", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERNET_GATEWAY:igw-a", "F:ACL_IN:vpc-a-acl", "F:INTERFACE_INGRESS:web", "F:DELIVERED:web",
                    "R:INTERFACE_EGRESS:web", "R:ROUTE:rt-pub", "R:ACL_OUT:vpc-a-acl", "R:INTERNET_GATEWAY:igw-a", "R:INTERNET:internet");
            assertThat(hop(r, Leg.RETURN, HopKind.INTERNET).packet().src()).isEqualTo(ip("54.0.0.10"));
        }

        @Test
        void inboundSecurityGroupApplies() {
            FlowResult r = run(twoTier().build(), inet("198.51.100.7"), inet("54.0.0.10"), tcpPacket("198.51.100.7", "54.0.0.10", 22));
            assertDropped(r, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-web", Leg.FORWARD);
            assertThat(r.hops().get(r.hops().size() - 1).component()).isEqualTo("web");
        }

        @Test
        void inboundToAPrivateIpIsDropped() {
            FlowResult r = run(twoTier().build(), inet("198.51.100.7"), eni("web"), tcpPacket("198.51.100.7", "10.0.0.10", 443));
            assertDropped(r, ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, "igw-a", Leg.FORWARD);
            Network noIgw = Net.create().vpc("vpc-b", "10.1.0.0/16").subnet("s", "vpc-b", "10.1.0.0/24")
                    .instance("i", "s", "10.1.0.10").end().build();
            FlowResult r2 = run(noIgw, inet("198.51.100.7"), eni("i"), tcpPacket("198.51.100.7", "10.1.0.10", 443));
            assertDropped(r2, ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, "internet", Leg.FORWARD);
        }

        @Test
        void aPublicIpInAVpcWithoutInternetGatewayIsUnknown() {
            Network n = Net.create().vpc("vpc-b", "10.1.0.0/16").subnet("s", "vpc-b", "10.1.0.0/24")
                    .instance("i", "s", "10.1.0.10").pub("54.1.0.10").end().build();
            FlowResult r = run(n, inet("198.51.100.7"), inet("54.1.0.10"), tcpPacket("198.51.100.7", "54.1.0.10", 443));
            assertDropped(r, ExplanationCode.UNKNOWN_DESTINATION, "internet", Leg.FORWARD);
        }

        @Test
        void ipv6NeedsNoTranslationAndIsOpenInboundThroughAnIgw() {
            FlowResult out = run(twoTier().build(), eni("web"), inet("2a05:d000::1"), tcpPacket("2600:1f00:a:1::10", "2a05:d000::1", 443));
            assertDelivered(out);
            assertThat(hop(out, Leg.FORWARD, HopKind.INTERNET).packet().src()).isEqualTo(ip("2600:1f00:a:1::10"));
            FlowResult in = run(twoTier().build(), inet("2a05:d000::1"), eni("web"), tcpPacket("2a05:d000::1", "2600:1f00:a:1::10", 443));
            assertDelivered(in);
            assertThat(steps(in)).startsWith("F:INTERNET_GATEWAY:igw-a", "F:ACL_IN:vpc-a-acl", "F:INTERFACE_INGRESS:web");
        }

        @Test
        void anExternalWithoutViaIsOnTheInternet() {
            Network n = twoTier().externalIp("partner", "203.0.113.10", null).build();
            FlowResult r = run(n, eni("web"), ext("partner", "203.0.113.10"), tcpPacket("10.0.0.10", "203.0.113.10", 443));
            assertDelivered(r);
            assertThat(steps(r)).contains("F:INTERNET:partner");
            FlowResult in = run(n, ext("partner", "203.0.113.10"), inet("54.0.0.10"), tcpPacket("203.0.113.10", "54.0.0.10", 443));
            assertDelivered(in);
            assertThat(steps(in)).last().isEqualTo("R:INTERNET:partner");
        }
    }

    // ------------------------------------------------------------------ egress-only internet gateway

    @Nested
    class EgressOnlyInternetGateways {
        @Test
        void ipv6OutAndRepliesIn() {
            FlowResult r = run(twoTier().build(), eni("app"), inet("2a05:d000::1"), tcpPacket("2600:1f00:a:2::10", "2a05:d000::1", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:app", "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:EGRESS_ONLY_INTERNET_GATEWAY:eigw-a",
                    "F:INTERNET:internet",
                    // the VPC has an IGW as well, so the reply comes in through it (no state needed)
                    "R:INTERNET_GATEWAY:igw-a", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:app", "R:DELIVERED:app");
        }

        static Net eigwOnly() {
            return Net.create().vpc("vpc-b", "10.1.0.0/16", "2600:1f00:b::/56")
                    .subnet("s", "vpc-b", "10.1.0.0/24", "2600:1f00:b:1::/64")
                    .eigw("eigw-b", "vpc-b")
                    .routes(Net.mainTableId("vpc-b"), route(ANY6, toEigw("eigw-b")))
                    .sg("sg-open", "vpc-b", List.of(allProto(ANY6)), List.of(allProto(ANY6)))
                    .instance("i", "s", "10.1.0.10").v6("2600:1f00:b:1::10").sgs("sg-open").end();
        }

        @Test
        void repliesComeBackThroughTheEgressOnlyGateway() {
            FlowResult r = run(eigwOnly().build(), eni("i"), inet("2a05:d000::1"), tcpPacket("2600:1f00:b:1::10", "2a05:d000::1", 443));
            assertDelivered(r);
            assertThat(steps(r)).contains("R:EGRESS_ONLY_INTERNET_GATEWAY:eigw-b");
        }

        /**
         * Two VPCs talking IPv6 over the internet: the request leaves vpc-b through eigw-b and enters vpc-c
         * through its IGW; the reply leaves vpc-c through eigw-c and must re-enter vpc-b through eigw-b, which
         * the FORWARD leg left through (conntrack) — the reply's own exit through eigw-c does not replace it.
         */
        static Network twoVpcsOverIpv6() {
            return eigwOnly()
                    .vpc("vpc-c", "10.2.0.0/16", "2600:1f00:c::/56")
                    .subnet("t", "vpc-c", "10.2.0.0/24", "2600:1f00:c:1::/64")
                    .igw("igw-c", "vpc-c").eigw("eigw-c", "vpc-c")
                    .routes(Net.mainTableId("vpc-c"), route(ANY6, toEigw("eigw-c")))
                    .sg("sg-open-c", "vpc-c", List.of(allProto(ANY6)), List.of(allProto(ANY6)))
                    .instance("j", "t", "10.2.0.10").v6("2600:1f00:c:1::10").sgs("sg-open-c").end()
                    .build();
        }

        static final Packet ACROSS = tcpPacket("2600:1f00:b:1::10", "2600:1f00:c:1::10", 443);

        @Test
        void theReplyReentersThroughTheGatewayTheRequestLeftBy() {
            FlowResult r = run(twoVpcsOverIpv6(), eni("i"), eni("j"), ACROSS);
            assertDelivered(r);
            assertThat(steps(r)).contains("F:EGRESS_ONLY_INTERNET_GATEWAY:eigw-b", "F:INTERNET_GATEWAY:igw-c",
                    "R:EGRESS_ONLY_INTERNET_GATEWAY:eigw-c", "R:EGRESS_ONLY_INTERNET_GATEWAY:eigw-b");
        }

        @Test
        void nothingFromOutsideCanOpenAConnection() {
            FlowResult r = run(eigwOnly().build(), inet("2a05:d000::1"), eni("i"), tcpPacket("2a05:d000::1", "2600:1f00:b:1::10", 443));
            assertDropped(r, ExplanationCode.EIGW_NO_INBOUND, "eigw-b", Leg.FORWARD);
        }

        @Test
        void aVpcWithNeitherGatewayIsUnknownToTheInternet() {
            Network n = Net.create().vpc("vpc-b", "10.1.0.0/16", "2600:1f00:b::/56")
                    .subnet("s", "vpc-b", "10.1.0.0/24", "2600:1f00:b:1::/64")
                    .instance("i", "s", "10.1.0.10").v6("2600:1f00:b:1::10").end().build();
            FlowResult r = run(n, inet("2a05:d000::1"), eni("i"), tcpPacket("2a05:d000::1", "2600:1f00:b:1::10", 443));
            assertDropped(r, ExplanationCode.UNKNOWN_DESTINATION, "internet", Leg.FORWARD);
        }
    }

    // ------------------------------------------------------------------ NAT gateway

    @Nested
    class NatGateways {
        @Test
        void publicNatTranslatesToItsEipAndCarriesTheReplyBack() {
            FlowResult r = run(twoTier().build(), eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:app", "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:ACL_IN:vpc-a-acl",
                    "F:NAT_GATEWAY:nat-a", "F:ROUTE:rt-pub", "F:ACL_OUT:vpc-a-acl", "F:INTERNET_GATEWAY:igw-a",
                    "F:INTERNET:internet",
                    "R:INTERNET_GATEWAY:igw-a", "R:ACL_IN:vpc-a-acl", "R:NAT_GATEWAY:nat-a", "R:ROUTE:rt-pub",
                    "R:ACL_OUT:vpc-a-acl", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:app", "R:DELIVERED:app");
            assertThat(hop(r, Leg.FORWARD, HopKind.NAT_GATEWAY).packet().src()).isEqualTo(ip("10.0.0.5"));
            assertThat(hop(r, Leg.FORWARD, HopKind.INTERNET).packet().src()).isEqualTo(ip("54.0.0.5"));
            assertThat(hop(r, Leg.RETURN, HopKind.NAT_GATEWAY).packet().dst()).isEqualTo(ip("10.0.1.10"));
            assertThat(r.pathIds()).contains("nat-a", "pub", "priv", "igw-a");
        }

        @Test
        void theNatGatewaysOwnSubnetAclIsCrossedBothWays() {
            Network n = twoTier()
                    .acl("acl-pub", "vpc-a", List.of(allow(100, Protocol.TCP, "443", ANY), allow(110, Protocol.ALL, null, "10.0.0.0/16")),
                            List.of(allow(100, Protocol.ALL, null, ANY)))
                    .useAcl("pub", "acl-pub").build();
            FlowResult r = run(n, eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            // the reply from 8.8.8.8 to the NAT's port 49152 is not allowed into the public subnet
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-pub", Leg.RETURN);
            assertThat(r.hops().get(r.hops().size() - 1).kind()).isEqualTo(HopKind.ACL_IN);
        }

        @Test
        void noConnectionCanBeOpenedFromOutside() {
            FlowResult r = run(twoTier().build(), inet("198.51.100.7"), inet("54.0.0.5"), tcpPacket("198.51.100.7", "54.0.0.5", 443));
            assertDropped(r, ExplanationCode.NAT_GATEWAY_NO_INBOUND, "nat-a", Leg.FORWARD);
            FlowResult inside = run(twoTier().build(), eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.0.5", 443));
            assertDropped(inside, ExplanationCode.NAT_GATEWAY_NO_INBOUND, "nat-a", Leg.FORWARD);
        }

        @Test
        void aPrivateNatHasNoPublicAddressForTheInternetGateway() {
            Network n = twoTier().privateNat("nat-p", "pub", "10.0.0.6")
                    .routes("rt-priv", route("8.8.8.0/24", toNat("nat-p"))).build();
            FlowResult r = run(n, eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, "igw-a", Leg.FORWARD);
        }

        @Test
        void privateNatTranslatesToItsPrivateIp() {
            Network n = twoTier().subnet("far", "vpc-a", "10.0.9.0/24")
                    .privateNat("nat-p", "pub", "10.0.0.6")
                    .routes("rt-priv", route("10.0.9.0/24", toNat("nat-p")))
                    .sg("sg-far", "vpc-a", List.of(tcp(443, "10.0.0.6/32")), List.of())
                    .instance("far-1", "far", "10.0.9.10").sgs("sg-far").end().build();
            FlowResult r = run(n, eni("app"), eni("far-1"), tcpPacket("10.0.1.10", "10.0.9.10", 443));
            assertDelivered(r);
            assertThat(hop(r, Leg.FORWARD, HopKind.DELIVERED).packet().src()).isEqualTo(ip("10.0.0.6"));
            assertThat(steps(r)).contains("R:NAT_GATEWAY:nat-p");
        }

        /**
         * Hairpin: a client behind a NAT gateway calls a server of its own VPC at the server's public IP, and
         * the server's reply leaves through the same NAT gateway. Conntrack is what the FORWARD leg left, so
         * the reply coming back to the NAT's address goes to the client (whose ACL only lets the VPC in),
         * not to the server that sent it.
         */
        static Network natHairpin() {
            return twoTier().subnet("clients", "vpc-a", "10.0.2.0/24").associate("clients", "rt-priv")
                    .acl("acl-clients", "vpc-a", List.of(allow(100, Protocol.ALL, null, "10.0.0.0/16")),
                            List.of(allow(100, Protocol.ALL, null, ANY)))
                    .useAcl("clients", "acl-clients")
                    .instance("client", "clients", "10.0.2.10").end()
                    .instance("srv", "priv", "10.0.1.20").pub("54.0.0.20").sgs("sg-web").end()
                    .build();
        }

        static final Packet HAIRPIN = tcpPacket("10.0.2.10", "54.0.0.20", 443);

        @Test
        void theReplyUsesOnlyTheForwardLegsNatTranslation() {
            FlowResult r = run(natHairpin(), eni("client"), inet("54.0.0.20"), HAIRPIN);
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-clients", Leg.RETURN);
            List<Hop> natHops = r.hops().stream().filter(h -> h.kind() == HopKind.NAT_GATEWAY).toList();
            assertThat(natHops).hasSize(3); // forward translation, reply's own translation, reply reversed
            assertThat(natHops.get(2).packet().dst()).isEqualTo(ip("10.0.2.10")); // the client, not srv
        }

        @Test
        void aNatGatewayInTheSendersOwnSubnetIsReachedWithoutItsAcl() {
            // Reading: "(skipped when N = S)" skips ACL out AND ACL in. The subnet's own table then sends the
            // NAT's output back to the NAT: a loop, named at once (NGW_ROUTES_TO_ITSELF, with the route that
            // did it), never an ACL drop (the closed ACL is never consulted) nor 16 lookups and MAX_HOPS_EXCEEDED.
            Network n = twoTier().acl("acl-closed", "vpc-a", List.of(), List.of()).useAcl("pub", "acl-closed")
                    .instance("h", "pub", "10.0.0.20").end()
                    .routes("rt-pub", route("8.8.8.0/24", toNat("nat-a"))).build();
            FlowResult r = run(n, eni("h"), inet("8.8.8.8"), tcpPacket("10.0.0.20", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.NGW_ROUTES_TO_ITSELF, "nat-a", Leg.FORWARD);
            assertThat(r.hops()).noneMatch(h -> h.kind() == HopKind.ACL_OUT || h.kind() == HopKind.ACL_IN);
            Hop last = r.hops().get(r.hops().size() - 1);
            assertThat(last.subnet()).isEqualTo("pub");
            assertThat(last.detail()).isInstanceOfSatisfying(Detail.RouteLookup.class, d -> {
                assertThat(d.routeTable()).isEqualTo("rt-pub");
                assertThat(d.matched()).hasToString("8.8.8.0/24");
            });
            assertThat(r.hops().stream().filter(h -> h.kind() == HopKind.ROUTE).count()).isEqualTo(2);
        }

        @Test
        void nat64TranslatesIpv6ForTheWellKnownPrefixToIpv4AndTheReplyBack() {
            // AWS: NAT gateways support NAT64 for 64:ff9b::/96 (DNS64 subnets) (issue 12, point 6)
            Network n = twoTier().routes("rt-priv", route("64:ff9b::/96", toNat("nat-a"))).build();
            Packet p = new Packet(ip("2600:1f00:a:2::10"), ip("64:ff9b::808:808"), Protocol.TCP, 49152, 443, -1, -1);
            Flow f = new Flow(eni("app"), inet("64:ff9b::808:808"), p, true);
            FlowResult r = new ReferenceEvaluator(n).evaluate(f);
            assertDelivered(r);
            Hop nat = r.hops().stream().filter(h -> h.kind() == HopKind.NAT_GATEWAY && h.leg() == Leg.FORWARD).findFirst().orElseThrow();
            assertThat(nat.packet()).isEqualTo(new Packet(ip("10.0.0.5"), ip("8.8.8.8"), Protocol.TCP, 49152, 443, -1, -1));
            assertThat(r.hops()).anyMatch(h -> h.kind() == HopKind.INTERNET_GATEWAY && h.packet().src().equals(ip("54.0.0.5")));
            Hop last = r.hops().get(r.hops().size() - 1);
            assertThat(last.packet().src()).isEqualTo(ip("64:ff9b::808:808"));
            assertThat(last.component()).isEqualTo("app");
            TracerAgreementProperties.agreeing(n, f);
            // ICMPv6 echo becomes ICMP echo and back
            Flow ping = new Flow(eni("app"), inet("64:ff9b::808:808"),
                    new Packet(ip("2600:1f00:a:2::10"), ip("64:ff9b::808:808"), Protocol.ICMPV6, 0, 0, 128, 0), true);
            FlowResult pr = TracerAgreementProperties.agreeing(n, ping);
            assertThat(pr.delivered()).as(describe(pr)).isTrue();
            assertThat(pr.hops()).anyMatch(h -> h.packet().protocol() == Protocol.ICMP && h.packet().icmpType() == 8);
            assertThat(pr.hops().get(pr.hops().size() - 1).packet().icmpType()).isEqualTo(129);
        }

        @Test
        void aNatGatewaysOwnAddressAsTheSourceIsTheNatGatewaySending() {
            // semantics.md "Sources outside the VPCs": ip: of a NAT gateway's private address; its public IP on the internet
            Network n = twoTier().build();
            NatGateway nat = n.natGateway("nat-a").orElseThrow();
            FlowResult r = run(n, subnetHost(nat.subnet(), nat.privateIp().toString()), inet("8.8.8.8"),
                    tcpPacket(nat.privateIp().toString(), "8.8.8.8", 443));
            assertDelivered(r);
            assertThat(r.hops().get(0).kind()).isEqualTo(HopKind.NAT_GATEWAY);
            assertThat(r.hops().get(r.hops().size() - 1).component()).isEqualTo("nat-a");
        }

        @Test
        void onlySourcesInsideTheVpcAreTranslated() {
            // a packet whose source is outside the VPC's blocks (spoofed by the flow)
            FlowResult r = run(twoTier().build(), eni("app"), inet("8.8.8.8"), tcpPacket("172.31.0.1", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.NGW_REQUIRES_SOURCE_IN_VPC, "nat-a", Leg.FORWARD);
            // any address inside the blocks will do, even one no host owns (whose reply then has nowhere to go)
            assertDelivered(oneWay(twoTier().build(), eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.77", "8.8.8.8", 443)));
            assertDropped(run(twoTier().build(), eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.77", "8.8.8.8", 443)),
                    ExplanationCode.NO_POSSIBLE_DESTINATION, "priv", Leg.RETURN);
        }
    }

    // ------------------------------------------------------------------ appliances

    @Nested
    class Appliances {
        Net inspected(boolean sourceDestCheck) {
            return twoTier().subnet("fw", "vpc-a", "10.0.2.0/24")
                    .sg("sg-fw", "vpc-a", List.of(allProto(ANY)), List.of(allProto(ANY)))
                    .instance("fw-1", "fw", "10.0.2.10").sgs("sg-fw").sdc(sourceDestCheck).end()
                    .routes("rt-pub", route("10.0.1.0/24", toInstance("fw-1")));
        }

        @Test
        void sourceDestCheckOnDropsForwardedTraffic() {
            FlowResult r = run(inspected(true).build(), eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDropped(r, ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION, "fw-1", Leg.FORWARD);
            assertThat(r.hops().get(r.hops().size() - 1).kind()).isEqualTo(HopKind.INTERFACE_INGRESS);
        }

        @Test
        void sourceDestCheckOffForwardsThroughTheAppliance() {
            FlowResult r = run(inspected(false).build(), eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:web", "F:ROUTE:rt-pub", "F:ACL_OUT:vpc-a-acl", "F:ACL_IN:vpc-a-acl",
                    "F:INTERFACE_INGRESS:fw-1", "F:INTERFACE_EGRESS:fw-1", "F:ROUTE:vpc-a-main", "F:ACL_OUT:vpc-a-acl",
                    "F:ACL_IN:vpc-a-acl", "F:INTERFACE_INGRESS:app", "F:DELIVERED:app",
                    // the reply is routed straight back (asymmetric): app's table sends 10.0.0.0/24 to local
                    "R:INTERFACE_EGRESS:app", "R:ROUTE:rt-priv", "R:ACL_OUT:vpc-a-acl", "R:ACL_IN:vpc-a-acl",
                    "R:INTERFACE_INGRESS:web", "R:DELIVERED:web");
        }

        @Test
        void theAppliancesSecurityGroupsFilterWhatItForwards() {
            Network n = inspected(false).sg("sg-fw", "vpc-a", List.of(tcp(22, ANY)), List.of(allProto(ANY))).build();
            FlowResult r = run(n, eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDropped(r, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-fw", Leg.FORWARD);
            assertThat(r.hops().get(r.hops().size() - 1).component()).isEqualTo("fw-1");
        }

        @Test
        void anApplianceCannotUseItsPublicIpForOthersTraffic() {
            Network n = twoTier().subnet("fw", "vpc-a", "10.0.2.0/24")
                    .sg("sg-fw", "vpc-a", List.of(allProto(ANY)), List.of(allProto(ANY)))
                    .eni("eni-fw", "fw", "10.0.2.10").pub("54.0.0.99").sgs("sg-fw").sdc(false).end()
                    .table("rt-fw", "vpc-a", route(ANY, toIgw("igw-a"))).associate("fw", "rt-fw")
                    .associate("priv", null).routes(Net.mainTableId("vpc-a"), route(ANY, toEni("eni-fw"))).build();
            FlowResult r = run(n, eni("app"), inet("8.8.8.8"), tcpPacket("10.0.1.10", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, "igw-a", Leg.FORWARD);
            assertThat(r.pathIds()).contains("eni-fw");
        }
    }

    // ------------------------------------------------------------------ VPN gateway

    @Nested
    class VpnGateways {
        Net corp() {
            return twoTier().vgw("vgw-a", "vpc-a", "192.168.0.0/16", "172.31.0.0/16")
                    .external("corp", "192.168.0.0/16", "vgw-a")
                    .routes("rt-priv", route("192.168.0.0/16", toVgw("vgw-a")))
                    .sg("sg-app", "vpc-a", List.of(tcp(8080, "sg-web"), tcp(22, "192.168.0.0/16")), List.of(allProto(ANY)));
        }

        @Test
        void toAnExternalNetworkBehindTheGateway() {
            FlowResult r = run(corp().build(), eni("app"), ext("corp", "192.168.0.1"), tcpPacket("10.0.1.10", "192.168.0.1", 22));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:app", "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:VPN_GATEWAY:vgw-a", "F:EXTERNAL:corp",
                    "R:VPN_GATEWAY:vgw-a", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:app", "R:DELIVERED:app");
        }

        @Test
        void aRemoteCidrWithoutExternalIsDeliveredToTheGateway() {
            Network n = corp().propagate("rt-priv", "vgw-a").build();
            FlowResult r = run(n, eni("app"), inet("172.31.5.5"), tcpPacket("10.0.1.10", "172.31.5.5", 22));
            assertDelivered(r);
            assertThat(steps(r)).contains("F:EXTERNAL:vgw-a");
        }

        @Test
        void aPropagatedRouteInsideTheVpcLosesToTheLocalRouteEvenWhenMoreSpecific() {
            // AWS Site-to-Site VPN route priority: "the local route is most preferred even if the propagated
            // routes are more specific" (issue 12, point 4)
            Network n = twoTier().vgw("vgw-a", "vpc-a", "10.0.0.0/24").propagate("rt-priv", "vgw-a").build();
            FlowResult r = run(n, eni("app"), eni("web"), tcpPacket("10.0.1.10", "10.0.0.10", 443));
            assertDelivered(r);
            assertThat(r.hops().get(1).detail()).isInstanceOfSatisfying(Detail.RouteLookup.class,
                    d -> assertThat(d.target()).isInstanceOf(RouteTarget.Local.class));
            assertThat(steps(r)).noneMatch(st -> st.contains("VPN_GATEWAY"));
            assertThat(TracerAgreementProperties.agreeing(n, new Flow(eni("app"), eni("web"),
                    tcpPacket("10.0.1.10", "10.0.0.10", 443), true)).delivered()).isTrue();
        }

        @Test
        void anAddressTheGatewayDoesNotKnowIsDropped() {
            Network n = corp().routes("rt-priv", route("172.20.0.0/16", toVgw("vgw-a"))).build();
            FlowResult r = run(n, eni("app"), inet("172.20.0.1"), tcpPacket("10.0.1.10", "172.20.0.1", 22));
            assertDropped(r, ExplanationCode.NO_ROUTE_TO_DESTINATION, "vgw-a", Leg.FORWARD);
        }

        @Test
        void fromAnExternalNetworkIntoTheVpc() {
            FlowResult r = run(corp().build(), ext("corp", "192.168.0.1"), eni("app"), tcpPacket("192.168.0.1", "10.0.1.10", 22));
            assertDelivered(r);
            assertThat(steps(r)).startsWith("F:VPN_GATEWAY:vgw-a", "F:ACL_IN:vpc-a-acl", "F:INTERFACE_INGRESS:app");
        }

        @Test
        void fromAnExternalNetworkTheDestinationMustBeInTheVpc() {
            FlowResult r = run(corp().build(), ext("corp", "192.168.0.1"), inet("10.9.0.1"), tcpPacket("192.168.0.1", "10.9.0.1", 22));
            assertDropped(r, ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, "vgw-a", Leg.FORWARD);
        }

        @Test
        void theReplyNeedsARouteBackToTheExternalNetwork() {
            Network n = corp().associate("priv", null).build(); // the main table has no route to 192.168/16
            FlowResult r = run(n, ext("corp", "192.168.0.1"), eni("app"), tcpPacket("192.168.0.1", "10.0.1.10", 22));
            assertDropped(r, ExplanationCode.NO_ROUTE_TO_DESTINATION, "vpc-a-main", Leg.RETURN);
            Network m = corp().associate("priv", null).propagate("vpc-a-main", "vgw-a").build();
            assertDelivered(run(m, ext("corp", "192.168.0.1"), eni("app"), tcpPacket("192.168.0.1", "10.0.1.10", 22)));
        }
    }

    // ------------------------------------------------------------------ security groups

    @Nested
    class SecurityGroups {
        @Test
        void referencedGroupAllowsItsMembers() {
            FlowResult r = run(twoTier().build(), eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDelivered(r);
            Detail.SecurityGroupCheck c = (Detail.SecurityGroupCheck) hop(r, Leg.FORWARD, HopKind.INTERFACE_INGRESS).detail();
            assertThat(c.matchedGroup()).isEqualTo("sg-app");
            assertThat(c.ruleIndex()).isEqualTo(1);
        }

        @Test
        void referencedGroupRefusesNonMembers() {
            Network n = twoTier().instance("other", "pub", "10.0.0.11").end().build();
            FlowResult r = run(n, eni("other"), eni("app"), tcpPacket("10.0.0.11", "10.0.1.10", 8080));
            assertDropped(r, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-app", Leg.FORWARD);
        }

        @Test
        void defaultGroupAllowsItselfOnly() {
            Network n = Net.create().vpc("vpc-a", "10.0.0.0/16")
                    .subnet("s1", "vpc-a", "10.0.1.0/24").subnet("s2", "vpc-a", "10.0.2.0/24")
                    .sg("sg-x", "vpc-a", List.of(), List.of(allProto(ANY)))
                    .instance("i-1", "s1", "10.0.1.10").end()
                    .instance("i-2", "s2", "10.0.2.10").end()
                    .instance("i-3", "s2", "10.0.2.11").sgs("sg-x").end().build();
            assertDelivered(run(n, eni("i-1"), eni("i-2"), allPacket("10.0.1.10", "10.0.2.10")));
            assertDropped(run(n, eni("i-3"), eni("i-2"), tcpPacket("10.0.2.11", "10.0.2.10", 22)),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "vpc-a-default", Leg.FORWARD);
        }

        @Test
        void aSubnetHostCarriesTheDefaultGroup() {
            Network n = twoTier().sg("sg-app", "vpc-a", List.of(tcp(8080, "vpc-a-default")), List.of(allProto(ANY))).build();
            FlowResult r = run(n, subnetHost("pub", "10.0.0.4"), eni("app"), tcpPacket("10.0.0.4", "10.0.1.10", 8080));
            assertDelivered(r);
            assertThat(r.pathIds()).contains("pub/10.0.0.4", "app");
            // and it is reachable only from what its default group lets in
            FlowResult in = run(n, eni("app"), subnetHost("pub", "10.0.0.4"), tcpPacket("10.0.1.10", "10.0.0.4", 22));
            assertDropped(in, ExplanationCode.ENI_SG_RULES_MISMATCH, "vpc-a-default", Leg.FORWARD);
        }

        @Test
        void egressRulesAreCheckedAndTheDropNamesTheFirstGroup() {
            Network n = twoTier().sg("sg-quiet", "vpc-a", List.of(), List.of())
                    .sg("sg-quiet2", "vpc-a", List.of(), List.of(tcp(22, ANY)))
                    .instance("q", "pub", "10.0.0.12").pub("54.0.0.12").sgs("sg-quiet", "sg-quiet2").end().build();
            FlowResult r = run(n, eni("q"), inet("8.8.8.8"), tcpPacket("10.0.0.12", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-quiet", Leg.FORWARD);
            assertThat(steps(r)).containsExactly("F:INTERFACE_EGRESS:q!");
            // the second group's rule is part of the union
            FlowResult ssh = run(n, eni("q"), inet("8.8.8.8"), tcpPacket("10.0.0.12", "8.8.8.8", 22));
            assertDelivered(ssh);
            assertThat(((Detail.SecurityGroupCheck) hop(ssh, Leg.FORWARD, HopKind.INTERFACE_EGRESS).detail()).matchedGroup())
                    .isEqualTo("sg-quiet2");
        }

        @Test
        void repliesAreStatefulBothWays() {
            // the server allows nothing out, the client allows nothing in: the reply still passes
            Network n = twoTier().sg("sg-app", "vpc-a", List.of(tcp(8080, "sg-web")), List.of())
                    .sg("sg-web", "vpc-a", List.of(), List.of(allProto(ANY))).build();
            FlowResult r = run(n, eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080));
            assertDelivered(r);
            assertThat(((Detail.SecurityGroupCheck) hop(r, Leg.RETURN, HopKind.INTERFACE_EGRESS).detail()).stateful()).isTrue();
            assertThat(((Detail.SecurityGroupCheck) hop(r, Leg.RETURN, HopKind.INTERFACE_INGRESS).detail()).stateful()).isTrue();
        }

        @Test
        void prefixListPeers() {
            Network n = twoTier().prefixList("pl-office", "203.0.113.0/24")
                    .sg("sg-web", "vpc-a", List.of(tcp(22, "pl-office")), List.of(allProto(ANY))).build();
            assertDelivered(run(n, inet("203.0.113.7"), inet("54.0.0.10"), tcpPacket("203.0.113.7", "54.0.0.10", 22)));
            assertDropped(run(n, inet("198.51.100.7"), inet("54.0.0.10"), tcpPacket("198.51.100.7", "54.0.0.10", 22)),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-web", Leg.FORWARD);
        }

        @Test
        void protocolAllPacketNeedsAnAllRule() {
            Network n = twoTier().sg("sg-app", "vpc-a", List.of(Net.tcp(0, 65535, "sg-web")), List.of(allProto(ANY))).build();
            assertDelivered(run(n, eni("web"), eni("app"), tcpPacket("10.0.0.10", "10.0.1.10", 8080)));
            assertDropped(run(n, eni("web"), eni("app"), allPacket("10.0.0.10", "10.0.1.10")),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-app", Leg.FORWARD);
            Network m = twoTier().sg("sg-app", "vpc-a", List.of(allProto("sg-web")), List.of(allProto(ANY))).build();
            assertDelivered(run(m, eni("web"), eni("app"), allPacket("10.0.0.10", "10.0.1.10")));
        }
    }

    // ------------------------------------------------------------------ ICMP

    @Nested
    class Icmp {
        Net pingable(List<io.reachsim.model.AclEntry> egress) {
            return twoTier().sg("sg-app", "vpc-a", List.of(icmp(8, "sg-web"), icmpv6(128, "sg-web")), List.of())
                    .acl("acl-app", "vpc-a", List.of(allow(100, Protocol.ALL, null, ANY), allow(101, Protocol.ALL, null, ANY6)), egress)
                    .useAcl("priv", "acl-app");
        }

        @Test
        void echoRequestGetsAnEchoReply() {
            FlowResult r = run(pingable(List.of(allow(100, Protocol.ALL, null, ANY))).build(), eni("web"), eni("app"),
                    icmpPacket("10.0.0.10", "10.0.1.10", 8));
            assertDelivered(r);
            Packet reply = hop(r, Leg.RETURN, HopKind.DELIVERED).packet();
            assertThat(reply.icmpType()).isZero();
            assertThat(reply.dst()).isEqualTo(ip("10.0.0.10"));
        }

        @Test
        void theEchoReplyMustPassTheStatelessAcl() {
            Net onlyRequests = pingable(List.of(new io.reachsim.model.AclEntry(100, Protocol.ICMP, null, 8, -1, Cidr.ANY_V4,
                    io.reachsim.model.AclEntry.Action.ALLOW)));
            FlowResult r = run(onlyRequests.build(), eni("web"), eni("app"), icmpPacket("10.0.0.10", "10.0.1.10", 8));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-app", Leg.RETURN);
            Net replies = pingable(List.of(new io.reachsim.model.AclEntry(100, Protocol.ICMP, null, 0, -1, Cidr.ANY_V4,
                    io.reachsim.model.AclEntry.Action.ALLOW)));
            assertDelivered(run(replies.build(), eni("web"), eni("app"), icmpPacket("10.0.0.10", "10.0.1.10", 8)));
        }

        @Test
        void icmpRuleTypeMustMatch() {
            Network n = twoTier().sg("sg-app", "vpc-a", List.of(icmp(0, "sg-web")), List.of()).build();
            assertDropped(run(n, eni("web"), eni("app"), icmpPacket("10.0.0.10", "10.0.1.10", 8)),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-app", Leg.FORWARD);
        }

        @Test
        void icmpv6NeedsIcmpv6Rules() {
            Network v4rule = twoTier().sg("sg-app", "vpc-a", List.of(icmp(-1, ANY6)), List.of()).build();
            assertDropped(run(v4rule, eni("web"), eni("app"), icmpPacket("2600:1f00:a:1::10", "2600:1f00:a:2::10", 128)),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-app", Leg.FORWARD);
            FlowResult ok = run(pingable(List.of(allow(101, Protocol.ALL, null, ANY6))).build(), eni("web"), eni("app"),
                    icmpPacket("2600:1f00:a:1::10", "2600:1f00:a:2::10", 128));
            assertDelivered(ok);
            assertThat(hop(ok, Leg.RETURN, HopKind.DELIVERED).packet().icmpType()).isEqualTo(129);
        }

        @Test
        void anIcmpTypeWithoutReplyIsCheckedOneWay() {
            Net closedBack = pingable(List.of()); // nothing leaves the app subnet
            Network n = closedBack.sg("sg-app", "vpc-a", List.of(icmp(-1, "sg-web")), List.of()).build();
            FlowResult unreachable = run(n, eni("web"), eni("app"), icmpPacket("10.0.0.10", "10.0.1.10", 3));
            assertDelivered(unreachable);
            assertThat(unreachable.hops()).allMatch(h -> h.leg() == Leg.FORWARD);
            assertDropped(run(n, eni("web"), eni("app"), icmpPacket("10.0.0.10", "10.0.1.10", 8)),
                    ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-app", Leg.RETURN);
        }
    }

    // ------------------------------------------------------------------ EKS (semantics.md "EKS")

    static final String NODE = "prod-workers-priv";
    static final String POD = NODE + "-pod";
    static final String ENDPOINT_IP = "198.19.255.10";

    static FlowEnd eksApi(String cluster, String a) { return new FlowEnd.EksPublicEndpoint(cluster, ip(a)); }
    static FlowEnd aws(String service, String a) { return new FlowEnd.AwsService(service, ip(a)); }

    /**
     * twoTier plus cluster "prod" (as the loader materialises it): an X-ENI in cl-a, node group "workers"
     * with its node in priv (10.0.1.20) and that node's pod (10.0.1.21, SNAT on, the node's groups), a
     * public endpoint open to 54.0.0.0/24 (the NAT's EIP 54.0.0.5 is inside), and a pods subnet (main table:
     * local routes only) for custom networking.
     */
    static Net eksNet(boolean snat) {
        return eksBase().cluster("prod", "vpc-a").access(true, false, "54.0.0.0/24").publicEndpoint(ENDPOINT_IP)
                .xeni("cl-a", "10.0.5.10")
                .nodeGroup("workers", "sg-nodes")
                .node("workers", "priv", "10.0.1.20")
                .pod(NODE, "priv", "10.0.1.21", snat)
                .end();
    }

    static Net eksBase() {
        return twoTier()
                .subnet("cl-a", "vpc-a", "10.0.5.0/24")
                .subnet("pods", "vpc-a", "10.0.8.0/24", "2600:1f00:a:8::/64")
                .sg("sg-nodes", "vpc-a", List.of(allProto("sg-nodes"), tcp(10250, "eks-cluster-sg-prod"), tcp(8080, "192.168.0.0/16")),
                        List.of(allProto(ANY), allProto(ANY6)))
                .sg("sg-closed", "vpc-a", List.of(), List.of());
    }

    @Nested
    class PodSnat {
        @Test
        void aPodsPacketForTheInternetLeavesAsItsNodeAndTheReplyIsTranslatedBackToThePod() {
            // the pod's own group allows nothing out: with SNAT its groups are not evaluated
            Network n = eksBase().cluster("prod", "vpc-a").nodeGroup("workers", "sg-nodes")
                    .node("workers", "priv", "10.0.1.20").pod(NODE, "priv", "10.0.1.21", true, "sg-closed").end().build();
            FlowResult r = run(n, eni(POD), inet("8.8.8.8"), tcpPacket("10.0.1.21", "8.8.8.8", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:SNAT:" + NODE, "F:INTERFACE_EGRESS:" + NODE, "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:ACL_IN:vpc-a-acl",
                    "F:NAT_GATEWAY:nat-a", "F:ROUTE:rt-pub", "F:ACL_OUT:vpc-a-acl", "F:INTERNET_GATEWAY:igw-a", "F:INTERNET:internet",
                    "R:INTERNET_GATEWAY:igw-a", "R:ACL_IN:vpc-a-acl", "R:NAT_GATEWAY:nat-a", "R:ROUTE:rt-pub", "R:ACL_OUT:vpc-a-acl",
                    "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:" + NODE, "R:SNAT:" + NODE, "R:DELIVERED:" + POD);
            Hop snat = hop(r, Leg.FORWARD, HopKind.SNAT);
            assertThat(snat.subnet()).isEqualTo("priv");
            assertThat(snat.detail()).isEqualTo(new Detail.Translation(true, ip("10.0.1.21"), ip("10.0.1.20")));
            assertThat(snat.packet().src()).isEqualTo(ip("10.0.1.20"));
            Hop back = hop(r, Leg.RETURN, HopKind.SNAT);
            assertThat(back.detail()).isEqualTo(new Detail.Translation(false, ip("10.0.1.20"), ip("10.0.1.21")));
            Hop delivered = hop(r, Leg.RETURN, HopKind.DELIVERED);
            assertThat(delivered.subnet()).isEqualTo("priv");
            assertThat(delivered.packet().dst()).isEqualTo(ip("10.0.1.21"));
            assertThat(((Detail.SecurityGroupCheck) hop(r, Leg.RETURN, HopKind.INTERFACE_INGRESS).detail()).stateful()).isTrue();
        }

        @Test
        void aPodsPacketInsideTheVpcIsPlainHostTrafficFromThePodsInterface() {
            Network n = eksBase().cluster("prod", "vpc-a").nodeGroup("workers", "sg-nodes")
                    .node("workers", "priv", "10.0.1.20").pod(NODE, "priv", "10.0.1.21", true, "sg-closed").end().build();
            FlowResult r = run(n, eni(POD), eni("web"), tcpPacket("10.0.1.21", "10.0.0.10", 443));
            assertDropped(r, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-closed", Leg.FORWARD);
            assertThat(steps(r)).containsExactly("F:INTERFACE_EGRESS:" + POD + "!");
            Network m = eksNet(true).build();
            FlowResult inside = run(m, eni(POD), eni("web"), tcpPacket("10.0.1.21", "10.0.0.10", 443));
            assertDelivered(inside);
            assertThat(inside.hops()).noneMatch(h -> h.kind() == HopKind.SNAT);
            assertThat(steps(inside)).first().isEqualTo("F:INTERFACE_EGRESS:" + POD);
        }

        @Test
        void withoutSnatThePodLeavesWithItsOwnAddress() {
            FlowResult r = run(eksNet(false).build(), eni(POD), inet("8.8.8.8"), tcpPacket("10.0.1.21", "8.8.8.8", 443));
            assertDelivered(r);
            assertThat(r.hops()).noneMatch(h -> h.kind() == HopKind.SNAT);
            assertThat(steps(r)).startsWith("F:INTERFACE_EGRESS:" + POD, "F:ROUTE:rt-priv");
            assertThat(hop(r, Leg.FORWARD, HopKind.NAT_GATEWAY).detail())
                    .isEqualTo(new Detail.Translation(true, ip("10.0.1.21"), ip("10.0.0.5")));
            assertThat(steps(r)).last().isEqualTo("R:DELIVERED:" + POD);
        }

        @Test
        void underCustomNetworkingSnatedTrafficUsesTheNodesSubnetRouteTableAndAcl() {
            // the pods subnet has no route out (main table) and a closed ACL; the node's subnet has both
            Net custom = eksBase().acl("acl-closed", "vpc-a", List.of(), List.of()).useAcl("pods", "acl-closed")
                    .cluster("prod", "vpc-a").eniConfig("us-east-1a", "pods", "sg-nodes").nodeGroup("workers", "sg-nodes")
                    .node("workers", "priv", "10.0.1.20").pod(NODE, "pods", "10.0.8.21", true).end();
            FlowResult r = run(custom.build(), eni(POD), inet("8.8.8.8"), tcpPacket("10.0.8.21", "8.8.8.8", 443));
            assertDelivered(r);
            assertThat(hop(r, Leg.FORWARD, HopKind.SNAT).subnet()).isEqualTo("priv");
            assertThat(hop(r, Leg.FORWARD, HopKind.ROUTE).component()).isEqualTo("rt-priv");
            assertThat(hop(r, Leg.RETURN, HopKind.DELIVERED).subnet()).isEqualTo("pods");
            assertThat(r.pathIds()).doesNotContain("acl-closed", "vpc-a-main");

            // the same pod without SNAT is routed by its own subnet's table, which has no route out
            Net noSnat = eksBase().acl("acl-closed", "vpc-a", List.of(), List.of()).useAcl("pods", "acl-closed")
                    .cluster("prod", "vpc-a").nodeGroup("workers", "sg-nodes")
                    .node("workers", "priv", "10.0.1.20").pod(NODE, "pods", "10.0.8.21", false).end();
            FlowResult none = run(noSnat.build(), eni(POD), inet("8.8.8.8"), tcpPacket("10.0.8.21", "8.8.8.8", 443));
            assertDropped(none, ExplanationCode.NO_ROUTE_TO_DESTINATION, "vpc-a-main", Leg.FORWARD);
        }

        @Test
        void theNodesGroupsDecideWhatASnatedPacketMaySend() {
            Network n = eksNet(true).sg("sg-nodes", "vpc-a", List.of(), List.of(tcp(10250, ANY))).build();
            FlowResult r = run(n, eni(POD), inet("8.8.8.8"), tcpPacket("10.0.1.21", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-nodes", Leg.FORWARD);
            assertThat(steps(r)).containsExactly("F:SNAT:" + NODE, "F:INTERFACE_EGRESS:" + NODE + "!");
        }

        @Test
        void theReplyPassesTheNodesSubnetAclToTheNodesAddress() {
            Network n = eksNet(true).acl("acl-priv", "vpc-a", List.of(allow(100, Protocol.TCP, "443", ANY)),
                    List.of(allow(100, Protocol.ALL, null, ANY))).useAcl("priv", "acl-priv").build();
            FlowResult r = run(n, eni(POD), inet("8.8.8.8"), tcpPacket("10.0.1.21", "8.8.8.8", 443));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-priv", Leg.RETURN);
            assertThat(((Detail.AclCheck) r.drop().detail()).inbound()).isTrue();
        }

        @Test
        void aPacketForAVpnNetworkIsSnatedToo() {
            Network n = eksNet(true).vgw("vgw-a", "vpc-a", "192.168.0.0/16").external("corp", "192.168.0.0/16", "vgw-a")
                    .routes("rt-priv", route("192.168.0.0/16", toVgw("vgw-a"))).build();
            FlowResult r = run(n, eni(POD), ext("corp", "192.168.0.1"), tcpPacket("10.0.1.21", "192.168.0.1", 22));
            assertDelivered(r);
            assertThat(hop(r, Leg.FORWARD, HopKind.EXTERNAL).packet().src()).isEqualTo(ip("10.0.1.20"));
            assertThat(steps(r)).endsWith("R:INTERFACE_INGRESS:" + NODE, "R:SNAT:" + NODE, "R:DELIVERED:" + POD);
        }

        /** Reading: SNAT is for connections the pod opens; its replies are plain traffic from its interface. */
        @Test
        void aPodsReplyToAConnectionFromOutsideIsNotSnated() {
            Network n = eksNet(true).vgw("vgw-a", "vpc-a", "192.168.0.0/16").external("corp", "192.168.0.0/16", "vgw-a")
                    .routes("rt-priv", route("192.168.0.0/16", toVgw("vgw-a"))).build();
            FlowResult r = run(n, ext("corp", "192.168.0.1"), eni(POD), tcpPacket("192.168.0.1", "10.0.1.21", 8080));
            assertDelivered(r);
            assertThat(r.hops()).noneMatch(h -> h.kind() == HopKind.SNAT);
            assertThat(steps(r)).containsSubsequence("R:INTERFACE_EGRESS:" + POD, "R:ROUTE:rt-priv", "R:VPN_GATEWAY:vgw-a");
        }

        @Test
        void anIpv6PodHasNoPrivateIpv4AndIsPlainHostTraffic() {
            Network n = eksBase().cluster("prod", "vpc-a").ipv6().nodeGroup("workers", "sg-nodes")
                    .node("workers", "priv", "10.0.1.20", e -> e.v6("2600:1f00:a:2::20"))
                    .pod(NODE, "priv", "2600:1f00:a:2::21", false).end().build();
            assertThat(n.networkInterface(POD).orElseThrow().privateIp()).isNull();
            FlowResult r = run(n, eni(POD), inet("2a05:d000::1"), tcpPacket("2600:1f00:a:2::21", "2a05:d000::1", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:" + POD, "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:EGRESS_ONLY_INTERNET_GATEWAY:eigw-a",
                    "F:INTERNET:internet", "R:INTERNET_GATEWAY:igw-a", "R:ACL_IN:vpc-a-acl", // vpc-a has an IGW: IPv6 enters there
                    "R:INTERFACE_INGRESS:" + POD, "R:DELIVERED:" + POD);
        }

        @Test
        void theApiServerReachesTheKubeletThroughTheXeni() {
            Network n = eksNet(true).build();
            FlowResult r = run(n, eni("prod-xeni-1"), eni(NODE), tcpPacket("10.0.5.10", "10.0.1.20", 10250));
            assertDelivered(r);
            assertThat(hop(r, Leg.FORWARD, HopKind.INTERFACE_EGRESS).subnet()).isEqualTo("cl-a");
            Network m = eksNet(true).sg("sg-nodes", "vpc-a", List.of(allProto("sg-nodes")), List.of(allProto(ANY))).build();
            assertDropped(run(m, eni("prod-xeni-1"), eni(NODE), tcpPacket("10.0.5.10", "10.0.1.20", 10250)),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-nodes", Leg.FORWARD);
        }
    }

    @Nested
    class EksPublicEndpoint {
        @Test
        void aNodeWithAPublicIpReachesTheEndpointOverTheInternet() {
            Network n = eksNet(true).cluster("dev", "vpc-a").access(true, false, "54.0.0.30/32").publicEndpoint("198.19.255.11")
                    .nodeGroup("ng", "sg-nodes").node("ng", "pub", "10.0.0.30", e -> e.pub("54.0.0.30")).end().build();
            FlowResult r = run(n, eni("dev-ng-pub"), eksApi("dev", "198.19.255.11"), tcpPacket("10.0.0.30", "198.19.255.11", 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:dev-ng-pub", "F:ROUTE:rt-pub", "F:ACL_OUT:vpc-a-acl", "F:INTERNET_GATEWAY:igw-a",
                    "F:EKS_API:dev-public-endpoint",
                    "R:INTERNET_GATEWAY:igw-a", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:dev-ng-pub", "R:DELIVERED:dev-ng-pub");
            assertThat(hop(r, Leg.FORWARD, HopKind.EKS_API).packet().src()).isEqualTo(ip("54.0.0.30"));
        }

        @Test
        void publicAccessCidrsSeeTheTranslatedSource() {
            // a private node goes out through nat-a: the endpoint sees the NAT's EIP 54.0.0.5
            Network open = eksNet(true).build();
            assertDelivered(run(open, eni(NODE), eksApi("prod", ENDPOINT_IP), tcpPacket("10.0.1.20", ENDPOINT_IP, 443)));
            Net restricted = eksBase().cluster("prod", "vpc-a").access(true, false, "203.0.113.0/24", "10.0.0.0/8")
                    .publicEndpoint(ENDPOINT_IP).nodeGroup("workers", "sg-nodes").node("workers", "priv", "10.0.1.20").end();
            FlowResult r = run(restricted.build(), eni(NODE), eksApi("prod", ENDPOINT_IP), tcpPacket("10.0.1.20", ENDPOINT_IP, 443));
            assertDropped(r, ExplanationCode.EKS_PUBLIC_ACCESS_CIDR_RESTRICTION, "prod-public-endpoint", Leg.FORWARD);
            Hop last = r.hops().get(r.hops().size() - 1);
            assertThat(last.kind()).isEqualTo(HopKind.EKS_API);
            assertThat(last.passed()).isFalse();
            assertThat(last.packet().src()).isEqualTo(ip("54.0.0.5"));
            // from the internet, an address inside the CIDRs is let in
            assertDelivered(run(restricted.build(), inet("203.0.113.7"), eksApi("prod", ENDPOINT_IP),
                    tcpPacket("203.0.113.7", ENDPOINT_IP, 443)));
        }

        @Test
        void aDisabledPublicEndpointRefusesEveryone() {
            Network n = eksBase().cluster("prod", "vpc-a").access(false, true).publicEndpoint(ENDPOINT_IP).end().build();
            FlowResult r = run(n, inet("203.0.113.7"), eksApi("prod", ENDPOINT_IP), tcpPacket("203.0.113.7", ENDPOINT_IP, 443));
            assertDropped(r, ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED, "prod-public-endpoint", Leg.FORWARD);
            assertThat(steps(r)).containsExactly("F:EKS_API:prod-public-endpoint!");
        }

        @Test
        void aPodReachesTheEndpointAsItsNodeThroughTheNat() {
            FlowResult r = run(eksNet(true).build(), eni(POD), eksApi("prod", ENDPOINT_IP), tcpPacket("10.0.1.21", ENDPOINT_IP, 443));
            assertDelivered(r);
            assertThat(steps(r)).containsSubsequence("F:SNAT:" + NODE, "F:NAT_GATEWAY:nat-a", "F:EKS_API:prod-public-endpoint",
                    "R:NAT_GATEWAY:nat-a", "R:SNAT:" + NODE, "R:DELIVERED:" + POD);
        }
    }

    @Nested
    class UnresolvedDestinations {
        @Test
        void oneFailedDnsHopAndNoPacketMoves() {
            FlowEnd to = new FlowEnd.Unresolved("eks-api:prod", "prod", ExplanationCode.EKS_PRIVATE_ENDPOINT_DNS_DISABLED);
            Packet p = tcpPacket("10.0.1.20", "198.19.255.10", 443);
            FlowResult r = run(eksNet(true).build(), eni(NODE), to, p);
            assertDropped(r, ExplanationCode.EKS_PRIVATE_ENDPOINT_DNS_DISABLED, "prod", Leg.FORWARD);
            assertThat(steps(r)).containsExactly("F:DNS:prod!");
            assertThat(r.hops().get(0).subnet()).isNull();
            assertThat(r.pathIds()).containsExactly("prod");
        }
    }

    // ------------------------------------------------------------------ VPC endpoints (semantics.md "VPC endpoints")

    static final String S3_IP = "52.218.0.10";

    /** eksNet plus the S3 prefix list and a gateway endpoint in rt-priv (the loader adds its route). */
    static Net withS3(Net n) {
        return n.awsPrefixList("pl-s3", "com.amazonaws.us-east-1.s3", "52.218.0.0/17", "3.5.0.0/19")
                .gatewayEndpoint("vpce-s3", "vpc-a", "s3", "pl-s3", "rt-priv");
    }

    @Nested
    class GatewayEndpoints {
        @Test
        void aPrefixListRouteToTheEndpointDeliversToTheServiceAndTheReplyStartsThere() {
            FlowResult r = run(withS3(twoTier()).build(), eni("app"), aws("s3", S3_IP), tcpPacket("10.0.1.10", S3_IP, 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:INTERFACE_EGRESS:app", "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:VPC_ENDPOINT:vpce-s3",
                    "R:VPC_ENDPOINT:vpce-s3", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:app", "R:DELIVERED:app");
            Detail.RouteLookup l = (Detail.RouteLookup) hop(r, Leg.FORWARD, HopKind.ROUTE).detail();
            assertThat(l.prefixList()).isEqualTo("pl-s3");
            assertThat(l.target()).isEqualTo(toVpce("vpce-s3"));
            assertThat(r.pathIds()).doesNotContain("nat-a", "igw-a");
            // a table without the endpoint's route goes the usual way
            FlowResult web = run(withS3(twoTier()).build(), eni("web"), aws("s3", S3_IP), tcpPacket("10.0.0.10", S3_IP, 443));
            assertDelivered(web);
            assertThat(steps(web)).contains("F:INTERNET:internet");
        }

        @Test
        void onlyTcpAndIcmpEchoPass() {
            Network n = withS3(twoTier()).sg("sg-app", "vpc-a", List.of(), List.of(allProto(ANY))).build();
            FlowResult udp = run(n, eni("app"), aws("s3", S3_IP), new Packet(ip("10.0.1.10"), ip(S3_IP), Protocol.UDP, 49152, 53, -1, -1));
            assertDropped(udp, ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION, "vpce-s3", Leg.FORWARD);
            assertThat(steps(udp)).last().isEqualTo("F:VPC_ENDPOINT:vpce-s3!");
            assertDropped(run(n, eni("app"), aws("s3", S3_IP), allPacket("10.0.1.10", S3_IP)),
                    ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION, "vpce-s3", Leg.FORWARD);
            assertDropped(run(n, eni("app"), aws("s3", S3_IP), icmpPacket("10.0.1.10", S3_IP, 3)),
                    ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION, "vpce-s3", Leg.FORWARD);
            FlowResult ping = run(n, eni("app"), aws("s3", S3_IP), icmpPacket("10.0.1.10", S3_IP, 8));
            assertDelivered(ping);
            assertThat(hop(ping, Leg.RETURN, HopKind.VPC_ENDPOINT).packet().icmpType()).isZero();
        }

        /**
         * Reading (semantics.md says "ICMP echo request/reply"): ICMPv6 echo (128/129) counts as ICMP echo.
         * The Tracer reads it as IPv4 ICMP only and drops it; see TracerAgreementProperties#icmpv6EchoThroughAGatewayEndpoint.
         */
        @Test
        void icmpv6EchoCountsAsIcmpEcho() {
            FlowResult r = run(icmpv6Endpoint(), eni("app"), aws("s3", "2a05:d000::1"), icmpPacket("2600:1f00:a:2::10", "2a05:d000::1", 128));
            assertDelivered(r);
            assertDropped(run(icmpv6Endpoint(), eni("app"), aws("s3", "2a05:d000::1"), icmpPacket("2600:1f00:a:2::10", "2a05:d000::1", 1)),
                    ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION, "vpce-s3", Leg.FORWARD);
        }


        @Test
        void theSubnetsAclIsCheckedOutAndOnTheReplyIn() {
            Network out = withS3(twoTier()).acl("acl-priv", "vpc-a", List.of(allow(100, Protocol.ALL, null, ANY)),
                    List.of(allow(100, Protocol.ALL, null, "10.0.0.0/16"))).useAcl("priv", "acl-priv").build();
            FlowResult r = run(out, eni("app"), aws("s3", S3_IP), tcpPacket("10.0.1.10", S3_IP, 443));
            assertDropped(r, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-priv", Leg.FORWARD);
            assertThat(steps(r)).last().isEqualTo("F:ACL_OUT:acl-priv!");

            Network in = withS3(twoTier()).acl("acl-priv", "vpc-a", List.of(allow(100, Protocol.TCP, "443", ANY)),
                    List.of(allow(100, Protocol.ALL, null, ANY))).useAcl("priv", "acl-priv").build();
            FlowResult back = run(in, eni("app"), aws("s3", S3_IP), tcpPacket("10.0.1.10", S3_IP, 443));
            assertDropped(back, ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-priv", Leg.RETURN);
            assertThat(steps(back)).endsWith("R:VPC_ENDPOINT:vpce-s3", "R:ACL_IN:acl-priv!");
        }

        /**
         * A source outside the endpoint's VPC. The loader refuses a route to another VPC's endpoint, so this
         * network is built by hand to exercise the check (peering and transit gateways will reach it).
         */
        @Test
        void theSourceMustBeInsideTheEndpointsVpc() {
            Net n = withS3(twoTier()).vpc("vpc-b", "10.1.0.0/16").subnet("b1", "vpc-b", "10.1.1.0/24")
                    .routes(Net.mainTableId("vpc-b"), plRoute("pl-s3", toVpce("vpce-s3")))
                    .instance("b", "b1", "10.1.1.10").end();
            FlowResult r = run(n.build(), eni("b"), aws("s3", S3_IP), tcpPacket("10.1.1.10", S3_IP, 443));
            assertDropped(r, ExplanationCode.VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION, "vpce-s3", Leg.FORWARD);
            assertThat(steps(r)).containsExactly("F:INTERFACE_EGRESS:b", "F:ROUTE:vpc-b-main", "F:ACL_OUT:vpc-b-acl",
                    "F:VPC_ENDPOINT:vpce-s3!");
        }

        /** Same hand-built shape: vpc-b overlaps vpc-a, so its host passes the check, and the reply finds no subnet. */
        @Test
        void theReplyNeedsASubnetOfTheEndpointsVpcHoldingTheDestination() {
            Net n = withS3(twoTier()).vpc("vpc-b", "10.0.0.0/16").subnet("b1", "vpc-b", "10.0.200.0/24")
                    .routes(Net.mainTableId("vpc-b"), plRoute("pl-s3", toVpce("vpce-s3")))
                    .instance("b", "b1", "10.0.200.10").end();
            FlowResult r = run(n.build(), eni("b"), aws("s3", S3_IP), tcpPacket("10.0.200.10", S3_IP, 443));
            assertDropped(r, ExplanationCode.NO_POSSIBLE_DESTINATION, "vpc-a", Leg.RETURN);
            assertThat(steps(r)).endsWith("R:VPC_ENDPOINT:vpce-s3", "R:DELIVERED:vpc-a!");
        }

        @Test
        void aSnatedPodUsesTheEndpointAsItsNode() {
            FlowResult r = run(withS3(eksNet(true)).build(), eni(POD), aws("s3", S3_IP), tcpPacket("10.0.1.21", S3_IP, 443));
            assertDelivered(r);
            assertThat(steps(r)).containsExactly(
                    "F:SNAT:" + NODE, "F:INTERFACE_EGRESS:" + NODE, "F:ROUTE:rt-priv", "F:ACL_OUT:vpc-a-acl", "F:VPC_ENDPOINT:vpce-s3",
                    "R:VPC_ENDPOINT:vpce-s3", "R:ACL_IN:vpc-a-acl", "R:INTERFACE_INGRESS:" + NODE, "R:SNAT:" + NODE,
                    "R:DELIVERED:" + POD);
        }

        @Test
        void throughANatGatewayWhoseSubnetRoutesToTheEndpoint() {
            // only the NAT gateway's subnet (pub) routes to the endpoint: the source it sees is the NAT's address
            Network m = Net.create().vpc("vpc-a", "10.0.0.0/16")
                    .subnet("pub", "vpc-a", "10.0.0.0/24").subnet("priv", "vpc-a", "10.0.1.0/24")
                    .privateNat("nat-a", "pub", "10.0.0.5")
                    .table("rt-pub", "vpc-a").table("rt-priv", "vpc-a", route(ANY, toNat("nat-a")))
                    .associate("pub", "rt-pub").associate("priv", "rt-priv")
                    .awsPrefixList("pl-s3", "com.amazonaws.us-east-1.s3", "52.218.0.0/17")
                    .gatewayEndpoint("vpce-s3", "vpc-a", "s3", "pl-s3", "rt-pub")
                    .sg("sg-app", "vpc-a", List.of(), List.of(allProto(ANY)))
                    .instance("app", "priv", "10.0.1.10").sgs("sg-app").end().build();
            FlowResult r = run(m, eni("app"), aws("s3", S3_IP), tcpPacket("10.0.1.10", S3_IP, 443));
            assertDelivered(r);
            assertThat(steps(r)).containsSubsequence("F:NAT_GATEWAY:nat-a", "F:ROUTE:rt-pub", "F:VPC_ENDPOINT:vpce-s3",
                    "R:VPC_ENDPOINT:vpce-s3", "R:ACL_IN:vpc-a-acl", "R:NAT_GATEWAY:nat-a", "R:DELIVERED:app");
        }
    }

    /** twoTier with a gateway endpoint whose prefix list holds an IPv6 block, app open to IPv6. */
    static Network icmpv6Endpoint() {
        return twoTier().prefixList("pl-v6", "2a05:d000::/32").gatewayEndpoint("vpce-s3", "vpc-a", "s3", "pl-v6", "rt-priv")
                .sg("sg-app", "vpc-a", List.of(allProto(ANY6)), List.of(allProto(ANY), allProto(ANY6))).build();
    }

    @Test
    void endpointsAndServicesAreDestinationsOnly() {
        Network n = twoTier().build();
        Packet p = tcpPacket("198.19.255.1", "10.0.1.10", 443);
        for (FlowEnd from : List.of(new FlowEnd.Unresolved("eks-api:x", "x", ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED),
                eksApi("x", "198.19.255.1"), aws("s3", "198.19.255.1"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(n, from, eni("app"), p))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class InterfaceEndpointsAndAwsServices {
        Net withEcr() {
            return twoTier().sg("sg-vpce", "vpc-a", List.of(tcp(443, "sg-app")), List.of())
                    .interfaceEndpoint("vpce-ecr", "vpc-a", "ecr.api", true, List.of("sg-vpce"), "priv=10.0.1.50");
        }

        @Test
        void anInterfaceEndpointIsAnInterfaceWithTheEndpointsGroups() {
            Network n = withEcr().build();
            assertDelivered(run(n, eni("app"), eni("vpce-ecr-priv"), tcpPacket("10.0.1.10", "10.0.1.50", 443)));
            assertDropped(run(n, eni("web"), eni("vpce-ecr-priv"), tcpPacket("10.0.0.10", "10.0.1.50", 443)),
                    ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-vpce", Leg.FORWARD);
        }

        @Test
        void anAwsServiceAtItsPublicAddressIsAnInternetDestination() {
            FlowResult r = run(twoTier().build(), eni("app"), aws("sts", "52.94.0.10"), tcpPacket("10.0.1.10", "52.94.0.10", 443));
            assertDelivered(r);
            assertThat(steps(r)).contains("F:NAT_GATEWAY:nat-a", "F:INTERNET:internet");
        }
    }

    @Test
    void roundTripFalseChecksTheForwardPathOnly() {
        Network n = twoTier().acl("acl-in-only", "vpc-a", List.of(allow(100, Protocol.ALL, null, ANY)), List.of())
                .useAcl("priv", "acl-in-only").build();
        Packet p = tcpPacket("10.0.0.10", "10.0.1.10", 8080);
        assertDropped(run(n, eni("web"), eni("app"), p), ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-in-only", Leg.RETURN);
        FlowResult r = oneWay(n, eni("web"), eni("app"), p);
        assertDelivered(r);
        assertThat(r.hops()).noneMatch(h -> h.leg() == Leg.RETURN);
    }
}
