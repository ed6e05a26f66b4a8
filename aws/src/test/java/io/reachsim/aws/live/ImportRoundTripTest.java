package io.reachsim.aws.live;

import io.reachsim.aws.replay.Replay;
import io.reachsim.aws.replay.ReplayServer;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.load.SnapshotImport;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live import → snapshot folder → the snapshot reader (io.reachsim.aws.snapshot, found through the
 * simulator's SnapshotImporter SPI) → a scenario that imports the folder → the suite runner: what
 * {@code reachsim import aws} followed by {@code reachsim run} does.
 */
class ImportRoundTripTest {
    @TempDir
    Path dir;

    private ReplayServer server;

    @BeforeEach
    void start() throws IOException {
        server = ReplayServer.start("replay");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path snapshot() throws ImportException {
        Path out = dir.resolve("snap");
        try (AwsConnection c = Replay.connect(server)) {
            ImportReport report = new LiveImport(c, null).run(out);
            assertThat(report.partial()).as(report.failures().toString()).isFalse();
        }
        return out;
    }

    @Test
    void theReaderBuildsTheNetworkTheImportSaw() throws Exception {
        Path snap = snapshot();

        ScenarioLoader loader = new ScenarioLoader();
        Network net = loader.loadNetwork(snap);

        assertThat(net.region()).isEqualTo("us-east-1");
        assertThat(net.vpcs()).extracting(v -> v.id()).containsExactly("vpc-1a2b3c4d");
        // Both pages of describe-subnets made it into the network.
        assertThat(net.subnets()).extracting(s -> s.id()).contains("subnet-9d4a7b6c", "subnet-6e7f829e");
        assertThat(net.instances()).extracting(i -> i.id()).contains("i-1234567890abcdef0", "i-0598c7d356eba48d7");
        assertThat(net.internetGateways()).extracting(g -> g.id()).containsExactly("igw-c0a643a9");
        assertThat(net.prefixLists()).anySatisfy(p -> assertThat(p.id()).isEqualTo("pl-63a5400a"));
        // The import's own report is no snapshot file: the reader does not mention it.
        assertThat(net.eksClusters()).extracting(c -> c.name()).containsExactly("prod");
        assertThat(net.loadBalancers()).hasSize(1);
        assertThat(net.transitGateways()).hasSize(1);
        // Every file the import wrote is read, except the three the reader has no use for (yet): EKS's
        // list-clusters and list-nodegroups (their describe-* twins carry the same and more) and Lattice auth
        // policies. The import's own record of its calls is hidden, so no reader sees it.
        SnapshotImport read = loader.snapshots().get(0);
        assertThat(read.warnings()).allSatisfy(w -> assertThat(w.toString())
                .containsAnyOf("eks-list-clusters.json", "eks-list-nodegroups--prod.json", "vpc-lattice-get-auth-policy--"));
        assertThat(read.warnings().toString()).doesNotContain(ImportReport.FILE);
    }

    @Test
    void aScenarioImportingTheSnapshotRunsAgainstAwsIds() throws Exception {
        snapshot();
        Path scenario = dir.resolve("app.yaml");
        Files.writeString(scenario, """
                apiVersion: reachsim/v1
                name: imported
                network:
                  import: snap
                expect:
                  - name: web reaches the database
                    from: instance:i-1234567890abcdef0
                    to: instance:i-0598c7d356eba48d7
                    port: 5432
                    reachable: true
                  - name: the database refuses ssh from web
                    from: instance:i-1234567890abcdef0
                    to: instance:i-0598c7d356eba48d7
                    port: 22
                    reachable: false
                    because: ENI_SG_RULES_MISMATCH
                  - name: the internet reaches web on port 80 through its public address
                    from: internet
                    to: instance:i-1234567890abcdef0
                    port: 80
                    reachable: true
                    via: [igw-c0a643a9]
                  - name: the internet cannot reach the database
                    from: internet
                    to: instance:i-0598c7d356eba48d7
                    port: 5432
                    reachable: false
                """);

        List<Scenario> scenarios = new ScenarioLoader().load(List.of(scenario));
        SuiteResult result = new SuiteRunner().run(scenarios, r -> { });

        List<ExpectationResult> results = result.scenarios().get(0).expectations();
        assertThat(results).hasSize(4);
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.expectation().name() + ": " + r.mismatches()).isTrue());
    }
}
