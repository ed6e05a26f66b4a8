package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.probes.AgentConfig;
import io.reachsim.probes.Allowlist;
import io.reachsim.probes.ProbeAgent;
import io.reachsim.probes.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim verify} and {@code reachsim agent} on the command line: exit codes, errors, outputs. */
class VerifyCommandTest {
    static final String TOKEN = "cli-test-token-0123456789";
    @TempDir
    static Path dir;
    static ServerSocket listener;
    static int closed;
    static ProbeAgent agent;
    static Path scenario;

    static final String SCENARIO = """
            apiVersion: reachsim/v1
            name: cli-verify
            region: us-east-1
            network:
              vpcs: [{id: vpc-lo, cidr: 127.0.0.0/16}]
              subnets:
                - {id: app-subnet, vpc: vpc-lo, az: us-east-1a, cidr: 127.0.1.0/24}
                - {id: data-subnet, vpc: vpc-lo, az: us-east-1a, cidr: 127.0.0.0/24}
              securityGroups:
                - {id: sg-web, vpc: vpc-lo, ingress: [{protocol: tcp, ports: %PORTS%, source: 127.0.1.0/24}]}
              instances:
                - {id: app, subnet: app-subnet, privateIp: 127.0.1.10}
                - {id: web, subnet: data-subnet, privateIp: 127.0.0.21, securityGroups: [sg-web]}
            expect:
              - {name: app reaches web, from: instance:app, to: instance:web, port: %OPEN%, reachable: true}
            %MORE%
            """;

