package io.reachsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Ip;
import io.reachsim.model.Protocol;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonReport json = new JsonReport();

    private static ExpectationResult apiExpectation() {
        FlowResult dropped = Fixtures.droppedBySg();
        return new ExpectationResult(Fixtures.nodesToApi(), List.of(Fixtures.deliveredToApi(), dropped),
                List.of(new Mismatch.UnexpectedDisposition(dropped, true)));
    }

    /** Serialises and parses back, so the assertions see exactly what a consumer sees. */
    private JsonNode roundTrip(JsonNode n) throws Exception {
        StringWriter w = new StringWriter();
        JsonReport.write(n, w);
        return mapper.readTree(w.toString());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void traceObjectFollowsTheContract() throws Exception {
        JsonNode root = roundTrip(json.trace(apiExpectation(), Fixtures.network()));
        assertThat(root.get("reachable").isBoolean()).isTrue();
        assertThat(root.get("reachable").asBoolean()).isFalse();
        assertThat(root.get("flows")).hasSize(2);

        JsonNode delivered = root.get("flows").get(0);
        assertThat(fieldNames(delivered)).contains("src", "dst", "protocol", "srcPort", "dstPort", "verdict", "code",
                "component", "reason", "hops");
        assertThat(delivered.get("src").asText()).isEqualTo("10.0.10.4");
        assertThat(delivered.get("dst").asText()).isEqualTo("10.0.2.7");
        assertThat(delivered.get("protocol").asText()).isEqualTo("tcp");
        assertThat(delivered.get("srcPort").asInt()).isEqualTo(49152);
        assertThat(delivered.get("dstPort").asInt()).isEqualTo(443);
        assertThat(delivered.get("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.get("code").isNull()).isTrue();
        assertThat(delivered.get("component").isNull()).isTrue();
        assertThat(delivered.get("hops")).hasSize(12);
        JsonNode hop = delivered.get("hops").get(0);
        assertThat(fieldNames(hop)).contains("id", "kind", "detail");
        assertThat(hop.get("id").asText()).isEqualTo("eni-node-a1");
        assertThat(hop.get("kind").asText()).isEqualTo("eni");
        assertThat(hop.get("detail").asText()).isEqualTo("sg-nodes #3 allows all to 0.0.0.0/0");
        assertThat(delivered.get("hops").get(9).get("leg").asText()).isEqualTo("return");

        JsonNode dropped = root.get("flows").get(1);
        assertThat(dropped.get("verdict").asText()).isEqualTo("DROPPED");
        assertThat(dropped.get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(dropped.get("component").asText()).isEqualTo("eks-cluster-sg-prod");
        assertThat(dropped.get("reason").asText()).isEqualTo("no rule in eks-cluster-sg-prod allows tcp/443 from 10.0.11.4");
        assertThat(dropped.get("fix").asText()).isEqualTo("allow tcp/443 from sg-nodes (or 10.0.11.4/32) in eks-cluster-sg-prod");
        assertThat(dropped.get("hops").get(4).get("passed").asBoolean()).isFalse();
    }

    @Test
    void reachableOnlyWhenEveryFlowIsDelivered() throws Exception {
        ExpectationResult all = new ExpectationResult(Fixtures.nodesToApi(), List.of(Fixtures.deliveredToApi()), List.of());
        assertThat(roundTrip(json.trace(all, null)).get("reachable").asBoolean()).isTrue();
        ExpectationResult none = new ExpectationResult(Fixtures.nodesToApi(), List.of(), List.of());
        assertThat(roundTrip(json.trace(none, null)).get("reachable").asBoolean()).isFalse();
    }

    @Test
    void portlessProtocolsHaveNullPortsAndIcmpHasItsType() throws Exception {
        Packet ping = new Packet(Ip.parse("10.0.0.4"), Ip.parse("10.0.1.4"), Protocol.ICMP, 0, 0, 8, 0);
        FlowResult f = new FlowResult(new Flow(new FlowEnd.AtInterface("a"), new FlowEnd.AtInterface("b"), ping, false),
                Disposition.DROPPED, List.of(), null);
        JsonNode n = roundTrip(json.flow(f, new Sentences()));
        assertThat(n.get("protocol").asText()).isEqualTo("icmp");
        assertThat(n.get("srcPort").isNull()).isTrue();
        assertThat(n.get("dstPort").isNull()).isTrue();
        assertThat(n.get("icmpType").asInt()).isEqualTo(8);
        assertThat(n.get("verdict").asText()).isEqualTo("DROPPED");
        assertThat(n.get("reason").asText()).isNotBlank();
    }

    @Test
    void runDocumentFollowsTheContract() throws Exception {
        FlowResult bastion = Fixtures.internetToBastion();
        ExpectationResult unexpected = new ExpectationResult(Fixtures.expectation("nothing reaches port 22",
                new EndpointRef.InternetRef(null), new EndpointRef.InstanceRef("bastion"), 22, false),
                List.of(bastion), List.of(new Mismatch.UnexpectedDisposition(bastion, false)));
        ExpectationResult ok = new ExpectationResult(Fixtures.nodesToApi(), List.of(Fixtures.deliveredToApi()), List.of());
        SuiteResult suite = new SuiteResult(List.of(
                new ScenarioResult(Fixtures.scenario("scenarios/eks/private-nodes.yaml", "eks-private-nodes", Fixtures.network()),
                        List.of(ok, unexpected))), Duration.ofMillis(1234));

        JsonNode root = roundTrip(json.run(suite));
        assertThat(fieldNames(root)).contains("scenarios", "passed", "failed");
        assertThat(root.get("passed").asInt()).isEqualTo(1);
        assertThat(root.get("failed").asInt()).isEqualTo(1);
        assertThat(root.get("elapsedSeconds").asDouble()).isEqualTo(1.234);
        JsonNode s = root.get("scenarios").get(0);
        assertThat(s.get("file").asText()).isEqualTo("scenarios/eks/private-nodes.yaml");
        assertThat(s.get("name").asText()).isEqualTo("eks-private-nodes");
        JsonNode exps = s.get("expectations");
        assertThat(exps).hasSize(2);
        assertThat(exps.get(0).get("name").asText()).isEqualTo("nodes register with the API server through the private endpoint");
        assertThat(exps.get(0).get("passed").asBoolean()).isTrue();
        assertThat(exps.get(0).get("flows").get(0).get("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(exps.get(1).get("passed").asBoolean()).isFalse();
        assertThat(exps.get(1).get("mismatches").get(0).get("type").asText()).isEqualTo("unexpected-delivery");
        assertThat(exps.get(1).get("mismatches").get(0).get("message").asText()).contains("(expected unreachable)");
    }
}
