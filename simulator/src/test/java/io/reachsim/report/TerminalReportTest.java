package io.reachsim.report;

import io.reachsim.model.EndpointRef;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalReportTest {
    private final TerminalReport plain = new TerminalReport(false);

    private static ExpectationResult apiExpectation() {
        FlowResult dropped = Fixtures.droppedBySg();
        return new ExpectationResult(Fixtures.nodesToApi(), List.of(Fixtures.deliveredToApi(), dropped),
                List.of(new Mismatch.UnexpectedDisposition(dropped, true)));
    }

    private static ExpectationResult bastionExpectation() {
        FlowResult f = Fixtures.internetToBastion();
        return new ExpectationResult(Fixtures.expectation("nothing from the internet reaches port 22",
                new EndpointRef.InternetRef(null), new EndpointRef.InstanceRef("bastion"), 22, false),
                List.of(f), List.of(new Mismatch.UnexpectedDisposition(f, false)));
    }

    private static SuiteResult suite() {
        ExpectationResult ok = new ExpectationResult(Fixtures.expectation("nodes reach each other",
                new EndpointRef.InstanceRef("a"), new EndpointRef.InstanceRef("b"), 443, true),
                List.of(Fixtures.deliveredToApi()), List.of());
        ScenarioResult eks = new ScenarioResult(Fixtures.scenario("scenarios/eks/private-nodes.yaml", "eks-private-nodes",
                Fixtures.network()), List.of(apiExpectation(), bastionExpectation()));
        ScenarioResult vpc = new ScenarioResult(Fixtures.scenario("scenarios/vpc/basic.yaml", "basic", Fixtures.network()), List.of(ok));
        return new SuiteResult(List.of(eks, vpc), Duration.ofMillis(210));
    }

    @Test
    void traceShowsEveryHopWithAlignedColumnsAndTheVerdict() {
        String out = plain.trace(apiExpectation(), Fixtures.network());
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("instance:workers → eni:prod-xeni-1   tcp/443   2 flows");
        assertThat(lines).contains("flow 1/2  10.0.10.4:49152 → 10.0.2.7:443   us-west-2a",
                "flow 2/2  10.0.11.4:49152 → 10.0.2.23:443   us-west-2b",
                "  DELIVERED",
                "  DROPPED  ENI_SG_RULES_MISMATCH  at eks-cluster-sg-prod",
                "  fix: allow tcp/443 from sg-nodes (or 10.0.11.4/32) in eks-cluster-sg-prod");
        assertThat(out).contains("✓ eni   eni-node-a1 ").contains("✗ eni   prod-xeni-2 ");

        // every hop's sentence starts in the same column, in both flows
        List<String> hopLines = lines.stream().filter(l -> l.startsWith("  ✓") || l.startsWith("  ✗")).toList();
        assertThat(hopLines).hasSize(17);
        List<Integer> starts = new ArrayList<>();
        for (String l : hopLines) {
            for (String s : List.of("sg-nodes #3", "rule 100", "10.0.0.0/16 →", "eks-cluster-sg-prod #1", "reply delivered", "delivered", "stateful",
                    "no rule in")) {
                if (l.contains(s)) { starts.add(l.indexOf(s)); break; }
            }
        }
        assertThat(starts).hasSize(17);
        assertThat(Collections.min(starts)).isEqualTo(Collections.max(starts));
        assertThat(out).doesNotContain("\u001b[");
    }

    @Test
    void theDroppingHopIsTheOnlyCross() {
        String out = plain.trace(apiExpectation(), Fixtures.network());
        assertThat(out.lines().filter(l -> l.startsWith("  ✗")))
                .containsExactly("  ✗ eni   prod-xeni-2         ingress         no rule in eks-cluster-sg-prod allows tcp/443 from 10.0.11.4");
    }

    @Test
    void colourOnlyWhenAsked() {
        String coloured = new TerminalReport(true).trace(apiExpectation(), Fixtures.network());
        assertThat(coloured).contains("\u001b[32m✓\u001b[0m").contains("\u001b[31m✗\u001b[0m").contains("\u001b[31mDROPPED\u001b[0m");
        assertThat(plain.run(suite())).doesNotContain("\u001b[");
        assertThat(new TerminalReport(true).run(suite())).contains("\u001b[31m2 failed\u001b[0m");
    }

    @Test
    void runTableListsScenariosAndDetailsOnlyFailures() {
        String out = plain.run(suite());
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("2 scenarios · 3 expectations · 4 flows");
        assertThat(lines).contains(
                "eks/private-nodes.yaml   eks-private-nodes",
                "vpc/basic.yaml", // named like its file: the name is not repeated
                "      internet:198.51.100.1 → 10.0.0.9:22  DELIVERED via igw-main → public-a → i-bastion   (expected unreachable)",
                "      10.0.11.4 → 10.0.2.23:443  DROPPED ENI_SG_RULES_MISMATCH at eks-cluster-sg-prod: "
                        + "no rule in eks-cluster-sg-prod allows tcp/443 from 10.0.11.4",
                "        fix: allow tcp/443 from sg-nodes (or 10.0.11.4/32) in eks-cluster-sg-prod");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("3 expectations: 1 passed, 2 failed   0.21 s");

        String passing = lines.stream().filter(l -> l.startsWith("  ✓")).findFirst().orElseThrow();
        assertThat(passing).startsWith("  ✓ nodes reach each other ").endsWith("  1/1 flows");
        String failing = lines.stream().filter(l -> l.startsWith("  ✗ nothing")).findFirst().orElseThrow();
        assertThat(failing).endsWith("  1/1 flows delivered");
        // the count column lines up
        assertThat(passing.indexOf("1/1")).isEqualTo(failing.indexOf("1/1"));
        // a passing expectation gets no detail lines: the line after it is blank or the summary
        int i = lines.indexOf(passing);
        assertThat(lines.get(i + 1)).isEmpty();
    }

    @Test
    void viaMismatchesAndWrongCodesSayWhatWasExpected() {
        Sentences say = new Sentences();
        FlowResult bastion = Fixtures.internetToBastion();
        assertThat(plain.mismatch(new Mismatch.MissingVia(bastion, "nat-a"), say))
                .isEqualTo("internet:198.51.100.1 → 10.0.0.9:22  DELIVERED via igw-main → public-a → i-bastion   (expected via nat-a)");
        assertThat(plain.mismatch(new Mismatch.ForbiddenVia(bastion, "igw-main"), say))
                .endsWith("(expected not via igw-main)");
        assertThat(plain.mismatch(new Mismatch.MissingViaAny(bastion, List.of("cluster-a", "cluster-b")), say))
                .endsWith("(expected via one of cluster-a, cluster-b)");
        assertThat(plain.mismatch(new Mismatch.WrongCode(Fixtures.droppedBySg(), io.reachsim.trace.ExplanationCode.SUBNET_ACL_RESTRICTION), say))
                .isEqualTo("10.0.11.4 → 10.0.2.23:443  DROPPED ENI_SG_RULES_MISMATCH at eks-cluster-sg-prod: "
                        + "no rule in eks-cluster-sg-prod allows tcp/443 from 10.0.11.4   (expected SUBNET_ACL_RESTRICTION)");
    }

    @Test
    void manyFailingFlowsAreCountedNotAllListed() {
        FlowResult f = Fixtures.internetToBastion();
        List<FlowResult> flows = Collections.nCopies(8, f);
        List<Mismatch> mm = new ArrayList<>();
        for (FlowResult x : flows) mm.add(new Mismatch.UnexpectedDisposition(x, false));
        ExpectationResult e = new ExpectationResult(bastionExpectation().expectation(), flows, mm);
        List<String> lines = plain.mismatchLines(e, new Sentences());
        assertThat(lines).hasSize(TerminalReport.MAX_MISMATCH_LINES + 1);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("… and 3 more");
    }

    @Test
    void filesAreShownRelativeToTheirCommonFolder() {
        ScenarioResult a = new ScenarioResult(Fixtures.scenario("/repo/scenarios/eks/a.yaml", "a", null), List.of());
        ScenarioResult b = new ScenarioResult(Fixtures.scenario("/repo/scenarios/vpc/b.yaml", "b", null), List.of());
        assertThat(TerminalReport.displayFiles(List.of(a, b))).containsExactly("eks/a.yaml", "vpc/b.yaml");
        assertThat(TerminalReport.displayFiles(List.of(a))).containsExactly("/repo/scenarios/eks/a.yaml");
        ScenarioResult c = new ScenarioResult(Fixtures.scenario("./c.yaml", "c", null), List.of());
        ScenarioResult d = new ScenarioResult(Fixtures.scenario("./sub/d.yaml", "d", null), List.of());
        assertThat(TerminalReport.displayFiles(List.of(c, d))).containsExactly("c.yaml", "sub/d.yaml");
        assertThat(TerminalReport.displayFiles(List.of(c))).containsExactly("c.yaml");
    }

    @Test
    void aTraceWithoutFlowsSaysSo() {
        ExpectationResult none = new ExpectationResult(Fixtures.nodesToApi(), List.of(), List.of());
        assertThat(plain.trace(none, null)).contains("0 flows").contains("no flows");
    }
}
