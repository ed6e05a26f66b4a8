package io.reachsim.aws.crosscheck;

import java.util.List;

/** The cross-check as a person reads it: each analysis with reachsim's answer beside AWS's, disagreements marked. */
public final class CrossCheckText {
    private CrossCheckText() {
    }

    /** What will be asked and what it costs, before anything is sent to AWS. */
    public static String plan(CrossCheck.Plan plan, int limit) {
        StringBuilder b = new StringBuilder();
        int planned = plan.planned().size();
        int run = Math.min(planned, limit);
        b.append(plan.questions().size()).append(plan.questions().size() == 1 ? " expectation: " : " expectations: ")
                .append(planned).append(" map to Reachability Analyzer paths, ").append(plan.skipped().size()).append(" skipped\n");
        b.append("cost: ").append(CrossCheck.cost(run)).append("  (").append(CrossCheck.PRICE_SOURCE).append(")\n");
        if (run < planned) b.append("--max-analyses ").append(limit).append(": ").append(planned - run).append(" planned analyses will not run\n");
        return b.toString();
    }

    public static String result(CrossCheck.Result r) {
        StringBuilder b = new StringBuilder();
        for (CrossCheck.Row row : r.rows()) {
            CrossCheck.Question q = row.question();
            String mark = switch (row.agreement()) {
                case AGREE -> "✓ agree     ";
                case DISAGREE -> "✗ DISAGREE  ";
                case NO_ANSWER -> "? no answer ";
            };
            b.append('\n').append(mark).append(q.name()).append("   ").append(q.scenario()).append('\n');
            b.append("    path      ").append(q.path().text()).append('\n');
            b.append("    reachsim  ").append(ours(q)).append('\n');
            b.append("    AWS       ").append(aws(row.aws())).append('\n');
            if (row.agreement() == CrossCheck.Agreement.AGREE && Boolean.FALSE.equals(q.oursReachable())
                    && q.oursCode() != null && !row.aws().codes().contains(q.oursCode())) {
                b.append("    (both unreachable; the explanation codes differ)\n");
            }
        }
        if (!r.skipped().isEmpty() || !r.overLimit().isEmpty()) {
            b.append("\nskipped (").append(r.skipped().size() + r.overLimit().size()).append("):\n");
            for (CrossCheck.Question q : r.skipped()) b.append("  ").append(q.name()).append(" — ").append(q.skipReason()).append('\n');
            for (CrossCheck.Question q : r.overLimit()) b.append("  ").append(q.name()).append(" — over --max-analyses\n");
        }
        b.append('\n').append(r.rows().size()).append(r.rows().size() == 1 ? " analysis: " : " analyses: ")
                .append(r.count(CrossCheck.Agreement.AGREE)).append(" agree, ")
                .append(r.count(CrossCheck.Agreement.DISAGREE)).append(" disagree, ")
                .append(r.count(CrossCheck.Agreement.NO_ANSWER)).append(" without an answer");
        b.append(" · deleted ").append(r.deleted().size()).append(" paths and analyses\n");
        for (String p : r.cleanupProblems()) b.append("warning: ").append(p).append('\n');
        return b.toString();
    }

    private static String ours(CrossCheck.Question q) {
        Boolean reachable = q.oursReachable();
        if (reachable == null) return "(not checked)";
        if (reachable) return "reachable (" + q.ours().flows().size() + (q.ours().flows().size() == 1 ? " flow" : " flows") + " delivered)";
        String drop = q.oursDrop();
        return "unreachable" + (drop == null ? "" : "  " + drop);
    }

    private static String aws(AwsVerdict v) {
        if (v == null) return "(no answer)";
        if (!v.succeeded()) {
            return "analysis " + v.status() + (v.statusMessage() == null ? "" : ": " + v.statusMessage())
                    + (v.analysisId() == null ? "" : "  (" + v.analysisId() + ")");
        }
        StringBuilder b = new StringBuilder(v.networkPathFound() ? "reachable" : "unreachable");
        b.append(" (NetworkPathFound: ").append(v.networkPathFound()).append(')');
        List<AwsVerdict.Explanation> ex = v.explanations();
        for (AwsVerdict.Explanation e : ex) {
            b.append("  ").append(e.code()).append(e.component() == null ? "" : " at " + e.component());
        }
        return b.toString();
    }
}
