package io.reachsim.report;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal, JSON and HTML renderers on real peering and transit gateway traces (scenarios/cross-vpc). */
class CrossVpcRenderingTest {

    static Scenario scenario(String name) throws Exception {
        Path module = Path.of("").toAbsolutePath();
        for (Path dir : List.of(module.resolve("../scenarios/cross-vpc"), module.resolve("scenarios/cross-vpc"))) {
            if (Files.isDirectory(dir)) return new ScenarioLoader().load(List.of(dir.resolve(name))).get(0);
        }
        throw new IllegalStateException("no scenarios/cross-vpc next to " + module);
    }

    static ExpectationResult check(Scenario s, String expectationName) {
        Expectation e = s.expectations().stream().filter(x -> x.name().startsWith(expectationName)).findFirst().orElseThrow();
        return new SuiteRunner().check(Fabric.compile(s.network()), e);
    }

    private final TerminalReport plain = new TerminalReport(false);

    @Test
    void transitGatewayHopsReadInTheTerminal() throws Exception {
        Scenario s = scenario("tgw-segmentation-route-tables.yaml");
        ExpectationResult ok = check(s, "prod reaches shared services");
        String out = plain.trace(ok, s.network());
        assertThat(out).contains("tgwa  tgwa-prod", "into tgw-hub in us-east-1a",
                "tgw   tgw-rt-prod", "10.30.0.0/16 → tgwa-shared (propagated, tgw-hub)",
                "out of tgw-hub in us-east-1a");
        ExpectationResult blocked = check(s, "prod cannot reach dev");
        String why = plain.trace(blocked, s.network());
        assertThat(why).contains("no route for 10.20.1.10 (tgw-hub)", "DROPPED  TGW_RTB_CANNOT_ROUTE  at tgw-rt-prod",
                "fix: add a route for 10.20.1.10 to tgw-rt-prod");
    }

    @Test
    void peeringAndAzDropsSayWhy() throws Exception {
        ExpectationResult pcx = check(scenario("peering-non-transitive.yaml"), "a cannot reach c");
        String out = plain.trace(pcx, scenario("peering-non-transitive.yaml").network());
        assertThat(out).contains("pcx   pcx-ab", "destination 10.3.1.10 is not inside the peer VPC's CIDRs",
                "DROPPED  PCX_REQUIRES_ADDRESS_IN_VPC_CIDR  at pcx-ab");
        Scenario az = scenario("tgw-availability-zones-and-nacls.yaml");
        String azOut = plain.trace(check(az, "us-east-1c has no attachment subnet"), az.network());
        assertThat(azOut).contains("attachment tgwa-spoke has no subnet in us-east-1c", "fix: add a subnet in us-east-1c to tgwa-spoke");
    }

    @Test
    void sentencesAndFixesOfTheNewCodes() {
        Sentences say = new Sentences();
        io.reachsim.trace.Packet p = io.reachsim.trace.Packet.tcp(io.reachsim.model.Ip.parse("10.1.1.10"),
                io.reachsim.model.Ip.parse("10.3.1.10"), 49152, 443);
        // a packet from elsewhere at a peering: not transitive
        var transit = Fixtures.dropped(p, Fixtures.hop(io.reachsim.trace.Leg.FORWARD, io.reachsim.trace.HopKind.VPC_PEERING, "pcx-bc", null,
                false, new io.reachsim.trace.Detail.AddressCheck(p.src()), p), io.reachsim.trace.ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, "pcx-bc");
        assertThat(say.reason(transit)).isEqualTo("source 10.1.1.10 is not inside this VPC: a peering connection is not transitive"
                + " (no traffic from other networks)");
        assertThat(say.fix(transit)).hasValue("peering is not transitive: connect 10.1.1.10's network to the destination directly"
                + " (its own peering, or a transit gateway)");
        var noAssociation = Fixtures.dropped(p, Fixtures.hop(io.reachsim.trace.Leg.RETURN, io.reachsim.trace.HopKind.TGW_ATTACHMENT, "tgwa-x",
                null, false, new io.reachsim.trace.Detail.TgwAttachmentCross("tgw-hub", "tgwa-x", "us-east-1a", true), p),
                io.reachsim.trace.ExplanationCode.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION, "tgwa-x");
        assertThat(say.reason(noAssociation)).isEqualTo("tgwa-x is associated with no route table of tgw-hub: its traffic is dropped");
        assertThat(say.fix(noAssociation)).hasValue("associate tgwa-x with a route table of its transit gateway");
        var blackhole = Fixtures.dropped(p, Fixtures.hop(io.reachsim.trace.Leg.FORWARD, io.reachsim.trace.HopKind.TRANSIT_GATEWAY, "tgw-rt",
                null, false, new io.reachsim.trace.Detail.TgwRouteLookup("tgw-hub", "tgw-rt", p.dst(),
                        io.reachsim.model.Cidr.parse("10.3.0.0/16"), null, null, true, false), p),
                io.reachsim.trace.ExplanationCode.TGW_RTB_BAD_STATE_ROUTE, "tgw-rt");
        assertThat(say.reason(blackhole)).isEqualTo("10.3.0.0/16 → blackhole (tgw-hub)");
        assertThat(say.fix(blackhole)).hasValue("the route 10.3.0.0/16 in tgw-rt is a blackhole: point it at an attachment or remove it");
        var vgw = Fixtures.dropped(p, Fixtures.hop(io.reachsim.trace.Leg.FORWARD, io.reachsim.trace.HopKind.VPN_GATEWAY, "vgw-hub", null,
                false, new io.reachsim.trace.Detail.AddressCheck(p.src()), p), io.reachsim.trace.ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS, "vgw-hub");
        assertThat(say.reason(vgw)).isEqualTo("source 10.1.1.10 is not inside the VPC: a VPN gateway sends only its own VPC's traffic");
    }

    @Test
    void jsonAndHtmlCarryTheNewHopKinds() throws Exception {
        Scenario s = scenario("tgw-vpn-attachment-both-ways.yaml");
        ExpectationResult r = check(s, "the VPC reaches on-premises");
        var suite = new SuiteRunner().run(List.of(s), x -> { });
        String json = JsonReport.toText(new JsonReport().run(suite)).replace(" ", "");
        assertThat(json).contains("\"kind\":\"tgwa\"", "\"kind\":\"tgw\"", "\"step\":\"TRANSIT_GATEWAY\"", "\"id\":\"tgwa-corp\"");
        String html = new HtmlReport().run(suite);
        assertThat(html).contains("tgwa-corp", "tgw-rt-vpcs");
        assertThat(r.flows().get(0).pathIds()).contains("tgw-hub", "tgw-rt-vpcs", "tgwa-app", "tgwa-corp", "corp");
    }
}
