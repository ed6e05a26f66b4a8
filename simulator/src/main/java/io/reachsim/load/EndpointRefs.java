package io.reachsim.load;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Network;

/** Parses endpoint references ({@code instance:ID}, {@code internet}, a bare unique id, ...). */
public final class EndpointRefs {
    private EndpointRefs() {}

    /**
     * Parses {@code text} and checks it against {@code network}. Throws IllegalArgumentException whose
     * message names the bad value and what was expected (e.g. the known instances).
     */
    public static EndpointRef parse(String text, Network network) {
        throw new UnsupportedOperationException("being written");
    }
}
