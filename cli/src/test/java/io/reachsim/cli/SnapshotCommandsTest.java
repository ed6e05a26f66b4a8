package io.reachsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshot folders (DESIGN §6) where the commands accept a network: the real loader, which finds the
 * reachsim-aws importer on the class path, on the shipped example scenarios/snapshots/web-app.
 */
class SnapshotCommandsTest {
    @TempDir
    Path dir;

    static Path shipped() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path p : List.of(module.resolve("../scenarios/snapshots"), module.resolve("scenarios/snapshots"))) {
            if (Files.isDirectory(p)) return p.normalize();
        }
        throw new IllegalStateException("no scenarios/snapshots folder next to " + module);
    }

    @Test
    void runPrintsTheImportSummaryAndWhatWasSkippedThenTheTable() {
        Cli.Result r = Cli.real().run("run", "--no-color", shipped().resolve("web-app.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        assertThat(r.err()).contains("import: " + shipped().resolve("web-app") + ": 19 files, 1 account, 1 region (us-east-2); read 1 VPC, 2 subnets,");
        assertThat(r.err()).contains("skipped instance 'i-0ab1c2d3e4f5a6b7c': state is stopped");
        assertThat(r.err()).contains("skipped route to 172.31.64.0/20 in 'rtb-07a98f76e5EXAMPLE': routes to a carrier gateway");
        assertThat(r.out()).contains("11 expectations").contains("the old data centre's route is a blackhole");
    }

    @Test
    void importReportPrintsEverythingReadAndSkipped() {
        Cli.Result r = Cli.real().run("run", "--no-color", "--import-report", shipped().resolve("web-app.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        assertThat(r.err()).contains("\nread\n").contains("  security groups").contains("\nskipped (")
                .contains("route to 172.31.64.0/20 in 'rtb-07a98f76e5EXAMPLE': routes to a carrier gateway").contains("\nnotes (");
        assertThat(r.err()).doesNotContain("more (--import-report");
    }

    @Test
    void traceTakesASnapshotFolderAsItsNetwork() {
        Cli.Result r = Cli.real().run("trace", "--no-color", "--network", shipped().resolve("web-app").toString(),
                "--from", "internet:8.8.8.8", "--to", "instance:i-1234567890abcdef0", "--port", "22");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("ENI_SG_RULES_MISMATCH").contains("sg-0b0384b66dEXAMPLE").contains("igw-0d0fb496b3EXAMPLE");
        assertThat(r.err()).startsWith("import: ");

        Cli.Result ok = Cli.real().run("trace", "--json", "--network", shipped().resolve("web-app").toString(),
                "--from", "instance:i-0598c7d356eba48d7", "--to", "aws:s3", "--port", "443");
        assertThat(ok.exitCode()).as(ok.toString()).isEqualTo(0);
        assertThat(ok.out()).startsWith("{").contains("\"reachable\" : true").contains("vpce-032a826a");
    }

    @Test
    void lintTakesASnapshotFolder() {
        Cli.Result r = Cli.real().run("lint", "--no-color", shipped().resolve("web-app").toString());
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        assertThat(r.err()).startsWith("import: ").doesNotContain("internal error");
    }

    @Test
    void malformedSnapshotFilesAreBadInputWithPositionsAllAtOnce() throws Exception {
        Path snap = Files.createDirectories(dir.resolve("snap"));
        Files.writeString(snap.resolve("vpcs.json"), "{\"Vpcs\": [\n  {\"VpcId\": \"vpc-1\" \"CidrBlock\": \"10.0.0.0/16\"}\n]}\n");
        Files.writeString(snap.resolve("subnets.json"), "{\"Subnets\": [}");
        Cli.Result r = Cli.real().run("trace", "--network", snap.toString(), "--from", "internet", "--to", "internet:1.1.1.1", "--port", "443");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(snap.resolve("vpcs.json") + ":2:21").contains(snap.resolve("subnets.json") + ":1:14")
                .contains("(for the array starting at line 1, column 13)").doesNotContain("REDACTED")
                .contains("2 errors; nothing was traced.");
    }
}
