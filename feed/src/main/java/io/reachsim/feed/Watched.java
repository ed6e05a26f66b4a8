package io.reachsim.feed;

import io.reachsim.model.Expectation;

/**
 * One expectation under watch. {@code id} is stable across restarts (scenario file, name and the
 * expectation's position) and keys its stored verdicts.
 */
public record Watched(String id, String scenarioFile, String scenarioName, int index, Expectation expectation) {

    public String name() {
        String n = expectation.name();
        return n != null ? n : expectation.from().text() + " → " + expectation.to().text();
    }
}
