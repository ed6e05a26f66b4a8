package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline from YAML files: the real loader, tracer and suite runner behind the commands.
 * (These need the scenario loader; they fail with "internal error: ... being written" until it lands.)
 */
class ScenarioFilesTest {
    @TempDir
    Path dir;

    static final String NETWORK = """
            apiVersion: reachsim/v1
            name: two-tier
            description: A web tier and a database in one VPC.
            region: us-west-2
            network:
              vpcs:
                - {id: vpc-main, cidr: 10.0.0.0/16}
              subnets:
                - {id: web-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.1.0/24}
                - {id: db-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.2.0/24}
              securityGroups:
                - id: sg-web
                  vpc: vpc-main
                  egress:
                    - {protocol: all, destination: 0.0.0.0/0}
                - id: sg-db
                  vpc: vpc-main
                  ingress:
                    - {protocol: tcp, ports: 5432, source: sg-web}
              instances:
                - {id: web-1, subnet: web-a, privateIp: 10.0.1.10, securityGroups: [sg-web]}
                - {id: db-1, subnet: db-a, privateIp: 10.0.2.10, securityGroups: [sg-db]}
            """;

    static final String PASSING = NETWORK + """
            expect:
              - name: web reaches the database
                from: instance:web-1
                to: instance:db-1
                port: 5432
                reachable: true
              - name: web cannot ssh to the database
                from: instance:web-1
                to: instance:db-1
                port: 22
                reachable: false
                because: ENI_SG_RULES_MISMATCH
            """;

    static final String FAILING = NETWORK + """
            expect:
              - name: web can ssh to the database
                from: instance:web-1
                to: instance:db-1
                port: 22
                reachable: true
            """;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void aBrokenFileIsReportedByLineAndColumnAndNothingRuns() throws Exception {
        Path f = write("broken.yaml", """
                apiVersion: reachsim/v1
                name: broken
                network:
                  vpcs:
                    - {id: vpc-main, cidr: 10.0.0.0/16}
                  subnets:
                    - {id: public-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.1.0/33, routeTabel: rt-public}
                expect: []
                """);
        Cli.Result r = Cli.real().run("run", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (String l : lines.subList(0, lines.size() - 1)) {
            assertThat(l).as(r.toString()).matches(".*broken\\.yaml:\\d+:\\d+ +\\S.*");
        }
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ errors; nothing was run\\.");
        assertThat(r.err()).contains("routeTabel").contains("10.0.1.0/33").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void yamlSyntaxErrorsAreInputErrorsToo() throws Exception {
        Path f = write("syntax.yaml", "apiVersion: reachsim/v1\nname: [unclosed\nnetwork: {}\n");
        Cli.Result r = Cli.real().run("run", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).containsPattern("syntax\\.yaml:\\d+:\\d+ ").contains("nothing was run.").doesNotContain("\tat ");
    }

    @Test
    void aPassingSuiteExitsZero() throws Exception {
        Path f = write("two-tier.yaml", PASSING);
        Cli.Result r = Cli.real().run("run", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("1 scenario · 2 expectations · 2 flows\n")
                .contains("two-tier")
                .containsPattern("  ✓ web reaches the database +1/1 flows")
                .containsPattern("  ✓ web cannot ssh to the database +1/1 flows blocked")
                .containsPattern("2 expectations: 2 passed, 0 failed   \\d+\\.\\d\\d s\n$");
    }

    @Test
    void aFailingExpectationExitsOneWithTheFix() throws Exception {
        Path f = write("failing.yaml", FAILING);
        Path junit = dir.resolve("out/junit.xml");
        Path json = dir.resolve("out/run.json");
        Cli.Result r = Cli.real().run("run", "--junit", junit.toString(), "--json", json.toString(), f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("  ✗ web can ssh to the database +0/1 flows delivered")
                .contains("10.0.1.10 → 10.0.2.10:22  DROPPED ENI_SG_RULES_MISMATCH at sg-db: no rule in sg-db allows tcp/22 from 10.0.1.10")
                .contains("fix: allow tcp/22 from sg-web (or 10.0.1.10/32) in sg-db")
                .contains("1 expectation: 0 passed, 1 failed");

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("failed").asInt()).isEqualTo(1);
        JsonNode exp = doc.get("scenarios").get(0).get("expectations").get(0);
        assertThat(exp.get("name").asText()).isEqualTo("web can ssh to the database");
        assertThat(exp.get("flows").get(0).get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");

        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void aFolderRunsEveryScenarioInIt() throws Exception {
        write("suite/vpc/two-tier.yaml", PASSING);
        write("suite/eks/failing.yml", FAILING.replace("name: two-tier", "name: two-tier-failing"));
        write("suite/README.md", "not a scenario");
        Cli.Result r = Cli.real().run("run", dir.resolve("suite").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith("2 scenarios · 3 expectations · 3 flows\n")
                .contains("eks/failing.yml").contains("vpc/two-tier.yaml");
    }

    @Test
    void traceShowsTheHopsAndExitsZeroWhenDelivered() throws Exception {
        Path f = write("two-tier.yaml", PASSING);
        Cli.Result r = Cli.real().run("trace", "--network", f.toString(), "--from", "instance:web-1", "--to", "instance:db-1",
                "--port", "5432");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("instance:web-1 → instance:db-1   tcp/5432   1 flow\n")
                .contains("flow 1/1  10.0.1.10:49152 → 10.0.2.10:5432   us-west-2a")
                .containsPattern("✓ eni +web-1 +egress +sg-web #1 allows all to 0\\.0\\.0\\.0/0")
                .containsPattern("✓ eni +db-1 +ingress +sg-db #1 allows tcp 5432 from sg-web")
                .endsWith("  DELIVERED\n");
    }

    @Test
    void traceExplainsADropAndExitsOne() throws Exception {
        Path f = write("two-tier.yaml", PASSING);
        Cli.Result r = Cli.real().run("trace", "--network", f.toString(), "--from", "web-1", "--to", "db-1", "--port", "22");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("✗ eni +db-1 +ingress +no rule in sg-db allows tcp/22 from 10\\.0\\.1\\.10")
                .contains("  DROPPED  ENI_SG_RULES_MISMATCH  at sg-db")
                .contains("  fix: allow tcp/22 from sg-web (or 10.0.1.10/32) in sg-db");

        Cli.Result json = Cli.real().run("trace", "--json", "--network", f.toString(), "--from", "instance:web-1",
                "--to", "instance:db-1", "--port", "22");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("reachable").asBoolean()).isFalse();
        assertThat(doc.get("flows").get(0).get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(doc.get("flows").get(0).get("component").asText()).isEqualTo("sg-db");
    }

    @Test
    void traceRefusesAnUnknownEndpoint() throws Exception {
        Path f = write("two-tier.yaml", PASSING);
        Cli.Result r = Cli.real().run("trace", "--network", f.toString(), "--from", "instance:web-1", "--to", "instance:db-9",
                "--port", "5432");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("db-9").doesNotContain("\tat ");
    }

    @Test
    void traceOfABrokenNetworkReportsItsErrors() throws Exception {
        Path f = write("broken.yaml", NETWORK.replace("cidr: 10.0.2.0/24", "cidr: 10.0.2.0/99"));
        Cli.Result r = Cli.real().run("trace", "--network", f.toString(), "--from", "instance:web-1", "--to", "instance:db-1",
                "--port", "5432");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).containsPattern("broken\\.yaml:\\d+:\\d+ ").containsPattern("\\d+ errors?; nothing was traced\\.");
    }
}
