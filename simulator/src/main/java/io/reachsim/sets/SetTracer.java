package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Ip;
import io.reachsim.model.Protocol;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Packet;
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

    /**
     * Every class of {@code scope} traced between {@code template}'s addresses (its packet's protocol and port are
     * ignored). Classes follow the path: a packet is traced at the lowest port (or type) not yet answered, and its
     * answer holds up to the next cut of a security group or network ACL that packet met — every port below it
     * meets the same rules, so takes the same path and gets the same answer. Service destinations (a listener picks
     * the path by port) use the network-wide cuts.
     */
    public List<ClassResult> classes(Flow template, ServiceSet scope) {
        return classes(template, scope, null, null);
    }

    /** As above; {@code known} is a packet already traced with answer {@code knownResult} (null: none). */
    private List<ClassResult> classes(Flow template, ServiceSet scope, Packet known, io.reachsim.trace.FlowResult knownResult) {
        List<ClassResult> out = new ArrayList<>();
        if (template.destination() instanceof FlowEnd.ServiceTarget) {
            for (ServiceClass c : cuts.classes(scope)) out.add(new ClassResult(c, null, trace(template, c, known, knownResult)));
            return out;
        }
        pathClasses(Protocol.TCP, scope.tcp(), template, out, known, knownResult);
        pathClasses(Protocol.UDP, scope.udp(), template, out, known, knownResult);
        pathClasses(Protocol.ICMP, scope.icmp(), template, out, known, knownResult);
        if (scope.other()) {
            ServiceClass c = new ServiceClass(Protocol.OTHER, 0, 0);
            out.add(new ClassResult(c, null, trace(template, c, known, knownResult)));
        }
        return out;
    }

    private io.reachsim.trace.FlowResult trace(Flow template, ServiceClass c, Packet known, io.reachsim.trace.FlowResult knownResult) {
        return known != null && known.equals(c.packet(template.packet())) ? knownResult : trace(template, c);
    }

    private void pathClasses(Protocol p, Ranges scope, Flow template, List<ClassResult> out, Packet known,
                             io.reachsim.trace.FlowResult knownResult) {
        java.util.Set<String> met = new java.util.HashSet<>();
        for (int i = 0; i < scope.size(); i++) {
            long a = scope.from(i), b = scope.to(i);
            while (a <= b) {
                io.reachsim.trace.FlowResult r = trace(template, new ServiceClass(p, a, a), known, knownResult);
                met.clear();
                for (io.reachsim.trace.Hop h : r.hops()) {
                    if (h.detail() instanceof io.reachsim.trace.Detail.SecurityGroupCheck g) met.addAll(g.groups());
                    else if (h.detail() instanceof io.reachsim.trace.Detail.AclCheck c) met.add(c.acl());
                }
                long next = cuts.nextCut(p, a, b, met);
                out.add(new ClassResult(new ServiceClass(p, a, next - 1), null, r));
                a = next;
            }
        }
    }

    private io.reachsim.trace.FlowResult trace(Flow template, ServiceClass c) {
        return tracer.trace(new Flow(template.source(), template.destination(), c.packet(template.packet()), template.roundTrip(),
                template.resolution()));
    }

    /**
     * Every class of {@code scope} from every internet address class within {@code sources} (IPv4) to
     * {@code template}'s destination; the template's source is replaced by one host per address class.
     */
    public List<ClassResult> classesFromInternet(Flow template, ServiceSet scope, Ranges sources) {
        List<ClassResult> out = new ArrayList<>();
        for (Ranges a : cuts.addressClasses(sources.intersect(cuts.internet()))) {
            Ip ip = Ip.v4(a.from(0));
            Flow f = new Flow(new FlowEnd.OnInternet(ip), template.destination(), template.packet().withSrc(ip), template.roundTrip(),
                    template.resolution());
            for (ClassResult r : classes(f, scope)) out.add(new ClassResult(r.service(), a, r.result()));
        }
        return out;
    }

    /** Drops on the way out that no port or protocol changes: routing and gateway decisions (forward leg). */
    private static final java.util.Set<io.reachsim.trace.ExplanationCode> ROUTING = java.util.EnumSet.of(
            io.reachsim.trace.ExplanationCode.NO_ROUTE_TO_DESTINATION, io.reachsim.trace.ExplanationCode.BAD_STATE_ROUTE,
            io.reachsim.trace.ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS,
            io.reachsim.trace.ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS,
            io.reachsim.trace.ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS,
            io.reachsim.trace.ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS,
            io.reachsim.trace.ExplanationCode.NGW_REQUIRES_SOURCE_IN_VPC,
            io.reachsim.trace.ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS,
            io.reachsim.trace.ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS,
            io.reachsim.trace.ExplanationCode.NO_POSSIBLE_DESTINATION, io.reachsim.trace.ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR,
            io.reachsim.trace.ExplanationCode.TGW_ROUTE_AZ_RESTRICTION,
            io.reachsim.trace.ExplanationCode.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION,
            io.reachsim.trace.ExplanationCode.TGW_RTB_CANNOT_ROUTE, io.reachsim.trace.ExplanationCode.TGW_RTB_BAD_STATE_ROUTE,
            io.reachsim.trace.ExplanationCode.NAT_GATEWAY_NO_INBOUND, io.reachsim.trace.ExplanationCode.EIGW_NO_INBOUND,
            io.reachsim.trace.ExplanationCode.UNKNOWN_DESTINATION);

    /**
     * Only what gets through (for matrices): when the first class is dropped on the forward leg by a routing or
     * gateway decision, no port or protocol gets further (the path does not depend on them, and rules can only
     * drop earlier), so the other classes are not traced. Not for service destinations (their listener picks the path).
     */
    public ServiceSet openSet(Flow template, ServiceSet scope) {
        List<ServiceClass> cs = cuts.classes(scope);
        if (cs.isEmpty()) return ServiceSet.NONE;
        io.reachsim.trace.FlowResult first = trace(template, cs.get(0));
        if (!first.delivered() && first.drop() != null && first.drop().leg() == io.reachsim.trace.Leg.FORWARD
                && ROUTING.contains(first.drop().code()) && !(template.destination() instanceof FlowEnd.ServiceTarget)) {
            return ServiceSet.NONE;
        }
        // the first packet of the path classes is the one just traced: it is not traced again
        Packet known = cs.get(0).packet(template.packet());
        ServiceSet open = ServiceSet.NONE;
        for (ClassResult r : classes(template, scope, known, first)) if (r.delivered()) open = open.union(r.service().asSet());
        return open;
    }

    /**
     * As {@link #classesFromInternet}, but empty when the first packet from the internet is dropped on the forward
     * leg by a routing or gateway decision (which depends on the destination only): nothing is open then.
     */
    public List<ClassResult> openFromInternet(Flow template, ServiceSet scope) {
        List<ServiceClass> services = cuts.classes(scope);
        List<Ranges> sources = cuts.addressClasses(cuts.internet());
        if (services.isEmpty() || sources.isEmpty()) return List.of();
        Ip first = Ip.v4(sources.get(0).from(0));
        io.reachsim.trace.FlowResult r = tracer.trace(new Flow(new FlowEnd.OnInternet(first), template.destination(),
                services.get(0).packet(template.packet().withSrc(first)), template.roundTrip(), template.resolution()));
        if (!r.delivered() && r.drop() != null && r.drop().leg() == io.reachsim.trace.Leg.FORWARD && ROUTING.contains(r.drop().code())
                && !(template.destination() instanceof FlowEnd.ServiceTarget)) {
            return List.of();
        }
        return classesFromInternet(template, scope, cuts.internet());
    }

    /** The merged answer for one flow's pair of hosts. */
    public PairAnswer answer(String from, String to, Flow template, ServiceSet scope) {
        return PairAnswer.merge(from, to, classes(template, scope), null);
    }
}
