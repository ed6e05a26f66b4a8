package io.reachsim.reference;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Network;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Tracer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The tracer agrees with the reference evaluator, hop for hop, on random networks with PrivateLink and
 * VPC Lattice ({@link RandomServiceNetworks}); and those flows exercise the new paths (deliveries through
 * each proxy, and each new drop code).
 */
class ServicesAgreementProperties {
    static final int FLOWS_PER_NETWORK = 20;
    static final Set<ExplanationCode> SEEN = EnumSet.noneOf(ExplanationCode.class);
    static final Set<HopKind> DELIVERED_THROUGH = EnumSet.noneOf(HopKind.class);

    record Case(Network network, List<Flow> flows) {
        @Override
        public String toString() {
            return "network with " + network.loadBalancers().size() + " load balancers, " + network.lattice().services().size()
                    + " Lattice services, " + flows.size() + " flows";
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return RandomServiceNetworks.networks()
                .flatMap(n -> RandomServiceNetworks.flows(n).list().ofSize(FLOWS_PER_NETWORK).map(fs -> new Case(n, fs)));
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void tracerAgreesWithTheReferenceHopForHop(@ForAll("cases") Case c) {
        ReferenceEvaluator reference = new ReferenceEvaluator(c.network());
        Tracer tracer = new Tracer(Fabric.compile(c.network()));
        List<String> disagreements = new ArrayList<>();
        for (Flow flow : c.flows()) {
            FlowResult expected = reference.evaluate(flow);
            FlowResult actual = tracer.trace(flow);
            String diff = TracerAgreementProperties.difference(expected, actual);
            if (diff == null && !ServicesAgreementTest.sameHops(expected.hops(), actual.hops())) diff = "hops";
            if (diff != null) disagreements.add(TracerAgreementProperties.report(c.network(), flow, diff, expected, actual));
            synchronized (SEEN) {
                if (expected.drop() != null) SEEN.add(expected.drop().code());
                if (expected.disposition() == Disposition.DELIVERED) {
                    expected.hops().forEach(h -> {
                        if (h.kind() == HopKind.PRIVATELINK || h.kind() == HopKind.LATTICE || h.kind() == HopKind.LOAD_BALANCER) {
                            DELIVERED_THROUGH.add(h.kind());
                        }
                    });
                }
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + c.flows().size() + " flows disagree. NETWORK:\n"
                    + Printer.network(c.network()) + "\n" + String.join("\n", disagreements));
        }
    }

    /** The generator is only as good as what it reaches: deliveries through each proxy and every new drop. */
    @AfterContainer
    static void theGeneratedFlowsReachTheNewPaths() {
        assertThat(DELIVERED_THROUGH).containsExactlyInAnyOrder(HopKind.PRIVATELINK, HopKind.LATTICE, HopKind.LOAD_BALANCER);
        assertThat(SEEN).contains(ExplanationCode.LB_LISTENER_NO_MATCH, ExplanationCode.LB_NO_TARGETS,
                ExplanationCode.LB_NO_TARGET_IN_AVAILABILITY_ZONE,
                ExplanationCode.PRIVATELINK_ENDPOINT_NOT_ACCEPTED, ExplanationCode.PRIVATELINK_PROTOCOL_RESTRICTION, ExplanationCode.LATTICE_SERVICE_NOT_ASSOCIATED,
                ExplanationCode.LATTICE_ASSOCIATION_SG_RESTRICTION, ExplanationCode.LATTICE_NO_LISTENER,
                ExplanationCode.LATTICE_AUTH_POLICY_MISSING, ExplanationCode.LATTICE_NO_TARGETS);
    }
}
