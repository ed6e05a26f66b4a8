package io.reachsim.sets;

import io.reachsim.model.Expectation;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.FlowExpander;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.SuiteRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges a DESIGN §9 expectation: {@code reachable: true} needs every class of every pair delivered,
 * {@code reachable: false} none; {@code open:} must equal, per destination, the union of what gets through
 * from the source selection. Failures are merged ranges with the rules that admit them or their first blocker.
 */
public final class SetVerdict {
    private SetVerdict() {}

    public static ExpectationResult check(Tracer tracer, FlowExpander expander, Expectation e) {
        SetQuestion.Answer a = new SetQuestion(new SetTracer(tracer.fabric(), tracer), expander).answer(e);
        return new ExpectationResult(e, a.traces(), judge(e, a));
    }

    public static List<Mismatch> judge(Expectation e, SetQuestion.Answer a) {
        List<Mismatch> out = new ArrayList<>();
        ServiceSet scope = e.services() != null ? e.services() : ServiceSet.ALL;
        if (e.open() != null) {
            ServiceSet expected = e.open().intersect(scope);
            Map<String, List<PairAnswer>> byDestination = new LinkedHashMap<>();
            for (PairAnswer p : a.pairs()) byDestination.computeIfAbsent(p.to(), k -> new ArrayList<>()).add(p);
            for (List<PairAnswer> ps : byDestination.values()) {
                ServiceSet actual = ServiceSet.NONE;
                for (PairAnswer p : ps) actual = actual.union(p.openSet());
                ServiceSet extra = actual.minus(expected);
                ServiceSet missing = expected.minus(actual);
                for (PairAnswer p : ps) {
                    for (PairAnswer.Open o : p.open()) {
                        ServiceSet x = o.services().intersect(extra);
                        if (x.isEmpty()) continue;
                        out.add(new Mismatch.ExtraOpen(o.example(), x, p.sources(o), o.rules()));
                        extra = extra.minus(x);
                    }
                }
                for (PairAnswer p : ps) {
                    for (PairAnswer.Closed c : p.closed()) {
                        ServiceSet x = c.services().intersect(missing);
                        if (x.isEmpty()) continue;
                        out.add(new Mismatch.MissingOpen(c.example(), x));
                        missing = missing.minus(x);
                    }
                }
            }
        } else {
            // Every class result must match reachable; failures merged by their first blocker or admitting rules.
            record Key(ExplanationCode code, String component, String rules) {}
            Map<Key, ServiceSet> groups = new LinkedHashMap<>();
            Map<Key, io.reachsim.model.Ranges> from = new LinkedHashMap<>();
            Map<Key, FlowResult> examples = new LinkedHashMap<>();
            io.reachsim.model.Ranges internet = a.pairs().isEmpty() ? null : a.pairs().get(0).internet();
            for (ClassResult r : a.classes()) {
                if (r.delivered() == e.reachable()) continue;
                FlowResult f = r.result();
                Key k = e.reachable() ? new Key(f.drop() == null ? null : f.drop().code(), f.drop() == null ? null : f.drop().component(), null)
                        : new Key(null, null, Rules.admitting(f));
                groups.merge(k, r.service().asSet(), ServiceSet::union);
                if (r.sources() != null) from.merge(k, r.sources(), io.reachsim.model.Ranges::union);
                examples.putIfAbsent(k, f);
            }
            groups.forEach((k, s) -> out.add(e.reachable() ? new Mismatch.MissingOpen(examples.get(k), s)
                    : new Mismatch.ExtraOpen(examples.get(k), s, from.containsKey(k) ? Addresses.describe(from.get(k), internet) : null, k.rules())));
        }
        // because / via / viaAny / notVia as on any expectation, once per distinct finding.
        Set<String> seen = new LinkedHashSet<>();
        for (ClassResult r : a.classes()) {
            if (e.open() == null && r.delivered() != e.reachable()) continue;
            // With open:, paths are only checked on what gets through (a dropped class has no whole path).
            if (e.open() != null && !r.delivered()) continue;
            if (e.open() != null && e.because() == null && e.via().isEmpty() && e.viaAny().isEmpty() && e.notVia().isEmpty()) break;
            List<Mismatch> m = new ArrayList<>();
            Expectation judged = e.open() == null ? e : new Expectation(e.name(), e.from(), e.to(), e.protocol(), e.port(),
                    e.sourcePort(), e.icmpType(), e.ipVersion(), r.delivered(), e.via(), e.viaAny(), e.notVia(), e.because(),
                    e.roundTrip(), e.origin());
            SuiteRunner.judge(judged, r.result(), m);
            for (Mismatch x : m) {
                if (x instanceof Mismatch.UnexpectedDisposition) continue;
                if (seen.add(x.getClass().getSimpleName() + ":" + idOf(x))) out.add(x);
            }
        }
        return out;
    }

    private static String idOf(Mismatch m) {
        if (m instanceof Mismatch.MissingVia v) return v.id();
        if (m instanceof Mismatch.ForbiddenVia v) return v.id();
        if (m instanceof Mismatch.WrongCode w) return Objects.toString(w.flow().drop() == null ? null : w.flow().drop().code());
        return "";
    }

}
