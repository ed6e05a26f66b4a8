package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.VpcPeering;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading peering connections, transit gateways and shared-VPC accounts: what loads, and one test per
 * error message (AWS refuses to create each of these; the docs are cited on the rules in CrossVpcResolver).
 */
class ScenarioLoaderCrossVpcTest extends LoadTestSupport {

    /** Two VPCs in one region, one subnet each (two AZs in vpc-a), for tests to add to. */
    static final String TWO = """
            apiVersion: reachsim/v1
            name: test
            region: us-east-1
            network:
              vpcs:
                - {id: vpc-a, cidr: 10.1.0.0/16}
                - {id: vpc-b, cidr: 10.2.0.0/16}
              subnets:
                - {id: a-1, vpc: vpc-a, az: us-east-1a, cidr: 10.1.1.0/24}
                - {id: a-2, vpc: vpc-a, az: us-east-1a, cidr: 10.1.2.0/24}
                - {id: a-3, vpc: vpc-a, az: us-east-1b, cidr: 10.1.3.0/24}
                - {id: b-1, vpc: vpc-b, az: us-east-1a, cidr: 10.2.1.0/24}
            """;

    @Nested
    class Peering {
        @Test
        void loadsWithBothVpcs() {
            Network n = network(TWO + "  vpcPeerings: [{id: pcx-ab, requester: vpc-a, accepter: vpc-b}]\n"
                    + "  routeTables: [{id: rt-a, vpc: vpc-a, routes: [{destination: 10.2.0.0/16, target: pcx-ab}]}]\n");
            assertThat(n.vpcPeerings()).containsExactly(new VpcPeering("pcx-ab", "vpc-a", "vpc-b"));
            assertThat(n.routeTable("rt-a").orElseThrow().routes().get(0).target().id()).isEqualTo("pcx-ab");
        }

        @Test
        void overlappingCidrsAreRefused() {
            String y = TWO.replace("{id: vpc-b, cidr: 10.2.0.0/16}", "{id: vpc-b, cidr: 10.1.128.0/17}")
                    .replace("cidr: 10.2.1.0/24", "cidr: 10.1.129.0/24")
                    + "  vpcPeerings: [{id: pcx-ab, requester: vpc-a, accepter: vpc-b}]\n";
            onlyError(y, pos(y, "{id: pcx-ab"), "VPC peering connection 'pcx-ab' joins VPCs with overlapping CIDRs",
                    "10.1.0.0/16 of 'vpc-a' and 10.1.128.0/17 of 'vpc-b'", "AWS refuses to create it");
        }

        @Test
        void unknownVpcSuggestsOne() {
            String y = TWO + "  vpcPeerings: [{id: pcx-ab, requester: vpc-a, accepter: vpc-bb}]\n";
            onlyError(y, pos(y, "vpc-bb"), "VPC 'vpc-bb' of VPC peering connection 'pcx-ab' does not exist", "did you mean 'vpc-b'?");
        }

        @Test
        void aSecondPeeringOfTheSamePairIsRefused() {
            String y = TWO + "  vpcPeerings: [{id: pcx-ab, requester: vpc-a, accepter: vpc-b}, {id: pcx-ba, requester: vpc-b, accepter: vpc-a}]\n";
            onlyError(y, pos(y, "{id: pcx-ba"), "already joined by 'pcx-ab'", "one peering connection per pair");
        }

        @Test
        void routeFromAVpcNotPartOfThePeering() {
            String y = TWO.replace("    - {id: vpc-b, cidr: 10.2.0.0/16}\n", "    - {id: vpc-b, cidr: 10.2.0.0/16}\n    - {id: vpc-c, cidr: 10.3.0.0/16}\n")
                    + "  vpcPeerings: [{id: pcx-ab, requester: vpc-a, accepter: vpc-b}]\n"
                    + "  routeTables: [{id: rt-c, vpc: vpc-c, routes: [{destination: 10.2.0.0/16, target: pcx-ab}]}]\n";
            onlyError(y, pos(y, "target: pcx-ab", "pcx-ab"), "route target 'pcx-ab' in route table 'rt-c' is the peering of VPCs 'vpc-a' and 'vpc-b'",
                    "VPC 'vpc-c' is not part of it");
        }

