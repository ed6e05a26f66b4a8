package io.reachsim.cli;

import io.reachsim.aws.replay.AnalyzerStandIn;
import io.reachsim.aws.replay.Replay;
import io.reachsim.aws.replay.ReplayServer;
import io.reachsim.aws.replay.ReplayServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reachsim import aws} and {@code reachsim crosscheck} end to end: the real AWS SDK, with the
 * default credential chain (found here in the aws.accessKeyId / aws.secretAccessKey system properties,
 * the chain's first provider), talking to a {@link ReplayServer} on 127.0.0.1 through --endpoint-url.
 */
class AwsCommandsTest {
    @TempDir
    Path dir;

    private ReplayServer server;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", Replay.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", Replay.SECRET_KEY);
        // Belt and braces: nothing here may ever ask the instance metadata service.
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterAll
    static void forget() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.disableEc2Metadata");
    }

    @BeforeEach
    void start() throws IOException {
        server = ReplayServer.start("replay");
        AnalyzerStandIn.install(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Cli.Result importAws(boolean tty) {
        Cli cli = new Cli(Engine.REAL, tty, Map.of());
        return cli.run("import", "aws", "--region", "us-east-1", "--endpoint-url", server.endpoint().toString(),
                "--out", dir.resolve("snap").toString());
    }

    @Test
    void helpForEachCommand() {
        Cli.Result imp = Cli.real().run("import", "--help");
        assertThat(imp.exitCode()).isZero();
        assertThat(imp.out()).contains("Usage: reachsim import").contains("aws");
        Cli.Result aws = Cli.real().run("import", "aws", "--help");
        assertThat(aws.exitCode()).isZero();
        assertThat(aws.out()).contains("Usage: reachsim import aws").contains("--region=R").contains("--profile=P")
                .contains("--role-arn=A").contains("--endpoint-url=URL").contains("--out=DIR").contains("4   partial snapshot");
        Cli.Result cc = Cli.real().run("crosscheck", "--help");
        assertThat(cc.exitCode()).isZero();
        assertThat(cc.out()).contains("Usage: reachsim crosscheck").contains("--network=N").contains("--yes")
                .contains("--max-analyses=N").contains("--wait=SECONDS").contains("charges per analysis");
        assertThat(Cli.real().run("--help").out()).contains("import").contains("crosscheck");
    }

    @Test
    void importWritesTheSnapshotAndOneProgressLinePerCall() throws IOException {
        Cli.Result r = importAws(false);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("snapshot of account 123456789012 in us-east-1:");
        assertThat(r.err()).contains("importing account 123456789012, us-east-1")
                .containsPattern("  ✓ ec2 describe-subnets +Subnets: 2 \\(2 pages\\)")
                .containsPattern("  ✓ eks describe-cluster prod +cluster: 1")
                .doesNotContain("\r");
        assertThat(dir.resolve("snap/123456789012/us-east-1/describe-vpcs.json")).exists();
        assertThat(r.out() + r.err()).doesNotContain(Replay.SECRET_KEY);
        assertThat(filesContaining(dir, Replay.SECRET_KEY)).isEmpty();
    }

    @Test
    void profileNamesTheCredentialsOfTheSharedFiles() throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[audit]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
                + "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n");
        Path config = dir.resolve("config");
        Files.writeString(config, "");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", config.toString());
        try {
            Cli.Result r = Cli.real().run("import", "aws", "--region", "us-east-1", "--profile", "audit",
                    "--endpoint-url", server.endpoint().toString(), "--out", dir.resolve("snap").toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(server.requests("sts/GetCallerIdentity").get(0).headers().get("Authorization").get(0))
                    .contains("Credential=AKIAI44QH8DHBEXAMPLE/");
            assertThat(filesContaining(dir.resolve("snap"), "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")).isEmpty();
            assertThat(r.out() + r.err()).doesNotContain("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");

            Cli.Result missing = Cli.real().run("import", "aws", "--region", "us-east-1", "--profile", "nope",
                    "--endpoint-url", server.endpoint().toString(), "--out", dir.resolve("snap2").toString());
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
            assertThat(missing.err()).contains("import aws: sts get-caller-identity:").contains("nope");
        } finally {
            System.clearProperty("aws.sharedCredentialsFile");
            System.clearProperty("aws.configFile");
        }
    }

    @Test
    void onATerminalTheCallUnderWayIsRewrittenInPlace() {
        Cli.Result r = importAws(true);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("\rec2 describe-vpcs …").contains("  ✓ ec2 describe-vpcs");
    }

    @Test
    void aRefusedApiMakesThePartialExitCode() {
        server.enqueue("ec2/DescribeNatGateways", Response.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        Cli.Result r = importAws(false);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).containsPattern("  ✗ ec2 describe-nat-gateways +denied: UnauthorizedOperation");
        assertThat(r.out()).contains("partial: 1 of").contains("ec2 describe-nat-gateways  denied: UnauthorizedOperation: You are not authorized");
        assertThat(dir.resolve("snap/123456789012/us-east-1/describe-route-tables.json")).exists();
    }

    @Test
    void importWithoutValidCredentialsWritesNothing() {
        server.enqueue("sts/GetCallerIdentity", Response.queryError(403, ReplayServer.STS_NS, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        Cli.Result r = importAws(false);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("import aws: sts get-caller-identity: InvalidClientTokenId");
        assertThat(dir.resolve("snap/123456789012")).doesNotExist();
    }

    private Path scenario() throws IOException {
        Path f = dir.resolve("app.yaml");
        try (InputStream in = AwsCommandsTest.class.getResourceAsStream("/crosscheck/app.yaml")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void crosscheckStatesTheCostAndSendsNothingWithoutConsent() throws IOException {
        Path f = scenario();
        Cli.Result r = Cli.real().run("crosscheck", "--network", f.toString(), "--endpoint-url", server.endpoint().toString(), f.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("5 expectations: 3 map to Reachability Analyzer paths, 2 skipped")
                .contains("cost: 3 analyses × $0.10 = $0.30  (https://aws.amazon.com/vpc/pricing/");
        assertThat(r.err()).contains("nothing was sent to AWS: this runs 3 analyses × $0.10 = $0.30. Add --yes to run them, or --max-analyses N");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void crosscheckWithYesPrintsBothVerdictsAndFailsOnADisagreement() throws IOException {
        Path f = scenario();
        Cli.Result r = Cli.real().run("crosscheck", "--network", f.toString(), "--endpoint-url", server.endpoint().toString(),
                "--wait", "60", "--yes", f.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("✗ DISAGREE  the internet cannot reach the database")
                .contains("3 analyses: 2 agree, 1 disagree, 0 without an answer · deleted 6 paths and analyses");
        assertThat(r.err()).contains("started nia-02207aa13eb480c1  i-1234567890abcdef0 → i-0598c7d356eba48d7 tcp/5432");
        assertThat(server.requests("ec2/DeleteNetworkInsightsPath")).hasSize(3);

        Path report = dir.resolve("out/crosscheck.json");
        Cli.Result again = Cli.real().run("crosscheck", "--network", f.toString(), "--endpoint-url", server.endpoint().toString(),
                "--yes", "--json", report.toString(), f.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
        assertThat(j.get("disagree").asInt()).isEqualTo(1);
        assertThat(j.get("analyses").get(2).get("agreement").asText()).isEqualTo("DISAGREE");
        assertThat(j.get("analyses").get(2).get("reachsim").get("code").asText()).isEqualTo("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS");
        assertThat(j.get("analyses").get(1).get("aws").get("explanations").get(0).get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(j.get("skipped")).hasSize(2);
        assertThat(j.get("cost").asText()).isEqualTo("3 analyses × $0.10 = $0.30");
    }

    @Test
    void crosscheckWithMaxAnalysesRunsNoMore() throws IOException {
        Path f = scenario();
        Cli.Result r = Cli.real().run("crosscheck", "--network", f.toString(), "--endpoint-url", server.endpoint().toString(),
                "--max-analyses", "1", f.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("cost: 1 analysis × $0.10 = $0.10").contains("--max-analyses 1: 2 planned analyses will not run")
                .contains("1 analysis: 1 agree, 0 disagree");
        assertThat(server.requests("ec2/CreateNetworkInsightsPath")).hasSize(1);
    }

    @Test
    void crosscheckUsageErrors() throws IOException {
        Path f = scenario();
        Cli.Result r = Cli.real().run("crosscheck", "--network", f.toString(), "--max-analyses", "0", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-analyses 0: expected 1 or more");
        Cli.Result missing = Cli.real().run("crosscheck", "--network", dir.resolve("nope").toString(), "--yes", f.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope: no such file or folder").contains("nothing was sent to AWS.");
        Cli.Result region = Cli.real().run("import", "aws", "--region", "Frankfurt", "--out", dir.resolve("x").toString());
        assertThat(region.exitCode()).isEqualTo(2);
        assertThat(region.err()).contains("--region 'Frankfurt': expected a region code such as us-east-1");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void importThenRunAndCrosscheckTheSnapshot() throws IOException {
        assertThat(importAws(false).exitCode()).isZero();
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
                  - name: the internet cannot reach the database
                    from: internet
                    to: instance:i-0598c7d356eba48d7
                    port: 5432
                    reachable: false
                """);

        Cli.Result run = Cli.real().run("run", scenario.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("2 passed");

        Cli.Result cc = Cli.real().run("crosscheck", "--network", dir.resolve("snap").toString(),
                "--endpoint-url", server.endpoint().toString(), "--yes", scenario.toString());
        assertThat(cc.exitCode()).as(cc.toString()).isEqualTo(1);
        assertThat(cc.out()).contains("✓ agree     web reaches the database")
                .contains("✗ DISAGREE  the internet cannot reach the database")
                .contains("    path      igw-c0a643a9 → i-0598c7d356eba48d7 tcp/5432");
    }

    static java.util.List<Path> filesContaining(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
