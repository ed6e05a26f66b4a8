package io.reachsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal, JSON and HTML reports on real PrivateLink and Lattice traces (the scenarios under cross-vpc/). */
class ServicesRenderingTest {

    static Scenario scenario(String file) throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path dir = Files.isDirectory(module.resolve("../scenarios")) ? module.resolve("../scenarios") : module.resolve("scenarios");
        return new ScenarioLoader().load(List.of(dir.resolve("cross-vpc").resolve(file).normalize())).get(0);
    }

    static ExpectationResult check(Scenario s, String name) {
        Expectation e = s.expectations().stream().filter(x -> x.name().startsWith(name)).findFirst().orElseThrow();
        return new SuiteRunner().check(Fabric.compile(s.network()), e);
    }

    @Test
    void privateLinkHopsOnTheTerminal() throws Exception {
        Scenario s = scenario("privatelink-acceptance-required.yaml");
        String ok = new TerminalReport(false).trace(check(s, "the accepted endpoint"), s.network());
        // columns are padded to the widest entry: compare with runs of spaces folded
        List<String> lines = ok.lines().map(l -> l.strip().replaceAll(" +", " ")).toList();
        assertThat(lines).contains(
                "✓ plink vpce-db-accepted accepted by vpce-svc-db (nlb-db) (allowed principals arn:aws:iam::111122223333:root: recorded, not evaluated)",
                "✓ lb nlb-db listener TCP:5432 → target 10.30.1.50:5432, source becomes 10.30.1.4",
                "✓ lb nlb-db return source 10.30.1.50 translated to 10.30.1.4",
                "✓ plink vpce-db-accepted return source 10.30.1.4 translated to 10.20.1.4");
        String pending = new TerminalReport(false).trace(check(s, "the pending endpoint"), s.network());
        assertThat(pending).contains("✗ plink vpce-db-pending", "vpce-svc-db requires acceptance and has not accepted this endpoint",
                "DROPPED  PRIVATELINK_ENDPOINT_NOT_ACCEPTED  at vpce-db-pending",
                "fix: accept the endpoint on its endpoint service (acceptedEndpoints), or set acceptanceRequired: false");
    }

    @Test
    void latticeHopsOnTheTerminal() throws Exception {
        Scenario s = scenario("lattice-auth-and-association.yaml");
        String open = new TerminalReport(false).trace(check(s, "a service network with an IAM auth policy"), s.network());
        assertThat(open).contains("✓ lat   sn-iam", "auth type AWS_IAM with an auth policy: allowed (IAM principals are not evaluated)",
                "✓ lat   tg-main", "listener HTTP:80 → target target-1 (10.9.1.10):8080, source becomes 169.254.171.0",
                "destination 169.254.171.0 translated to 10.7.1.10");
        String denied = new TerminalReport(false).trace(check(s, "AWS_IAM on the service with no auth policy"), s.network());
        assertThat(denied).contains("✗ lat   svc-iam-no-policy", "auth type AWS_IAM with no auth policy: every request is denied",
                "fix: attach an auth policy to svc-iam-no-policy (authPolicy: true), or set its authType: NONE");
        String orphan = new TerminalReport(false).trace(check(s, "a VPC with no service network association"), s.network());
        assertThat(orphan).contains("vpc-orphan has no service network association, so svc-open is not reachable from it");
    }

    @Test
    void jsonAndHtmlCarryTheNewHops() throws Exception {
        Scenario s = scenario("lattice-service-network-reaches-target.yaml");
        ExpectationResult r = check(s, "the client reaches every target");
        JsonNode json = new JsonReport().trace(r, s.network());
        List<String> kinds = new ArrayList<>();
        json.get("flows").get(0).get("hops").forEach(h -> kinds.add(h.get("kind").asText() + " " + h.get("id").asText()));
        assertThat(kinds).contains("lat sn-shared", "lat svc-orders", "lat tg-orders", "host orders-1");
        SuiteResult suite = new SuiteRunner().run(List.of(s), x -> { });
        String html = new HtmlReport().run(suite);
        assertThat(html).contains("tg-orders", "source becomes 169.254.171.0");
    }
}
