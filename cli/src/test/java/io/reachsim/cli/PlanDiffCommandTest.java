package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim diff --plan}: the check before apply, on the shipped Terraform example. */
class PlanDiffCommandTest {
    static final Path EXAMPLE = Path.of("../examples/terraform");
    static final Path PLANS = Path.of("../terraform/src/test/resources/plans");

    @TempDir
    Path dir;

    @Test
    void aRegressionExitsOneAndNamesTheResourceChange() {
        Cli.Result r = Cli.real().run("diff", "--plan", EXAMPLE.resolve("plan.json").toString(), EXAMPLE.resolve("checks").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("NOW FAILS   the internet reaches web on 443")
                .contains("DELIVERED → DROPPED ENI_SG_RULES_MISMATCH at sg-0web0000000000001")
                .contains("caused by aws_security_group.web (update): ingress[0].cidr_blocks[0]: \"0.0.0.0/0\" → \"10.0.0.0/8\"");
    }

    @Test
    void aDeletedRouteIsBlamedInJson() throws Exception {
        Cli.Result r = Cli.real().run("diff", "--plan", PLANS.resolve("delete-route.plan.json").toString(), "--json", "-",
                PLANS.resolve("checks.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("regressed").asInt()).isEqualTo(1);
        JsonNode cause = j.get("causes").get(0).get("changes").get(0);
        assertThat(cause.get("address").asText()).isEqualTo("aws_route.private_nat");
        assertThat(cause.get("action").asText()).isEqualTo("delete");
    }

    @Test
    void aPlanThatChangesNothingExitsZero() {
        Cli.Result r = Cli.real().run("diff", "--plan", PLANS.resolve("no-op.plan.json").toString(), PLANS.resolve("checks.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0 now fail").doesNotContain("caused by");
    }

    @Test
    void badPlanInputExitsTwoWithThePosition() throws Exception {
        Path bad = Files.writeString(dir.resolve("plan.json"), "{\"format_version\": \"3.1\"}");
        Cli.Result r = Cli.real().run("diff", "--plan", bad.toString(), EXAMPLE.resolve("checks").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("plan.json:1:20").contains("format_version \"3.1\" is not supported");
    }

    @Test
    void aPlanIsANetworkForTrace() {
        Cli.Result r = Cli.real().run("trace", "--network", EXAMPLE.resolve("plan.json").toString(), "--from", "internet",
                "--to", "i-0web00000000000001", "--port", "22");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("ENI_SG_RULES_MISMATCH");
    }

    /** --base: the plan's prior state and planned values, each laid on a snapshot folder. */
    @Test
    void aPlanOnASnapshotFolder() throws Exception {
        Path checks = Files.writeString(dir.resolve("web.yaml"), """
                apiVersion: reachsim/v1
                name: web
                region: us-east-2
                network:
                  import: %s
                expect:
                  - {name: the web server serves 443, from: "internet:8.8.8.8", to: "instance:i-1234567890abcdef0", port: 443, reachable: true}
                """.formatted(Path.of("../scenarios/snapshots/web-app").toAbsolutePath().normalize()));
        Cli.Result r = Cli.real().run("diff", "--plan", PLANS.resolve("web-app-change.plan.json").toString(),
                "--base", "../scenarios/snapshots/web-app", checks.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("NOW FAILS   the web server serves 443")
                .contains("caused by aws_security_group.web (update): ingress: removed {from_port: 443, to_port: 443, protocol: \"tcp\", cidr_blocks: [\"0.0.0.0/0\"]}");
    }

    /** generate --out x.json writes the network as a plan that creates it, which reads back as a network. */
    @Test
    void generateWritesAPlan() {
        Path plan = dir.resolve("s.json");
        Cli.Result g = Cli.real().run("generate", "--size", "S", "--out", plan.toString());
        assertThat(g.exitCode()).as(g.toString()).isZero();
        assertThat(g.out()).contains("Terraform plan of");
        Cli.Result r = Cli.real().run("trace", "--network", plan.toString(), "--from", "internet", "--to", "aws_instance.r_web_0_0",
                "--port", "443");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("DELIVERED");
    }
}
