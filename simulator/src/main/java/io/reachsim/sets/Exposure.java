package io.reachsim.sets;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.Ranges;
import io.reachsim.model.Selector;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * DESIGN §9 {@code exposure}: everything reachable from the internet (or one external network): each
 * instance and interface (traced once per class of members that answer alike), internet-facing load balancer
 * and public EKS API endpoint, with its open ranges, the sources and the rules that admit them; riskiest first.
 */
public final class Exposure {
    /** Administration ports: remote shells and desktops. */
    public static final ServiceSet ADMIN = ServiceSet.parseList("tcp/22,tcp/23,tcp/3389,tcp/5900-5901,tcp/5985-5986");
    /** Database and cache ports. */
    public static final ServiceSet DATABASE = ServiceSet.parseList(
            "tcp/1433,tcp/1521,tcp/3306,tcp/5432,tcp/6379,tcp/9200,tcp/11211,tcp/27017,tcp/9042,tcp/5984");

    /** One exposed thing and one group of what is open on it. */
    public record Finding(String target, List<String> members, ServiceSet services, String sources, boolean everywhere,
                          String rules, FlowResult example, int risk) {
        /** Why it is risky: {@code administration port}, {@code database port} or null. */
        public String why() {
            if (!services.intersect(ADMIN).isEmpty()) return "administration port";
            if (!services.intersect(DATABASE).isEmpty()) return "database port";
            return null;
        }
    }

    /** The findings, riskiest first, and how many targets were examined. */
    public record Result(List<Finding> findings, int targets, int exposedTargets, int classesTraced) {}

    private Exposure() {}

    /** {@code from}: {@code internet:*} (null) or an {@code external:ID} reference. */
    public static Result compute(Fabric fabric, EndpointRef from, ServiceSet scope, IntConsumer progress) {
        Network n = fabric.network();
        SetTracer sets = new SetTracer(fabric);
        FlowExpander expander = new FlowExpander(fabric);
        SetQuestion question = new SetQuestion(sets, expander);
        List<Members.Alike> classes = Members.alike(Members.of(n, new Selector.Any()), sets.cuts(), Members.routeTargets(n));
        List<Finding> out = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger traced = new AtomicInteger();
        AtomicInteger exposedTargets = new AtomicInteger();
        classes.parallelStream().forEach(c -> {
            Members.Member rep = c.first();
            Expectation e = question(from, rep.ref());
            List<PairAnswer> pairs = new ArrayList<>();
            for (Flow f : expander.expand(e)) {
                List<ClassResult> rs = from == null ? sets.openFromInternet(f, scope) : sets.classes(f, scope);
                traced.addAndGet(Math.max(1, rs.size()));
                if (!rs.isEmpty()) pairs.add(PairAnswer.merge("internet:*", rep.label(), rs, sets.cuts().internet()));
            }
            List<String> names = c.members().stream().map(Members.Member::label).toList();
            if (add(out, rep.label() + (names.size() > 1 ? " (+" + (names.size() - 1) + " alike)" : ""), names, pairs)) {
                exposedTargets.addAndGet(names.size());
            }
            if (progress != null) progress.accept(done.incrementAndGet());
        });
        int targets = classes.stream().mapToInt(c -> c.members().size()).sum();
        for (LoadBalancer lb : n.loadBalancers()) {
            if (lb.scheme() != LoadBalancer.Scheme.INTERNET_FACING) continue;
            targets++;
            Expectation e = question(from, new EndpointRef.LoadBalancerRef(lb.id())).withServices(scope);
            SetQuestion.Answer a = question.answer(e);
            traced.addAndGet(a.classes().size());
            if (add(out, "lb:" + lb.id(), List.of("lb:" + lb.id()), a.pairs())) exposedTargets.incrementAndGet();
        }
        for (EksCluster c : n.eksClusters()) {
            if (!c.endpoint().publicAccess()) continue;
            targets++;
            Expectation e = question(from, new EndpointRef.EksApiRef(c.name())).withServices(scope);
            SetQuestion.Answer a = question.answer(e);
            traced.addAndGet(a.classes().size());
            if (add(out, "eks-api:" + c.name(), List.of("eks-api:" + c.name()), a.pairs())) exposedTargets.incrementAndGet();
        }
        List<Finding> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Finding::risk).reversed().thenComparing(Finding::target));
        return new Result(sorted, targets, exposedTargets.get(), traced.get());
    }

    private static Expectation question(EndpointRef from, EndpointRef to) {
        EndpointRef src = from != null ? from : new EndpointRef.SelectorRef("internet:*", new Selector.AllInternet());
        return new Expectation("exposure", src, to, Protocol.TCP, 0, Expectation.DEFAULT_SOURCE_PORT, -1, 4, true,
                List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
    }

    private static boolean add(List<Finding> out, String target, List<String> members, List<PairAnswer> pairs) {
        boolean any = false;
        for (PairAnswer p : pairs) {
            for (PairAnswer.Open o : p.open()) {
                any = true;
                boolean everywhere = o.sources() != null && p.internet() != null && o.sources().equals(p.internet());
                out.add(new Finding(target, members, o.services(), p.sources(o), everywhere, o.rules(), o.example(),
                        risk(o.services(), everywhere)));
            }
        }
        return any;
    }

    /** 3: administration or database port from every internet address; 2: from some; 1: anything from everywhere; 0: else. */
    static int risk(ServiceSet s, boolean everywhere) {
        boolean risky = !s.intersect(ADMIN).isEmpty() || !s.intersect(DATABASE).isEmpty();
        if (risky) return everywhere ? 3 : 2;
        return everywhere ? 1 : 0;
    }

    /** The findings whose services meet {@code deny}. */
    public static List<Finding> denied(Result r, ServiceSet deny) {
        return r.findings().stream().filter(f -> !f.services().intersect(deny).isEmpty()).toList();
    }

    static Ranges none() {
        return Ranges.EMPTY;
    }
}
