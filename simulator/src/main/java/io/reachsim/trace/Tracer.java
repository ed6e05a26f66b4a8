package io.reachsim.trace;

import io.reachsim.compile.Fabric;

/** Follows one packet hop by hop through a {@link Fabric}. (Being written: signature fixed.) */
public final class Tracer {
    private final Fabric fabric;

    public Tracer(Fabric fabric) {
        this.fabric = fabric;
    }

    public FlowResult trace(Flow flow) {
        throw new UnsupportedOperationException("tracer not written yet");
    }
}
