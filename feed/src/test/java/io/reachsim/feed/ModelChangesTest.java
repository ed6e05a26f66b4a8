package io.reachsim.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Network;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Scenario;
import io.reachsim.model.SgRule;
import io.reachsim.model.TransitGateway;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per CloudTrail call the feed applies that the topology tests do not already drive, each
 * in CloudTrail's recorded shape (request names as in the EC2 API reference), checked on the model.
 */
class ModelChangesTest {
    static final String ACCOUNT = "111122223333";

    static Network load(String file) throws Exception {
        return new ScenarioLoader().load(List.of(Path.of(file))).get(0).network();
    }

    static ModelChanges.Outcome.Applied apply(Network n, Associations a, String name, ObjectNode req, ObjectNode resp) throws Exception {
        String json = Events.envelope("ev-" + name, name, name.equals("UpdateClusterConfig") ? "aws.eks" : "aws.ec2", ACCOUNT,
                n.region(), req, resp).toString();
        ModelChanges.Outcome out = ModelChanges.apply(new ModelChanges.State(n, a), CloudTrailEvents.parse(json));
        assertThat(out).isInstanceOf(ModelChanges.Outcome.Applied.class);
        return (ModelChanges.Outcome.Applied) out;
    }

    static ObjectNode obj() {
        return CloudTrailEvents.MAPPER.createObjectNode();
    }

