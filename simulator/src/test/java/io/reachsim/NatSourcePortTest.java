package io.reachsim;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.report.JsonReport;
import io.reachsim.report.TerminalReport;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §9 "AWS's own choices": a NAT gateway picks the source port from 1024-65535, so an ACL admitting
 * only 32768-65535 for the replies makes the flow DEPENDS (scenarios/vpc/nat-gateway-source-ports-depend-on-acl.yaml).
 * Before, the fixed pick (the client's 49152) made it wrongly DELIVERED.
 */
class NatSourcePortTest {

    /** The scenario with two more expectations about app-b (behind the partial ACL): neither can hold. */
    private static ScenarioResult run(Path dir) throws Exception {
        String text = Files.readString(ScenarioSuiteTest.scenariosDir().resolve("vpc/nat-gateway-source-ports-depend-on-acl.yaml"));
        text = text.replace("expect:\n", "expect:\n"
                + "  - {name: partial true, from: 'instance:app-b', to: 'internet:198.51.100.20', port: 443, reachable: true}\n"
                + "  - {name: partial false, from: 'instance:app-b', to: 'internet:198.51.100.20', port: 443, reachable: false}\n");
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        List<Scenario> s = new ScenarioLoader().load(List.of(f));
        return new SuiteRunner().run(s, r -> { }).scenarios().get(0);
    }

    @Test
    void aPartialAclMakesTheFlowDependOnTheNatSourcePort(@TempDir Path dir) throws Exception {
        ScenarioResult sr = run(dir);
        ExpectationResult t = sr.expectations().get(0);
        ExpectationResult f = sr.expectations().get(1);
        assertFalse(t.passed(), "reachable: true needs DELIVERED");
        assertFalse(f.passed(), "reachable: false needs DROPPED");
        FlowResult r = t.flows().get(0);
        assertEquals(Disposition.DEPENDS, r.disposition());
        assertEquals(2, r.choices().size());
        FlowResult.Choice low = r.choices().get(0);
        assertEquals("NAT source port", low.choice());
        assertEquals(List.of("1024-32767"), low.ranges());
        assertEquals(Disposition.DROPPED, low.verdict());
        assertEquals(ExplanationCode.SUBNET_ACL_RESTRICTION, low.drop().code());
        assertEquals("acl-nat-part", low.drop().component());
        FlowResult.Choice high = r.choices().get(1);
        assertEquals(List.of("32768-65535"), high.ranges());
        assertEquals(Disposition.DELIVERED, high.verdict());
        assertNull(high.drop());

        JsonNode flow = new JsonReport().trace(t, sr.scenario().network()).path("flows").get(0);
        assertEquals("DEPENDS", flow.path("verdict").asText());
        JsonNode c = flow.path("choices").get(0);
        assertEquals("NAT source port", c.path("choice").asText());
        assertEquals("1024-32767", c.path("ranges").get(0).asText());
        assertEquals("DROPPED", c.path("verdict").asText());
        assertEquals("SUBNET_ACL_RESTRICTION", c.path("code").asText());
        assertEquals("acl-nat-part", c.path("component").asText());
        assertTrue(flow.path("choices").get(1).path("code").isNull());

        String text = new TerminalReport(false).trace(t, sr.scenario().network());
        assertTrue(text.contains("DEPENDS  NAT source ports 1024-32767: DROPPED SUBNET_ACL_RESTRICTION at acl-nat-part"), text);
        assertTrue(text.contains("NAT source ports 32768-65535: DELIVERED"), text);
        assertTrue(text.contains("fix: allow inbound tcp 1024-65535 in acl-nat-part (a NAT gateway uses the whole range 1024-65535)"), text);
    }

    @Test
    void anAclAdmittingTheWholeRangeDeliversAndOneAdmittingNoneDrops(@TempDir Path dir) throws Exception {
        ScenarioResult sr = run(dir);
        ExpectationResult full = sr.expectations().get(2);
        assertTrue(full.passed());
        assertEquals(Disposition.DELIVERED, full.flows().get(0).disposition());
        assertTrue(full.flows().get(0).choices().isEmpty());
        ExpectationResult none = sr.expectations().get(3);
        assertTrue(none.passed());
        assertEquals(Disposition.DROPPED, none.flows().get(0).disposition());
        assertFalse(new JsonReport().trace(full, sr.scenario().network()).path("flows").get(0).has("choices"));
    }
}
