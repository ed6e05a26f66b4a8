package io.reachsim.reference;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.TransitGateway;
import io.reachsim.trace.Detail;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Packet;
import io.reachsim.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reachsim.reference.Net.allProto;
import static io.reachsim.reference.Net.route;
import static io.reachsim.reference.Net.tcp;
import static io.reachsim.reference.Net.toIgw;
import static io.reachsim.reference.Net.toNat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference evaluator on the paths random networks rarely build (docs/semantics.md "Peering and transit
 * gateways"), each checked against the tracer too: centralized egress through a transit gateway and a NAT
 * gateway, a peer kept away from that NAT gateway, security-group references across a peering, the AZ of the
 * entry subnets both ways, a VPN attachment.
 */
class ReferenceEvaluatorCrossVpcTest {
    static final String ANY = "0.0.0.0/0";
    static final RouteTarget TGW = new RouteTarget.TransitGateway("tgw");

    static TransitGateway.Attachment vpcAttachment(String id, String vpc, List<String> subnets, String association, String... propagations) {
        return new TransitGateway.Attachment(id, TransitGateway.Attachment.Type.VPC, vpc, subnets, association, List.of(propagations),
                false, List.of(), true, true);
    }

    static TransitGateway.Attachment ipv4OnlyAttachment(String id, String vpc, List<String> subnets, String association, String... propagations) {
        return new TransitGateway.Attachment(id, TransitGateway.Attachment.Type.VPC, vpc, subnets, association, List.of(propagations),
                false, List.of(), true, false);
    }

    static TransitGateway.TgwRoute tgwRoute(String cidr, String attachment) {
        return new TransitGateway.TgwRoute(new Route.RouteDestination.CidrDestination(Cidr.parse(cidr)), attachment, attachment == null);
    }

    /** A spoke (10.1/16, us-east-1a) and an egress hub (10.9/16) with a public NAT gateway; the spoke sends 0/0 to the TGW. */
    static Net centralizedEgress() {
        Net n = Net.create()
                .vpc("vpc-spoke", "10.1.0.0/16").vpc("vpc-hub", "10.9.0.0/16")
                .subnet("spoke-a", "vpc-spoke", "10.1.1.0/24")
                .subnet("hub-tgw", "vpc-hub", "10.9.255.0/28")
                .subnet("hub-public", "vpc-hub", "10.9.0.0/24")
                .table("rt-spoke", "vpc-spoke", route(ANY, TGW)).associate("spoke-a", "rt-spoke")
                .table("rt-hub-tgw", "vpc-hub", route(ANY, toNat("nat"))).associate("hub-tgw", "rt-hub-tgw")
                .table("rt-hub-public", "vpc-hub", route(ANY, toIgw("igw")), route("10.1.0.0/16", TGW)).associate("hub-public", "rt-hub-public")
                .igw("igw", "vpc-hub")
                .publicNat("nat", "hub-public", "10.9.0.5", "54.0.0.5");
        n.instance("app", "spoke-a", "10.1.1.10");
        n.transitGateway(new TransitGateway("tgw", "us-east-1", null,
                List.of(new TransitGateway.RouteTable("rt-spokes", List.of(tgwRoute(ANY, "tgwa-hub"))),
                        new TransitGateway.RouteTable("rt-hub", List.of())),
                List.of(vpcAttachment("tgwa-spoke", "vpc-spoke", List.of("spoke-a"), "rt-spokes", "rt-hub"),
                        vpcAttachment("tgwa-hub", "vpc-hub", List.of("hub-tgw"), "rt-hub"))));
        return n;
    }

    static FlowResult both(Network n, Flow flow) {
        FlowResult reference = new ReferenceEvaluator(n).evaluate(flow);
        FlowResult tracer = new Tracer(Fabric.compile(n)).trace(flow);
        assertThat(TracerAgreementProperties.difference(reference, tracer))
                .as(() -> TracerAgreementProperties.report(n, flow, "?", reference, tracer)).isNull();
        return reference;
    }

    static Flow tcpFlow(String from, FlowEnd to, String src, String dst, int port) {
        return new Flow(new FlowEnd.AtInterface(from), to, Packet.tcp(Ip.parse(src), Ip.parse(dst), 49152, port), true);
    }

    @Test
    void aNatGatewayTakesTrafficArrivingFromATransitGateway() {
        Network n = centralizedEgress().build();
        FlowResult r = both(n, tcpFlow("app", new FlowEnd.OnInternet(Ip.parse("8.8.8.8")), "10.1.1.10", "8.8.8.8", 443));
        assertThat(r.delivered()).as(Printer.result(r)).isTrue();
        assertThat(r.pathIds()).contains("tgw", "tgwa-spoke", "rt-spokes", "tgwa-hub", "hub-tgw", "nat", "igw", "rt-hub");
    }

    @Test
    void ipv6FromASpokeDoesNotLeaveThroughTheHubsInternetGateway() {
        Net net = Net.create()
                .vpc("vpc-spoke", "10.1.0.0/16", "2600:1f00:1::/56").vpc("vpc-hub", "10.9.0.0/16", "2600:1f00:9::/56")
                .subnet("spoke-a", "vpc-spoke", "10.1.1.0/24", "2600:1f00:1::/64")
                .subnet("hub-tgw", "vpc-hub", "10.9.255.0/28", "2600:1f00:9::/64")
                .table("rt-spoke", "vpc-spoke", route("::/0", TGW)).associate("spoke-a", "rt-spoke")
                .table("rt-hub-tgw", "vpc-hub", route("::/0", toIgw("igw"))).associate("hub-tgw", "rt-hub-tgw")
                .igw("igw", "vpc-hub");
        net.instance("app", "spoke-a", "10.1.1.10").v6("2600:1f00:1::10");
        net.instance("hub-host", "hub-tgw", "10.9.255.10").v6("2600:1f00:9::10");
        net.transitGateway(new TransitGateway("tgw", "us-east-1", null,
                List.of(new TransitGateway.RouteTable("rt", List.of(tgwRoute("::/0", "tgwa-hub")))),
                List.of(vpcAttachment("tgwa-spoke", "vpc-spoke", List.of("spoke-a"), "rt"),
                        vpcAttachment("tgwa-hub", "vpc-hub", List.of("hub-tgw"), "rt"))));
        Network n = net.build();
        Packet p = Packet.tcp(Ip.parse("2600:1f00:1::10"), Ip.parse("2a05:d000::1"), 49152, 443);
        FlowResult r = both(n, new Flow(new FlowEnd.AtInterface("app"), new FlowEnd.OnInternet(Ip.parse("2a05:d000::1")), p, true));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS);
        assertThat(r.drop().component()).isEqualTo("igw");
        // the hub's own host leaves through the same gateway
        Packet own = Packet.tcp(Ip.parse("2600:1f00:9::10"), Ip.parse("2a05:d000::1"), 49152, 443);
        FlowResult ok = both(n, new Flow(new FlowEnd.AtInterface("hub-host"), new FlowEnd.OnInternet(Ip.parse("2a05:d000::1")), own, false));
        assertThat(ok.delivered()).as(Printer.result(ok)).isTrue();
    }

    @Test
    void ipv6NeedsIpv6SupportOnBothAttachmentsAndIsNotPropagatedWithout() {
        // AWS Transit Gateway Guide, VPC attachments: Ipv6Support (off by default) (issue 12, point 5)
        java.util.function.BiFunction<Boolean, Boolean, Network> net = (spokeV6, hubV6) -> {
            Net b = Net.create()
                    .vpc("vpc-spoke", "10.1.0.0/16", "2600:1f00:1::/56").vpc("vpc-hub", "10.9.0.0/16", "2600:1f00:9::/56")
                    .subnet("spoke-a", "vpc-spoke", "10.1.1.0/24", "2600:1f00:1::/64")
                    .subnet("hub-a", "vpc-hub", "10.9.1.0/24", "2600:1f00:9::/64")
                    .table("rt-spoke", "vpc-spoke", route("::/0", TGW)).associate("spoke-a", "rt-spoke")
                    .table("rt-hub", "vpc-hub", route("::/0", TGW)).associate("hub-a", "rt-hub");
            b.instance("app", "spoke-a", "10.1.1.10").v6("2600:1f00:1::10");
            b.sg("sg-open", "vpc-hub", List.of(allProto("::/0")), List.of(allProto("::/0")));
            b.instance("db", "hub-a", "10.9.1.10").v6("2600:1f00:9::10").sgs("sg-open");
            b.transitGateway(new TransitGateway("tgw", "us-east-1", null, List.of(new TransitGateway.RouteTable("rt", List.of())),
                    List.of(spokeV6 ? vpcAttachment("tgwa-spoke", "vpc-spoke", List.of("spoke-a"), "rt", "rt")
                                    : ipv4OnlyAttachment("tgwa-spoke", "vpc-spoke", List.of("spoke-a"), "rt", "rt"),
                            hubV6 ? vpcAttachment("tgwa-hub", "vpc-hub", List.of("hub-a"), "rt", "rt")
                                    : ipv4OnlyAttachment("tgwa-hub", "vpc-hub", List.of("hub-a"), "rt", "rt"))));
            return b.build();
        };
        Packet p = Packet.tcp(Ip.parse("2600:1f00:1::10"), Ip.parse("2600:1f00:9::10"), 49152, 22);
        Flow f = new Flow(new FlowEnd.AtInterface("app"), new FlowEnd.AtInterface("db"), p, false);
        assertThat(both(net.apply(true, true), f).delivered()).isTrue();
        FlowResult in = both(net.apply(false, true), f);
        assertThat(in.drop().code()).isEqualTo(ExplanationCode.TGW_ATTACHMENT_IPV6_NOT_SUPPORTED);
        assertThat(in.drop().component()).isEqualTo("tgwa-spoke");
        // the hub's attachment without IPv6 support propagates no IPv6 CIDR: nothing routes to it
        FlowResult out = both(net.apply(true, false), f);
        assertThat(out.drop().code()).isEqualTo(ExplanationCode.TGW_RTB_CANNOT_ROUTE);
    }

    @Test
    void aVpcCidrOverlappingOneAlreadyPropagatedIsNotPropagated() {
        // AWS (CreateTransitGatewayVpcAttachment / tgw-vpc-attachments): "If you attach a VPC with a CIDR range that
        // overlaps the CIDR range of a VPC that is already attached, the new VPC CIDR range is not propagated"
        // (issue 12, point 3): 10.1.0.0/17 overlaps 10.1.0.0/16 without being identical
        Net b = Net.create()
                .vpc("vpc-a", "10.1.0.0/16").vpc("vpc-b", "10.1.0.0/17").vpc("vpc-c", "10.3.0.0/16")
                .subnet("a-1", "vpc-a", "10.1.200.0/24").subnet("b-1", "vpc-b", "10.1.1.0/24").subnet("c-1", "vpc-c", "10.3.1.0/24")
                .table("rt-c", "vpc-c", route("10.0.0.0/8", TGW)).associate("c-1", "rt-c")
                .table("rt-a", "vpc-a", route("10.3.0.0/16", TGW)).associate("a-1", "rt-a")
                .table("rt-b", "vpc-b", route("10.3.0.0/16", TGW)).associate("b-1", "rt-b");
        b.instance("ca", "c-1", "10.3.1.10");
        b.instance("bb", "b-1", "10.1.1.10");
        b.transitGateway(new TransitGateway("tgw", "us-east-1", null, List.of(new TransitGateway.RouteTable("rt", List.of())),
                List.of(vpcAttachment("tgwa-a", "vpc-a", List.of("a-1"), "rt", "rt"),
                        vpcAttachment("tgwa-b", "vpc-b", List.of("b-1"), "rt", "rt"),
                        vpcAttachment("tgwa-c", "vpc-c", List.of("c-1"), "rt", "rt"))));
        Network n = b.build();
        // 10.1.1.10 is in vpc-b's /17, more specific than vpc-a's /16; but the /17 was not propagated, so vpc-a gets it
        FlowResult r = both(n, new Flow(new FlowEnd.AtInterface("ca"), new FlowEnd.OnInternet(Ip.parse("10.1.1.10")),
                Packet.tcp(Ip.parse("10.3.1.10"), Ip.parse("10.1.1.10"), 49152, 22), false));
        assertThat(r.hops()).anySatisfy(h -> assertThat(h.detail()).isInstanceOfSatisfying(Detail.TgwRouteLookup.class,
                d -> assertThat(d.attachment()).isEqualTo("tgwa-a")));
        assertThat(r.pathIds()).doesNotContain("tgwa-b");
    }

    @Test
    void aPeerCannotUseTheHubsNatGateway() {
        // the same hub, reached over a peering instead: the peering drops what is not addressed inside the hub
        Net net = centralizedEgress().peering("pcx", "vpc-spoke", "vpc-hub");
        net.table("rt-spoke-pcx", "vpc-spoke", route(ANY, new RouteTarget.VpcPeering("pcx")));
        net.subnet("spoke-b", "vpc-spoke", "10.1.2.0/24").associate("spoke-b", "rt-spoke-pcx");
        net.instance("app-b", "spoke-b", "10.1.2.10");
        Network n = net.build();
        FlowResult r = both(n, tcpFlow("app-b", new FlowEnd.OnInternet(Ip.parse("8.8.8.8")), "10.1.2.10", "8.8.8.8", 443));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR);
        assertThat(r.pathIds()).doesNotContain("nat");
    }

    @Test
    void peeringIsNotTransitiveAndCarriesGroupReferencesOfThePeer() {
        Net net = Net.create().vpc("vpc-a", "10.1.0.0/16").vpc("vpc-b", "10.2.0.0/16").vpc("vpc-c", "10.3.0.0/16")
                .subnet("a", "vpc-a", "10.1.1.0/24").subnet("b", "vpc-b", "10.2.1.0/24").subnet("c", "vpc-c", "10.3.1.0/24")
                .peering("pcx-ab", "vpc-a", "vpc-b").peering("pcx-bc", "vpc-b", "vpc-c")
                .table("rt-a", "vpc-a", route("10.2.0.0/16", new RouteTarget.VpcPeering("pcx-ab")),
                        route("10.3.0.0/16", new RouteTarget.VpcPeering("pcx-ab"))).associate("a", "rt-a")
                .table("rt-b", "vpc-b", route("10.1.0.0/16", new RouteTarget.VpcPeering("pcx-ab")),
                        route("10.3.0.0/16", new RouteTarget.VpcPeering("pcx-bc"))).associate("b", "rt-b")
                .sg("sg-a", "vpc-a", List.of(), List.of(allProto(ANY)))
                .sg("sg-b", "vpc-b", List.of(tcp(443, "sg-a")), List.of(allProto(ANY)))
                .sg("sg-c", "vpc-c", List.of(allProto(ANY)), List.of(allProto(ANY)));
        net.instance("i-a", "a", "10.1.1.10").sgs("sg-a");
        net.instance("i-a2", "a", "10.1.1.11");
        net.instance("i-b", "b", "10.2.1.10").sgs("sg-b");
        net.instance("i-c", "c", "10.3.1.10").sgs("sg-c");
        Network n = net.build();
        FlowResult ok = both(n, tcpFlow("i-a", new FlowEnd.AtInterface("i-b"), "10.1.1.10", "10.2.1.10", 443));
        assertThat(ok.delivered()).as(Printer.result(ok)).isTrue();
        FlowResult other = both(n, tcpFlow("i-a2", new FlowEnd.AtInterface("i-b"), "10.1.1.11", "10.2.1.10", 443));
        assertThat(other.drop().code()).isEqualTo(ExplanationCode.ENI_SG_RULES_MISMATCH); // i-a2 carries vpc-a's default group
        FlowResult transit = both(n, tcpFlow("i-a", new FlowEnd.AtInterface("i-c"), "10.1.1.10", "10.3.1.10", 443));
        assertThat(transit.drop().code()).isEqualTo(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR);
        assertThat(transit.drop().component()).isEqualTo("pcx-ab");
    }

    @Test
    void theEntrySubnetIsTheOneInTheSourcesZoneAndAVpnAttachmentWorksBothWays() {
        Net net = Net.create().vpc("vpc-a", "10.1.0.0/16").vpc("vpc-b", "10.2.0.0/16")
                .subnet("a-1a", "vpc-a", "10.1.1.0/24").subnet("a-1b", "vpc-a", "10.1.2.0/24")
                .subnet("b-1a", "vpc-b", "10.2.1.0/24").subnet("b-1b", "vpc-b", "10.2.2.0/24")
                .az("a-1b", "us-east-1b").az("b-1b", "us-east-1b")
                .table("rt-a", "vpc-a", route("10.2.0.0/16", TGW), route("172.20.0.0/16", TGW)).associate("a-1a", "rt-a").associate("a-1b", "rt-a")
                .table("rt-b", "vpc-b", route("10.1.0.0/16", TGW)).associate("b-1a", "rt-b").associate("b-1b", "rt-b")
                .sg("open", "vpc-b", List.of(allProto(ANY)), List.of(allProto(ANY)))
                .sg("open-a", "vpc-a", List.of(allProto(ANY)), List.of(allProto(ANY)))
                .external("dc", "172.20.0.0/24", "tgwa-vpn");
        net.instance("i-a", "a-1b", "10.1.2.10").sgs("open-a");
        net.instance("i-b", "b-1a", "10.2.1.10").sgs("open");
        net.transitGateway(new TransitGateway("tgw", "us-east-1", null, List.of(new TransitGateway.RouteTable("rt", List.of())),
                List.of(vpcAttachment("tgwa-a", "vpc-a", List.of("a-1a", "a-1b"), "rt", "rt"),
                        vpcAttachment("tgwa-b", "vpc-b", List.of("b-1a", "b-1b"), "rt", "rt"),
                        new TransitGateway.Attachment("tgwa-vpn", TransitGateway.Attachment.Type.VPN, null, List.of(), "rt", List.of("rt"),
                                false, List.of(Cidr.parse("172.20.0.0/16"))))));
        Network n = net.build();
        FlowResult r = both(n, tcpFlow("i-a", new FlowEnd.AtInterface("i-b"), "10.1.2.10", "10.2.1.10", 443));
        assertThat(r.delivered()).as(Printer.result(r)).isTrue();
        // out of vpc-a and into vpc-b through us-east-1b; the reply, sent from us-east-1a, comes back through us-east-1a
        assertThat(r.hops().stream().filter(h -> h.kind() == io.reachsim.trace.HopKind.TGW_ATTACHMENT).map(h -> h.subnet()))
                .containsExactly("a-1b", "b-1b", "b-1a", "a-1a");
        Flow fromDc = new Flow(new FlowEnd.AtExternal("dc", Ip.parse("172.20.0.1")), new FlowEnd.AtInterface("i-a"),
                Packet.tcp(Ip.parse("172.20.0.1"), Ip.parse("10.1.2.10"), 49152, 22), true);
        FlowResult vpn = both(n, fromDc);
        assertThat(vpn.delivered()).as(Printer.result(vpn)).isTrue();
        assertThat(vpn.pathIds()).contains("tgwa-vpn", "a-1a", "dc"); // a VPN has no zone: the first attachment subnet
    }
}
