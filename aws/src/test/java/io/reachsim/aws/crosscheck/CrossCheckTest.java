package io.reachsim.aws.crosscheck;

import io.reachsim.aws.live.AwsConnection;
import io.reachsim.aws.replay.AnalyzerStandIn;
import io.reachsim.aws.replay.Replay;
import io.reachsim.aws.replay.ReplayServer;
import io.reachsim.aws.replay.ReplayServer.Request;
import io.reachsim.aws.replay.ReplayServer.Response;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-check against {@link ReplayServer} standing in for EC2's Reachability Analyzer API
 * (https://docs.aws.amazon.com/vpc/latest/reachability/getting-started-cli.html), answering through
 * {@link AnalyzerStandIn}.
 */
class CrossCheckTest {
    private ReplayServer server;
    private AwsConnection connection;
    private List<Scenario> scenarios;

    @BeforeEach
    void start() throws Exception {
        server = ReplayServer.start("replay");
        AnalyzerStandIn.install(server);
        connection = Replay.connect(server);
        scenarios = new ScenarioLoader().load(List.of(Path.of(getClass().getResource("/crosscheck/app.yaml").toURI())));
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    private CrossCheck.Result run(int limit, List<String> progress) throws InterruptedException {
        CrossCheck.Plan plan = CrossCheck.plan(scenarios.get(0).network(), scenarios);
        ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(connection.ec2(), Duration.ofSeconds(2), Duration.ofMinutes(5), d -> { });
        return CrossCheck.run(plan, limit, analyzer, progress::add);
    }

    @Test
    void plansOnlyWhatTheAnalyzerSupportsWithoutCallingAws() {
        CrossCheck.Plan plan = CrossCheck.plan(scenarios.get(0).network(), scenarios);

        assertThat(plan.planned()).extracting(q -> q.path().text()).containsExactly(
                "i-1234567890abcdef0 → i-0598c7d356eba48d7 tcp/5432",
                "i-1234567890abcdef0 → i-0598c7d356eba48d7 tcp/22",
                "igw-c0a643a9 → i-0598c7d356eba48d7 tcp/5432");
        assertThat(plan.skipped()).extracting(CrossCheck.Question::skipReason).containsExactly(
                "subnet:subnet-6e7f829e: a subnet is no Reachability Analyzer resource (name an instance or eni:) as a source",
                "protocol icmp: Reachability Analyzer paths are tcp or udp");
        assertThat(CrossCheckText.plan(plan, Integer.MAX_VALUE)).contains("cost: 3 analyses × $0.10 = $0.30");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void createsStartsPollsComparesAndDeletes() throws Exception {
        List<String> progress = new ArrayList<>();
        CrossCheck.Result result = run(10, progress);

        List<Request> creates = server.requests("ec2/CreateNetworkInsightsPath");
        assertThat(creates).extracting(r -> r.param("Source"), r -> r.param("Destination"), r -> r.param("Protocol"), r -> r.param("DestinationPort"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("i-1234567890abcdef0", "i-0598c7d356eba48d7", "tcp", "5432"),
                        org.assertj.core.groups.Tuple.tuple("i-1234567890abcdef0", "i-0598c7d356eba48d7", "tcp", "22"),
                        org.assertj.core.groups.Tuple.tuple("igw-c0a643a9", "i-0598c7d356eba48d7", "tcp", "5432"));
        assertThat(creates.get(0).param("TagSpecification.1.ResourceType")).isEqualTo("network-insights-path");
        assertThat(creates.get(0).param("TagSpecification.1.Tag.1.Key")).isEqualTo("reachsim");
        assertThat(creates.get(0).param("ClientToken")).isNotBlank();
        assertThat(server.requests("ec2/StartNetworkInsightsAnalysis")).extracting(r -> r.param("NetworkInsightsPathId"))
                .containsExactly("nip-0b26f224f1d131f1", "nip-0b26f224f1d131f2", "nip-0b26f224f1d131f3");
        // Polled until no analysis was running: the first answer said running, the second had the verdicts.
        assertThat(server.requests("ec2/DescribeNetworkInsightsAnalyses")).hasSize(2);

        assertThat(result.rows()).extracting(r -> r.agreement()).containsExactly(
                CrossCheck.Agreement.AGREE, CrossCheck.Agreement.AGREE, CrossCheck.Agreement.DISAGREE);
        assertThat(result.rows().get(1).aws().codes()).containsExactly("ENI_SG_RULES_MISMATCH");
        assertThat(result.rows().get(1).question().oursCode()).isEqualTo("ENI_SG_RULES_MISMATCH");

        // Everything created is deleted, analyses before their paths.
        List<String> keys = server.keys();
        assertThat(server.requests("ec2/DeleteNetworkInsightsAnalysis")).extracting(r -> r.param("NetworkInsightsAnalysisId"))
                .containsExactly("nia-02207aa13eb480c1", "nia-02207aa13eb480c2", "nia-02207aa13eb480c3");
        assertThat(server.requests("ec2/DeleteNetworkInsightsPath")).extracting(r -> r.param("NetworkInsightsPathId"))
                .containsExactly("nip-0b26f224f1d131f1", "nip-0b26f224f1d131f2", "nip-0b26f224f1d131f3");
        assertThat(keys.lastIndexOf("ec2/DeleteNetworkInsightsAnalysis")).isLessThan(keys.indexOf("ec2/DeleteNetworkInsightsPath"));
        assertThat(result.deleted()).hasSize(6);
        assertThat(result.cleanupProblems()).isEmpty();

        String text = CrossCheckText.result(result);
        assertThat(text)
                .contains("✓ agree     web reaches the database")
                .contains("✗ DISAGREE  the internet cannot reach the database")
                .contains("    AWS       reachable (NetworkPathFound: true)")
                .contains("    AWS       unreachable (NetworkPathFound: false)  ENI_SG_RULES_MISMATCH at sg-9bf6ceff")
                .contains("    reachsim  unreachable  ENI_SG_RULES_MISMATCH at sg-9bf6ceff")
                .contains("a host in the private subnet pings web — subnet:subnet-6e7f829e: a subnet is no Reachability Analyzer resource")
                .contains("3 analyses: 2 agree, 1 disagree, 0 without an answer · deleted 6 paths and analyses");
    }

    @Test
    void maxAnalysesCapsWhatIsSentAndListsTheRest() throws Exception {
        CrossCheck.Result result = run(1, new ArrayList<>());

        assertThat(server.requests("ec2/CreateNetworkInsightsPath")).hasSize(1);
        assertThat(result.rows()).hasSize(1);
        assertThat(result.overLimit()).extracting(CrossCheck.Question::name)
                .containsExactly("the database does not take ssh from web", "the internet cannot reach the database");
        assertThat(CrossCheckText.result(result)).contains("the internet cannot reach the database — over --max-analyses");
    }

    @Test
    void deletesWhatItCreatedWhenAnAwsCallFails() throws Exception {
        server.handle("ec2/DescribeNetworkInsightsAnalyses",
                req -> Response.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
        server.enqueue("ec2/DeleteNetworkInsightsPath", Response.ec2Error(400, "InvalidNetworkInsightsPathId.NotFound", "The path does not exist."));

        CrossCheck.Result result = run(2, new ArrayList<>());

        assertThat(result.rows()).extracting(CrossCheck.Row::agreement).containsOnly(CrossCheck.Agreement.NO_ANSWER);
        assertThat(result.rows().get(0).aws().statusMessage()).contains("UnauthorizedOperation");
        assertThat(server.requests("ec2/DeleteNetworkInsightsAnalysis")).hasSize(2);
        assertThat(server.requests("ec2/DeleteNetworkInsightsPath")).hasSize(2);
        assertThat(result.cleanupProblems()).containsExactly("could not delete nip-0b26f224f1d131f1 (InvalidNetworkInsightsPathId.NotFound: "
                + "The path does not exist.): aws ec2 delete-network-insights-path --network-insights-path-id nip-0b26f224f1d131f1");
        assertThat(result.deleted()).hasSize(3);
    }

    @Test
    void aStillRunningAnalysisAfterTheWaitIsNoAnswerAndStillDeleted() throws Exception {
        server.handle("ec2/DescribeNetworkInsightsAnalyses", req -> {
            Map<String, String> v = Map.of("analysis", req.param("NetworkInsightsAnalysisId.1"), "path", "nip-0b26f224f1d131f1");
            return Response.xml(200, server.fixture("ec2/analyses/envelope.xml", Map.of("items", server.fixture("ec2/analyses/running.xml", v))));
        });
        CrossCheck.Plan plan = CrossCheck.plan(scenarios.get(0).network(), scenarios);
        List<Duration> slept = new ArrayList<>();
        ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(connection.ec2(), Duration.ofSeconds(2), Duration.ofSeconds(10), slept::add);

        CrossCheck.Result result = CrossCheck.run(plan, 1, analyzer, s -> { });

        assertThat(server.requests("ec2/DescribeNetworkInsightsAnalyses")).hasSize(5);
        assertThat(slept).hasSize(4).containsOnly(Duration.ofSeconds(2));
        assertThat(result.rows().get(0).aws().status()).isEqualTo("running");
        assertThat(result.rows().get(0).agreement()).isEqualTo(CrossCheck.Agreement.NO_ANSWER);
        assertThat(server.requests("ec2/DeleteNetworkInsightsPath")).hasSize(1);
    }

    @Test
    void withoutCredentialsNothingIsStartedAndOneSentenceSaysWhy() throws Exception {
        AwsConnection.Settings none = new AwsConnection.Settings("us-east-1", null, null, server.endpoint(), () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create(
                    "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)");
        }, Replay::fastAdaptiveRetry);
        CrossCheck.Plan plan = CrossCheck.plan(scenarios.get(0).network(), scenarios);
        try (AwsConnection c = new AwsConnection(none)) {
            List<String> progress = new ArrayList<>();
            CrossCheck.Result result = CrossCheck.run(plan, 10, new ReachabilityAnalyzer(c.ec2(), Duration.ofSeconds(2),
                    Duration.ofMinutes(1), d -> { }), progress::add);

            assertThat(result.rows()).extracting(CrossCheck.Row::agreement).containsOnly(CrossCheck.Agreement.NO_ANSWER);
            assertThat(result.rows().get(0).aws().statusMessage()).startsWith("no AWS credentials found");
            assertThat(result.rows().get(2).aws().statusMessage()).startsWith("not started: no AWS credentials found");
            assertThat(progress).containsExactly("could not reach AWS: " + result.rows().get(0).aws().statusMessage());
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void costIsPricePerAnalysisTimesAnalyses() {
        assertThat(CrossCheck.cost(1)).isEqualTo("1 analysis × $0.10 = $0.10");
        assertThat(CrossCheck.cost(25)).isEqualTo("25 analyses × $0.10 = $2.50");
    }
}
