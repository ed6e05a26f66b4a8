package io.reachsim.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} end to end: a scenario whose hosts have 127.0.0.x addresses, agents on loopback that
 * stand for its sources, real listeners as destinations. The scenario is written so that each row
 * kind appears: PASS, FAIL (the model agrees the network is broken), DRIFT (the model is wrong),
 * FAIL+DRIFT, and NOT PROBED.
 */
class VerifyEndToEndTest {
    @TempDir
    static Path dir;
    static ServerSocket web;      // 127.0.0.20:W, a real listener the security group allows
    static ServerSocket admin;    // 127.0.0.20:A, a real listener the model's security group does not allow
    static int closedAllowed;     // allowed by the model, nothing listens: FAIL+DRIFT
    static int closedDenied;      // denied by the model, nothing listens: PASS for reachable: false
    static ProbeAgent appAgent;
    static ProbeAgent opsAgent;
    static VerifyResult result;

    static final String SCENARIO = """
            apiVersion: reachsim/v1
            name: loopback-verify
            description: Hosts on 127.0.0.x so the agents' probes stay on loopback.
            region: us-east-1
            network:
              vpcs:
                - {id: vpc-lo, cidr: 127.0.0.0/16}
              subnets:
                - {id: app-subnet, vpc: vpc-lo, az: us-east-1a, cidr: 127.0.1.0/24}
                - {id: data-subnet, vpc: vpc-lo, az: us-east-1a, cidr: 127.0.0.0/24}
              securityGroups:
                - id: sg-app
                  vpc: vpc-lo
                  egress: [{protocol: all, destination: 0.0.0.0/0}]
                - id: sg-web
                  vpc: vpc-lo
                  ingress:
                    - {protocol: tcp, ports: %W%, source: sg-app}
                    - {protocol: tcp, ports: %CA%, source: sg-app}
              instances:
                - {id: app, subnet: app-subnet, privateIp: 127.0.1.10, securityGroups: [sg-app]}
                - {id: ops, subnet: app-subnet, privateIp: 127.0.1.11, securityGroups: [sg-app]}
                - {id: web, subnet: data-subnet, privateIp: 127.0.0.20, securityGroups: [sg-web]}
            expect:
              - name: app reaches web
                from: instance:app
                to: instance:web
                port: %W%
                reachable: true
              - name: nothing reaches web's closed port
                from: instance:app
                to: instance:web
                port: %CD%
                reachable: false
              - name: app reaches the admin port
                from: instance:app
                to: instance:web
                port: %A%
                reachable: true
              - name: ops reaches the metrics port
                from: instance:ops
                to: instance:web
                port: %CA%
                reachable: true
              - name: ops reaches the closed port
                from: instance:ops
                to: instance:web
                port: %CD%
                reachable: true
              - name: web reaches app
                from: instance:web
                to: instance:app
                port: 22
                reachable: false
            """;

    @BeforeAll
    static void start() throws Exception {
        InetAddress host = InetAddress.getByName("127.0.0.20");
        web = new ServerSocket(0, 50, host);
        admin = new ServerSocket(0, 50, host);
        try (ServerSocket a = new ServerSocket(0, 1, host); ServerSocket b = new ServerSocket(0, 1, host)) {
            closedAllowed = a.getLocalPort();
            closedDenied = b.getLocalPort();
        }
        Path scenario = dir.resolve("loopback.yaml");
        Files.writeString(scenario, SCENARIO.replace("%W%", "" + web.getLocalPort()).replace("%A%", "" + admin.getLocalPort())
                .replace("%CA%", "" + closedAllowed).replace("%CD%", "" + closedDenied));

        appAgent = ProbeAgent.start(Api.config(Api.allow("127.0.0.0/16"), null, null, AgentConfig.Limits.DEFAULT));
        opsAgent = ProbeAgent.start(Api.config(Api.allow("127.0.0.0/16"), null, null, AgentConfig.Limits.DEFAULT));
        Files.writeString(dir.resolve("token"), Api.TOKEN + "\n");
        Path agents = dir.resolve("agents.yaml");
        Files.writeString(agents, """
                agents:
                  instance:app:
                    url: http://127.0.0.1:%d
                    tokenFile: token
                    attempts: 1
                  subnet:app-subnet: http://127.0.0.1:%d
                  nodes:prod/unused: http://127.0.0.1:9
                """.formatted(appAgent.port(), opsAgent.port()));

        List<Scenario> scenarios = new ScenarioLoader().load(List.of(scenario));
        SuiteResult simulated = new SuiteRunner().run(scenarios, null);
        List<AgentsFile.Agent> list = AgentsFile.load(agents, Map.of(Tokens.ENV, Api.TOKEN)::get);
        result = new Verifier(list, new AgentClient()::probe, 4).verify(simulated);
    }

