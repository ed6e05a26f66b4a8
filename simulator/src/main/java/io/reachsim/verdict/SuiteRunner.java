package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Runs scenarios: compiles each network once, expands expectations to flows, traces and judges them. */
public final class SuiteRunner {

    /** Runs every scenario; {@code progress} is told as each scenario finishes. */
    public SuiteResult run(List<Scenario> scenarios, Consumer<ScenarioResult> progress) {
        long t0 = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>(scenarios.size());
        for (Scenario s : scenarios) {
            Fabric fabric = Fabric.compile(s.network());
            Tracer tracer = new Tracer(fabric);
            FlowExpander expander = new FlowExpander(fabric);
            List<ExpectationResult> er = new ArrayList<>(s.expectations().size());
            for (Expectation e : s.expectations()) er.add(check(tracer, expander, e));
            ScenarioResult r = new ScenarioResult(s, er);
            results.add(r);
            if (progress != null) progress.accept(r);
        }
        return new SuiteResult(results, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Checks one expectation against a compiled network. */
    public ExpectationResult check(Fabric fabric, Expectation expectation) {
        return check(new Tracer(fabric), new FlowExpander(fabric), expectation);
    }

    /** As above, with the tracer and expander of a network built once for all its expectations. */
    public ExpectationResult check(Tracer tracer, FlowExpander expander, Expectation expectation) {
        if (expectation.isSetQuestion()) return io.reachsim.sets.SetVerdict.check(tracer, expander, expectation);
        List<Flow> flows = expander.expand(expectation);
        List<FlowResult> results = new ArrayList<>(flows.size());
        List<Mismatch> mismatches = new ArrayList<>();
        for (Flow f : flows) {
            FlowResult r = NatChoices.trace(tracer, f);
            results.add(r);
            judge(expectation, r, needsPath(expectation) ? expander.pathIds(r) : Set.of(), mismatches);
        }
        return new ExpectationResult(expectation, results, mismatches);
    }

    /** Whether one flow meets its expectation (the rules of {@link #judge}); for callers that re-check flows one by one. */
    public static boolean passes(Expectation e, FlowResult r) {
        List<Mismatch> m = new ArrayList<>(1);
        judge(e, r, m);
        return m.isEmpty();
    }

    /** Expectation semantics (DESIGN §5): disposition, then because, then via/viaAny/notVia on every flow. */
    public static void judge(Expectation e, FlowResult r, List<Mismatch> out) {
        judge(e, r, needsPath(e) ? r.pathIds() : Set.of(), out);
    }

    /** Only via/viaAny/notVia read the path: the id set is not built for other expectations (the hot path). */
    static boolean needsPath(Expectation e) {
        return !e.via().isEmpty() || !e.viaAny().isEmpty() || !e.notVia().isEmpty();
    }

    /** As above; {@code path}: the ids the flow crossed, with the composite resources they belong to. */
    static void judge(Expectation e, FlowResult r, Set<String> path, List<Mismatch> out) {
        boolean delivered = r.disposition() == Disposition.DELIVERED;
        // DESIGN §9: reachable: true needs DELIVERED, reachable: false needs DROPPED; DEPENDS meets neither.
        if (r.disposition() == Disposition.DEPENDS || delivered != e.reachable()) {
            out.add(new Mismatch.UnexpectedDisposition(r, e.reachable()));
            return;
        }
        if (!delivered && e.because() != null && e.because() != r.drop().code()) {
            out.add(new Mismatch.WrongCode(r, e.because()));
        }
        for (String id : e.via()) if (!path.contains(id)) out.add(new Mismatch.MissingVia(r, id));
        if (!e.viaAny().isEmpty() && e.viaAny().stream().noneMatch(path::contains)) {
            out.add(new Mismatch.MissingViaAny(r, e.viaAny()));
        }
        for (String id : e.notVia()) if (path.contains(id)) out.add(new Mismatch.ForbiddenVia(r, id));
    }
}