        @Test
        void groupReferenceAcrossAPeeringLoadsButNotAcrossRegions() {
            String ok = TWO + "  vpcPeerings: [{id: pcx-ab, requester: vpc-a, accepter: vpc-b}]\n"
                    + "  securityGroups: [{id: sg-a, vpc: vpc-a}, {id: sg-b, vpc: vpc-b, ingress: [{protocol: tcp, ports: 443, source: sg-a}]}]\n";
            assertThat(network(ok).securityGroup("sg-b")).isPresent();
            String y = ok.replace("{id: vpc-b, cidr: 10.2.0.0/16}", "{id: vpc-b, cidr: 10.2.0.0/16, region: eu-west-1}");
            onlyError(y, pos(y, "source: sg-a", "sg-a"), "source 'sg-a' of ingress rule #1 of security group 'sg-b' is a security group of VPC 'vpc-a'",
                    "peered across regions", "inter-region peering does not carry security-group references");
        }

        @Test
        void groupReferenceWithoutAPeeringSaysWhy() {
            String y = TWO + "  securityGroups: [{id: sg-a, vpc: vpc-a}, {id: sg-b, vpc: vpc-b, ingress: [{protocol: tcp, ports: 443, source: sg-a}]}]\n";
            onlyError(y, pos(y, "source: sg-a", "sg-a"), "is a security group of VPC 'vpc-a', not of VPC 'vpc-b'",
                    "only across a VPC peering connection", "transit gateway is off by default");
        }
    }

    @Nested
    class TransitGateways {
        static final String TGW = """
                  transitGateways:
                    - id: tgw-hub
                      routeTables:
                        - id: tgw-rt
                          routes: [{destination: 10.9.0.0/16, blackhole: true}, {destination: 10.2.0.0/16, attachment: tgwa-b}]
                        - id: tgw-rt-2
                      attachments:
                        - {id: tgwa-a, vpc: vpc-a, subnets: [a-1, a-3], association: tgw-rt, propagations: [tgw-rt, tgw-rt-2]}
                        - {id: tgwa-b, vpc: vpc-b, subnets: [b-1], association: tgw-rt}
                        - {id: tgwa-vpn, type: vpn, remoteCidrs: [192.168.0.0/16], propagations: [tgw-rt]}
                """;

        @Test
        void loadsRouteTablesAndAttachments() {
            Network n = network(TWO + TGW + "  routeTables: [{id: rt-a, vpc: vpc-a, routes: [{destination: 0.0.0.0/0, target: tgw-hub}]}]\n"
                    + "  external: [{id: corp, cidr: 192.168.0.0/16, via: tgwa-vpn}]\n");
            TransitGateway t = n.transitGateway("tgw-hub").orElseThrow();
            assertThat(t.region()).isEqualTo("us-east-1");
            assertThat(t.routeTables()).extracting(TransitGateway.RouteTable::id).containsExactly("tgw-rt", "tgw-rt-2");
            assertThat(t.routeTables().get(0).routes()).hasSize(2);
            assertThat(t.attachments()).extracting(TransitGateway.Attachment::id).containsExactly("tgwa-a", "tgwa-b", "tgwa-vpn");
            assertThat(t.attachments().get(0).subnets()).containsExactly("a-1", "a-3");
            assertThat(t.attachments().get(2).type()).isEqualTo(TransitGateway.Attachment.Type.VPN);
            assertThat(t.attachments().get(2).association()).isNull();
            assertThat(n.external("corp").orElseThrow().via()).isEqualTo("tgwa-vpn");
        }

