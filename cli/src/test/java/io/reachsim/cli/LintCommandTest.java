package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.load.LoadException;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim lint}: real scenario files where the loader can read them, hand-built EKS networks where it cannot yet. */
class LintCommandTest {
    @TempDir
    Path dir;

    private static final String VPN_NETWORK = """
            apiVersion: reachsim/v1
            region: us-east-1
            network:
              vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
              subnets: [{id: app, vpc: vpc-main, az: us-east-1a, cidr: 10.0.1.0/24}]
              vpnGateways: [{id: vgw-corp, vpc: vpc-main, remoteCidrs: [%s]}]
              external: [{id: corp, cidr: %s, via: vgw-corp}]
            """;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Path vpn(String name, String corpCidr) throws Exception {
        return write(name, VPN_NETWORK.formatted(corpCidr, corpCidr));
    }

    @Test
    void anErrorFindingExitsOne() throws Exception {
        Path f = vpn("overlap.yaml", "10.0.5.0/24");
        Cli.Result r = Cli.real().run("lint", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith("1 scenario · 1 network\n")
                .contains("✗ ERROR    corp  external network corp (10.0.5.0/24, behind vgw-corp) lies inside vpc-main's 10.0.0.0/16")
                .contains("[connected-overlap]")
                .contains("    reason: The guide strongly recommends non-overlapping IP ranges")
                .contains("    fix:    renumber corp or vpc-main")
                .endsWith("1 error, 0 warnings, 0 infos\n")
                .doesNotContain("\u001b[");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCleanNetworkExitsZero() throws Exception {
        Cli.Result r = Cli.real().run("lint", vpn("clean.yaml", "192.168.0.0/16").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("1 scenario · 1 network\n\nno findings\n");
    }

    @Test
    void loadErrorsArePrintedAsInRunAndExitTwo() throws Exception {
        Path f = write("broken.yaml", "apiVersion: reachsim/v1\nnetwork:\n  vpcs: [{id: vpc-main, cidr: 10.0.0.0/16, cidrr: x}]\n");
        Cli.Result r = Cli.real().run("lint", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":3:").contains("unknown field 'cidrr'").endsWith("1 error; nothing was linted.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingPathOrAnEmptyFolderExitsTwo() throws Exception {
        Cli.Result r = Cli.real().run("lint", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml: no such file or folder").contains("nothing was linted.");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Result e = Cli.real().run("lint", empty.toString());
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err()).contains("no scenario files");
    }

    @Test
    void jsonListsEachFindingOnceForFilesSharingANetwork() throws Exception {
        vpn("suite/a.yaml", "10.0.5.0/24");
        write("suite/b.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: a.yaml\n");
        Cli.Result r = Cli.real().run("lint", "--json", dir.resolve("suite").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        assertThat(json.get("warnings").asInt()).isZero();
        assertThat(json.get("infos").asInt()).isZero();
        assertThat(json.get("findings")).hasSize(1);
        JsonNode f = json.get("findings").get(0);
        assertThat(f.get("file").asText()).endsWith("a.yaml");
        assertThat(f.get("files")).hasSize(2);
        assertThat(f.get("files").get(1).asText()).endsWith("b.yaml");
        assertThat(f.get("severity").asText()).isEqualTo("ERROR");
        assertThat(f.get("rule").asText()).isEqualTo("connected-overlap");
        assertThat(f.get("resource").asText()).isEqualTo("corp");
        assertThat(f.get("message").asText()).contains("10.0.5.0/24");
        assertThat(f.get("reason").asText()).isNotBlank();
        assertThat(f.get("fix").asText()).isNotBlank();
    }

    @Test
    void warningsAloneExitZero() {
        Cli.Result r = Cli.with(engine(openEndpointCluster(true))).run("lint", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("! WARNING  prod  cluster prod's public API endpoint (public only) accepts requests from anywhere")
                .contains("[public-endpoint-open]").endsWith("0 errors, 1 warning, 0 infos\n");
    }

    @Test
    void anEksErrorExitsOne() {
        Cli.Result r = Cli.with(engine(openEndpointCluster(false))).run("lint", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("✗ ERROR    prod  cluster prod's 2 cluster subnets are all in us-west-2a");
    }

    @Test
    void severityIsColouredOnATerminalUnlessNoColor() {
        Cli tty = new Cli(engine(openEndpointCluster(false)), true, Map.of());
        assertThat(tty.run("lint", dir.toString()).out()).contains("\u001b[1;31m✗ ERROR  \u001b[0m").contains("\u001b[33m! WARNING\u001b[0m");
        Cli plain = new Cli(engine(openEndpointCluster(false)), true, Map.of());
        assertThat(plain.run("lint", "--no-color", dir.toString()).out()).contains("✗ ERROR").doesNotContain("\u001b[");
    }

    @Test
    void helpDescribesTheCommand() {
        Cli.Result r = Cli.real().run("lint", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: reachsim lint").contains("PATH...").contains("--json").contains("--no-color")
                .contains("1   at least one ERROR finding");
        assertThat(Cli.real().run("--help").out()).contains("lint");
        Cli.Result none = Cli.real().run("lint");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("PATH");
    }

    // ------------------------------------------------------------------ an EKS network, built by hand

    /** Cluster prod with its public endpoint open to 0.0.0.0/0; its two /28 cluster subnets in two AZs, or both in one. */
    private static Network openEndpointCluster(boolean twoAzs) {
        Network.Builder b = Network.builder().region("us-west-2");
        b.add(new Vpc("vpc-main", "us-west-2", List.of(Cidr.parse("10.0.0.0/16")), List.of(), true, true, "d", "a", "rt-main"));
        b.add(new Subnet("cluster-a", "vpc-main", "us-west-2a", Cidr.parse("10.0.2.0/28"), null, null, null, Map.of()));
        b.add(new Subnet("cluster-b", "vpc-main", twoAzs ? "us-west-2b" : "us-west-2a", Cidr.parse("10.0.2.16/28"), null, null, null, Map.of()));
        b.add(new EksCluster("prod", "vpc-main", List.of("cluster-a", "cluster-b"), 4,
                new EksCluster.EndpointAccess(true, false, List.of(Cidr.ANY_V4)), List.of(), "eks-cluster-sg-prod", List.of(),
                new EksCluster.PodNetworking(Map.of(), false, List.of(), "strict"), List.of(), Ip.parse("52.12.0.10")));
        return b.build();
    }

    private static Engine engine(Network network) {
        return new Engine() {
            @Override
            public List<Scenario> load(List<Path> paths) {
                return List.of(new Scenario("eks/prod.yaml", "prod", "", network, List.of()));
            }

            @Override
            public Network loadNetwork(Path file) throws LoadException {
                throw new UnsupportedOperationException();
            }

            @Override
            public EndpointRef endpoint(String text, Network n) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SuiteResult run(List<Scenario> scenarios, Consumer<ScenarioResult> progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ExpectationResult check(Network n, Expectation expectation) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
