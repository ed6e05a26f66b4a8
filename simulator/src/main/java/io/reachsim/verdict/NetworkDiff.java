package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a change does: the same questions asked of the network before and after it, flow by flow
 * ({@code reachsim diff}). Each network is compiled once; flows are paired by their endpoints and packet,
 * so a flow whose destination now resolves elsewhere (an EKS API name going public, say) shows as one
 * flow gone and one new.
 */
public final class NetworkDiff {
    private final Network before;
    private final Network after;

    public NetworkDiff(Network before, Network after) {
        this.before = before;
        this.after = after;
    }

    public Result compare(List<Expectation> questions) {
        Side b = new Side(before);
        Side a = new Side(after);
        List<ExpectationChange> out = new ArrayList<>(questions.size());
        for (Expectation e : questions) {
            Outcome ob = b.check(e);
            Outcome oa = a.check(e);
            out.add(new ExpectationChange(e, ob, oa, flowChanges(ob, oa)));
        }
        return new Result(out);
    }

    /** One network's compiled state, shared by every question. */
    private static final class Side {
        final Tracer tracer;
        final FlowExpander expander;
        final SuiteRunner runner = new SuiteRunner();

        Side(Network n) {
            Fabric f = Fabric.compile(n);
            tracer = new Tracer(f);
            expander = new FlowExpander(f);
        }

        Outcome check(Expectation e) {
            try {
                return new Outcome(runner.check(tracer, expander, e), null);
            } catch (IllegalArgumentException ex) {
                // the question names something this network does not have (an instance removed, say)
                return new Outcome(null, ex.getMessage());
            }
        }
    }

    private static List<FlowChange> flowChanges(Outcome b, Outcome a) {
        Map<Flow, FlowResult> before = new LinkedHashMap<>();
        if (b.result() != null) for (FlowResult f : b.result().flows()) before.put(f.flow(), f);
        List<FlowChange> changes = new ArrayList<>();
        if (a.result() != null) {
            for (FlowResult f : a.result().flows()) {
                FlowResult old = before.remove(f.flow());
                FlowChange.Kind k = old == null ? FlowChange.Kind.NEW_FLOW : kind(old, f);
                if (k != null) changes.add(new FlowChange(k, old, f));
            }
        }
        for (FlowResult old : before.values()) changes.add(new FlowChange(FlowChange.Kind.FLOW_GONE, old, null));
        return changes;
    }

    private static FlowChange.Kind kind(FlowResult b, FlowResult a) {
        if (b.delivered() != a.delivered()) return a.delivered() ? FlowChange.Kind.NOW_DELIVERED : FlowChange.Kind.NOW_DROPPED;
        if (!a.delivered()) {
            boolean same = b.drop().code() == a.drop().code() && Objects.equals(b.drop().component(), a.drop().component());
            return same ? null : FlowChange.Kind.DROPPED_ELSEWHERE;
        }
        return b.pathIds().equals(a.pathIds()) ? null : FlowChange.Kind.PATH_CHANGED;
    }

    /** An expectation checked against one network, or why it could not be. */
    public record Outcome(ExpectationResult result, String error) {
        public boolean passed() {
            return result != null && result.passed();
        }
    }

    /** One flow that behaves differently; {@code before} or {@code after} is null for a flow only one side has. */
    public record FlowChange(Kind kind, FlowResult before, FlowResult after) {
        public enum Kind {
            NOW_DROPPED, NOW_DELIVERED, DROPPED_ELSEWHERE, PATH_CHANGED, NEW_FLOW, FLOW_GONE
        }
    }

    public record ExpectationChange(Expectation expectation, Outcome before, Outcome after, List<FlowChange> flows) {
        public ExpectationChange {
            flows = List.copyOf(flows);
        }

        public Status status() {
            boolean b = before.passed();
            boolean a = after.passed();
            if (b && !a) return Status.REGRESSED;
            if (!b && a) return Status.FIXED;
            if (!a) return Status.STILL_FAILING;
            return flows.isEmpty() ? Status.UNCHANGED : Status.CHANGED;
        }
    }

    /** REGRESSED: held before, fails after. CHANGED: holds on both sides, but some flow behaves differently. */
    public enum Status { REGRESSED, FIXED, STILL_FAILING, CHANGED, UNCHANGED }

    public record Result(List<ExpectationChange> expectations) {
        public Result {
            expectations = List.copyOf(expectations);
        }

        public long count(Status s) {
            return expectations.stream().filter(e -> e.status() == s).count();
        }

        public long changedFlows() {
            return expectations.stream().mapToLong(e -> e.flows().size()).sum();
        }

        /** A change made an expectation that held fail: the change should not go ahead as it is. */
        public boolean regressed() {
            return count(Status.REGRESSED) > 0;
        }
    }
}
