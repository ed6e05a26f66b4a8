package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;

import java.util.List;
import java.util.function.Consumer;

/** Runs scenarios: compiles each network once, expands expectations to flows, traces and judges them. */
public final class SuiteRunner {

    /** Runs every scenario; {@code progress} is told as each scenario finishes. */
    public SuiteResult run(List<Scenario> scenarios, Consumer<ScenarioResult> progress) {
        throw new UnsupportedOperationException("being written");
    }

    /** Checks one expectation against a compiled network. */
    public ExpectationResult check(Fabric fabric, Expectation expectation) {
        throw new UnsupportedOperationException("being written");
    }
}
