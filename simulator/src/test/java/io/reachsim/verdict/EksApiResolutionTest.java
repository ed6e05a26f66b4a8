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
    void publicAndPrivateResolvesPrivatelyOnlyThroughTheVpcResolver(@TempDir Path dir) throws Exception {
        String text = Files.readString(BASTION).replace("endpoint: {publicAccess: false, privateAccess: true}",
                "endpoint: {publicAccess: true, privateAccess: true}");
        Path withDns = dir.resolve("dns.yaml");
        Files.writeString(withDns, text);
        assertThat(corpToApi(withDns)).extracting(Flow::destination).allMatch(d -> d instanceof FlowEnd.AtInterface);

        Path noDns = dir.resolve("nodns.yaml");
        Files.writeString(noDns, text.replace("enableDnsHostnames: true", "enableDnsHostnames: false"));
        List<Flow> flows = corpToApi(noDns);
        assertThat(flows).singleElement().extracting(Flow::destination).isInstanceOf(FlowEnd.EksPublicEndpoint.class);
        assertThat(flows.get(0).resolution()).contains("private endpoint not used");
    }
}
