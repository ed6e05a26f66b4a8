package io.reachsim.sets;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Protocol;
import io.reachsim.model.Ranges;
import io.reachsim.model.Selector;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DESIGN §9 question over a network: from a selection to a selection, over a protocol/port set. Expands
 * the endpoints to flows as every expectation does (one per member), then answers each flow's pair of hosts
 * class by class with {@link SetTracer}.
 */
public final class SetQuestion {
    private final SetTracer sets;
    private final FlowExpander expander;

    public SetQuestion(Fabric fabric) {
        this(new SetTracer(fabric), new FlowExpander(fabric));
    }

    public SetQuestion(SetTracer sets, FlowExpander expander) {
        this.sets = sets;
        this.expander = expander;
    }

    public SetTracer sets() {
        return sets;
    }

    /** One answer per source/destination pair, and every class trace behind them. */
    public record Answer(List<PairAnswer> pairs, List<ClassResult> classes) {
        public List<FlowResult> traces() {
            List<FlowResult> out = new ArrayList<>(classes.size());
            for (ClassResult c : classes) out.add(c.result());
            return out;
        }
    }

    /** Answers {@code e} over {@code e.services()} (every protocol and port when null). */
    public Answer answer(Expectation e) {
        ServiceSet scope = e.services() != null ? e.services() : ServiceSet.ALL;
        boolean fromInternet = e.from() instanceof EndpointRef.SelectorRef s && s.selector() instanceof Selector.AllInternet;
        boolean portDecidesTarget = e.to() instanceof EndpointRef.LoadBalancerRef || e.to() instanceof EndpointRef.VpcEndpointRef
                || e.to() instanceof EndpointRef.LatticeServiceRef;
        Map<String, List<ClassResult>> byPair = new LinkedHashMap<>();
        List<ClassResult> traces = new ArrayList<>();
        if (!portDecidesTarget) {
            for (Flow template : expander.expand(withClass(e, new ServiceClass(Protocol.TCP, 0, 0)))) {
                List<ClassResult> rs = fromInternet
                        ? sets.classesFromInternet(template, scope, Ranges.of(0, 0xFFFFFFFFL))
                        : sets.classes(template, scope);
                byPair.computeIfAbsent(key(e, template), k -> new ArrayList<>()).addAll(rs);
                traces.addAll(rs);
            }
        } else {
            // A load balancer's, endpoint's or Lattice service's listener depends on the port: expand per class.
            Tracer tracer = sets.tracer();
            for (ServiceClass c : sets.cuts().classes(scope)) {
                Map<String, FlowResult> worst = new LinkedHashMap<>();
                for (Flow g : expander.expand(withClass(e, c))) {
                    Flow f = new Flow(g.source(), g.destination(), c.packet(g.packet()), g.roundTrip(), g.resolution());
                    if (fromInternet) {
                        for (ClassResult r : sets.classesFromInternet(f, c.asSet(), Ranges.of(0, 0xFFFFFFFFL))) {
                            byPair.computeIfAbsent(key(e, f), k -> new ArrayList<>()).add(r);
                            traces.add(r);
                        }
                        continue;
                    }
                    FlowResult r = tracer.trace(f);
                    traces.add(new ClassResult(c, null, r));
                    // Every target must answer for the class to be open to the pair.
                    worst.merge(key(e, f), r, (a, b) -> a.delivered() ? b : a);
                }
                worst.forEach((k, r) -> byPair.computeIfAbsent(k, x -> new ArrayList<>()).add(new ClassResult(c, null, r)));
            }
        }
        List<PairAnswer> pairs = new ArrayList<>();
        byPair.forEach((k, rs) -> {
            int arrow = k.indexOf('\u0000');
            pairs.add(PairAnswer.merge(k.substring(0, arrow), k.substring(arrow + 1), rs, fromInternet ? sets.cuts().internet() : null));
        });
        return new Answer(pairs, traces);
    }

    private static String key(Expectation e, Flow f) {
        String from = f.source() instanceof FlowEnd.OnInternet && e.from() instanceof EndpointRef.SelectorRef s ? s.text()
                : f.source() instanceof FlowEnd.OnInternet ? "internet:" + f.packet().src() : label(f.source());
        String to = f.destination() instanceof FlowEnd.ServiceTarget st ? st.ref() : label(f.destination());
        return from + '\u0000' + to;
    }

    private static String label(FlowEnd end) {
        if (end instanceof FlowEnd.AtSubnetHost h) return "subnet:" + h.subnet();
        return end.label();
    }

    /** {@code e} asking about one packet of class {@code c} (its lowest port or type). */
    static Expectation withClass(Expectation e, ServiceClass c) {
        Protocol p = c.protocol() == Protocol.OTHER ? Protocol.ALL : c.protocol() == Protocol.ICMPV6 ? Protocol.ICMP : c.protocol();
        Integer port = p.hasPorts() ? (int) c.from() : null;
        int type = p == Protocol.ICMP ? (int) c.from() : -1;
        return new Expectation(e.name(), e.from(), e.to(), p, port, e.sourcePort(), type, e.ipVersion(), e.reachable(),
                e.via(), e.viaAny(), e.notVia(), e.because(), e.roundTrip(), e.origin());
    }
}
