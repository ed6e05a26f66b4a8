package io.reachsim.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Network;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario-level linting (one finding per network, with its files), the table, the JSON and docs/lint.md. */
class LintReportTest {

    private static Network openEndpointAndCrossAzNat() {
        Network.Builder b = GuideLayout.builder();
        GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, true, true, "0.0.0.0/0"));
        GuideLayout.defaultRoute(b, "rt-private-b", new RouteTarget.NatGateway("nat-a"));
        GuideLayout.subnet(b, "cluster-b", s -> GuideLayout.az(s, "us-west-2a"));
        return b.build();
    }

    private static Scenario scenario(String file, Network n) {
        return new Scenario(file, file, "", n, List.of());
    }

    @Test
    void filesSharingANetworkShareItsFindings() {
        // built twice: equal networks, as two files importing the same one would give
        LintResult r = new Linter().lint(List.of(
                scenario("suite/a.yaml", openEndpointAndCrossAzNat()),
                scenario("suite/b.yaml", openEndpointAndCrossAzNat()),
                scenario("suite/c.yaml", GuideLayout.network())));
        assertThat(r.scenarios()).isEqualTo(3);
        assertThat(r.networks()).isEqualTo(2);
        assertThat(r.findings()).extracting(l -> l.finding().rule())
                .containsExactly("cluster-subnets-az", "nat-per-az", "public-endpoint-open");
        assertThat(r.findings()).allSatisfy(l -> assertThat(l.files()).containsExactly("suite/a.yaml", "suite/b.yaml"));
        assertThat(r.count(Severity.ERROR)).isEqualTo(1);
        assertThat(r.count(Severity.WARNING)).isEqualTo(2);
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void theTableShowsSeverityResourceMessageRuleThenReasonAndFix() {
        LintResult r = new Linter().lint(List.of(scenario("suite/a.yaml", openEndpointAndCrossAzNat()),
                scenario("suite/b.yaml", GuideLayout.network())));
        List<String> lines = new LintReport(false).terminal(r).lines().toList();
        assertThat(lines.get(0)).isEqualTo("2 scenarios · 2 networks");
        assertThat(lines.get(1)).isEmpty();
        assertThat(lines.get(2)).isEqualTo("✗ ERROR    prod       cluster prod's 2 cluster subnets are all in us-west-2a (cluster-a, cluster-b): "
                + "EKS needs 2 AZs  [cluster-subnets-az]");
        assertThat(lines.get(3)).isEqualTo("    reason: " + Linter.reason("cluster-subnets-az"));
        assertThat(lines.get(4)).startsWith("    fix:    add a subnet in another AZ of vpc-main");
        assertThat(lines.get(5)).isEqualTo("    file:   a.yaml");
        assertThat(lines.get(7)).startsWith("! WARNING  private-b  private subnet private-b in us-west-2b sends 0.0.0.0/0 to nat-a");
        assertThat(lines.get(12)).startsWith("! WARNING  prod       cluster prod's public API endpoint");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 error, 2 warnings, 0 infos");
        assertThat(String.join("\n", lines)).doesNotContain("\u001b[");
    }

    @Test
    void colourMarksTheSeverityOnly() {
        LintResult r = new Linter().lint(List.of(scenario("a.yaml", openEndpointAndCrossAzNat())));
        String text = new LintReport(true).terminal(r);
        assertThat(text).contains("\u001b[1;31m✗ ERROR  \u001b[0m").contains("\u001b[33m! WARNING\u001b[0m")
                .contains("\u001b[2m[nat-per-az]\u001b[0m");
        assertThat(text).as("one file: no file lines").doesNotContain("    file:");
    }

    @Test
    void noFindingsSaysSo() {
        LintResult r = new Linter().lint(List.of(scenario("a.yaml", GuideLayout.network())));
        assertThat(new LintReport(false).terminal(r)).isEqualTo("1 scenario · 1 network\n\nno findings\n");
    }

    @Test
    void jsonHasTheFindingsAndTheCounts() {
        LintResult r = new Linter().lint(List.of(scenario("suite/a.yaml", openEndpointAndCrossAzNat()),
                scenario("suite/b.yaml", openEndpointAndCrossAzNat())));
        ObjectNode json = new LintReport(false).json(r);
        List<String> top = new ArrayList<>();
        json.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("findings", "errors", "warnings", "infos");
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        assertThat(json.get("warnings").asInt()).isEqualTo(2);
        assertThat(json.get("infos").asInt()).isZero();
        JsonNode first = json.get("findings").get(0);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) fields.add(it.next());
        assertThat(fields).containsExactly("file", "files", "severity", "rule", "resource", "message", "reason", "fix");
        assertThat(first.get("file").asText()).isEqualTo("suite/a.yaml");
        assertThat(first.get("files")).hasSize(2);
        assertThat(first.get("severity").asText()).isEqualTo("ERROR");
        assertThat(first.get("rule").asText()).isEqualTo("cluster-subnets-az");
        assertThat(first.get("resource").asText()).isEqualTo("prod");
    }

    @Test
    void docsListEveryRule() throws IOException {
        Path doc = Path.of("..", "docs", "lint.md");
        String text = Files.readString(doc);
        int table = text.indexOf("## Lint rules");
        assertThat(table).as("a 'Lint rules' section in %s", doc).isNotNegative();
        String rules = text.substring(table);
        for (String id : Linter.ruleIds()) assertThat(rules).as("docs/lint.md lists %s", id).contains("| `" + id + "` |");
    }
}
