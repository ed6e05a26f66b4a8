package io.reachsim.aws.snapshot;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.Instance;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reader makes of the single-account fixture: every field the model knows, and the report of
 * what it read and left out. Field names and values as the EC2 API reference documents them
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html and its siblings).
 */
class ImportReportTest {
    private final Snapshots.Result r = Fixtures.read("single", "us-east-2");
    private final Network n = r.network();

    @Test
    void vpcKeepsOnlyAssociatedCidrsPrimaryFirstAndTheDnsAttributes() {
        Vpc v = n.vpc("vpc-0e9801d129EXAMPLE").orElseThrow();
        assertThat(v.cidrs()).containsExactly(Cidr.parse("10.0.0.0/16"), Cidr.parse("100.64.0.0/16"));
        assertThat(v.ipv6Cidrs()).containsExactly(Cidr.parse("2600:1f16:115:200::/56"));
        assertThat(v.region()).isEqualTo("us-east-2");
        assertThat(v.account()).isEqualTo("111122223333");
        assertThat(v.enableDnsSupport()).isTrue();
        assertThat(v.enableDnsHostnames()).isTrue();
        // AWS's real objects are the VPC's defaults, not materialised stand-ins
        assertThat(v.defaultSecurityGroup()).isEqualTo("sg-903004f8");
        assertThat(v.defaultNetworkAcl()).isEqualTo("acl-9aeb5ef7");
        assertThat(v.mainRouteTable()).isEqualTo("rtb-0e3dc5f7bdEXAMPLE");
    }

    @Test
    void subnetsCarryTheirAssociationsAzIdAndIpv6() {
        Subnet pub = n.subnet("subnet-0bb1c79de3EXAMPLE").orElseThrow();
        assertThat(pub.az()).isEqualTo("us-east-2a");
        assertThat(pub.azId()).isEqualTo("use2-az1");
        assertThat(pub.ipv6Cidr()).isEqualTo(Cidr.parse("2600:1f16:115:200::/64"));
        assertThat(pub.routeTable()).isEqualTo("rtb-09ba434c1bEXAMPLE");
        assertThat(pub.networkAcl()).isEqualTo("acl-9aeb5ef7");
        assertThat(pub.tags()).containsEntry("Name", "public-a");
        assertThat(n.subnet("subnet-0931fc2fa5EXAMPLE").orElseThrow().networkAcl()).isEqualTo("acl-5fb85d36");
    }

    @Test
    void routesOfEveryTargetKind() {
        RouteTable priv = n.routeTable("rtb-07a98f76e5EXAMPLE").orElseThrow();
        assertThat(priv.main()).isFalse();
        assertThat(priv.propagatingVgws()).containsExactly("vgw-9a4cacf3");
        List<String> routes = priv.routes().stream().map(x -> x.destination() + " -> " + x.target().id()).toList();
        // local routes are implicit; the propagated VGW route is derived from PropagatingVgws; the carrier gateway is skipped
        assertThat(routes).containsExactly("0.0.0.0/0 -> nat-05dba92075d71c408", "::/0 -> eigw-015e0e244e24dfe8a",
                "pl-7ba54012 -> vpce-032a826a", "10.99.0.0/16 -> blackhole");
        assertThat(priv.routes().get(2).destination()).isInstanceOf(Route.RouteDestination.PrefixListDestination.class);
        assertThat(priv.routes().get(2).target()).isInstanceOf(RouteTarget.VpcEndpoint.class);
        assertThat(n.routeTable("rtb-0e3dc5f7bdEXAMPLE").orElseThrow().main()).isTrue();
        assertThat(n.vpnGateway("vgw-9a4cacf3").orElseThrow().remoteCidrs()).containsExactly(Cidr.parse("192.168.0.0/16"));
    }

    @Test
    void networkAclEntriesWithoutAwsImplicitDeny() {
        NetworkAcl acl = n.networkAcl("acl-5fb85d36").orElseThrow();
        assertThat(acl.isDefault()).isFalse();
        assertThat(acl.ingress()).extracting(AclEntry::ruleNumber).containsExactly(100, 110, 120, 130, 140);
        AclEntry icmp = acl.ingress().get(2);
        assertThat(icmp.protocol()).isEqualTo(Protocol.ICMP);
        assertThat(icmp.icmpType()).isEqualTo(8);
        assertThat(icmp.icmpCode()).isEqualTo(-1);
        assertThat(acl.ingress().get(3).cidr()).isEqualTo(Cidr.parse("::/0"));
        assertThat(acl.egress()).extracting(AclEntry::ruleNumber).containsExactly(100, 101);
        assertThat(n.networkAcl("acl-9aeb5ef7").orElseThrow().isDefault()).isTrue();
    }

    @Test
    void securityGroupRulesOfEveryPeerKind() {
        SecurityGroup app = n.securityGroup("sg-0f2b3c4d5aEXAMPLE").orElseThrow();
        assertThat(app.name()).isEqualTo("app");
        assertThat(app.ingress()).extracting(x -> x.protocol() + " " + x.ports() + " " + x.icmpType() + " " + x.peer())
                .containsExactly("tcp 8080 -1 sg-0b0384b66dEXAMPLE", "tcp 800-900 -1 sg-0b0384b66dEXAMPLE",
                        "icmp null 8 10.0.0.0/16", "tcp 5432 -1 pl-0123456789abcdef0");
        assertThat(app.ingress().get(0).peer()).isInstanceOf(SgRule.SgPeer.GroupPeer.class);
        assertThat(app.ingress().get(3).peer()).isInstanceOf(SgRule.SgPeer.PrefixListPeer.class);
        assertThat(app.egress()).extracting(x -> x.protocol() + " " + x.peer()).containsExactly("all 0.0.0.0/0", "all ::/0");
        SecurityGroup web = n.securityGroup("sg-0b0384b66dEXAMPLE").orElseThrow();
        assertThat(web.ingress()).extracting(x -> x.peer().toString()).containsExactly("0.0.0.0/0", "::/0", "203.0.113.0/24");
        assertThat(web.ingress().get(2).description()).isEqualTo("office");
    }

