package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim diff} on the real simulator: a change that breaks one expectation and fixes another. */
class DiffCommandTest {
    static final Path SCENARIO = Path.of("../scenarios/vpc/sg-default-security-group-of-vpc.yaml");

    @TempDir
    Path dir;

    /** Before: the shipped scenario. After: sg-web no longer allows 443 from the VPC. */
    private Path[] change() throws Exception {
        String text = Files.readString(SCENARIO);
        Path before = Files.writeString(dir.resolve("before.yaml"), text);
        String changed = text.replace("- {protocol: tcp, ports: 443, source: 10.0.0.0/16}", "- {protocol: tcp, ports: 8443, source: 10.0.0.0/16}")
                ;
        assertThat(changed).isNotEqualTo(text);
        Path after = Files.writeString(dir.resolve("after.yaml"), changed);
        return new Path[] {before, after};
    }

    @Test
    void aRegressionIsListedWithTheRuleThatNowBlocksAndExitsOne() throws Exception {
        Path[] p = change();
        Cli.Result r = Cli.real().run("diff", "--before", p[0].toString(), "--after", p[1].toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains("NOW FAILS   default-group members reach other groups that allow them (default egress is all)")
                .contains("10.0.1.4 → 10.0.2.30:443  DELIVERED → DROPPED ENI_SG_RULES_MISMATCH at sg-web")
                .contains("1 now fails, 0 fixed, 0 still hold with changed flows, 0 still fail, 5 unchanged; 1 flow changed");
    }

    @Test
    void theReverseChangeFixesItAndExitsZero() throws Exception {
        Path[] p = change();
        Cli.Result r = Cli.real().run("diff", "--before", p[1].toString(), "--after", p[0].toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("NOW HOLDS   default-group members reach other groups that allow them (default egress is all)")
                .contains("10.0.1.4 → 10.0.2.30:443  DROPPED ENI_SG_RULES_MISMATCH at sg-web: no rule in sg-web allows tcp/443 from 10.0.1.4 → DELIVERED via b")
                .contains("0 now fail, 1 fixed");
    }

    @Test
    void sameNetworkHasNoDifferencesAndExitsZero() throws Exception {
        Cli.Result r = Cli.real().run("diff", "--before", SCENARIO.toString(), "--after", SCENARIO.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0 now fail, 0 fixed, 0 still hold with changed flows, 0 still fail, 6 unchanged; 0 flows changed");
    }

    @Test
    void questionsFromPathAreAskedOfBothNetworksAndJsonSaysWhatChanged() throws Exception {
        Path[] p = change();
        Path questions = Files.writeString(dir.resolve("q.yaml"), """
                apiVersion: reachsim/v1
                network:
                  import: before.yaml
                expect:
                  - name: web answers https from the VPC
                    from: subnet:a
                    to: instance:web-1
                    port: 443
                    reachable: true
                """);
        Cli.Result r = Cli.real().run("diff", "--before", p[0].toString(), "--after", p[1].toString(), "--json", "-", questions.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("regressed").asInt()).isEqualTo(1);
        JsonNode e = json.get("expectations").get(0);
        assertThat(e.get("status").asText()).isEqualTo("regressed");
        JsonNode f = e.get("flows").get(0);
        assertThat(f.get("change").asText()).isEqualTo("NOW_DROPPED");
        assertThat(f.get("before").get("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(f.get("after").get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
    }

    @Test
    void anEndpointMissingAfterTheChangeIsReportedNotCrashed() throws Exception {
        String text = Files.readString(SCENARIO);
        Path before = Files.writeString(dir.resolve("before.yaml"), text);
        Path after = Files.writeString(dir.resolve("after.yaml"), text
                .replace("    - {id: web-1, subnet: b, privateIp: 10.0.2.30, securityGroups: [sg-web]}\n", ""));
        Path questions = Files.writeString(dir.resolve("q.yaml"), """
                apiVersion: reachsim/v1
                network:
                  import: before.yaml
                expect:
                  - {name: web answers, from: subnet:a, to: instance:web-1, port: 443, reachable: true}
                """);
        Cli.Result r = Cli.real().run("diff", "--before", before.toString(), "--after", after.toString(), questions.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("NOW FAILS   web answers").contains("after:  ").contains("web-1");
    }

    @Test
    void missingFileIsBadInput() {
        Cli.Result r = Cli.real().run("diff", "--before", "nope.yaml", "--after", SCENARIO.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml: no such file or folder");
    }
}