        @Test
        void twoSubnetsInOneAz() {
            String y = TWO + TGW.replace("subnets: [a-1, a-3]", "subnets: [a-1, a-2]");
            onlyError(y, pos(y, "[a-1, a-2]", "a-2"), "subnets 'a-1' and 'a-2' of transit gateway attachment 'tgwa-a'", "are both in us-east-1a",
                    "one subnet per availability zone");
        }

        @Test
        void attachmentSubnetOfAnotherVpc() {
            String y = TWO + TGW.replace("subnets: [b-1]", "subnets: [a-2]");
            onlyError(y, pos(y, "subnets: [a-2]", "a-2"), "subnet 'a-2' of transit gateway attachment 'tgwa-b'", "belongs to VPC 'vpc-a', not to VPC 'vpc-b'");
        }

        @Test
        void associationMustBeARouteTableOfTheSameGateway() {
            String y = TWO + TGW.replace("association: tgw-rt, propagations", "association: tgw-rtt, propagations");
            onlyError(y, pos(y, "tgw-rtt"), "association 'tgw-rtt' of transit gateway attachment 'tgwa-a'", "does not exist",
                    "did you mean 'tgw-rt'?", "known route tables of tgw-hub: tgw-rt, tgw-rt-2");
        }

        @Test
        void routeToAnUnknownAttachment() {
            String y = TWO + TGW.replace("attachment: tgwa-b}", "attachment: tgwa-bb}");
            onlyError(y, pos(y, "tgwa-bb"), "attachment 'tgwa-bb' of a route of transit gateway route table 'tgw-rt' does not exist",
                    "did you mean 'tgwa-b'?");
        }

        @Test
        void blackholeWithAnAttachmentAndRouteWithNeither() {
            String y = TWO + TGW.replace("{destination: 10.9.0.0/16, blackhole: true}",
                    "{destination: 10.9.0.0/16, blackhole: true, attachment: tgwa-a}, {destination: 10.8.0.0/16}");
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).containsExactlyInAnyOrder(
                    "route #1 of transit gateway route table 'tgw-rt' is a blackhole route and names an attachment: a blackhole route has none",
                    "route #2 of transit gateway route table 'tgw-rt' has no 'attachment' (the attachment it routes to; or write blackhole: true)");
        }

        @Test
        void routeToATransitGatewayTheVpcIsNotAttachedTo() {
            String y = TWO + TGW.replace("        - {id: tgwa-b, vpc: vpc-b, subnets: [b-1], association: tgw-rt}\n", "")
                    .replace(", {destination: 10.2.0.0/16, attachment: tgwa-b}", "")
                    + "  routeTables: [{id: rt-b, vpc: vpc-b, routes: [{destination: 0.0.0.0/0, target: tgw-hub}]}]\n";
            onlyError(y, pos(y, "target: tgw-hub", "tgw-hub"), "route target 'tgw-hub' in route table 'rt-b' is a transit gateway VPC 'vpc-b' has no attachment to");
        }