    @AfterAll
    static void stop() throws Exception {
        if (appAgent != null) appAgent.close();
        if (opsAgent != null) opsAgent.close();
        if (web != null) web.close();
        if (admin != null) admin.close();
    }

    private static Map<String, VerifyResult.FlowCheck> byName() {
        Map<String, VerifyResult.FlowCheck> m = new HashMap<>();
        for (VerifyResult.ExpectationCheck e : result.scenarios().get(0).expectations()) {
            assertThat(e.flows()).hasSize(1);
            m.put(e.simulated().expectation().name(), e.flows().get(0));
        }
        return m;
    }

    @Test
    void eachFlowGetsExpectedSimulatedAndObserved() {
        Map<String, VerifyResult.FlowCheck> f = byName();
        // Open in the model, a listener in reality.
        assertThat(f.get("app reaches web").status()).isEqualTo(VerifyResult.Status.PASS);
        assertThat(f.get("app reaches web").observed().outcome()).isEqualTo(Outcome.CONNECTED);
        assertThat(f.get("app reaches web").agent().ref()).isEqualTo("instance:app");
        // Expected unreachable and refused: the expectation holds. But the model's security group drops it,
        // and a refusal comes from the host itself, so the packets got through: the model is wrong.
        VerifyResult.FlowCheck closed = f.get("nothing reaches web's closed port");
        assertThat(closed.simulated().delivered()).isFalse();
        assertThat(closed.observed().outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(closed.status()).isEqualTo(VerifyResult.Status.DRIFT);
        // The model's security group drops it, the real host accepts: the model is wrong, the expectation holds.
        assertThat(f.get("app reaches the admin port").status()).isEqualTo(VerifyResult.Status.DRIFT);
        // The model delivers, the network delivers, nothing listens: the expectation fails, the model is right.
        assertThat(f.get("ops reaches the metrics port").status()).isEqualTo(VerifyResult.Status.FAIL);
        assertThat(f.get("ops reaches the metrics port").agent().ref()).as("ops has no agent of its own; its subnet's stands in")
                .isEqualTo("subnet:app-subnet");
        // Expected reachable, refused, and the model drops it where the network delivered: both.
        assertThat(f.get("ops reaches the closed port").status()).isEqualTo(VerifyResult.Status.FAIL_AND_DRIFT);
        // web has no agent.
        VerifyResult.FlowCheck unmapped = f.get("web reaches app");
        assertThat(unmapped.status()).isEqualTo(VerifyResult.Status.NOT_PROBED);
        assertThat(unmapped.notProbed()).contains("no agent for eni:web").contains("subnet:data-subnet");
        assertThat(result.unusedAgents()).containsExactly("nodes:prod/unused");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void theTableShowsEveryRowKind() {
        String table = new VerifyReport(false).terminal(result);
        assertThat(table).contains("1 scenario · 6 expectations · 6 flows · 5 probed by 2 agents");
        assertThat(table).containsPattern("PASS +app → 127\\.0\\.0\\.20:" + web.getLocalPort() + " +expected reachable +simulated DELIVERED +observed CONNECTED");
        assertThat(table).containsPattern("DRIFT +app → 127\\.0\\.0\\.20:" + admin.getLocalPort()
                + " +expected reachable +simulated DROPPED ENI_SG_RULES_MISMATCH +observed CONNECTED");
        assertThat(table).containsPattern("FAIL +ops → 127\\.0\\.0\\.20:" + closedAllowed + " +expected reachable +simulated DELIVERED +observed REFUSED")
                .contains("nothing listens on tcp/" + closedAllowed).contains("reality agrees with the model");
        assertThat(table).contains("FAIL+DRIFT").contains("the model drops it (ENI_SG_RULES_MISMATCH at sg-web); the host refused it")
                .contains("the model and the network disagree");
        assertThat(table).contains("NOT PROBED").contains("agents not used by any flow: nodes:prod/unused");
        assertThat(table).contains("6 flows: 1 passed, 2 failed, 3 drift, 1 not probed, 0 errors");
    }

    @Test
    void jsonCarriesAllThreeColumns() throws Exception {
        JsonNode json = new ObjectMapper().readTree(VerifyReport.toText(new VerifyReport(false).json(result)));
        assertThat(json.get("passed").asInt()).isEqualTo(1);
        assertThat(json.get("failed").asInt()).isEqualTo(2);
        assertThat(json.get("drift").asInt()).isEqualTo(3);
        assertThat(json.get("notProbed").asInt()).isEqualTo(1);
        JsonNode drift = json.at("/scenarios/0/expectations/2/flows/0");
        assertThat(drift.get("status").asText()).isEqualTo("DRIFT");
        assertThat(drift.get("expected").asText()).isEqualTo("reachable");
        assertThat(drift.at("/simulated/verdict").asText()).isEqualTo("DROPPED");
        assertThat(drift.at("/simulated/code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(drift.at("/observed/outcome").asText()).isEqualTo("CONNECTED");
        assertThat(drift.at("/observed/localAddress").asText()).startsWith("127.");
        assertThat(drift.at("/agent/ref").asText()).isEqualTo("instance:app");
        assertThat(json.toString()).doesNotContain(Api.TOKEN);
    }

    @Test
    void junitHasOneCasePerFlow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VerifyReport(false).junit(result, out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
        Element suites = doc.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("6");
        assertThat(suites.getAttribute("failures")).isEqualTo("4");
        assertThat(suites.getAttribute("skipped")).isEqualTo("1");
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(4);
        List<String> types = java.util.stream.IntStream.range(0, 4).mapToObj(i -> ((Element) failures.item(i)).getAttribute("type")).toList();
        assertThat(types).containsExactlyInAnyOrder("DRIFT", "DRIFT", "FAIL", "FAIL_AND_DRIFT");
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void anAgentThatRefusesIsAnErrorRowWithItsReason() throws Exception {
        Path agents = dir.resolve("agents-badtoken.yaml");
        Files.writeString(agents, "agents:\n  instance:app: http://127.0.0.1:" + appAgent.port() + "\n");
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(dir.resolve("loopback.yaml")));
        SuiteResult simulated = new SuiteRunner().run(scenarios, null);
        List<AgentsFile.Agent> list = AgentsFile.load(agents, Map.of(Tokens.ENV, "a-wrong-token-of-enough-length")::get);
        VerifyResult r = new Verifier(list, new AgentClient()::probe, 2).verify(simulated);
        assertThat(r.count(VerifyResult.Status.ERROR)).isEqualTo(3);
        VerifyResult.FlowCheck f = r.scenarios().get(0).expectations().get(0).flows().get(0);
        assertThat(f.error()).contains("HTTP 401 unauthorized").contains("token does not match");
        assertThat(r.ok()).isFalse();
    }
}
