package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Network;
import io.reachsim.model.Protocol;
import io.reachsim.reference.ReferenceAccess;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Packet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.fail;

/**
 * DESIGN §9 "Exact, not sampled": on random networks, the class engine's answer for a pair of hosts must
 * equal brute force over the plain reference evaluator — every TCP and UDP port 0-65535, every ICMP type
 * 0-255 and one other IP protocol — both the open set and, for every closed port, its first blocker
 * (explanation code and component). About 130 000 reference evaluations per flow, so tries are few.
 */
class BruteForceAgreementProperties {

    record Case(Network network, List<Flow> flows) {
        @Override
        public String toString() {
            return "network with " + network.subnets().size() + " subnets, " + flows.size() + " flows";
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return ReferenceAccess.networks().flatMap(n -> ReferenceAccess.flows(n).list().ofSize(2).map(fs -> new Case(n, fs)));
    }

    @Property(tries = 12, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void everyPortAgreesWithBruteForce(@ForAll("cases") Case c) {
        SetTracer sets = new SetTracer(Fabric.compile(c.network()));
        ReferenceAccess reference = new ReferenceAccess(c.network());
        List<String> problems = new ArrayList<>();
        for (Flow template : c.flows()) {
            List<ClassResult> classes = sets.classes(template, ServiceSet.ALL);
            ServiceSet open = ServiceSet.NONE;
            for (ClassResult r : classes) if (r.delivered()) open = open.union(r.service().asSet());
            ServiceSet brute = ServiceSet.NONE;
            for (ClassResult r : classes) {
                ServiceClass k = r.service();
                for (long v = k.from(); v <= k.to(); v++) {
                    ServiceClass one = new ServiceClass(k.protocol(), v, v);
                    Packet p = one.packet(template.packet());
                    FlowResult ref = reference.evaluate(new Flow(template.source(), template.destination(), p, template.roundTrip()));
                    if (ref.delivered()) brute = brute.union(one.asSet());
                    if (ref.delivered() != r.delivered() || !ref.delivered() && !sameBlocker(ref, r.result())) {
                        if (problems.size() < 5) {
                            problems.add(template.packet() + " class " + k + " value " + v + ": engine " + describe(r.result())
                                    + ", reference " + describe(ref));
                        }
                    }
                }
            }
            if (!open.equals(brute)) problems.add(template.packet() + ": engine open " + open + ", brute force " + brute);
        }
        if (!problems.isEmpty()) fail(String.join("\n", problems) + "\nNETWORK:\n" + ReferenceAccess.print(c.network()));
    }

    private static boolean sameBlocker(FlowResult a, FlowResult b) {
        return a.drop() != null && b.drop() != null && a.drop().code() == b.drop().code()
                && Objects.equals(a.drop().component(), b.drop().component());
    }

    private static String describe(FlowResult r) {
        return r.disposition() + (r.drop() == null ? "" : " " + r.drop().code() + " at " + r.drop().component());
    }

    /** The classes cover the whole set, in order and without overlap. */
    @Property(tries = 50, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void classesPartitionEveryProtocolAndPort(@ForAll("cases") Case c) {
        Cuts cuts = Cuts.of(c.network());
        ServiceSet union = ServiceSet.NONE;
        long count = 0;
        for (ServiceClass k : cuts.classes(ServiceSet.ALL)) {
            union = union.union(k.asSet());
            count += k.protocol() == Protocol.OTHER ? 1 : k.to() - k.from() + 1;
        }
        if (!union.equals(ServiceSet.ALL) || count != 2 * 65536 + 256 + 1) fail("classes do not partition: " + union + " " + count);
    }
}
