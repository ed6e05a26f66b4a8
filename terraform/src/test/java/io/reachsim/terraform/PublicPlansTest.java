package io.reachsim.terraform;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.load.SnapshotImport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real plans from a public repository (Apache-2.0, see resources/public/tirith/README.md), read end to end. */
class PublicPlansTest {
    static final Path DIR = Path.of("src/test/resources/public/tirith");

    private static SnapshotImport read(String file) throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        loader.loadNetwork(DIR.resolve(file));
        return loader.snapshots().get(0);
    }

    @Test
    void theVpcModulePlanOfTerraform014() throws Exception {
        SnapshotImport s = read("input.json");
        assertThat(s.network().vpcs()).hasSize(1);
        assertThat(s.report()).contains("aws_vpc: 1");
    }

    @Test
    void classicLoadBalancersAreListedAsNotModelled() throws Exception {
        SnapshotImport s = read("input_implicit_elb_secgroup.json");
        assertThat(s.report()).contains("networking resources of types not modelled (left out):\n  aws_elb.")
                .contains("aws_security_group: 1");
    }

    @Test
    void anInstanceWithoutSubnetIsReportedNotDropped() throws Exception {
        SnapshotImport s = read("input_costcenter_tags.json");
        assertThat(s.report()).contains("skipped:\n  aws_instance.web: an instance without subnet_id")
                .contains("non-networking resources");
    }
}
