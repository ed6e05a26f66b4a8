package io.reachsim.aws.snapshot;

import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Network;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** snapshots/eks: an EKS cluster from describe-cluster, its X-ENIs and managed node group from EC2 output. */
class EksSnapshotTest {
    private final Snapshots.Result r = Fixtures.read("eks", null);
    private final Network n = r.network();

    @Test
    void theClusterKeepsItsRealIds() {
        EksCluster c = n.eksCluster("my-cluster").orElseThrow();
        assertThat(c.vpc()).isEqualTo("vpc-0012b8e1cc0abb17d");
        assertThat(c.subnets()).containsExactly("subnet-04098063527aab776", "subnet-0e2907431c9988b72");
        assertThat(c.clusterSecurityGroup()).isEqualTo("sg-01c84d09d70f39a7f");
        assertThat(c.securityGroups()).containsExactly("sg-0c1327f6270afbb36");
        assertThat(c.ipFamily()).isEqualTo(4);
        assertThat(c.endpoint().publicAccess()).isTrue();
        assertThat(c.endpoint().privateAccess()).isTrue();
        assertThat(c.endpoint().publicAccessCidrs()).containsExactly(Cidr.parse("22.19.18.2/32"));
        assertThat(c.crossAccountInterfaces()).containsExactly("eni-0f8c9d2a1b3e4c5d6", "eni-0a3b4c5d6e7f80912");
        assertThat(c.nodeGroups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("my-nodegroup");
            assertThat(g.nodeInterfaces()).containsExactly("eni-0c1d2e3f4a5b6c7d8", "eni-0d2e3f4a5b6c7d8e9");
            assertThat(g.securityGroups()).containsExactly("sg-01c84d09d70f39a7f");
            assertThat(g.instanceType()).isEqualTo("t3.medium");
            assertThat(g.desiredSize()).isEqualTo(2);
            assertThat(g.maxSize()).isEqualTo(6);
        });
        assertThat(n.region()).isEqualTo("us-east-1");
    }

    @Test
    void theScenarioImportingItPasses() {
        ScenarioResult s = Fixtures.run(Fixtures.resource("scenarios/eks.yaml"));
        assertThat(s.expectations()).hasSize(5);
        for (ExpectationResult e : s.expectations()) assertThat(e.passed()).as(Fixtures.describe(e)).isTrue();
        assertThat(s.expectations().get(3).flows()).allSatisfy(f -> assertThat(f.drop().code().name())
                .isEqualTo("EKS_PUBLIC_ACCESS_CIDR_RESTRICTION"));
    }
}
