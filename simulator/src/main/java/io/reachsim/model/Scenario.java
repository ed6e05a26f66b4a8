package io.reachsim.model;

import java.util.List;

/** One scenario file: a network and the expectations to check against it. */
public record Scenario(String file, String name, String description, Network network, List<Expectation> expectations) {
    public Scenario {
        expectations = List.copyOf(expectations);
    }
}
