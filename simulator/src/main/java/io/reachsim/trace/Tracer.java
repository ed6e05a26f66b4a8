package io.reachsim.trace;

import io.reachsim.compile.Fabric;

/**
 * Follows one packet hop by hop through a {@link Fabric}, then its reply, exactly as
 * {@code docs/semantics.md} describes. Stateless between calls and safe to share between threads;
 * each {@link #trace} call keeps its own connection-tracking state.
 */
public final class Tracer {
    /** Route lookups allowed per leg before the packet is declared to be looping. */
    static final int MAX_ROUTE_LOOKUPS = 16;
    static final String INTERNET = "internet";

    private final Fabric fabric;

    public Tracer(Fabric fabric) {
        this.fabric = fabric;
    }

    public Fabric fabric() {
        return fabric;
    }

    public FlowResult trace(Flow flow) {
        return new Run(fabric, flow).execute();
    }

    /**
     * As {@link #trace(Flow)}, with a NAT gateway choosing {@code natSourcePort} (1024-65535) as the translated
     * source port instead of keeping the client's (DESIGN §9 "AWS's own choices").
     */
    public FlowResult trace(Flow flow, int natSourcePort) {
        if (natSourcePort < 1024 || natSourcePort > 65535) throw new IllegalArgumentException("NAT source port outside 1024-65535");
        Run r = new Run(fabric, flow);
        r.natSourcePort = natSourcePort;
        return r.execute();
    }
}
