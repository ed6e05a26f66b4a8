package io.reachsim.aws.snapshot;

import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.Network;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * snapshots/services: a network load balancer with a listener, target group and target health
 * (https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-load-balancers.html), a PrivateLink endpoint
 * service in front of it with a consumer endpoint, and a VPC Lattice service network (list-* items and get-*
 * documents, https://docs.aws.amazon.com/cli/latest/reference/vpc-lattice/get-listener.html).
 */
class ServicesSnapshotTest {
    private final Snapshots.Result r = Fixtures.read("services", null);
    private final Network n = r.network();

    @Test
    void loadBalancerWithItsInterfacesListenersAndHealthyTargets() {
        LoadBalancer lb = n.loadBalancer("my-network-lb").orElseThrow();
        assertThat(lb.type()).isEqualTo(LoadBalancer.Type.NETWORK);
        assertThat(lb.scheme()).isEqualTo(LoadBalancer.Scheme.INTERNAL);
        assertThat(lb.vpc()).isEqualTo("vpc-0b1c2d3e4f5a6b7c8");
        assertThat(lb.subnets()).containsExactly("subnet-0aa1b2c3d4e5f6071", "subnet-0bb2c3d4e5f607182");
        assertThat(lb.networkInterfaces()).containsExactly("eni-0e1e2e3e4e5e6e7e8", "eni-0f1f2f3f4f5f6f7f8");
        assertThat(lb.enforceSecurityGroupsOnPrivateLink()).isTrue();
        assertThat(lb.listeners()).singleElement().satisfies(l -> {
            assertThat(l.protocol()).isEqualTo(ListenerProtocol.TCP);
            assertThat(l.port()).isEqualTo(443);
            assertThat(l.targets()).containsExactly(new LoadBalancer.Target("i-0f0e0d0c0b0a09080", null, 8443));
        });
        assertThat(n.loadBalancer("my-gwlb")).isEmpty();
        assertThat(r.report().skipped()).anySatisfy(i -> assertThat(i.why()).contains("load balancers of type gateway are not modelled"));
        assertThat(r.report().skipped()).anySatisfy(i -> assertThat(i.why()).contains("its health state is draining"));
    }

    @Test
    void endpointServiceAndItsConsumer() {
        assertThat(n.endpointService("vpce-svc-0e123abc123198abc").orElseThrow()).satisfies(s -> {
            assertThat(s.loadBalancer()).isEqualTo("my-network-lb");
            assertThat(s.acceptanceRequired()).isTrue();
            assertThat(s.acceptedEndpoints()).containsExactly("vpce-0f89a33420c1931d7");
        });
        assertThat(n.vpcEndpoint("vpce-0f89a33420c1931d7").orElseThrow().service()).isEqualTo("vpce-svc-0e123abc123198abc");
    }

    @Test
    void latticeFromListItemsAndGetDocumentsMerged() {
        Lattice l = n.lattice();
        assertThat(l.prefixList()).isEqualTo("pl-0721453c7ac4ec009");
        assertThat(l.serviceNetworks()).singleElement().satisfies(sn -> {
            assertThat(sn.id()).isEqualTo("sn-080ec7dc93e8b4c5a");
            assertThat(sn.authType()).isEqualTo(Lattice.AuthType.NONE);
            assertThat(sn.services()).containsExactly("svc-0f1e2d3c4b5a69788");
            assertThat(sn.vpcAssociations()).containsExactly(new Lattice.VpcAssociation("vpc-0c9d8e7f6a5b4c3d2", java.util.List.of("sg-0d0d0d0d0d0d0d0d0")));
        });
        assertThat(l.services()).singleElement().satisfies(s -> {
            assertThat(s.authType()).isEqualTo(Lattice.AuthType.AWS_IAM);
            assertThat(s.listeners()).containsExactly(new Lattice.Listener(ListenerProtocol.HTTPS, 443, "tg-0a1b2c3d4e5f60718"));
        });
        assertThat(l.targetGroups()).singleElement().satisfies(t -> {
            assertThat(t.vpc()).isEqualTo("vpc-0b1c2d3e4f5a6b7c8");
            assertThat(t.type()).isEqualTo(Lattice.TargetGroup.TargetType.IP);
            assertThat(t.port()).isEqualTo(8080);
            assertThat(t.targets()).containsExactly(new Lattice.Target(null, io.reachsim.model.Ip.parse("10.10.1.20"), 8080));
        });
        assertThat(r.report().notes()).anySatisfy(i -> assertThat(i.what()).isEqualTo("Lattice auth policies"));
        assertThat(r.report().read()).containsEntry("Lattice service networks", 1).containsEntry("load balancers", 1)
                .containsEntry("endpoint services", 1);
    }

    @Test
    void theScenarioImportingItPasses() {
        io.reachsim.verdict.ScenarioResult s = Fixtures.run(Fixtures.resource("scenarios/services.yaml"));
        assertThat(s.expectations()).hasSize(3);
        for (io.reachsim.verdict.ExpectationResult e : s.expectations()) assertThat(e.passed()).as(Fixtures.describe(e)).isTrue();
    }
}
