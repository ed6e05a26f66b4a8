package io.reachsim.aws.snapshot;

import io.reachsim.model.Network;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot under snapshots/single, run through a scenario that imports it (scenarios/single.yaml). */
class SingleAccountSnapshotTest {

    @Test
    void everyExpectationOfTheScenarioHolds() {
        ScenarioResult r = Fixtures.run(Fixtures.resource("scenarios/single.yaml"));
        assertThat(r.expectations()).hasSize(11);
        for (ExpectationResult e : r.expectations()) {
            assertThat(e.passed()).as(Fixtures.describe(e)).isTrue();
            assertThat(e.flows()).as(e.expectation().name()).isNotEmpty();
        }
    }

    @Test
    void blockedFlowsNameTheRealAwsIdThatBlocksThem() {
        ScenarioResult r = Fixtures.run(Fixtures.resource("scenarios/single.yaml"));
        ExpectationResult ssh = r.expectations().get(1);
        assertThat(ssh.flows()).allSatisfy(f -> {
            assertThat(f.delivered()).isFalse();
            assertThat(f.drop().code().name()).isEqualTo("ENI_SG_RULES_MISMATCH");
            assertThat(f.drop().component()).isEqualTo("sg-0b0384b66dEXAMPLE");
        });
        ExpectationResult nacl = r.expectations().get(3);
        assertThat(nacl.flows()).allSatisfy(f -> {
            assertThat(f.drop().code().name()).isEqualTo("SUBNET_ACL_RESTRICTION");
            assertThat(f.drop().component()).isEqualTo("acl-5fb85d36");
        });
    }
}
