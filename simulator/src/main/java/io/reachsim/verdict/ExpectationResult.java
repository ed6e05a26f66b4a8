package io.reachsim.verdict;

import io.reachsim.model.Expectation;
import io.reachsim.trace.FlowResult;

import java.util.List;

/** An expectation checked against every flow it expands to. */
public record ExpectationResult(Expectation expectation, List<FlowResult> flows, List<Mismatch> mismatches) {
    public ExpectationResult {
        flows = List.copyOf(flows);
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    public long deliveredFlows() {
        return flows.stream().filter(FlowResult::delivered).count();
    }
}
