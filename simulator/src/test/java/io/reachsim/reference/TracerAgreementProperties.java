package io.reachsim.reference;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Network;
import io.reachsim.trace.Drop;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Tracer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * DESIGN §8: the fast {@link Tracer} must agree with the plain {@link ReferenceEvaluator} on every packet of
 * randomly generated networks — disposition, the drop (code, component, leg, detail) and every hop in order
 * (leg, kind, component, subnet, outcome, the packet after the hop's translation, the deciding rule/route/entry). Each try is one network and {@value #FLOWS_PER_NETWORK} flows: 1000 networks, 20 000 flows per run
 * (about 2 s); on a mismatch the message prints the network, the flow and both hop lists.
 */
class TracerAgreementProperties {

    static final int FLOWS_PER_NETWORK = 20;

    /** One generated network with the flows asked of it. */
    record Case(Network network, List<Flow> flows) {
        @Override
        public String toString() {
            return "network with " + network.subnets().size() + " subnets, " + network.networkInterfaces().size()
                    + " interfaces, " + flows.size() + " flows";
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return RandomNetworks.networks()
                .flatMap(n -> RandomNetworks.flows(n).list().ofSize(FLOWS_PER_NETWORK).map(fs -> new Case(n, fs)));
    }

    @Property(tries = 1000, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void tracerAgreesWithTheReferenceEvaluator(@ForAll("cases") Case c) {
        ReferenceEvaluator reference = new ReferenceEvaluator(c.network());
        Tracer tracer = new Tracer(Fabric.compile(c.network()));
        List<String> disagreements = new ArrayList<>();
        for (Flow flow : c.flows()) {
            FlowResult expected = reference.evaluate(flow);
            FlowResult actual = tracer.trace(flow);
            String diff = difference(expected, actual);
            if (diff != null) disagreements.add(report(c.network(), flow, diff, expected, actual));
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + c.flows().size() + " flows disagree. NETWORK:\n"
                    + Printer.network(c.network()) + "\n" + String.join("\n", disagreements));
        }
    }

    /**
     * Found by the property (5 flows in 400 000 on first run against the tracer): a NAT gateway on both
     * legs. semantics.md: conntrack is what the FORWARD leg leaves; the reply reaching the NAT's address is
     * translated back to the forward leg's original source (the client). See
     * ReferenceEvaluatorTest.NatGateways#theReplyUsesOnlyTheForwardLegsNatTranslation.
     */
    @Example
    void natGatewayCrossedOnBothLegs() {
        Network n = ReferenceEvaluatorTest.NatGateways.natHairpin();
        Flow flow = new Flow(new FlowEnd.AtInterface("client"), new FlowEnd.OnInternet(io.reachsim.model.Ip.parse("54.0.0.20")),
                ReferenceEvaluatorTest.NatGateways.HAIRPIN, true);
        FlowResult expected = new ReferenceEvaluator(n).evaluate(flow);
        FlowResult actual = new Tracer(Fabric.compile(n)).trace(flow);
        String diff = difference(expected, actual);
        if (diff != null) fail("NETWORK:\n" + Printer.network(n) + report(n, flow, diff, expected, actual));
    }

    /**
     * Found by the property (1 flow in 600 000): the reply leaves through another VPC's egress-only IGW and
     * re-enters through the one the request left by. semantics.md: conntrack holds the EIGW the FORWARD leg
     * left through. See ReferenceEvaluatorTest.EgressOnlyInternetGateways#theReplyReentersThroughTheGatewayTheRequestLeftBy.
     */
    @Example
    void egressOnlyGatewaysOnBothLegs() {
        Network n = ReferenceEvaluatorTest.EgressOnlyInternetGateways.twoVpcsOverIpv6();
        Flow flow = new Flow(new FlowEnd.AtInterface("i"), new FlowEnd.AtInterface("j"),
                ReferenceEvaluatorTest.EgressOnlyInternetGateways.ACROSS, true);
        FlowResult expected = new ReferenceEvaluator(n).evaluate(flow);
        FlowResult actual = new Tracer(Fabric.compile(n)).trace(flow);
        String diff = difference(expected, actual);
        if (diff != null) fail("NETWORK:\n" + Printer.network(n) + report(n, flow, diff, expected, actual));
    }

    /**
     * Not found by the property (its networks hold no IPv6 gateway-endpoint route): an ICMPv6 echo request
     * routed to a gateway endpoint: ICMPv6 echo (128/129) counts as ICMP echo (semantics.md, VPC endpoints),
     * so both engines deliver it.
     */
    @Example
    void icmpv6EchoThroughAGatewayEndpoint() {
        Network n = ReferenceEvaluatorTest.icmpv6Endpoint();
        Flow flow = new Flow(new FlowEnd.AtInterface("app"), new FlowEnd.AwsService("s3", io.reachsim.model.Ip.parse("2a05:d000::1")),
                ReferenceEvaluatorTest.icmpPacket("2600:1f00:a:2::10", "2a05:d000::1", 128), true);
        FlowResult expected = new ReferenceEvaluator(n).evaluate(flow);
        FlowResult actual = new Tracer(Fabric.compile(n)).trace(flow);
        String diff = difference(expected, actual);
        if (diff != null) fail("NETWORK:\n" + Printer.network(n) + report(n, flow, diff, expected, actual));
    }

    /**
     * Issue 12, point 8: {@code ip:} of a NAT gateway's private address as a source crashed the tracer
     * (NullPointerException in sendFromHost). semantics.md: the NAT gateway sends; its reply comes back to it.
     */
    @Example
    void aNatGatewaysOwnAddressAsTheSource() {
        Network n = ReferenceEvaluatorTest.twoTier().build();
        Flow flow = new Flow(new FlowEnd.AtSubnetHost("pub", io.reachsim.model.Ip.parse("10.0.0.5")),
                new FlowEnd.OnInternet(io.reachsim.model.Ip.parse("8.8.8.8")),
                ReferenceEvaluatorTest.tcpPacket("10.0.0.5", "8.8.8.8", 443), true);
        FlowResult actual = new Tracer(Fabric.compile(n)).trace(flow);
        assertThat(actual.delivered()).as(Printer.result(actual)).isTrue();
        String diff = difference(new ReferenceEvaluator(n).evaluate(flow), actual);
        if (diff != null) fail("NETWORK:\n" + Printer.network(n) + report(n, flow, diff, new ReferenceEvaluator(n).evaluate(flow), actual));
    }

    /** Issue 12: a NAT gateway whose own subnet routes back to it is named at once, not after 16 lookups. */
    @Example
    void aNatGatewayRoutedBackToItself() {
        Network n = ReferenceEvaluatorTest.twoTier().instance("h", "pub", "10.0.0.20").end()
                .routes("rt-pub", Net.route("8.8.8.0/24", Net.toNat("nat-a"))).build();
        Flow flow = new Flow(new FlowEnd.AtInterface("h"), new FlowEnd.OnInternet(io.reachsim.model.Ip.parse("8.8.8.8")),
                ReferenceEvaluatorTest.tcpPacket("10.0.0.20", "8.8.8.8", 443), true);
        FlowResult actual = new Tracer(Fabric.compile(n)).trace(flow);
        assertThat(actual.drop().code()).isEqualTo(io.reachsim.trace.ExplanationCode.NGW_ROUTES_TO_ITSELF);
        assertThat(actual.drop().component()).isEqualTo("nat-a");
        String diff = difference(new ReferenceEvaluator(n).evaluate(flow), actual);
        if (diff != null) fail("NETWORK:\n" + Printer.network(n) + report(n, flow, diff, new ReferenceEvaluator(n).evaluate(flow), actual));
    }

    /** Traces {@code flow} with both engines, fails on any difference, and returns the tracer's result. */
    static FlowResult agreeing(Network n, Flow flow) {
        FlowResult expected = new ReferenceEvaluator(n).evaluate(flow);
        FlowResult actual = new Tracer(Fabric.compile(n)).trace(flow);
        String diff = difference(expected, actual);
        if (diff != null) fail("NETWORK:\n" + Printer.network(n) + report(n, flow, diff, expected, actual));
        return actual;
    }

    /** What differs between the two results on the compared fields, or null when they agree. */
    static String difference(FlowResult reference, FlowResult tracer) {
        List<String> d = new ArrayList<>();
        if (reference.disposition() != tracer.disposition()) d.add("disposition");
        Drop a = reference.drop(), b = tracer.drop();
        if (a != null && b != null) {
            if (a.code() != b.code()) d.add("code");
            if (!Objects.equals(a.component(), b.component())) d.add("component");
            if (a.leg() != b.leg()) d.add("leg");
        } else if (a != b) {
            d.add("drop");
        }
        if (!Objects.equals(a == null ? null : a.detail(), b == null ? null : b.detail())) d.add("drop detail");
        String hops = hopDifference(reference.hops(), tracer.hops());
        if (hops != null) d.add(hops);
        Set<String> pa = reference.pathIds(), pb = tracer.pathIds();
        if (!pa.equals(pb)) {
            Set<String> onlyRef = new java.util.LinkedHashSet<>(pa);
            onlyRef.removeAll(pb);
            Set<String> onlyTracer = new java.util.LinkedHashSet<>(pb);
            onlyTracer.removeAll(pa);
            d.add("pathIds (only reference: " + onlyRef + ", only tracer: " + onlyTracer + ")");
        }
        return d.isEmpty() ? null : String.join(", ", d);
    }

    /**
     * What users read, hop by hop: the order of the hops, each hop's leg, kind, component, subnet and
     * outcome, the packet as it left the hop (after any translation) and the rule, route or entry that
     * decided it (the {@link io.reachsim.trace.Detail}). The first differing hop, or null.
     */
    static String hopDifference(List<Hop> reference, List<Hop> tracer) {
        int n = Math.min(reference.size(), tracer.size());
        for (int i = 0; i < n; i++) {
            Hop a = reference.get(i), b = tracer.get(i);
            if (a.equals(b)) continue;
            List<String> what = new ArrayList<>();
            if (a.leg() != b.leg()) what.add("leg");
            if (a.kind() != b.kind()) what.add("kind");
            if (!Objects.equals(a.component(), b.component())) what.add("component");
            if (!Objects.equals(a.subnet(), b.subnet())) what.add("subnet");
            if (a.passed() != b.passed()) what.add("passed");
            if (!Objects.equals(a.packet(), b.packet())) what.add("packet");
            if (!Objects.equals(a.detail(), b.detail())) what.add("detail (" + a.detail() + " vs " + b.detail() + ")");
            return "hop " + (i + 1) + " " + String.join("/", what);
        }
        return reference.size() == tracer.size() ? null : "hop count " + reference.size() + " vs " + tracer.size();
    }

    static String report(Network network, Flow flow, String diff, FlowResult reference, FlowResult tracer) {
        return "FLOW " + Printer.flow(flow) + "\n  differs in: " + diff
                + "\n  REFERENCE:" + Printer.result(reference) + "  TRACER:" + Printer.result(tracer);
    }

    // ------------------------------------------------------------------ the generator itself

    /**
     * The agreement property is only as good as its inputs: over a run, a good share of flows must be
     * delivered (round trips included), the common drop reasons must each occur, and drops must happen on
     * both legs. Checked on the reference evaluator, so it holds whatever state the tracer is in.
     */
    @Property(tries = 1000, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void generatedFlowsAreNotTriviallyDropped(@ForAll("cases") Case c) {
        ReferenceEvaluator reference = new ReferenceEvaluator(c.network());
        for (Flow flow : c.flows()) {
            FlowResult r = reference.evaluate(flow);
            Statistics.label("outcome").collect(r.delivered() ? "DELIVERED" : r.drop().code().name());
            Statistics.label("leg").collect(r.delivered() ? "delivered" : r.drop().leg().name());
            Statistics.label("through").collect(r.delivered() && passes(r, HopKind.NAT_GATEWAY) ? "NAT"
                    : r.delivered() && passes(r, HopKind.INTERFACE_EGRESS, true) ? "APPLIANCE"
                    : r.delivered() && passes(r, HopKind.EGRESS_ONLY_INTERNET_GATEWAY) ? "EIGW"
                    : r.delivered() && passes(r, HopKind.VPN_GATEWAY) ? "VGW"
                    : "other");
            Statistics.label("round trip").collect(r.delivered() && flow.roundTrip() && r.hops().stream().anyMatch(h -> h.leg() == Leg.RETURN));
            Statistics.label("eks/vpce").collect(eksOrEndpoint(r));
            Statistics.label("cross-vpc").collect(crossVpc(r));
        }
        // Over 1000 networks (20 000 flows) a run typically sees ~17% delivered, ~400 return-leg drops,
        // ~90 deliveries through a NAT gateway, ~30 through an appliance: the bounds below leave a margin.
        Statistics.label("outcome").coverage(cov -> {
            cov.check("DELIVERED").percentage(p -> p >= 12.0);
            for (String code : List.of("ENI_SG_RULES_MISMATCH", "SUBNET_ACL_RESTRICTION", "NO_ROUTE_TO_DESTINATION",
                    "BAD_STATE_ROUTE", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                    "NAT_GATEWAY_NO_INBOUND", "NO_POSSIBLE_DESTINATION", "ENI_SOURCE_DEST_CHECK_RESTRICTION",
                    "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", "VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                    "UNKNOWN_DESTINATION", "EIGW_NO_INBOUND", "MAX_HOPS_EXCEEDED",
                    "EKS_PUBLIC_ACCESS_CIDR_RESTRICTION", "EKS_PUBLIC_ENDPOINT_DISABLED", "EKS_PRIVATE_ENDPOINT_DNS_DISABLED",
                    "VPCE_GATEWAY_PROTOCOL_RESTRICTION")) {
                cov.check(code).count(n -> n >= 20); // the EKS/VPCE ones: typically 70-130 each
            }
            cov.check("IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS").count(n -> n >= 3);
            // peering and transit gateways: typically 250-350 TGW_RTB_CANNOT_ROUTE, 30-160 of each other TGW code, ~75 PCX
            cov.check("TGW_RTB_CANNOT_ROUTE").count(n -> n >= 100);
            cov.check("TGW_RTB_BAD_STATE_ROUTE").count(n -> n >= 20);
            cov.check("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION").count(n -> n >= 20);
            cov.check("TGW_ROUTE_AZ_RESTRICTION").count(n -> n >= 12);
            cov.check("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR").count(n -> n >= 25);
            // rare codes, with minimum counts (typical counts over 20 000 flows in brackets): a NAT gateway routed back
            // to itself (~70), sources a gateway refuses as not its VPC's (~18 NAT, ~15 VGW, ~7 gateway endpoint),
            // replies through a NAT on an asymmetric path (~9), IPv6 at an attachment without ipv6Support (~8)
            cov.check("NGW_ROUTES_TO_ITSELF").count(n -> n >= 30);
            cov.check("NGW_REQUIRES_SOURCE_IN_VPC").count(n -> n >= 6);
            cov.check("VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS").count(n -> n >= 5);
            cov.check("VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION").count(n -> n >= 2);
            cov.check("REPLY_SOURCE_MISMATCH").count(n -> n >= 1); // 1-15 per run: too variable for a higher bound
            cov.check("TGW_ATTACHMENT_IPV6_NOT_SUPPORTED").count(n -> n >= 2);
        });
        // Flows that cross a peering or the transit gateway and are delivered (round trips mostly): typically ~95
        // over a peering and 35-75 through the transit gateway (a few through a hub's NAT gateway), ~900 that
        // cross and are dropped further on.
        Statistics.label("cross-vpc").coverage(cov -> {
            cov.check("PEERING delivered").count(n -> n >= 40);
            cov.check("TGW delivered").count(n -> n >= 15);
            cov.check("crossed, dropped").count(n -> n >= 300);
        });
        Statistics.label("leg").coverage(cov -> cov.check("RETURN").count(n -> n >= 150));
        Statistics.label("through").coverage(cov -> {
            cov.check("NAT").count(n -> n >= 35);
            cov.check("APPLIANCE").count(n -> n >= 10);
            cov.check("EIGW").count(n -> n >= 35);
            cov.check("VGW").count(n -> n >= 35);
        });
        Statistics.label("round trip").coverage(cov -> cov.check(true).percentage(p -> p >= 10.0));
        // EKS and VPC endpoints: a run typically sees ~190 SNAT round trips (pod -> outside, reply translated
        // back at the node), ~1200 SNATed flows dropped on the way, ~150 deliveries through a gateway endpoint,
        // ~130 deliveries and ~150 drops at a public EKS endpoint, ~160 unresolved names.
        Statistics.label("eks/vpce").coverage(cov -> {
            cov.check("SNAT round trip").count(n -> n >= 100);
            cov.check("SNAT dropped").count(n -> n >= 400);
            cov.check("VPC_ENDPOINT delivered").count(n -> n >= 75);
            cov.check("EKS_API delivered").count(n -> n >= 65);
            cov.check("EKS_API dropped").count(n -> n >= 75);
            cov.check("DNS dropped").count(n -> n >= 80);
        });
    }

    /** Whether a flow crossed a peering or a transit gateway, and how it ended. */
    static String crossVpc(FlowResult r) {
        boolean pcx = passes(r, HopKind.VPC_PEERING), tgw = passes(r, HopKind.TRANSIT_GATEWAY);
        if (r.delivered()) {
            if (tgw && passes(r, HopKind.NAT_GATEWAY)) return "TGW+NAT delivered";
            return tgw ? "TGW delivered" : pcx ? "PEERING delivered" : "other";
        }
        if (tgw || pcx) return "crossed, dropped";
        return "other";
    }

    /** Which of the EKS / VPC endpoint rules decided this flow, if any. */
    static String eksOrEndpoint(FlowResult r) {
        Hop last = r.hops().isEmpty() ? null : r.hops().get(r.hops().size() - 1);
        if (r.delivered()) {
            if (r.hops().stream().anyMatch(h -> h.kind() == HopKind.SNAT && h.leg() == Leg.RETURN)) return "SNAT round trip";
            if (r.hops().stream().anyMatch(h -> h.kind() == HopKind.VPC_ENDPOINT && h.leg() == Leg.FORWARD)) return "VPC_ENDPOINT delivered";
            if (passes(r, HopKind.EKS_API)) return "EKS_API delivered";
            return "other";
        }
        if (last != null && last.kind() == HopKind.EKS_API) return "EKS_API dropped";
        if (last != null && last.kind() == HopKind.DNS) return "DNS dropped";
        if (last != null && last.kind() == HopKind.VPC_ENDPOINT) return "VPC_ENDPOINT dropped";
        if (r.hops().stream().anyMatch(h -> h.kind() == HopKind.SNAT)) return "SNAT dropped";
        return "other";
    }

    /** True when a passed hop of this kind is on the path (for INTERFACE_EGRESS with appliance=true: a forwarding one). */
    static boolean passes(FlowResult r, HopKind kind) {
        return r.hops().stream().anyMatch(h -> h.kind() == kind && h.passed());
    }

    static boolean passes(FlowResult r, HopKind kind, boolean forwarding) {
        // an interface that both received and sent the packet on the forward leg forwarded it
        List<Hop> hops = r.hops();
        for (int i = 1; i < hops.size(); i++) {
            Hop h = hops.get(i), before = hops.get(i - 1);
            if (h.kind() == kind && before.kind() == HopKind.INTERFACE_INGRESS && before.component().equals(h.component())
                    && h.leg() == before.leg()) return forwarding;
        }
        return !forwarding;
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void generatedNetworksAreValid(@ForAll("cases") Case c) {
        assertThat(RandomNetworks.problems(c.network())).as(() -> Printer.network(c.network())).isEmpty();
    }
}