    @Test
    void replaceRouteChangesTheTargetAndNamesTheBlockItCovers() throws Exception {
        Network n = load("src/test/resources/scenarios/watch-shop.yaml");
        var a = apply(n, Associations.NONE, "ReplaceRoute", obj().put("routeTableId", "rtb-0private000000001")
                .put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", "igw-0c0ffee000000001"), null);
        assertThat(a.network().routeTable("rtb-0private000000001").orElseThrow().routes())
                .containsExactly(new Route(new Route.RouteDestination.CidrDestination(io.reachsim.model.Cidr.parse("0.0.0.0/0")),
                        new RouteTarget.InternetGateway("igw-0c0ffee000000001")));
        assertThat(a.impact().routes()).containsOnlyKeys("rtb-0private000000001");
        assertThat(a.impact().components()).contains("nat-0feed000000000001");
    }

    @Test
    void aRouteToATargetTheNetworkDoesNotHaveIsRefused() throws Exception {
        Network n = load("src/test/resources/scenarios/watch-shop.yaml");
        String json = Events.envelope("ev-x", "CreateRoute", "aws.ec2", ACCOUNT, n.region(), obj().put("routeTableId", "rtb-0public0000000001")
                .put("destinationCidrBlock", "10.9.0.0/16").put("vpcPeeringConnectionId", "pcx-0nowhere"), null).toString();
        assertThatThrownBy(() -> ModelChanges.apply(new ModelChanges.State(n, Associations.NONE), CloudTrailEvents.parse(json)))
                .isInstanceOf(BadEventException.class).hasMessageContaining("route target pcx-0nowhere is not in the network");
    }

    @Test
    void replacingTheMainRouteTableAssociationMovesEverySubnetWithoutItsOwn() throws Exception {
        Network n = load("src/test/resources/scenarios/watch-shop.yaml");
        // Make the private subnet use the main table, then swap the main table for the public one.
        var b = n.toBuilder();
        b.subnets.replaceAll(s -> s.id().equals("subnet-0bb000000000private")
                ? new io.reachsim.model.Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), null, s.networkAcl(), s.tags()) : s);
        n = b.build();
        Associations known = new Associations(java.util.Map.of(), java.util.Map.of("rtbassoc-0main0000000001", "vpc-0a1b2c3d4e5f60001"),
                java.util.Map.of(), java.util.Map.of());
        var a = apply(n, known, "ReplaceRouteTableAssociation", obj().put("associationId", "rtbassoc-0main0000000001")
                .put("routeTableId", "rtb-0public0000000001"), obj().put("newAssociationId", "rtbassoc-0main0000000002"));
        Network after = a.network();
        assertThat(after.vpc("vpc-0a1b2c3d4e5f60001").orElseThrow().mainRouteTable()).isEqualTo("rtb-0public0000000001");
        assertThat(after.routeTableOf(after.subnet("subnet-0bb000000000private").orElseThrow()).id()).isEqualTo("rtb-0public0000000001");
        assertThat(a.impact().components()).contains("subnet-0bb000000000private").doesNotContain("subnet-0aa0000000000public");
        assertThat(a.associations().mainRouteTableVpcs()).containsOnlyKeys("rtbassoc-0main0000000002");
    }

    @Test
    void networkAclEntriesAreReplacedInRuleOrderAndAclAssociationsMove() throws Exception {
        Network n = load("src/test/resources/scenarios/watch-shop.yaml");
        var a = apply(n, Associations.NONE, "CreateNetworkAclEntry", obj().put("networkAclId", "acl-0private000000001").put("ruleNumber", 90)
                .put("egress", true).put("ruleAction", "deny").put("protocol", "17").put("cidrBlock", "10.0.0.7/24")
                .set("portRange", obj().put("from", 53).put("to", 53)), null);
        var egress = a.network().networkAcl("acl-0private000000001").orElseThrow().egress();
        assertThat(egress).extracting(AclEntry::ruleNumber).containsExactly(90, 100);
        assertThat(egress.get(0).cidr().toString()).as("host bits canonicalised as AWS does").isEqualTo("10.0.0.0/24");
        assertThat(egress.get(0).protocol()).isEqualTo(Protocol.UDP);
        var r = apply(a.network(), Associations.NONE, "ReplaceNetworkAclEntry", obj().put("networkAclId", "acl-0private000000001")
                .put("ruleNumber", 90).put("egress", true).put("ruleAction", "allow").put("protocol", "1").put("cidrBlock", "0.0.0.0/0")
                .set("icmpTypeCode", obj().put("type", 8).put("code", -1)), null);
        AclEntry e = r.network().networkAcl("acl-0private000000001").orElseThrow().egress().get(0);
        assertThat(e.action()).isEqualTo(AclEntry.Action.ALLOW);
        assertThat(e.icmpType()).isEqualTo(8);

        Associations known = new Associations(java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of("aclassoc-0priv000000001", "subnet-0bb000000000private"), java.util.Map.of());
        String defaultAcl = n.vpc("vpc-0a1b2c3d4e5f60001").orElseThrow().defaultNetworkAcl();
        var moved = apply(n, known, "ReplaceNetworkAclAssociation", obj().put("associationId", "aclassoc-0priv000000001")
                .put("networkAclId", defaultAcl), obj().put("newAssociationId", "aclassoc-0priv000000002"));
        assertThat(moved.network().networkAclOf(moved.network().subnet("subnet-0bb000000000private").orElseThrow()).id()).isEqualTo(defaultAcl);
        assertThat(moved.associations().aclSubnets()).containsEntry("aclassoc-0priv000000002", "subnet-0bb000000000private");
    }

    @Test
    void egressRulesAndModifySecurityGroupRulesByRuleId() throws Exception {
        Network n = load("src/test/resources/scenarios/watch-shop.yaml");
        ObjectNode perm = obj().put("ipProtocol", "tcp").put("fromPort", 5432).put("toPort", 5432);
        perm.putObject("ipRanges").putArray("items").addObject().put("cidrIp", "10.0.2.0/24");
        ObjectNode req = obj().put("groupId", "sg-0app0000000000001");
        req.putObject("ipPermissions").putArray("items").add(perm);
        ObjectNode resp = obj().put("_return", true);
        resp.putObject("securityGroupRuleSet").putArray("items").addObject().put("groupId", "sg-0app0000000000001")
                .put("securityGroupRuleId", "sgr-0pg00000000000001").put("isEgress", true).put("ipProtocol", "tcp")
                .put("fromPort", 5432).put("toPort", 5432).put("cidrIpv4", "10.0.2.0/24");
        var a = apply(n, Associations.NONE, "AuthorizeSecurityGroupEgress", req, resp);
        assertThat(a.network().securityGroup("sg-0app0000000000001").orElseThrow().egress()).extracting(SgRule::ports)
                .contains(new io.reachsim.model.PortRange(5432, 5432));
        assertThat(a.associations().rules()).containsKey("sgr-0pg00000000000001");

        // ModifySecurityGroupRules is logged wrapped and PascalCase.
        ObjectNode mod = obj();
        ObjectNode inner = mod.putObject("ModifySecurityGroupRulesRequest").put("GroupId", "sg-0app0000000000001");
        inner.putObject("SecurityGroupRule").put("SecurityGroupRuleId", "sgr-0pg00000000000001").put("tag", 1)
                .putObject("SecurityGroupRule").put("IpProtocol", "tcp").put("FromPort", 6432).put("ToPort", 6432).put("CidrIpv4", "10.0.2.0/24");
        var m = apply(a.network(), a.associations(), "ModifySecurityGroupRules", mod, obj().put("_return", true));
        var egress = m.network().securityGroup("sg-0app0000000000001").orElseThrow().egress();
        assertThat(egress).extracting(SgRule::ports).contains(new io.reachsim.model.PortRange(6432, 6432))
                .doesNotContain(new io.reachsim.model.PortRange(5432, 5432));

        ObjectNode revoke = obj().put("groupId", "sg-0app0000000000001");
        ObjectNode p2 = obj().put("ipProtocol", "tcp").put("fromPort", 6432).put("toPort", 6432);
        p2.putObject("ipRanges").putArray("items").addObject().put("cidrIp", "10.0.2.0/24");
        revoke.putObject("ipPermissions").putArray("items").add(p2);
        var r = apply(m.network(), m.associations(), "RevokeSecurityGroupEgress", revoke, obj().put("_return", true));
        assertThat(r.network().securityGroup("sg-0app0000000000001").orElseThrow().egress())
                .isEqualTo(n.securityGroup("sg-0app0000000000001").orElseThrow().egress());
    }

    @Test
    void transitGatewayStaticRoutesAreAddedAndDeleted() throws Exception {
        Network n = load("../scenarios/cross-vpc/tgw-segmentation-route-tables.yaml");
        ObjectNode req = obj();
        req.putObject("CreateTransitGatewayRouteRequest").put("TransitGatewayRouteTableId", "tgw-rt-prod")
                .put("DestinationCidrBlock", "10.20.0.0/16").put("TransitGatewayAttachmentId", "tgwa-dev");
        var a = apply(n, Associations.NONE, "CreateTransitGatewayRoute", req, null);
        TransitGateway.RouteTable prod = a.network().transitGateway("tgw-hub").orElseThrow().routeTables().stream()
                .filter(t -> t.id().equals("tgw-rt-prod")).findFirst().orElseThrow();
        assertThat(prod.routes()).extracting(TransitGateway.TgwRoute::attachment).contains("tgwa-dev");
        assertThat(a.impact().routes()).containsKey("tgw-rt-prod");
        ObjectNode del = obj();
        del.putObject("DeleteTransitGatewayRouteRequest").put("TransitGatewayRouteTableId", "tgw-rt-prod").put("DestinationCidrBlock", "10.20.0.0/16");
        var d = apply(a.network(), Associations.NONE, "DeleteTransitGatewayRoute", del, null);
        assertThat(d.network().transitGateways()).isEqualTo(n.transitGateways());
    }

    @Test
    void updateClusterConfigChangesEndpointAccessAndTheApiFlowsFollow() throws Exception {
        Scenario s = new ScenarioLoader().load(List.of(Path.of("../scenarios/eks/private-public-endpoint-public.yaml"))).get(0);
        List<Watched> watched = new java.util.ArrayList<>();
        for (int i = 0; i < s.expectations().size(); i++) watched.add(new Watched("w" + i, s.file(), s.name(), i, s.expectations().get(i)));
        Rechecker rechecker = new Rechecker(s.network(), watched);
        // The recorded sample: public access off, private on.
        String json = Events.sample("update-cluster-config.json").replace("us-east-1", s.network().region());
        var a = (ModelChanges.Outcome.Applied) ModelChanges.apply(new ModelChanges.State(s.network(), Associations.NONE),
                CloudTrailEvents.parse(json));
        assertThat(a.network().eksCluster("prod").orElseThrow().endpoint().privateAccess()).isTrue();
        Rechecker.Update u = rechecker.update(a.network(), a.impact());
        // Nodes now resolve the API to the X-ENIs: no longer via the public endpoint, which the expectation asked for.
        assertThat(u.changes()).extracting(c -> c.watched().name())
                .contains("nodes register with the API server over the public endpoint, through their NAT gateway");
        assertThat(rechecker.checked("w0").results()).allSatisfy(r -> assertThat(r.pathIds()).doesNotContain("prod-public-endpoint"));
    }

    @Test
    void attachingASecondInternetGatewayIsRefused() throws Exception {
        Network n = load("src/test/resources/scenarios/watch-shop.yaml");
        String json = Events.envelope("ev-igw", "AttachInternetGateway", "aws.ec2", ACCOUNT, n.region(),
                obj().put("internetGatewayId", "igw-0second").put("vpcId", "vpc-0a1b2c3d4e5f60001"), null).toString();
        assertThatThrownBy(() -> ModelChanges.apply(new ModelChanges.State(n, Associations.NONE), CloudTrailEvents.parse(json)))
                .isInstanceOf(BadEventException.class).hasMessageContaining("already has internet gateway igw-0c0ffee000000001");
    }
}
