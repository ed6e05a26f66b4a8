package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How eks-api:CLUSTER resolves from a network behind the VPC's VPN gateway (DESIGN §4 "connected networks"). */
class EksApiResolutionTest {
    static final Path BASTION = Path.of("../scenarios/eks/bastion-cloud9-private-only-api.yaml");

    static List<Flow> corpToApi(Path file) throws Exception {
        Scenario s = new ScenarioLoader().load(List.of(file)).get(0);
        Expectation e = s.expectations().stream().filter(x -> x.from().text().equals("external:corp") && x.to().text().equals("eks-api:prod"))
                .findFirst().orElseThrow();
        return new FlowExpander(Fabric.compile(s.network())).expand(e);
    }

    @Test
    void privateOnlyResolvesToTheCrossAccountInterfaces() throws Exception {
        assertThat(corpToApi(BASTION)).extracting(Flow::destination)
                .containsExactly(new FlowEnd.AtInterface("prod-xeni-1"), new FlowEnd.AtInterface("prod-xeni-2"));
    }

    @Test
    void publicAndPrivateGivesConnectedNetworksThePublicEndpoint(@TempDir Path dir) throws Exception {
        // EKS User Guide, "Cluster API server endpoint": with public access on, the private hosted zone is associated
        // with the cluster's VPC only; a connected network resolves the public endpoint, whatever the VPC's DNS settings
        // (issue 12, point 2). Private-only: EKS publishes the X-ENIs under the public name (privateOnlyResolvesToTheCrossAccountInterfaces above).
        String text = Files.readString(BASTION).replace("endpoint: {publicAccess: false, privateAccess: true}",
                "endpoint: {publicAccess: true, privateAccess: true}");
        for (String variant : List.of(text, text.replace("enableDnsHostnames: true", "enableDnsHostnames: false"))) {
            Path file = dir.resolve("v" + variant.hashCode() + ".yaml");
            Files.writeString(file, variant);
            List<Flow> flows = corpToApi(file);
            assertThat(flows).singleElement().extracting(Flow::destination).isInstanceOf(FlowEnd.EksPublicEndpoint.class);
            assertThat(flows.get(0).resolution()).contains("private hosted zone is associated with");
        }
    }

    @Test
    void privateOnlyResolvesToTheXenisFromConnectedNetworksWhateverTheVpcsDnsSettings(@TempDir Path dir) throws Exception {
        Path noDns = dir.resolve("nodns.yaml");
        Files.writeString(noDns, Files.readString(BASTION).replace("enableDnsHostnames: true", "enableDnsHostnames: false"));
        assertThat(corpToApi(noDns)).extracting(Flow::destination).allMatch(d -> d instanceof FlowEnd.AtInterface).isNotEmpty();
    }
}
