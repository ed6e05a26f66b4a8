package io.reachsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.NetworkDiff;
import io.reachsim.verdict.NetworkDiff.ExpectationChange;
import io.reachsim.verdict.NetworkDiff.FlowChange;
import io.reachsim.verdict.NetworkDiff.Status;

import java.util.List;
import java.util.Locale;

/**
 * {@code reachsim diff} for people (terminal) and machines (JSON). Only what changed is listed:
 * expectations that now fail first, then those fixed, then flows that changed under expectations that
 * still hold; unchanged expectations are counted, not shown.
 */
public final class DiffReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Flow lines shown per expectation; the rest are counted. */
    static final int MAX_FLOW_LINES = 5;

    private final TerminalReport.Ansi ansi;
    private final Sentences before;
    private final Sentences after;

    public DiffReport(boolean color, Network before, Network after) {
        this.ansi = new TerminalReport.Ansi(color);
        this.before = new Sentences(before);
        this.after = new Sentences(after);
    }

    public String terminal(NetworkDiff.Result r, String beforeName, String afterName) {
        StringBuilder out = new StringBuilder();
        out.append(ansi.bold("before " + beforeName + "  →  after " + afterName)).append('\n');
        out.append(r.expectations().size()).append(r.expectations().size() == 1 ? " expectation" : " expectations")
                .append(" asked of both\n");
        for (Status s : new Status[] {Status.REGRESSED, Status.FIXED, Status.CHANGED, Status.STILL_FAILING}) {
            for (ExpectationChange c : r.expectations()) {
                if (c.status() != s) continue;
                if (s == Status.STILL_FAILING && c.flows().isEmpty()) continue;
                out.append('\n').append(label(s)).append("  ").append(ansi.bold(name(c.expectation()))).append('\n');
                if (c.before().error() != null) out.append("      before: ").append(c.before().error()).append('\n');
                if (c.after().error() != null) out.append("      after:  ").append(c.after().error()).append('\n');
                int shown = 0;
                for (FlowChange f : c.flows()) {
                    if (shown++ == MAX_FLOW_LINES) {
                        out.append("      … and ").append(c.flows().size() - MAX_FLOW_LINES).append(" more flows\n");
                        break;
                    }
                    out.append("      ").append(flowLine(f)).append('\n');
                }
            }
        }
        out.append('\n').append(summary(r)).append('\n');
        return out.toString();
    }

    /** {@code 1 now fails, 2 fixed, 3 changed paths, 40 unchanged}. */
    public String summary(NetworkDiff.Result r) {
        long reg = r.count(Status.REGRESSED);
        String regressed = reg + " now " + (reg == 1 ? "fails" : "fail");
        return (reg > 0 ? ansi.red(regressed) : regressed) + ", "
                + r.count(Status.FIXED) + " fixed, "
                + r.count(Status.CHANGED) + " still hold with changed flows, "
                + r.count(Status.STILL_FAILING) + " still fail, "
                + r.count(Status.UNCHANGED) + " unchanged; "
                + r.changedFlows() + (r.changedFlows() == 1 ? " flow" : " flows") + " changed";
    }

    private String label(Status s) {
        return switch (s) {
            case REGRESSED -> ansi.red("✗ NOW FAILS ");
            case FIXED -> ansi.green("✓ NOW HOLDS ");
            case CHANGED -> ansi.yellow("~ CHANGED   ");
            case STILL_FAILING -> ansi.red("✗ STILL FAILS");
            case UNCHANGED -> "  UNCHANGED ";
        };
    }

    private String flowLine(FlowChange f) {
        FlowResult any = f.after() != null ? f.after() : f.before();
        String ends = TerminalReport.endpoints(any);
        return switch (f.kind()) {
            case NOW_DROPPED -> ends + "  " + ansi.green("DELIVERED") + " → " + dropped(f.after(), after);
            case NOW_DELIVERED -> ends + "  " + dropped(f.before(), before) + " → " + delivered(f.after());
            case DROPPED_ELSEWHERE -> ends + "  " + dropped(f.before(), before) + " → " + dropped(f.after(), after);
            case PATH_CHANGED -> ends + "  " + ansi.yellow("path") + " " + path(f.before()) + "  →  " + path(f.after());
            case NEW_FLOW -> ends + "  " + ansi.yellow("new flow") + ": " + outcome(f.after(), after);
            case FLOW_GONE -> ends + "  " + ansi.yellow("flow gone") + " (was " + outcome(f.before(), before) + ")";
        };
    }

    private String outcome(FlowResult f, Sentences say) {
        return f.delivered() ? delivered(f) : dropped(f, say);
    }

    private String delivered(FlowResult f) {
        return ansi.green("DELIVERED") + " via " + path(f);
    }

    private String dropped(FlowResult f, Sentences say) {
        return ansi.red("DROPPED") + " " + f.drop().code().name() + " at " + f.drop().component() + ": " + say.reason(f);
    }

    private static String path(FlowResult f) {
        List<String> p = TerminalReport.compactPath(f);
        return p.isEmpty() ? "(direct)" : String.join(" → ", p);
    }

    private static String name(Expectation e) {
        if (e.name() != null && !e.name().isBlank()) return e.name();
        return e.from().text() + " → " + e.to().text() + " " + TerminalReport.question(e);
    }

    /** {@code {"regressed": N, "fixed": N, ..., "expectations": [{"name", "status", "before", "after", "flows": [...]}]}}. */
    public ObjectNode json(NetworkDiff.Result r) {
        JsonReport flows = new JsonReport();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("regressed", r.count(Status.REGRESSED));
        root.put("fixed", r.count(Status.FIXED));
        root.put("changed", r.count(Status.CHANGED));
        root.put("stillFailing", r.count(Status.STILL_FAILING));
        root.put("unchanged", r.count(Status.UNCHANGED));
        root.put("changedFlows", r.changedFlows());
        ArrayNode exps = root.putArray("expectations");
        for (ExpectationChange c : r.expectations()) {
            ObjectNode en = exps.addObject();
            en.put("name", c.expectation().name());
            en.put("from", c.expectation().from().text());
            en.put("to", c.expectation().to().text());
            en.put("status", c.status().name().toLowerCase(Locale.ROOT));
            en.put("passedBefore", c.before().passed());
            en.put("passedAfter", c.after().passed());
            if (c.before().error() != null) en.put("errorBefore", c.before().error());
            if (c.after().error() != null) en.put("errorAfter", c.after().error());
            ArrayNode fl = en.putArray("flows");
            for (FlowChange f : c.flows()) {
                ObjectNode fn = fl.addObject();
                fn.put("change", f.kind().name());
                fn.set("before", f.before() == null ? null : flows.flow(f.before(), before));
                fn.set("after", f.after() == null ? null : flows.flow(f.after(), after));
            }
        }
        return root;
    }
}
