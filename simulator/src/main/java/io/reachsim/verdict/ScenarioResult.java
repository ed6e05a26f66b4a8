package io.reachsim.verdict;

import io.reachsim.model.Scenario;

import java.util.List;

/** All expectations of one scenario file. */
public record ScenarioResult(Scenario scenario, List<ExpectationResult> expectations) {
    public ScenarioResult {
        expectations = List.copyOf(expectations);
    }

    public boolean passed() {
        return expectations.stream().allMatch(ExpectationResult::passed);
    }
}
