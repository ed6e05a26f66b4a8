package io.reachsim.aws.crosscheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cross-check for machines: {@code {"analyses": [{"name", "scenario", "path": {...}, "reachsim":
 * {"reachable", "code", "component"}, "aws": {"analysisId", "status", "networkPathFound",
 * "explanations": [{"code", "component"}], "statusMessage"}, "agreement": "AGREE"|"DISAGREE"|"NO_ANSWER"}],
 * "skipped": [{"name", "scenario", "reason"}], "agree": N, "disagree": N, "noAnswer": N, "cost": "..."}}.
 * Fields may be added, not renamed.
 */
public final class CrossCheckJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CrossCheckJson() {
    }

    public static String write(CrossCheck.Result r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode analyses = root.putArray("analyses");
        for (CrossCheck.Row row : r.rows()) {
            CrossCheck.Question q = row.question();
            ObjectNode a = analyses.addObject();
            a.put("name", q.name());
            a.put("scenario", q.scenario());
            ObjectNode p = a.putObject("path");
            p.put("source", q.path().source());
            p.put("destination", q.path().destination());
            p.put("destinationIp", q.path().destinationIp());
            p.put("protocol", q.path().protocol());
            p.put("destinationPort", q.path().destinationPort());
            ObjectNode ours = a.putObject("reachsim");
            ours.put("reachable", q.oursReachable());
            ours.put("code", q.oursCode());
            ours.put("drop", q.oursDrop());
            ObjectNode aws = a.putObject("aws");
            AwsVerdict v = row.aws();
            if (v != null) {
                aws.put("analysisId", v.analysisId());
                aws.put("status", v.status());
                aws.put("networkPathFound", v.networkPathFound());
                ArrayNode ex = aws.putArray("explanations");
                for (AwsVerdict.Explanation e : v.explanations()) ex.addObject().put("code", e.code()).put("component", e.component());
                aws.put("statusMessage", v.statusMessage());
            }
            a.put("agreement", row.agreement().name());
        }
        ArrayNode skipped = root.putArray("skipped");
        for (CrossCheck.Question q : r.skipped()) skipped.addObject().put("name", q.name()).put("scenario", q.scenario()).put("reason", q.skipReason());
        for (CrossCheck.Question q : r.overLimit()) skipped.addObject().put("name", q.name()).put("scenario", q.scenario()).put("reason", "over --max-analyses");
        root.put("agree", r.count(CrossCheck.Agreement.AGREE));
        root.put("disagree", r.count(CrossCheck.Agreement.DISAGREE));
        root.put("noAnswer", r.count(CrossCheck.Agreement.NO_ANSWER));
        root.put("cost", CrossCheck.cost(r.rows().size()));
        ArrayNode problems = root.putArray("cleanupProblems");
        r.cleanupProblems().forEach(problems::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
