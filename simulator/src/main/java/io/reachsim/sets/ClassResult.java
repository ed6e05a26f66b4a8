package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.FlowResult;

/**
 * One class traced: the protocol/ports class, the source addresses it stands for ({@code null} when the
 * source is one host) and the trace of its representative packet.
 */
public record ClassResult(ServiceClass service, Ranges sources, FlowResult result) {
    public boolean delivered() {
        return result.delivered();
    }
}
