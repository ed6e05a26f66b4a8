package io.reachsim.aws.replay;

import io.reachsim.aws.replay.ReplayServer.Request;
import io.reachsim.aws.replay.ReplayServer.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reachability Analyzer's answers for the fixture network (replay/README.md), from the fixtures under
 * {@code replay/ec2/analyses/}: the first DescribeNetworkInsightsAnalyses says every analysis is still
 * running, later ones give the verdict of the path each analyses. Port 22 to the database is refused by
 * its security group (ENI_SG_RULES_MISMATCH at sg-9bf6ceff); every other path is found, including
 * internet → database, which reachsim rightly calls unreachable: a disagreement on purpose, so that
 * the disagreement output is exercised.
 */
public final class AnalyzerStandIn {
    private final ReplayServer server;
    private final AtomicInteger describes = new AtomicInteger();

    private AnalyzerStandIn(ReplayServer server) {
        this.server = server;
    }

    public static void install(ReplayServer server) {
        AnalyzerStandIn s = new AnalyzerStandIn(server);
        server.handle("ec2/DescribeNetworkInsightsAnalyses", s::describe);
    }

    private Response describe(Request req) {
        boolean first = describes.incrementAndGet() == 1;
        StringBuilder items = new StringBuilder();
        for (int i = 1; req.param("NetworkInsightsAnalysisId." + i) != null; i++) {
            String analysis = req.param("NetworkInsightsAnalysisId." + i);
            Request start = nth("ec2/StartNetworkInsightsAnalysis", analysis, "nia-02207aa13eb480c");
            String path = start.param("NetworkInsightsPathId");
            Request create = nth("ec2/CreateNetworkInsightsPath", path, "nip-0b26f224f1d131f");
            Map<String, String> values = new HashMap<>(Map.of("analysis", analysis, "path", path));
            String fixture;
            if (first) {
                fixture = "running.xml";
            } else if ("22".equals(create.param("DestinationPort"))) {
                fixture = "not-found.xml";
                values.put("code", "ENI_SG_RULES_MISMATCH");
                values.put("component", "sg-9bf6ceff");
            } else {
                fixture = "found.xml";
            }
            items.append(server.fixture("ec2/analyses/" + fixture, values));
        }
        return Response.xml(200, server.fixture("ec2/analyses/envelope.xml", Map.of("items", items.toString())));
    }

    /** The request that created {@code id}: ids end in the fixture's ${seq}, the request's 1-based position. */
    private Request nth(String key, String id, String prefix) {
        List<Request> all = server.requests(key);
        return all.get(Integer.parseInt(id.substring(prefix.length())) - 1);
    }
}
