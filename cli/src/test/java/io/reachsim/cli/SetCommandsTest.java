package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §9 commands on scenarios/sets/three-tier.yaml: reach, exposure, matrix, and a failing set expectation in run. */
class SetCommandsTest {
    static final Path THREE_TIER = SnapshotCommandsTest.shipped().getParent().resolve("sets/three-tier.yaml");

    @TempDir
    Path dir;

    @Test
    void reachFromTheInternetNamesSourceRangesRulesAndBlockers() throws Exception {
        Cli.Result r = Cli.real().run("--no-color", "reach", "--network", THREE_TIER.toString(), "--from", "internet:*", "--to", "instance:web-1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("tcp/22", "from 203.0.113.7/32", "sg-web #2", "tcp/443", "from 0.0.0.0/0",
                "tcp/0-21, tcp/23-442, tcp/444-65535, udp/0-65535, icmp, proto/*", "ENI_SG_RULES_MISMATCH", "at sg-web");

        Cli.Result json = Cli.real().run("reach", "--json", "--network", THREE_TIER.toString(), "--from", "tag:role=web",
                "--to", "tag:role=db", "--protocol", "tcp", "--ports", "5432");
        JsonNode pairs = new ObjectMapper().readTree(json.out()).get("pairs");
        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).get("open")).isEmpty();
        assertThat(pairs.get(0).get("closed").get(0).get("ranges").get(0).asText()).isEqualTo("tcp/5432");
        assertThat(pairs.get(0).get("closed").get(0).get("component").asText()).isEqualTo("sg-db");
        assertThat(json.exitCode()).isEqualTo(1);
    }

    @Test
    void exposureSortsByRiskAndExitsOneOnADeniedPort() {
        Cli.Result r = Cli.real().run("--no-color", "exposure", "--network", THREE_TIER.toString(), "--deny", "tcp/22,tcp/3389");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().indexOf("tcp/22")).isLessThan(r.out().indexOf("tcp/443"));
        assertThat(r.out()).contains("2 of 4 targets", "(denied: tcp/22)", "exit 1: tcp/22 is open to 203.0.113.7/32");
        Cli.Result ok = Cli.real().run("exposure", "--network", THREE_TIER.toString(), "--deny", "tcp/3389");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
    }

    @Test
    void matrixByTagWritesTableCsvJsonAndHtml() throws Exception {
        Path csv = dir.resolve("m.csv");
        Path html = dir.resolve("m.html");
        Cli.Result r = Cli.real().run("--no-color", "matrix", "--network", THREE_TIER.toString(), "--by", "tag:role",
                "--csv", csv.toString(), "--html", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("role=web", "tcp/8080", "tcp/5432");
        assertThat(Files.readString(csv)).contains("role=web,role=app,tcp/8080", "role=app,role=db,tcp/5432", "role=db,role=app,\n");
        assertThat(Files.readString(html)).contains("<table>", "data-d=\"role=app → role=db\ntcp/5432\"");
        Cli.Result bad = Cli.real().run("matrix", "--network", THREE_TIER.toString(), "--by", "owner");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected vpc, subnet, sg or tag:KEY");
    }

    @Test
    void aFailingOpenExpectationListsExtraAndMissingRanges() throws Exception {
        String yaml = Files.readString(THREE_TIER).replaceAll("(?s)expect:.*", "") + """
                expect:
                  - name: web to db is only PostgreSQL
                    from: tag:role=web
                    to: tag:role=app
                    open: [tcp/8080-8081, tcp/22]
                """;
        Path f = dir.resolve("wrong.yaml");
        Files.writeString(f, yaml);
        Path json = dir.resolve("r.json");
        Cli.Result r = Cli.real().run("--no-color", "run", "--json", json.toString(), f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("tcp/22, tcp/8081 closed", "ENI_SG_RULES_MISMATCH at sg-app", "(expected open)");
        JsonNode m = new ObjectMapper().readTree(json.toFile()).get("scenarios").get(0).get("expectations").get(0).get("mismatches").get(0);
        assertThat(m.get("type").asText()).isEqualTo("missing-open");
        assertThat(m.get("missing").toString()).isEqualTo("[\"tcp/22\",\"tcp/8081\"]");
    }

    @Test
    void everySetCommandHasHelpAndChecksItsOptions() {
        for (String c : new String[]{"reach", "exposure", "matrix"}) {
            Cli.Result h = Cli.real().run(c, "--help");
            assertThat(h.exitCode()).isZero();
            assertThat(h.out()).contains("Usage: reachsim " + c, "--network=N", "Exit codes:");
        }
        Cli.Result badPorts = Cli.real().run("reach", "--network", THREE_TIER.toString(), "--from", "any", "--to", "any", "--ports", "70000");
        assertThat(badPorts.exitCode()).isEqualTo(2);
        assertThat(badPorts.err()).contains("--ports '70000'", "0-65535");
        Cli.Result nothing = Cli.real().run("reach", "--network", THREE_TIER.toString(), "--from", "tag:role=cache", "--to", "any");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("'tag:role=cache' selects nothing", "role=app|db|web");
        Cli.Result deny = Cli.real().run("exposure", "--network", THREE_TIER.toString(), "--deny", "ssh");
        assertThat(deny.exitCode()).isEqualTo(2);
        assertThat(deny.err()).contains("--deny 'ssh'");
    }
}