    @BeforeAll
    static void start() throws Exception {
        InetAddress host = InetAddress.getByName("127.0.0.21");
        listener = new ServerSocket(0, 50, host);
        try (ServerSocket s = new ServerSocket(0, 1, host)) {
            closed = s.getLocalPort();
        }
        agent = ProbeAgent.start(new AgentConfig("127.0.0.1", 0, Tokens.sha256(TOKEN), new Allowlist(List.of(Allowlist.parse("127.0.0.0/16"))),
                null, null, null, null, AgentConfig.Limits.DEFAULT));
        scenario = write("ok.yaml", scenario(""));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) agent.close();
        if (listener != null) listener.close();
    }

    static String scenario(String more) {
        return SCENARIO.replace("%PORTS%", listener.getLocalPort() + "").replace("%OPEN%", listener.getLocalPort() + "").replace("%MORE%", more);
    }

    static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static Cli cli() {
        return new Cli(Engine.REAL, false, Map.of(Tokens.ENV, TOKEN));
    }

    Path agents() throws Exception {
        return write("agents.yaml", "agents:\n  subnet:app-subnet: http://127.0.0.1:" + agent.port() + "\n");
    }

    @Test
    void allPassIsExit0AndWritesJsonAndJunit() throws Exception {
        Path json = dir.resolve("out/verify.json");
        Path junit = dir.resolve("out/verify.xml");
        Cli.Result r = cli().run("verify", "--no-color", "--agents", agents().toString(), "--json", json.toString(), "--junit", junit.toString(),
                scenario.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("PASS").contains("observed CONNECTED").contains("1 flow: 1 passed, 0 failed, 0 drift, 0 not probed, 0 errors");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("passed").asInt()).isEqualTo(1);
        assertThat(Files.readString(junit)).contains("<testsuites name=\"reachsim verify\" tests=\"1\" failures=\"0\"");
    }

    @Test
    void failOrDriftIsExit1() throws Exception {
        Path s = write("fail.yaml", scenario("  - {name: app reaches a closed port, from: instance:app, to: instance:web, port: " + closed
                + ", reachable: true}"));
        Cli.Result r = cli().run("verify", "--no-color", "--agents", agents().toString(), s.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL").contains("observed REFUSED");
    }

    @Test
    void jsonToStdoutReplacesTheTable() throws Exception {
        Cli.Result r = cli().run("verify", "--agents", agents().toString(), "--json", "-", scenario.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).at("/scenarios/0/expectations/0/flows/0/observed/outcome").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void malformedAgentsFileGivesEveryErrorWithLineAndColumn() throws Exception {
        Path bad = write("bad-agents.yaml", """
                agents:
                  subnet:app-subnet:
                    url: ftp://127.0.0.1:1
                    tokenFlie: x
                  instanse:web: http://127.0.0.1:2
                  nodes:prod: http://127.0.0.1:3
                  ip:127.0.0.9:
                    url: http://127.0.0.1:4
                    attempts: many
                """);
        Cli.Result r = cli().run("verify", "--agents", bad.toString(), scenario.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains(bad + ":3:10").contains("'ftp://127.0.0.1:1' is not an agent URL")
                .contains(bad + ":4:5").contains("unknown field 'tokenFlie' in agent 'subnet:app-subnet' — did you mean 'tokenFile'?")
                .contains(bad + ":5:3").contains("'instanse:web' is not an endpoint reference").contains("did you mean 'instance'?")
                .contains(bad + ":6:3").contains("nodes:CLUSTER/GROUP")
                .contains(bad + ":9:15").contains("'attempts' of agent 'ip:127.0.0.9' must be a whole number, not 'many'")
                .contains("5 errors; nothing was probed.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingAgentsFileAndMissingScenarioAreReportedTogether() throws Exception {
        Cli.Result r = cli().run("verify", "--agents", dir.resolve("nope.yaml").toString(), dir.resolve("nope-scenario.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope-scenario.yaml: no such file or folder").contains("nope.yaml  no such file");
    }

    @Test
    void missingTokenIsBadInputAndNamesTheVariable() throws Exception {
        Cli.Result r = new Cli(Engine.REAL, false, Map.of()).run("verify", "--agents", agents().toString(), scenario.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(":2:3").contains("environment variable REACHSIM_AGENT_TOKEN is not set");
    }

    @Test
    void nothingMappedIsBadInput() throws Exception {
        Path none = write("none.yaml", "agents:\n  instance:somewhere-else: http://127.0.0.1:" + agent.port() + "\n");
        Cli.Result r = cli().run("verify", "--no-color", "--agents", none.toString(), scenario.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("NOT PROBED").contains("no agent for eni:app, instance:app, ip:127.0.1.10, subnet:app-subnet");
        assertThat(r.err()).contains("nothing was probed");
    }

    @Test
    void agentRefusesToStartWithBadOptionsAndSaysAllOfThem() {
        Cli.Result r = new Cli(Engine.REAL, false, Map.of()).run("agent", "--listen", "127.0.0.1:99999", "--allow", "10.0.0.0/33",
                "--vpc-cidr", "10.0.0.0/16:443", "--rate", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--listen '127.0.0.1:99999': '99999' is not a port")
                .contains("no token: give --token-file FILE or set REACHSIM_AGENT_TOKEN")
                .contains("--allow '10.0.0.0/33' is not CIDR[:PORTS]")
                .contains("--vpc-cidr '10.0.0.0/16:443' is not a CIDR")
                .contains("--rate must be above 0")
                .contains("5 errors; the agent was not started.");
    }

    @Test
    void agentRefusesBadConnectionGuards() {
        Cli.Result r = new Cli(Engine.REAL, false, Map.of()).run("agent", "--listen", "127.0.0.1:0", "--allow", "10.0.0.0/16",
                "--max-connections", "0", "--max-connections-per-source", "-1", "--request-deadline-ms", "5", "--allow", "fe80::%/64");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--max-connections must be at least 1, not 0")
                .contains("--max-connections-per-source must be at least 1, not -1")
                .contains("--request-deadline-ms must be 100..600000, not 5")
                .contains("'' is not an IPv6 zone id");
    }

    @Test
    void agentRefusesAShortToken() throws Exception {
        Path t = write("short-token", "abc\n");
        Cli.Result r = cli().run("agent", "--listen", "127.0.0.1:0", "--token-file", t.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("shorter than 16 characters");
    }
}