    @Test
    void instancesInterfacesNatGatewaysAndEndpoints() {
        Instance web = n.instance("i-1234567890abcdef0").orElseThrow();
        assertThat(web.networkInterfaces()).containsExactly("eni-0f7e8d9c1bEXAMPLE");
        NetworkInterface eni = n.networkInterface("eni-0f7e8d9c1bEXAMPLE").orElseThrow();
        assertThat(eni.instance()).isEqualTo("i-1234567890abcdef0");
        assertThat(eni.privateIp()).hasToString("10.0.1.10");
        assertThat(eni.publicIp()).hasToString("198.51.100.10");
        assertThat(eni.ipv6Ip()).hasToString("2600:1f16:115:200::10");
        assertThat(eni.securityGroups()).containsExactly("sg-0b0384b66dEXAMPLE");
        assertThat(n.instance("i-0ab1c2d3e4f5a6b7c")).as("stopped").isEmpty();
        assertThat(n.networkInterface("eni-0c9d8e7f6aEXAMPLE")).as("the stopped instance's interface").isEmpty();
        assertThat(n.networkInterface("eni-0a8b3c4d5e6f7a8b9")).as("the NAT gateway's own interface").isEmpty();

        NatGateway nat = n.natGateway("nat-05dba92075d71c408").orElseThrow();
        assertThat(nat.connectivity()).isEqualTo(NatGateway.Connectivity.PUBLIC);
        assertThat(nat.privateIp()).hasToString("10.0.1.73");
        assertThat(nat.publicIp()).hasToString("198.51.100.77");

        VpcEndpoint s3 = n.vpcEndpoint("vpce-032a826a").orElseThrow();
        assertThat(s3.type()).isEqualTo(VpcEndpoint.Type.GATEWAY);
        assertThat(s3.service()).isEqualTo("s3");
        assertThat(s3.routeTables()).containsExactly("rtb-07a98f76e5EXAMPLE");
        VpcEndpoint sts = n.vpcEndpoint("vpce-0d5c5ab4b2EXAMPLE").orElseThrow();
        assertThat(sts.service()).isEqualTo("sts");
        assertThat(sts.privateDns()).isTrue();
        assertThat(sts.networkInterfaces()).containsExactly("eni-0d1c2b3a49EXAMPLE");
        assertThat(n.vpcEndpoint("vpce-0f89a33420c1931d7")).as("pendingAcceptance").isEmpty();
        assertThat(n.prefixList("pl-7ba54012").orElseThrow().cidrs()).hasSize(4);
        assertThat(n.prefixList("pl-0123456789abcdef0").orElseThrow().name()).isEqualTo("corp-networks");
    }

    @Test
    void theReportCountsWhatWasReadPerKind() {
        ImportReport rep = r.report();
        assertThat(rep.read()).containsEntry("VPCs", 1).containsEntry("subnets", 2).containsEntry("route tables", 3)
                .containsEntry("network ACLs", 2).containsEntry("security groups", 4).containsEntry("instances", 2)
                .containsEntry("network interfaces", 3).containsEntry("NAT gateways", 1).containsEntry("VPC endpoints", 2)
                .containsEntry("prefix lists", 2).containsEntry("Elastic IPs", 2).containsEntry("VPN gateways", 1)
                .containsEntry("internet gateways", 1).containsEntry("egress-only internet gateways", 1);
        assertThat(rep.files()).hasSize(19);
        assertThat(rep.regions()).containsExactly("us-east-2");
        assertThat(rep.accounts()).containsExactly("111122223333");
        assertThat(rep.summary()).startsWith(Fixtures.snapshot("single") + ": 19 files, 1 account, 1 region (us-east-2); read 1 VPC, 2 subnets,");
    }

    @Test
    void theReportSaysWhatWasSkippedWhereAndWhy() {
        List<String> skipped = r.report().skipped().stream().map(i -> i.what() + ": " + i.why()).toList();
        assertThat(skipped).anySatisfy(s -> assertThat(s).startsWith("CIDR 10.2.0.0/16 of VPC 'vpc-0e9801d129EXAMPLE': its state is disassociated"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("route to 172.31.64.0/20").contains("carrier gateway"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("instance 'i-0ab1c2d3e4f5a6b7c'").contains("stopped"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("protocol 50 is not modelled"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("'sg-0aaa1111bbEXAMPLE' of account 999988887777").contains("not in the snapshot"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("top-level key 'DhcpOptions'"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("Elastic IP 203.0.113.200: not associated"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("VPC endpoint 'vpce-0f89a33420c1931d7'").contains("pendingAcceptance"));
        ImportReport.Item dhcp = r.report().skipped().stream().filter(i -> i.what().contains("DhcpOptions")).findFirst().orElseThrow();
        assertThat(dhcp.at().file()).endsWith("dhcp-options.json");
        assertThat(dhcp.at().line()).isEqualTo(2);
        assertThat(dhcp.at().column()).isGreaterThan(1);
        assertThat(r.report().summary()).endsWith("; skipped " + skipped.size());
        assertThat(r.report().text()).contains("skipped (" + skipped.size() + ")").contains("  carrier gateway".trim());
    }
}
