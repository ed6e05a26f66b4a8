package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands' behaviour around the engine: exit codes, reports, progress, errors. */
class CommandTest {
    @TempDir
    Path dir;

    private final StubEngine engine = new StubEngine();

    private Path scenarioFile() throws Exception {
        return Files.writeString(dir.resolve("s.yaml"), "apiVersion: reachsim/v1\n");
    }

    @Test
    void loadErrorsArePrintedAsFileLineColumnAndExitTwo() throws Exception {
        Path f = scenarioFile();
        engine.loadError = new LoadException(List.of(
                new LoadError(new Origin("scenarios/broken.yaml", 22, 7), "unknown field 'routeTabel' in subnet 'public-a' — did you mean 'routeTable'?"),
                new LoadError(new Origin("scenarios/broken.yaml", 14, 19), "route target 'igw-404' does not exist")));
        Cli.Result r = Cli.with(engine).run("run", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "scenarios/broken.yaml:14:19  route target 'igw-404' does not exist",
                "scenarios/broken.yaml:22:7   unknown field 'routeTabel' in subnet 'public-a' — did you mean 'routeTable'?",
                "2 errors; nothing was run.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void traceReportsLoadErrorsTheSameWay() throws Exception {
        engine.loadError = new LoadException(List.of(new LoadError(new Origin("n.yaml", 3, 5), "'10.0.1.0/33' is not a CIDR")));
        Cli.Result r = Cli.with(engine).run("trace", "--network", scenarioFile().toString(), "--from", "instance:web-1",
                "--to", "instance:db-1", "--port", "5432");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("n.yaml:3:5  '10.0.1.0/33' is not a CIDR\n1 error; nothing was traced.\n");
    }

    @Test
    void passingRunExitsZeroWithTheTable() throws Exception {
        Cli.Result r = Cli.with(engine).run("run", scenarioFile().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("1 scenario · 1 expectation · 1 flow\n")
                .contains("  ✓ web reaches db  1/1 flows")
                .endsWith("1 expectation: 1 passed, 0 failed   0.12 s\n")
                .doesNotContain("\u001b[");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void failingRunExitsOneAndShowsTheFix() throws Exception {
        engine.failing = true;
        Cli.Result r = Cli.with(engine).run("run", scenarioFile().toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("  ✗ web reaches db  0/1 flows delivered")
                .contains("DROPPED ENI_SG_RULES_MISMATCH at sg-db: no rule in sg-db allows tcp/5432 from 10.0.1.10")
                .contains("fix: allow tcp/5432 from 10.0.1.10/32 (or its security group) in sg-db");
    }

    @Test
    void jsonAndJUnitFilesAreWrittenBesideTheTable() throws Exception {
        engine.failing = true;
        Path json = dir.resolve("reports/run.json");
        Path junit = dir.resolve("reports/junit.xml");
        Cli.Result r = Cli.with(engine).run("run", "--json", json.toString(), "--junit", junit.toString(), scenarioFile().toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("✗ web reaches db");

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("failed").asInt()).isEqualTo(1);
        assertThat(doc.get("passed").asInt()).isZero();
        JsonNode flow = doc.get("scenarios").get(0).get("expectations").get(0).get("flows").get(0);
        assertThat(flow.get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void jsonDashPrintsJsonInsteadOfTheTable() throws Exception {
        Cli.Result r = Cli.with(engine).run("run", "--json", "-", scenarioFile().toString());
        assertThat(r.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("passed").asInt()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("✓");
    }

    @Test
    void anUnwritableReportIsBadInput() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Cli.Result r = Cli.with(engine).run("run", "--junit", blocker.resolve("junit.xml").toString(), scenarioFile().toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("cannot write report: ");
    }

    @Test
    void progressOnlyOnATerminalAndOnlyForLongSuites() throws Exception {
        engine.scenarioCount = 6;
        Cli tty = new Cli(engine, true, Map.of("NO_COLOR", "1"));
        Cli.Result r = tty.run("run", scenarioFile().toString());
        assertThat(r.err()).contains("\rrunning 6/6 scenarios").endsWith("\r");
        assertThat(r.out()).doesNotContain("\r").doesNotContain("\u001b[");

        Cli.Result piped = Cli.with(engine).run("run", scenarioFile().toString());
        assertThat(piped.err()).isEmpty();

        engine.scenarioCount = 2;
        assertThat(new Cli(engine, true, Map.of()).run("run", scenarioFile().toString()).err()).isEmpty();
    }

    @Test
    void colourOnATerminalUnlessNoColor() throws Exception {
        String f = scenarioFile().toString();
        assertThat(new Cli(engine, true, Map.of()).run("run", f).out()).contains("\u001b[32m✓\u001b[0m");
        assertThat(new Cli(engine, true, Map.of()).run("run", "--no-color", f).out()).doesNotContain("\u001b[");
        assertThat(new Cli(engine, true, Map.of()).run("--no-color", "run", f).out()).doesNotContain("\u001b[");
        assertThat(new Cli(engine, true, Map.of("NO_COLOR", "yes")).run("run", f).out()).doesNotContain("\u001b[");
    }

    @Test
    void internalErrorsAreOneLineUnlessDebug() throws Exception {
        engine.crash = new IllegalStateException("fabric has no subnet 7");
        Cli.Result r = Cli.with(engine).run("run", scenarioFile().toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("internal error: IllegalStateException: fabric has no subnet 7\n");

        Cli.Result debug = Cli.with(engine).run("run", "--debug", scenarioFile().toString());
        assertThat(debug.exitCode()).isEqualTo(3);
        assertThat(debug.err()).startsWith("internal error: ").contains("\tat ");
    }

    @Test
    void traceBuildsTheQuestionFromItsOptions() throws Exception {
        Cli.Result r = Cli.with(engine).run("trace", "--network", scenarioFile().toString(), "--from", "instance:web-1",
                "--to", "instance:db-1", "--port", "5432", "--source-port", "33000", "--one-way");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(engine.lastQuestion.name()).isEqualTo("trace");
        assertThat(engine.lastQuestion.protocol()).isEqualTo(Protocol.TCP);
        assertThat(engine.lastQuestion.port()).isEqualTo(5432);
        assertThat(engine.lastQuestion.sourcePort()).isEqualTo(33000);
        assertThat(engine.lastQuestion.roundTrip()).isFalse();
        assertThat(engine.lastQuestion.reachable()).isTrue();
        assertThat(engine.lastQuestion.ipVersion()).isEqualTo(4);
        assertThat(engine.lastQuestion.origin()).isEqualTo(Origin.UNKNOWN);
        assertThat(r.out()).startsWith("instance:web-1 → instance:db-1   tcp/5432 one way   1 flow\n").contains("  DELIVERED");
    }

    @Test
    void traceDefaultsForIcmpAndIpv6() throws Exception {
        String n = scenarioFile().toString();
        assertThat(Cli.with(engine).run("trace", "--network", n, "--from", "instance:web-1", "--to", "instance:db-1",
                "--protocol", "icmp").exitCode()).isZero();
        assertThat(engine.lastQuestion.protocol()).isEqualTo(Protocol.ICMP);
        assertThat(engine.lastQuestion.icmpType()).isEqualTo(8);
        assertThat(engine.lastQuestion.port()).isNull();

        Cli.Result v6 = Cli.with(engine).run("trace", "--network", n, "--from", "instance:web-1", "--to", "ip:2600:1f14::10", "--port", "443");
        assertThat(engine.lastQuestion.ipVersion()).isEqualTo(6);
        // a question the network cannot answer (no IPv6 on the source) is bad input, not a crash
        assertThat(v6.exitCode()).isEqualTo(2);
        assertThat(v6.err()).isEqualTo("instance:web-1 has no IPv6 address\n");

        Cli.with(engine).run("trace", "--network", n, "--from", "instance:web-1", "--to", "instance:db-1", "--protocol", "all");
        assertThat(engine.lastQuestion.protocol()).isEqualTo(Protocol.ALL);
        assertThat(engine.lastQuestion.port()).isNull();
        assertThat(engine.lastQuestion.icmpType()).isEqualTo(-1);
    }

    @Test
    void aDroppedTraceExitsOneWithTheExplanation() throws Exception {
        engine.dropOnTrace = true;
        Cli.Result r = Cli.with(engine).run("trace", "--network", scenarioFile().toString(), "--from", "instance:web-1",
                "--to", "instance:db-1", "--port", "5432");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("✗ eni   db-1  ingress  no rule in sg-db allows tcp/5432 from 10.0.1.10")
                .contains("  DROPPED  ENI_SG_RULES_MISMATCH  at sg-db")
                .contains("  fix: allow tcp/5432 from 10.0.1.10/32 (or its security group) in sg-db");
    }

    @Test
    void traceJsonIsTheContractObject() throws Exception {
        engine.dropOnTrace = true;
        Cli.Result r = Cli.with(engine).run("trace", "--json", "--network", scenarioFile().toString(), "--from", "instance:web-1",
                "--to", "instance:db-1", "--port", "5432");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("reachable").asBoolean()).isFalse();
        assertThat(doc.get("flows").get(0).get("verdict").asText()).isEqualTo("DROPPED");
        assertThat(doc.get("flows").get(0).get("component").asText()).isEqualTo("sg-db");
    }

    @Test
    void aBadEndpointIsBadInput() throws Exception {
        Cli.Result r = Cli.with(engine).run("trace", "--network", scenarioFile().toString(), "--from", "instance:web-1",
                "--to", "db-9", "--port", "5432");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("unknown endpoint 'db-9' (known instances: web-1, db-1)\n");
    }
}
