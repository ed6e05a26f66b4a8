package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.generate.TerraformWriter;
import io.reachsim.model.Network;
import io.reachsim.terraform.TerraformImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated network written as a Terraform plan reads back as the same network (what the plan can hold). */
class PlanWriterTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedNetworkWrittenAsAPlanReadsBack() throws Exception {
        Network n = NetworkGenerator.generate(NetworkGenerator.Size.M, BenchData.SEED).network();
        Path f = dir.resolve("plan.json");
        int written = TerraformWriter.write(n, f, Integer.MAX_VALUE);
        Network back;
        try {
            back = new TerraformImporter().read(f, f.toString(), null).network();
        } catch (io.reachsim.load.LoadException e) {
            throw new AssertionError(e.errors().toString(), e);
        }
        assertThat(written).isGreaterThan(500);
        assertThat(back.vpcs()).hasSameSizeAs(n.vpcs());
        assertThat(back.subnets()).hasSameSizeAs(n.subnets());
        assertThat(back.instances()).hasSameSizeAs(n.instances());
        assertThat(back.natGateways()).hasSameSizeAs(n.natGateways());
        assertThat(back.eksClusters()).hasSameSizeAs(n.eksClusters());
        long rules = n.securityGroups().stream().mapToLong(g -> g.ingress().size() + g.egress().size()).sum();
        long rulesBack = back.securityGroups().stream().mapToLong(g -> g.ingress().size() + g.egress().size()).sum();
        assertThat(rulesBack).isEqualTo(rules);
    }
}
