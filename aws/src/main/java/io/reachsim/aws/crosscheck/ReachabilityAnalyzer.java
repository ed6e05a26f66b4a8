package io.reachsim.aws.crosscheck;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks AWS Reachability Analyzer about paths, as its CLI guide does
 * (https://docs.aws.amazon.com/vpc/latest/reachability/getting-started-cli.html): CreateNetworkInsightsPath,
 * StartNetworkInsightsAnalysis, DescribeNetworkInsightsAnalyses until the status leaves {@code running}
 * (bounded by a number of polls), and DeleteNetworkInsightsAnalysis / DeleteNetworkInsightsPath for
 * everything it created, through {@link #close()}, whatever happened before. Paths and analyses carry
 * the tag {@code reachsim=crosscheck} so a leftover (after a kill -9) can be found.
 */
public final class ReachabilityAnalyzer implements AutoCloseable {
    public static final String TAG_KEY = "reachsim";
    public static final String TAG_VALUE = "crosscheck";

    private final Ec2Client ec2;
    private final Duration pollInterval;
    private final int maxPolls;
    private final Sleeper sleeper;
    private final List<String> paths = new ArrayList<>();
    private final List<String> analyses = new ArrayList<>();
    private final List<String> cleanupProblems = new ArrayList<>();
    private boolean closed;

    /** Polls every {@code pollInterval} until {@code maxWait} has passed (at least one poll). */
    public ReachabilityAnalyzer(Ec2Client ec2, Duration pollInterval, Duration maxWait, Sleeper sleeper) {
        this.ec2 = ec2;
        this.pollInterval = pollInterval;
        this.maxPolls = (int) Math.max(1, maxWait.toMillis() / Math.max(1, pollInterval.toMillis()));
        this.sleeper = sleeper;
    }

    /** Creates the path and starts its analysis; returns the analysis id. Throws AWS's error as is. */
    public synchronized String start(AnalyzerPath p) {
        if (closed) throw new IllegalStateException("closed");
        CreateNetworkInsightsPathResponse created = ec2.createNetworkInsightsPath(r -> {
            r.clientToken(UUID.randomUUID().toString())
                    .source(p.source())
                    .protocol(p.protocol())
                    .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INSIGHTS_PATH).tags(g -> g.key(TAG_KEY).value(TAG_VALUE)));
            if (p.destination() != null) r.destination(p.destination());
            if (p.destinationIp() != null) r.destinationIp(p.destinationIp());
            if (p.destinationPort() != null) r.destinationPort(p.destinationPort());
        });
        String pathId = created.networkInsightsPath().networkInsightsPathId();
        paths.add(pathId);
        StartNetworkInsightsAnalysisResponse started = ec2.startNetworkInsightsAnalysis(r -> r
                .clientToken(UUID.randomUUID().toString())
                .networkInsightsPathId(pathId)
                .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INSIGHTS_ANALYSIS).tags(g -> g.key(TAG_KEY).value(TAG_VALUE))));
        String analysisId = started.networkInsightsAnalysis().networkInsightsAnalysisId();
        analyses.add(analysisId);
        return analysisId;
    }

    /**
     * Polls the analyses until none is {@code running} or the wait is over; a still-running one comes
     * back with status {@code running} and no verdict.
     */
    public Map<String, AwsVerdict> await(List<String> analysisIds) throws InterruptedException {
        Map<String, AwsVerdict> done = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(analysisIds);
        for (int poll = 0; poll < maxPolls && !pending.isEmpty(); poll++) {
            if (poll > 0) sleeper.sleep(pollInterval);
            for (NetworkInsightsAnalysis a : describe(pending)) {
                if (a.status() == null || "running".equals(a.statusAsString())) continue;
                done.put(a.networkInsightsAnalysisId(), verdict(a));
                pending.remove(a.networkInsightsAnalysisId());
            }
        }
        for (String id : pending) {
            done.put(id, new AwsVerdict(id, "running", null, List.of(), "no result after " + maxPolls + " polls (--wait)"));
        }
        return done;
    }

    private List<NetworkInsightsAnalysis> describe(List<String> ids) {
        List<NetworkInsightsAnalysis> out = new ArrayList<>();
        ec2.describeNetworkInsightsAnalysesPaginator(r -> r.networkInsightsAnalysisIds(ids))
                .forEach(page -> out.addAll(page.networkInsightsAnalyses()));
        return out;
    }

    static AwsVerdict verdict(NetworkInsightsAnalysis a) {
        List<AwsVerdict.Explanation> ex = new ArrayList<>();
        for (var e : a.explanations()) {
            String component = e.component() != null ? e.component().id() : null;
            ex.add(new AwsVerdict.Explanation(e.explanationCode(), component));
        }
        return new AwsVerdict(a.networkInsightsAnalysisId(), a.statusAsString(), a.networkPathFound(), ex, a.statusMessage());
    }

    /** What could not be deleted, with the command that deletes it (empty when all went). */
    public synchronized List<String> cleanupProblems() {
        return List.copyOf(cleanupProblems);
    }

    /** The ids created so far: analyses, then paths. */
    public synchronized List<String> created() {
        List<String> all = new ArrayList<>(analyses);
        all.addAll(paths);
        return all;
    }

    /** Deletes every analysis, then every path (a path with analyses cannot be deleted). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (String id : analyses) {
            try {
                ec2.deleteNetworkInsightsAnalysis(r -> r.networkInsightsAnalysisId(id));
            } catch (SdkException e) {
                cleanupProblems.add("could not delete " + id + " (" + why(e) + "): aws ec2 delete-network-insights-analysis --network-insights-analysis-id " + id);
            }
        }
        for (String id : paths) {
            try {
                ec2.deleteNetworkInsightsPath(r -> r.networkInsightsPathId(id));
            } catch (SdkException e) {
                cleanupProblems.add("could not delete " + id + " (" + why(e) + "): aws ec2 delete-network-insights-path --network-insights-path-id " + id);
            }
        }
    }

    static String why(SdkException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            return a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage();
        }
        return io.reachsim.aws.live.AwsConnection.explain(e);
    }
}
