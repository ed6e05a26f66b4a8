package io.reachsim.aws.snapshot;

import io.reachsim.model.Cidr;
import io.reachsim.model.Network;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.VpcPeering;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** snapshots/multi: two accounts, three account/region folders in two layouts, peering, a transit gateway, a shared VPC. */
class MultiAccountSnapshotTest {
    private final Snapshots.Result r = Fixtures.read("multi", null);
    private final Network n = r.network();

    @Test
    void accountsAndRegionsComeFromTheFolders() {
        assertThat(r.report().accounts()).containsExactlyInAnyOrder("111122223333", "444455556666");
        assertThat(r.report().regions()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        assertThat(n.vpc("vpc-0a60eb65b4EXAMPLE").orElseThrow().region()).isEqualTo("us-east-1");
        assertThat(n.vpc("vpc-0c5d6e7f8aEXAMPLE").orElseThrow().region()).isEqualTo("eu-west-1");
        assertThat(n.vpc("vpc-0c5d6e7f8aEXAMPLE").orElseThrow().account()).isEqualTo("444455556666");
        // no region was given and there are two: the default region
        assertThat(n.region()).isEqualTo("us-east-1");
    }

    @Test
    void aSharedVpcSeenFromBothAccountsIsReadOnceAndItsParticipantsKeepTheirAccount() {
        assertThat(n.vpcs()).extracting(v -> v.id()).containsOnlyOnce("vpc-07e8ffd50fEXAMPLE");
        assertThat(n.vpc("vpc-07e8ffd50fEXAMPLE").orElseThrow().account()).isEqualTo("111122223333");
        assertThat(n.subnet("subnet-0d2a3b4c5dEXAMPLE").orElseThrow().owner()).as("owned by the VPC's account").isNull();
        assertThat(n.networkInterface("eni-0a9b8c7d6eEXAMPLE").orElseThrow().account()).isEqualTo("444455556666");
        assertThat(n.securityGroup("sg-0f6f6f6f6fEXAMPLE").orElseThrow().account()).isEqualTo("444455556666");
        assertThat(r.report().notes()).anySatisfy(i -> assertThat(i.what()).isEqualTo("VPC 'vpc-07e8ffd50fEXAMPLE'"));
    }

    @Test
    void onlyActivePeeringsAreRead() {
        assertThat(n.vpcPeerings()).containsExactly(new VpcPeering("pcx-1a2b3c4d", "vpc-0a60eb65b4EXAMPLE", "vpc-0c5d6e7f8aEXAMPLE"));
        assertThat(r.report().skipped()).anySatisfy(i -> {
            assertThat(i.what()).isEqualTo("VPC peering connection 'pcx-0fe1d2c3b4EXAMPLE'");
            assertThat(i.why()).isEqualTo("status is pending-acceptance, not active");
        });
        List<Route> routes = n.routeTable("rtb-0a1b2c3d4eEXAMPLE").orElseThrow().routes();
        assertThat(routes).extracting(Route::target).containsExactly(new RouteTarget.VpcPeering("pcx-1a2b3c4d"),
                new RouteTarget.TransitGateway("tgw-0262a0e521EXAMPLE"));
        assertThat(r.report().skipped()).anySatisfy(i -> assertThat(i.why()).contains("local gateway 'lgw-09b493aa7cEXAMPLE' (Outposts)"));
    }

    @Test
    void transitGatewayWithAttachmentsAssociationsPropagationsAndStaticRoutes() {
        TransitGateway tgw = n.transitGateway("tgw-0262a0e521EXAMPLE").orElseThrow();
        assertThat(tgw.account()).isEqualTo("111122223333");
        assertThat(tgw.region()).isEqualTo("us-east-1");
        assertThat(tgw.attachments()).extracting(TransitGateway.Attachment::id)
                .containsExactly("tgw-attach-0b5968d3b6EXAMPLE", "tgw-attach-0a34fe6b4fEXAMPLE", "tgw-attach-0e1f2a3b4cEXAMPLE");
        TransitGateway.Attachment vpn = tgw.attachments().get(2);
        assertThat(vpn.type()).isEqualTo(TransitGateway.Attachment.Type.VPN);
        assertThat(vpn.association()).isEqualTo("tgw-rtb-0b6f6aaa01EXAMPLE");
        // describe-vpn-connections: the available static route, not the deleted one
        assertThat(vpn.remoteCidrs()).containsExactly(Cidr.parse("192.168.0.0/16"));
        TransitGateway.Attachment a = tgw.attachments().get(0);
        assertThat(a.vpc()).isEqualTo("vpc-0a60eb65b4EXAMPLE");
        assertThat(a.subnets()).containsExactly("subnet-0e99b93155EXAMPLE", "subnet-02a95061c4EXAMPLE");
        assertThat(a.association()).as("from describe-transit-gateway-attachments").isEqualTo("tgw-rtb-0b6f6aaa01EXAMPLE");
        assertThat(a.propagations()).containsExactly("tgw-rtb-0b6f6aaa01EXAMPLE");
        TransitGateway.Attachment s = tgw.attachments().get(1);
        assertThat(s.association()).as("from the associations file").isEqualTo("tgw-rtb-0b6f6aaa01EXAMPLE");
        assertThat(s.applianceMode()).isTrue();
        // Options: Ipv6Support and SecurityGroupReferencingSupport (AWS defaults: off, on)
        assertThat(a.ipv6Support()).isFalse();
        assertThat(a.securityGroupReferencing()).isTrue();
        assertThat(s.ipv6Support()).isTrue();
        assertThat(s.securityGroupReferencing()).isFalse();
        TransitGateway.RouteTable rt = tgw.routeTables().get(0);
        assertThat(rt.routes()).containsExactly(
                new TransitGateway.TgwRoute(new Route.RouteDestination.CidrDestination(Cidr.parse("10.99.0.0/16")), null, true),
                new TransitGateway.TgwRoute(new Route.RouteDestination.CidrDestination(Cidr.parse("10.51.0.0/16")),
                        "tgw-attach-0a34fe6b4fEXAMPLE", false));
        assertThat(r.report().notes()).anySatisfy(i -> assertThat(i.what()).isEqualTo("2 propagated transit gateway routes"));
        assertThat(r.report().skipped()).anySatisfy(i -> assertThat(i.why()).contains("attachments of type peering are not modelled"));
    }

    @Test
    void theScenarioImportingItPasses() {
        ScenarioResult s = Fixtures.run(Fixtures.resource("scenarios/multi.yaml"));
        assertThat(s.expectations()).hasSize(7);
        for (ExpectationResult e : s.expectations()) assertThat(e.passed()).as(Fixtures.describe(e)).isTrue();
    }
}
