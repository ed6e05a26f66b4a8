package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Ip;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Tracer;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers set questions with the ordinary {@link Tracer}: the protocol/ports (and, from the internet, the
 * source addresses) are split into the classes of {@link Cuts} and one packet per class is traced, so every
 * answer keeps its hop-by-hop explanation.
 */
public final class SetTracer {
    private final Fabric fabric;
    private final Tracer tracer;
    private final Cuts cuts;

    public SetTracer(Fabric fabric) {
        this(fabric, new Tracer(fabric));
    }

    public SetTracer(Fabric fabric, Tracer tracer) {
        this.fabric = fabric;
        this.tracer = tracer;
        this.cuts = Cuts.of(fabric.network());
    }

    public Fabric fabric() {
        return fabric;
    }

    public Cuts cuts() {
        return cuts;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Every class of {@code scope} traced between {@code template}'s addresses (its packet's protocol and port are ignored). */
    public List<ClassResult> classes(Flow template, ServiceSet scope) {
        List<ClassResult> out = new ArrayList<>();
        for (ServiceClass c : cuts.classes(scope)) {
            Flow f = new Flow(template.source(), template.destination(), c.packet(template.packet()), template.roundTrip(),
                    template.resolution());
            out.add(new ClassResult(c, null, tracer.trace(f)));
        }
        return out;
    }

    /**
     * Every class of {@code scope} from every internet address class within {@code sources} (IPv4) to
     * {@code template}'s destination; the template's source is replaced by one host per address class.
     */
    public List<ClassResult> classesFromInternet(Flow template, ServiceSet scope, Ranges sources) {
        List<ClassResult> out = new ArrayList<>();
        List<ServiceClass> services = cuts.classes(scope);
        for (Ranges a : cuts.addressClasses(sources.intersect(cuts.internet()))) {
            Ip ip = Ip.v4(a.from(0));
            for (ServiceClass c : services) {
                Flow f = new Flow(new FlowEnd.OnInternet(ip), template.destination(), c.packet(template.packet().withSrc(ip)),
                        template.roundTrip(), template.resolution());
                out.add(new ClassResult(c, a, tracer.trace(f)));
            }
        }
        return out;
    }

    /** The merged answer for one flow's pair of hosts. */
    public PairAnswer answer(String from, String to, Flow template, ServiceSet scope) {
        return PairAnswer.merge(from, to, classes(template, scope), null);
    }
}
