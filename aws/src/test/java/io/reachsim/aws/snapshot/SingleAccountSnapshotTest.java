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

    @Test
    void aClusterWrittenInTheScenarioLivesInTheSnapshotsVpcAroundItsAddresses() {
        ScenarioResult r = Fixtures.run(Fixtures.resource("scenarios/inline-eks.yaml"));
        for (ExpectationResult e : r.expectations()) assertThat(e.passed()).as(Fixtures.describe(e)).isTrue();
        Network n = Fixtures.loadNetwork(Fixtures.resource("scenarios/inline-eks.yaml"));
        // materialised addresses skip the snapshot's 10.0.2.20 (app) and 10.0.2.50 (STS endpoint)
        assertThat(n.networkInterfaces()).filteredOn(e -> "subnet-0931fc2fa5EXAMPLE".equals(e.subnet()))
                .extracting(e -> e.privateIp().toString()).doesNotHaveDuplicates().contains("10.0.2.20", "10.0.2.50", "10.0.2.4");
        assertThat(n.vpc("vpc-0e9801d129EXAMPLE").orElseThrow().defaultSecurityGroup()).isEqualTo("sg-903004f8");
        assertThat(n.securityGroup("eks-cluster-sg-prod")).isPresent();
    }
}