        @Test
        void aVpcAttachedTwiceAndAVpcOfAnotherRegion() {
            String y = TWO.replace("{id: vpc-b, cidr: 10.2.0.0/16}", "{id: vpc-b, cidr: 10.2.0.0/16, region: eu-west-1}")
                    + TGW.replace("        - {id: tgwa-vpn", "        - {id: tgwa-a2, vpc: vpc-a, subnets: [a-2]}\n        - {id: tgwa-vpn");
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).anySatisfy(m -> assertThat(m)
                    .contains("attaches VPC 'vpc-a', already attached by 'tgwa-a'", "one VPC attachment per VPC and transit gateway"));
            assertThat(errors).extracting(LoadError::message).anySatisfy(m -> assertThat(m)
                    .contains("attaches VPC 'vpc-b' of region eu-west-1 to a transit gateway of region us-east-1"));
            assertThat(errors).hasSize(2);
        }

        @Test
        void vpcOnlyFieldsOnAVpnAttachment() {
            String y = TWO + TGW.replace("{id: tgwa-vpn, type: vpn,", "{id: tgwa-vpn, type: vpn, subnets: [a-1],");
            onlyError(y, pos(y, "subnets: [a-1],", "subnets"), "'subnets' of transit gateway attachment 'tgwa-vpn' applies to VPC attachments only");
        }

        @Test
        void externalViaAVpcAttachment() {
            String y = TWO + TGW + "  external: [{id: corp, cidr: 192.168.0.0/16, via: tgwa-a}]\n";
            onlyError(y, pos(y, "via: tgwa-a", "tgwa-a"), "'via' of external network 'corp' must be a VPN gateway or a transit gateway VPN attachment",
                    "is a transit gateway attachment of type vpc", "known VPN gateways and VPN attachments: tgwa-vpn");
        }
    }

    @Nested
    class SharedVpc {
        static final String SHARED = """
                apiVersion: reachsim/v1
                name: test
                network:
                  vpcs: [{id: vpc-s, cidr: 10.0.0.0/16, account: "111111111111"}]
                  subnets:
                    - {id: s-a, vpc: vpc-s, az: us-west-2a, azId: usw2-az1, cidr: 10.0.1.0/24, sharedWith: ["222222222222"]}
                  securityGroups:
                    - {id: sg-owner, vpc: vpc-s}
                    - {id: sg-p, vpc: vpc-s, account: "222222222222"}
                """;

        @Test
        void participantInstanceWithItsOwnGroupLoads() {
            Network n = network(SHARED + "  instances: [{id: i-p, subnet: s-a, privateIp: 10.0.1.10, account: \"222222222222\", securityGroups: [sg-p]}]\n");
            NetworkInterface e = n.networkInterface("i-p").orElseThrow();
            assertThat(e.account()).isEqualTo("222222222222");
            Subnet s = n.subnet("s-a").orElseThrow();
            assertThat(s.owner()).isEqualTo("111111111111");
            assertThat(s.azId()).isEqualTo("usw2-az1");
            assertThat(s.sharedWith()).containsExactly("222222222222");
            assertThat(n.vpc("vpc-s").orElseThrow().account()).isEqualTo("111111111111");
        }

        @Test
        void participantUsingTheOwnersGroupNamesBoth() {
            String y = SHARED + "  instances: [{id: i-p, subnet: s-a, privateIp: 10.0.1.10, account: \"222222222222\", securityGroups: [sg-owner]}]\n";
            onlyError(y, pos(y, "\"222222222222\", securityGroups", "\"222"), "instance 'i-p' (account 222222222222) uses security group 'sg-owner' of account 111111111111",
                    "only uses security groups of its own account");
        }

        @Test
        void participantWithoutGroupsWouldGetTheOwnersDefaultGroup() {
            String y = SHARED + "  instances: [{id: i-p, subnet: s-a, privateIp: 10.0.1.10, account: \"222222222222\"}]\n";
            onlyError(y, pos(y, "10.0.1.10, account: \"222222222222\"}", "\"222"), "uses security group 'vpc-s-default' of account 111111111111",
                    "the VPC's default group is the owner's");
        }

        @Test
        void accountTheSubnetIsNotSharedWith() {
            String y = SHARED.replace("{id: sg-p, vpc: vpc-s, account: \"222222222222\"}", "{id: sg-p, vpc: vpc-s, account: \"333333333333\"}")
                    + "  instances: [{id: i-p, subnet: s-a, privateIp: 10.0.1.10, account: \"333333333333\", securityGroups: [sg-p]}]\n";
            onlyError(y, pos(y, "privateIp: 10.0.1.10, account: \"333333333333\"", "\"333"), "instance 'i-p' belongs to account 333333333333",
                    "subnet 's-a' is owned by account 111111111111 and not shared with it (sharedWith: 222222222222)");
        }

        @Test
        void accountIdsAreTwelveDigits() {
            String y = SHARED.replace("sharedWith: [\"222222222222\"]", "sharedWith: [\"2222\"]");
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message)
                    .contains("an account in 'sharedWith' of subnet 's-a' must be an AWS account id (12 digits), not '2222'");
        }
    }
}
