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
