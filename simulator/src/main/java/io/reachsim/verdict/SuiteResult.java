package io.reachsim.verdict;

import java.time.Duration;
import java.util.List;

/** A whole run: every scenario, and how long it took. */
public record SuiteResult(List<ScenarioResult> scenarios, Duration elapsed) {
    public SuiteResult {
        scenarios = List.copyOf(scenarios);
    }

    public long passedExpectations() {
        return scenarios.stream().flatMap(s -> s.expectations().stream()).filter(ExpectationResult::passed).count();
    }

    public long failedExpectations() {
        return scenarios.stream().flatMap(s -> s.expectations().stream()).filter(e -> !e.passed()).count();
    }

    public long flowCount() {
        return scenarios.stream().flatMap(s -> s.expectations().stream()).mapToLong(e -> e.flows().size()).sum();
    }

    public boolean passed() {
        return failedExpectations() == 0;
    }
}
