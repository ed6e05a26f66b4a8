package io.reachsim.reference;

import io.reachsim.model.Network;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import net.jqwik.api.Arbitrary;

/** The reference evaluator and random networks, for property tests in other packages (the set engine's brute force). */
public final class ReferenceAccess {
    private final ReferenceEvaluator evaluator;

    public ReferenceAccess(Network network) {
        this.evaluator = new ReferenceEvaluator(network);
    }

    public FlowResult evaluate(Flow flow) {
        return evaluator.evaluate(flow);
    }

    public static Arbitrary<Network> networks() {
        return RandomNetworks.networks();
    }

    public static Arbitrary<Flow> flows(Network n) {
        return RandomNetworks.flows(n);
    }

    public static String print(Network n) {
        return Printer.network(n);
    }
}
