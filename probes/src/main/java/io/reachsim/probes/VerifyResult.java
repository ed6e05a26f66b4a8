package io.reachsim.probes;

import io.reachsim.model.Scenario;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;

import java.time.Duration;
import java.util.List;

/**
 * Expected, simulated and observed, side by side, for every flow of every expectation. A flow FAILs
 * when what was observed is not what was expected, and DRIFTs when the simulation and the observation
 * disagree (the model is wrong, or the network changed) — the two are independent.
 */
public record VerifyResult(List<ScenarioCheck> scenarios, Duration elapsed, List<String> unusedAgents) {
    public VerifyResult {
        scenarios = List.copyOf(scenarios);
        unusedAgents = List.copyOf(unusedAgents);
    }

    public record ScenarioCheck(Scenario scenario, List<ExpectationCheck> expectations) {
        public ScenarioCheck {
            expectations = List.copyOf(expectations);
        }
    }

    public record ExpectationCheck(ExpectationResult simulated, List<FlowCheck> flows) {
        public ExpectationCheck {
            flows = List.copyOf(flows);
        }

        public boolean ok() {
            return flows.stream().allMatch(f -> f.status() == Status.PASS || f.status() == Status.NOT_PROBED);
        }

        public boolean probed() {
            return flows.stream().anyMatch(f -> f.status() != Status.NOT_PROBED);
        }
    }

    public enum Status {
        PASS("PASS"), FAIL("FAIL"), DRIFT("DRIFT"), FAIL_AND_DRIFT("FAIL+DRIFT"), NOT_PROBED("NOT PROBED"), ERROR("ERROR");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean failed() {
            return this == FAIL || this == FAIL_AND_DRIFT;
        }

        public boolean drift() {
            return this == DRIFT || this == FAIL_AND_DRIFT;
        }
    }

    /**
     * One flow. {@code agent} null and {@code notProbed} set: nobody probed it, and why. {@code error}:
     * the agent could not answer. Otherwise {@code observed} is the agent's answer. {@code name}: the
     * DNS name the agent probed instead of the model's address (agents.yaml {@code names}), and
     * {@code dnsAgrees} whether what it resolved to matches where the model resolved the destination
     * (null when no name was probed or nothing came back).
     */
    public record FlowCheck(boolean expected, FlowResult simulated, AgentsFile.Agent agent, String protocol,
                            ProbeResult observed, String notProbed, String error, String name, Boolean dnsAgrees) {
        public FlowCheck(boolean expected, FlowResult simulated, AgentsFile.Agent agent, String protocol,
                         ProbeResult observed, String notProbed, String error) {
            this(expected, simulated, agent, protocol, observed, notProbed, error, null, null);
        }

        public Status status() {
            if (notProbed != null) return Status.NOT_PROBED;
            if (error != null || observed == null) return Status.ERROR;
            boolean failed = observed.outcome().connected() != expected;
            Boolean delivered = networkDelivered();
            boolean drift = (delivered != null && delivered != simulated.delivered()) || Boolean.FALSE.equals(dnsAgrees);
            if (failed && drift) return Status.FAIL_AND_DRIFT;
            if (failed) return Status.FAIL;
            if (drift) return Status.DRIFT;
            return Status.PASS;
        }

        /**
         * Whether the network carried the packets to the destination host and back, judged from what
         * the agent saw; null when the outcome cannot tell. A refusal counts as delivered: AWS security
         * groups and network ACLs drop silently and never answer, so a TCP reset or ICMP port
         * unreachable came from the host itself. A UDP probe with no reply cannot tell a drop from a
         * service that ignores the probe's payload.
         */
        public Boolean networkDelivered() {
            if (observed == null) return null;
            switch (observed.outcome()) {
                case CONNECTED: case REFUSED: case TLS_FAILURE: case TLS_NAME_MISMATCH:
                    return true;
                case TIMEOUT:
                    return "udp".equals(protocol) ? null : false;
                case UNREACHABLE:
                    return false;
                default:
                    return null;
            }
        }
    }

    private java.util.stream.Stream<FlowCheck> flows() {
        return scenarios.stream().flatMap(s -> s.expectations().stream()).flatMap(e -> e.flows().stream());
    }

    public long count(Status s) {
        return flows().filter(f -> f.status() == s).count();
    }

    public long flowCount() {
        return flows().count();
    }

    public long failed() {
        return flows().filter(f -> f.status().failed()).count();
    }

    public long drift() {
        return flows().filter(f -> f.status().drift()).count();
    }

    public long probed() {
        return flows().filter(f -> f.status() != Status.NOT_PROBED).count();
    }

    /** Every probed flow met its expectation and agreed with the simulation, and every agent answered. */
    public boolean ok() {
        return flows().allMatch(f -> f.status() == Status.PASS || f.status() == Status.NOT_PROBED);
    }
}
