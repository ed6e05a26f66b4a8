package io.reachsim.load;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per kind of load error: each asserts the exact line:column (of the offending value where
 * there is one) and the words that tell the user what is wrong and what was expected.
 */
class ScenarioLoaderErrorsTest extends LoadTestSupport {

    @Nested
    class Fields {
        @Test
        void unknownFieldSuggestsTheNearestKnownName() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.0/24, routeTabel: rt-a}");
            LoadError e = onlyError(y, pos(y, "routeTabel"));
            assertThat(e.message()).isEqualTo("unknown field 'routeTabel' in subnet 'private-a' — did you mean 'routeTable'?");
        }

        @Test
        void unknownFieldFarFromAnyNameHasNoSuggestion() {
            String y = HEAD + "  natGateways: [{id: nat-a, subnet: public-a, privateIp: 10.0.0.5, publicIp: 198.51.100.7, colour: red}]\n";
            LoadError e = onlyError(y, pos(y, "colour"), "unknown field 'colour' in NAT gateway 'nat-a'");
            assertThat(e.message()).doesNotContain("did you mean");
        }

        @Test
        void aNetworkSectionAtTopLevelSaysWhereItBelongs() {
            String y = "apiVersion: reachsim/v1\nvpcs: []\n";
            onlyError(y, pos(y, "vpcs"), "'vpcs' belongs under 'network:'");
        }

        @Test
        void missingRequiredFieldIsReportedAtTheItem() {
            String y = HEAD.replace("{id: private-a, vpc: vpc-main, ", "{id: private-a, ");
            onlyError(y, pos(y, "{id: private-a"), "subnet 'private-a' has no 'vpc' (required)");
        }

        @Test
        void duplicateFieldNamesBothLines() {
            String y = HEAD + """
                      internetGateways:
                        - id: igw-1
                          vpc: vpc-main
                          vpc: vpc-main
                    """;
            int[] first = pos(y, "vpc: vpc-main\n");
            int[] second = pos(y, "      vpc: vpc-main\n      vpc: vpc-main", "      vpc: vpc-main\n      vpc");
            LoadError e = onlyError(y, new int[] {first[0] + 1, first[1]});
            assertThat(second[0]).isEqualTo(first[0]);
            assertThat(e.message()).isEqualTo("duplicate field 'vpc' in internet gateway 'igw-1' (first written at line " + first[0] + ")");
        }

        @Test
        void aListWhereAMappingIsExpected() {
            String y = HEAD + "  internetGateways:\n    - [igw-1, vpc-main]\n";
            onlyError(y, pos(y, "[igw-1"), "internet gateway #1 must be a mapping of fields, not a list");
        }

        @Test
        void aMappingWhereAListIsExpected() {
            String y = HEAD + "  internetGateways: {id: igw-1, vpc: vpc-main}\n";
            onlyError(y, pos(y, "{id: igw-1"), "'internetGateways' of 'network' must be a list, not a mapping");
        }

        @Test
        void aListWhereAValueIsExpected() {
            String y = HEAD + "  internetGateways: [{id: igw-1, vpc: [vpc-main]}]\n";
            onlyError(y, pos(y, "[vpc-main]"), "'vpc' of internet gateway 'igw-1' must be a single value, not a list");
        }

        @Test
        void aBooleanThatIsNot() {
            String y = HEAD + "  routeTables: [{id: rt-a, vpc: vpc-main, main: maybe}]\n";
            onlyError(y, pos(y, "maybe"), "'main' of route table 'rt-a' must be true or false, not 'maybe'");
        }

        @Test
        void aChoiceOutsideItsValuesSuggestsOne() {
            String y = HEAD + "  natGateways: [{id: nat-a, subnet: public-a, connectivity: privat, privateIp: 10.0.0.5}]\n";
            onlyError(y, pos(y, "privat,"), "'connectivity' of NAT gateway 'nat-a' must be one of public, private, not 'privat'",
                    "did you mean 'private'?");
        }

        @Test
        void apiVersionIsRequiredAndExact() {
            String y = "apiVersion: reachsim/v2\nnetwork: {}\n";
            onlyError(y, pos(y, "reachsim/v2"), "apiVersion 'reachsim/v2' is not supported: expected reachsim/v1");
            String missing = "name: x\n";
            onlyError(missing, new int[] {1, 1}, "has no 'apiVersion' (required: reachsim/v1)");
        }
    }

    @Nested
    class AddressesAndBlocks {
        @Test
        void badPrefixLengthGivesCidrParseReason() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.0/33}");
            LoadError e = onlyError(y, pos(y, "10.0.1.0/33"));
            assertThat(e.message()).isEqualTo("'10.0.1.0/33' is not a CIDR: prefix length must be 0..32");
        }

        @Test
        void hostBitsSetSuggestsTheNetwork() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.7/24}");
            onlyError(y, pos(y, "10.0.1.7/24"), "'10.0.1.7/24' is not a CIDR: host bits are set (did you mean 10.0.1.0/24?)");
        }

        @Test
        void badAddress() {
            String y = HEAD + "  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.300}]\n";
            onlyError(y, pos(y, "10.0.0.300"), "'10.0.0.300' is not an IP address");
        }

        @Test
        void wrongFamily() {
            String y = HEAD + "  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10, ipv6Ip: 10.0.0.11}]\n";
            onlyError(y, pos(y, "10.0.0.11"), "'ipv6Ip' of instance 'web-1' must be an IPv6 address, not 10.0.0.11");
        }

        @Test
        void subnetOutsideItsVpc() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.1.1.0/24}");
            onlyError(y, pos(y, "10.1.1.0/24"), "CIDR 10.1.1.0/24 of subnet 'private-a' is outside the CIDRs of VPC 'vpc-main' (10.0.0.0/16)");
        }

        @Test
        void ipv6SubnetOutsideItsVpc() {
            String y = HEAD.replace("2600:1f14:1:2300::/64", "2600:1f14:9:2300::/64");
            onlyError(y, pos(y, "\"2600:1f14:9:2300::/64\""), "IPv6 CIDR 2600:1f14:9:2300::/64 of subnet 'public-a' is outside the IPv6 CIDR of VPC 'vpc-main'");
        }

        @Test
        void ipv6SubnetInAVpcWithoutIpv6() {
            String y = HEAD.replace(", ipv6Cidr: \"2600:1f14:1:2300::/56\"}", "}");
            onlyError(y, pos(y, "\"2600:1f14:1:2300::/64\""), "subnet 'public-a' has an ipv6Cidr but VPC 'vpc-main' has no ipv6Cidr");
        }

        @Test
        void overlappingSubnets() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.0.128/25}");
            onlyError(y, pos(y, "10.0.0.128/25"), "CIDR 10.0.0.128/25 of subnet 'private-a' overlaps subnet 'public-a' (10.0.0.0/24");
        }

        @Test
        void secondaryCidrOverlappingThePrimary() {
            String y = "apiVersion: reachsim/v1\nnetwork:\n  vpcs: [{id: v, cidr: 10.0.0.0/16, secondaryCidrs: [10.0.128.0/17]}]\n";
            onlyError(y, pos(y, "10.0.128.0/17"), "secondary CIDR 10.0.128.0/17 of VPC 'v' overlaps its CIDR 10.0.0.0/16");
        }

        @Test
        void addressOutsideItsSubnet() {
            String y = HEAD + "  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.1.10}]\n";
            onlyError(y, pos(y, "10.0.1.10"), "private IP 10.0.1.10 of instance 'web-1' is outside its subnet 'public-a' (10.0.0.0/24)");
        }

        @Test
        void addressReservedByAws() {
            String y = HEAD + "  networkInterfaces: [{id: eni-1, subnet: public-a, privateIp: 10.0.0.255}]\n";
            onlyError(y, pos(y, "10.0.0.255"), "private IP 10.0.0.255 of network interface 'eni-1' is reserved by AWS in subnet 'public-a'");
            String first = HEAD + "  networkInterfaces: [{id: eni-1, subnet: public-a, privateIp: 10.0.0.1}]\n";
            onlyError(first, pos(first, "10.0.0.1}"), "is reserved by AWS");
        }

        @Test
        void ipv6AddressInASubnetWithoutIpv6() {
            String y = HEAD + "  instances: [{id: db, subnet: private-a, privateIp: 10.0.1.10, ipv6Ip: \"2600:1f14:1:2300::10\"}]\n";
            onlyError(y, pos(y, "\"2600:1f14:1:2300::10\""), "IPv6 address 2600:1f14:1:2300::10 of instance 'db' is IPv6, but subnet 'private-a' has no ipv6Cidr");
        }

        @Test
        void addressUsedTwice() {
            String y = HEAD + """
                      natGateways: [{id: nat-a, subnet: public-a, privateIp: 10.0.0.10, publicIp: 198.51.100.7}]
                      instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10}]
                    """;
            onlyError(y, pos(y, "privateIp: 10.0.0.10}", "10.0.0.10"),
                    "address 10.0.0.10 of instance 'web-1' is already used by NAT gateway 'nat-a' (" + file() + ":" + pos(y, "10.0.0.10")[0]);
        }

        @Test
        void publicIpUsedTwice() {
            String y = HEAD + """
                      instances:
                        - {id: web-1, subnet: public-a, privateIp: 10.0.0.10, publicIp: 198.51.100.10}
                        - {id: web-2, subnet: public-a, privateIp: 10.0.0.11, publicIp: 198.51.100.10}
                    """;
            onlyError(y, pos(y, "10.0.0.11, publicIp: 198.51.100.10", "198.51.100.10"),
                    "public IP 198.51.100.10 of instance 'web-2' is already used by instance 'web-1'");
        }

        @Test
        void publicIpThatIsPrivate() {
            String y = HEAD + "  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10, publicIp: 192.168.1.1}]\n";
            onlyError(y, pos(y, "192.168.1.1"), "public IP 192.168.1.1 of instance 'web-1' is not a public address (it is in 192.168.0.0/16)");
        }
    }

    @Nested
    class References {
        @Test
        void duplicateIdAcrossKinds() {
            String y = HEAD + "  securityGroups: [{id: public-a, vpc: vpc-main}]\n";
            onlyError(y, pos(y, "{id: public-a, vpc: vpc-main}", "public-a"),
                    "duplicate id 'public-a': already the id of the subnet at " + file() + ":" + pos(y, "public-a")[0] + ":" + pos(y, "public-a")[1]);
        }

        @Test
        void unknownVpcSuggestsTheNearest() {
            String y = HEAD.replace("{id: private-a, vpc: vpc-main", "{id: private-a, vpc: vpc-mian");
            LoadError e = onlyError(y, pos(y, "vpc-mian"));
            assertThat(e.message()).isEqualTo("VPC 'vpc-mian' of subnet 'private-a' does not exist — did you mean 'vpc-main'? (known VPCs: vpc-main)");
        }

        @Test
        void subnetRouteTableMustBeOfTheSameVpc() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.0/24, routeTable: rt-other}")
                    + "  routeTables: [{id: rt-main, vpc: vpc-main}, {id: rt-other, vpc: vpc-b}]\n";
            y = y.replace("    - {id: vpc-main,", "    - {id: vpc-b, cidr: 10.9.0.0/16}\n    - {id: vpc-main,");
            onlyError(y, pos(y, "routeTable: rt-other", "rt-other"),
                    "route table 'rt-other' of subnet 'private-a' belongs to VPC 'vpc-b', not to VPC 'vpc-main' (known route tables in vpc-main: rt-main, vpc-main-main)");
        }

        @Test
        void subnetNetworkAclOfTheWrongKind() {
            String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.0/24, networkAcl: public-a}");
            onlyError(y, pos(y, "networkAcl: public-a", "public-a"),
                    "network ACL 'public-a' of subnet 'private-a' is a subnet, not a network ACL (known network ACLs in vpc-main: vpc-main-default-acl)");
        }

        @Test
        void routeTargetThatDoesNotExistListsTheVpcsGateways() {
            String y = HEAD + """
                      routeTables:
                        - id: rt-a
                          vpc: vpc-main
                          routes:
                            - {destination: 0.0.0.0/0, target: igw-404}
                      internetGateways: [{id: igw-main, vpc: vpc-main}]
                      natGateways: [{id: nat-a, subnet: public-a, privateIp: 10.0.0.5, publicIp: 198.51.100.7}]
                    """;
            LoadError e = onlyError(y, pos(y, "igw-404"));
            assertThat(e.message()).isEqualTo("route target 'igw-404' does not exist (known gateways in vpc-main: igw-main, nat-a)");
        }

        @Test
        void routeTargetOfAnotherVpc() {
            String y = HEAD.replace("    - {id: vpc-main,", "    - {id: vpc-b, cidr: 10.9.0.0/16}\n    - {id: vpc-main,") + """
                      routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw-b}]}]
                      internetGateways: [{id: igw-b, vpc: vpc-b}]
                    """;
            onlyError(y, pos(y, "target: igw-b", "igw-b"), "route target 'igw-b' in route table 'rt-a' belongs to VPC 'vpc-b', not to VPC 'vpc-main'");
        }

        @Test
        void routeTargetOfTheWrongKind() {
            String y = HEAD + "  routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: private-a}]}]\n";
            onlyError(y, pos(y, "target: private-a", "private-a"), "route target 'private-a' in route table 'rt-a' is a subnet; expected",
                    "'blackhole'");
        }

        @Test
        void unknownPeeringRouteTargetSuggestsAKnownOne() {
            String y = HEAD + "  routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destination: 10.2.0.0/16, target: pcx-ab}]}]\n"
                    + "  vpcs: [{id: vpc-b, cidr: 10.2.0.0/16}]\n";
            y = y.replace("  vpcs: [{id: vpc-b, cidr: 10.2.0.0/16}]\n", "") + "  vpcPeerings: [{id: pcx-a-b, requester: vpc-main, accepter: vpc-main}]\n";
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message)
                    .anySatisfy(m -> assertThat(m).contains("route target 'pcx-ab' does not exist — did you mean 'pcx-a-b'?"));
        }

        @Test
        void ipv4RouteToAnEgressOnlyGateway() {
            String y = HEAD + """
                      routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: eigw-1}]}]
                      egressOnlyInternetGateways: [{id: eigw-1, vpc: vpc-main}]
                    """;
            onlyError(y, pos(y, "target: eigw-1", "eigw-1"),
                    "the route to 0.0.0.0/0 in route table 'rt-a' targets an egress-only internet gateway 'eigw-1', which carries IPv6 only");
        }

        @Test
        void ipv6RouteToANatGateway() {
            String y = HEAD + """
                      routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destination: "::/0", target: nat-a}]}]
                      natGateways: [{id: nat-a, subnet: public-a, privateIp: 10.0.0.5, publicIp: 198.51.100.7}]
                    """;
            onlyError(y, pos(y, "target: nat-a", "nat-a"), "the route to ::/0 in route table 'rt-a' targets a NAT gateway 'nat-a', which carries IPv4 only, and IPv6 only for NAT64 destinations inside 64:ff9b::/96");
        }

        @Test
        void ipv6PrefixListRouteToAVpnGateway() {
            String y = HEAD + """
                      routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destinationPrefixList: pl-6, target: vgw-1}]}]
                      vpnGateways: [{id: vgw-1, vpc: vpc-main}]
                      prefixLists: [{id: pl-6, cidrs: ["2001:db8::/32"]}]
                    """;
            onlyError(y, pos(y, "target: vgw-1", "vgw-1"), "2001:db8::/32 (in prefix list pl-6)", "VPN gateway 'vgw-1', which carries IPv4 only");
        }

        @Test
        void twoRoutesToTheSameDestination() {
            String y = HEAD + """
                      routeTables:
                        - id: rt-a
                          vpc: vpc-main
                          routes:
                            - {destination: 10.9.0.0/16, target: blackhole}
                            - {destination: 10.9.0.0/16, target: igw-1}
                      internetGateways: [{id: igw-1, vpc: vpc-main}]
                    """;
            onlyError(y, pos(y, "target: blackhole}\n        - {destination: 10.9.0.0/16", "10.9.0.0/16"),
                    "route table 'rt-a' has two routes to 10.9.0.0/16 (first at line " + pos(y, "10.9.0.0/16")[0] + ")");
        }

        @Test
        void aRouteRepeatingTheLocalRoute() {
            String y = HEAD + "  routeTables: [{id: rt-a, vpc: vpc-main, routes: [{destination: 10.0.0.0/16, target: blackhole}]}]\n";
            onlyError(y, pos(y, "destination: 10.0.0.0/16", "10.0.0.0/16"), "repeats the local route of VPC 'vpc-main'");
        }

        @Test
        void twoMainRouteTablesInOneVpc() {
            String y = HEAD + """
                      routeTables:
                        - {id: rt-a, vpc: vpc-main, main: true}
                        - {id: rt-b, vpc: vpc-main, main: true}
                    """;
            onlyError(y, pos(y, "rt-b, vpc: vpc-main, main: true", "true"),
                    "VPC 'vpc-main' has more than one main route table: 'rt-a' (line " + pos(y, "rt-a")[0] + ") and 'rt-b'");
        }

        @Test
        void propagatingVgwMustBeAVpnGatewayOfTheVpc() {
            String y = HEAD + "  routeTables: [{id: rt-a, vpc: vpc-main, propagatingVgws: [igw-1]}]\n"
                    + "  internetGateways: [{id: igw-1, vpc: vpc-main}]\n";
            onlyError(y, pos(y, "[igw-1]", "igw-1"), "propagating VPN gateway 'igw-1' of route table 'rt-a' is an internet gateway, not a VPN gateway");
        }

        @Test
        void aVpcHasAtMostOneInternetGateway() {
            String y = HEAD + "  internetGateways: [{id: igw-1, vpc: vpc-main}, {id: igw-2, vpc: vpc-main}]\n";
            onlyError(y, pos(y, "igw-2, vpc: vpc-main", "vpc-main"), "VPC 'vpc-main' already has internet gateway 'igw-1'");
        }

        @Test
        void securityGroupPeerThatNamesNothing() {
            String y = HEAD + "  securityGroups: [{id: sg-a, vpc: vpc-main, ingress: [{protocol: tcp, ports: 443, source: sg-nodse}]}]\n"
                    + "  prefixLists: [{id: pl-1, cidrs: []}]\n";
            LoadError e = onlyError(y, pos(y, "sg-nodse"));
            assertThat(e.message()).isEqualTo("source 'sg-nodse' of ingress rule #1 of security group 'sg-a' is not a CIDR, a prefix list or a "
                    + "security group (known security groups in vpc-main: sg-a, vpc-main-default; known prefix lists: pl-1)");
        }

        @Test
        void securityGroupPeerWithABadCidr() {
            String y = HEAD + "  securityGroups: [{id: sg-a, vpc: vpc-main, egress: [{protocol: all, destination: 10.0.0.5}]}]\n";
            onlyError(y, pos(y, "10.0.0.5"), "'10.0.0.5' is not a CIDR", "(for one address write 10.0.0.5/32)");
        }

        @Test
        void securityGroupPeerOfAnotherVpc() {
            String y = HEAD.replace("    - {id: vpc-main,", "    - {id: vpc-b, cidr: 10.9.0.0/16}\n    - {id: vpc-main,") + """
                      securityGroups:
                        - {id: sg-b, vpc: vpc-b}
                        - {id: sg-a, vpc: vpc-main, ingress: [{protocol: all, source: sg-b}]}
                    """;
            onlyError(y, pos(y, "source: sg-b", "sg-b"), "source 'sg-b' of ingress rule #1 of security group 'sg-a' is a security group of VPC 'vpc-b'");
        }

        @Test
        void instanceSecurityGroupOfAnotherVpc() {
            String y = HEAD.replace("    - {id: vpc-main,", "    - {id: vpc-b, cidr: 10.9.0.0/16}\n    - {id: vpc-main,") + """
                      securityGroups: [{id: sg-b, vpc: vpc-b}]
                      instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10, securityGroups: [sg-b]}]
                    """;
            onlyError(y, pos(y, "[sg-b]", "sg-b"), "security group 'sg-b' of instance 'web-1' belongs to VPC 'vpc-b', not to VPC 'vpc-main'");
        }

        @Test
        void instanceSubnetThatDoesNotExist() {
            String y = HEAD + "  instances: [{id: web-1, subnet: public-b, privateIp: 10.0.0.10}]\n";
            onlyError(y, pos(y, "public-b"), "subnet 'public-b' of instance 'web-1' does not exist — did you mean 'public-a'?",
                    "known subnets: private-a, public-a");
        }

        @Test
        void defaultSecurityGroupIdTakenByAnotherKind() {
            String y = HEAD + "  prefixLists: [{id: vpc-main-default, cidrs: []}]\n";
            onlyError(y, pos(y, "id: vpc-main,", "vpc-main"),
                    "the default security group of VPC 'vpc-main' is 'vpc-main-default', but that is already the id of the prefix list",
                    "name another with 'defaultSecurityGroup'");
        }
    }

    @Nested
    class Gateways {
        @Test
        void publicNatGatewayNeedsAPublicIp() {
            String y = HEAD + "  natGateways: [{id: nat-a, subnet: public-a, privateIp: 10.0.0.5}]\n";
            onlyError(y, pos(y, "{id: nat-a"), "public NAT gateway 'nat-a' has no 'publicIp'", "connectivity: private");
        }

        @Test
        void privateNatGatewayHasNoPublicIp() {
            String y = HEAD + "  natGateways: [{id: nat-a, subnet: public-a, connectivity: private, privateIp: 10.0.0.5, publicIp: 198.51.100.7}]\n";
            onlyError(y, pos(y, "198.51.100.7"), "private NAT gateway 'nat-a' cannot have a 'publicIp'");
        }

        @Test
        void externalWithBothCidrAndIp() {
            String y = HEAD + "  external: [{id: corp, cidr: 192.168.0.0/16, ip: 192.168.0.1}]\n";
            onlyError(y, pos(y, "ip: 192", "ip"), "external network 'corp' has both 'cidr' and 'ip': expected one");
        }

        @Test
        void externalWithNeitherCidrNorIp() {
            String y = HEAD + "  external: [{id: corp}]\n";
            onlyError(y, pos(y, "{id: corp}"), "external network 'corp' has neither 'cidr' nor 'ip': expected one");
        }

        @Test
        void externalViaMustBeAVpnGateway() {
            String y = HEAD + "  external: [{id: corp, cidr: 192.168.0.0/16, via: igw-1}]\n"
                    + "  internetGateways: [{id: igw-1, vpc: vpc-main}]\n"
                    + "  vpnGateways: [{id: vgw-1, vpc: vpc-main}]\n";
            onlyError(y, pos(y, "via: igw-1", "igw-1"), "'via' of external network 'corp' must be a VPN gateway or a transit gateway VPN"
                    + " attachment, but 'igw-1' is an internet gateway", "known VPN gateways and VPN attachments: vgw-1");
        }

        @Test
        void vpnGatewaysCarryNoIpv6() {
            String y = HEAD + "  vpnGateways: [{id: vgw-1, vpc: vpc-main, remoteCidrs: [\"2001:db8::/32\"]}]\n";
            onlyError(y, pos(y, "\"2001:db8::/32\""), "remote CIDR 2001:db8::/32 of VPN gateway 'vgw-1' is IPv6");
        }
    }

    @Nested
    class Rules {
        @Test
        void networkAclRuleNumberTwice() {
            String y = HEAD + """
                      networkAcls:
                        - id: acl-a
                          vpc: vpc-main
                          egress:
                            - {rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow}
                            - {rule: 100, protocol: all, cidr: "::/0", action: allow}
                    """;
            onlyError(y, pos(y, "{rule: 100, protocol: all, cidr: \"::/0\"", "100"),
                    "rule number 100 appears twice in the egress of network ACL 'acl-a' (first at line " + pos(y, "rule: 100")[0] + ")");
        }

        @Test
        void portsOnlyForTcpAndUdp() {
            String y = HEAD + "  networkAcls: [{id: acl-a, vpc: vpc-main, ingress: [{rule: 1, protocol: icmp, ports: 443, cidr: 0.0.0.0/0, action: allow}]}]\n";
            onlyError(y, pos(y, "443"), "'ports' of rule 1 in the ingress of network ACL 'acl-a' applies to tcp and udp only, not icmp");
        }

        @Test
        void badPortRange() {
            String y = HEAD + "  securityGroups: [{id: sg-a, vpc: vpc-main, ingress: [{protocol: tcp, ports: 443-80, source: 0.0.0.0/0}]}]\n";
            onlyError(y, pos(y, "443-80"), "'443-80' is not a port range");
        }

        @Test
        void unknownProtocol() {
            String y = HEAD + "  securityGroups: [{id: sg-a, vpc: vpc-main, ingress: [{protocol: tpc, source: 0.0.0.0/0}]}]\n";
            onlyError(y, pos(y, "tpc"), "'tpc' is not a protocol: expected one of tcp, udp, icmp, icmpv6, all");
        }

        @Test
        void aclEntryWithoutCidr() {
            String y = HEAD + "  networkAcls: [{id: acl-a, vpc: vpc-main, ingress: [{rule: 1, protocol: all, action: allow}]}]\n";
            onlyError(y, pos(y, "{rule: 1"), "rule 1 in the ingress of network ACL 'acl-a' has no 'cidr'");
        }

        @Test
        void interfaceWithAnEmptySecurityGroupList() {
            String y = HEAD + "  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10, securityGroups: []}]\n";
            onlyError(y, pos(y, "securityGroups: []", "[]"), "'securityGroups' of instance 'web-1' is empty");
        }
    }

    @Nested
    class Expectations {
        private final String net = HEAD + """
                  instances:
                    - {id: web-1, subnet: public-a, privateIp: 10.0.0.10}
                    - {id: web-2, subnet: public-a, privateIp: 10.0.0.11, ipv6Ip: "2600:1f14:1:2300::11"}
                expect:
                """;

        @Test
        void becauseMustBeAnExplanationCode() {
            String y = net + "  - {from: web-1, to: web-2, port: 22, reachable: false, because: ENI_SG_RULE_MISMATCH}\n";
            onlyError(y, pos(y, "ENI_SG_RULE_MISMATCH"), "'ENI_SG_RULE_MISMATCH' is not an explanation code — did you mean 'ENI_SG_RULES_MISMATCH'?");
        }

        @Test
        void becauseNeedsReachableFalse() {
            String y = net + "  - {from: web-1, to: web-2, port: 22, reachable: true, because: ENI_SG_RULES_MISMATCH}\n";
            onlyError(y, pos(y, "ENI_SG_RULES_MISMATCH"), "names why flows are dropped, but the expectation says reachable: true");
        }

        @Test
        void tcpNeedsAPort() {
            String y = net + "  - {from: web-1, to: web-2, reachable: true}\n";
            onlyError(y, pos(y, "{from: web-1"), "expectation #1 has no 'port' (required for tcp)");
        }

        @Test
        void icmpTakesNoPort() {
            String y = net + "  - {name: ping, from: web-1, to: web-2, protocol: icmp, port: 8, reachable: true}\n";
            onlyError(y, pos(y, "port: 8", "8"), "'port' of expectation 'ping' applies to tcp and udp only, not icmp");
        }

        @Test
        void allTakesNoPort() {
            String y = net + "  - {from: web-1, to: web-2, protocol: all, port: 80, reachable: true}\n";
            onlyError(y, pos(y, "port: 80", "80"), "applies to tcp and udp only, not all");
        }

        @Test
        void reachableIsRequired() {
            String y = net + "  - {from: web-1, to: web-2, port: 22}\n";
            onlyError(y, pos(y, "{from: web-1"), "has no 'reachable' (required: true or false)");
        }

        @Test
        void ipVersion6NeedsAnIpv6AddressOnBothEnds() {
            String y = net + "  - {from: web-2, to: web-1, port: 22, reachable: true, ipVersion: 6}\n";
            onlyError(y, pos(y, "ipVersion: 6", "6"), "says ipVersion 6, but instance 'web-1' has no IPv6 address (give it an ipv6Ip)");
        }

        @Test
        void ipVersion6NeedsASubnetWithIpv6() {
            String y = net + "  - {from: web-2, to: subnet:private-a, port: 22, reachable: true, ipVersion: 6}\n";
            onlyError(y, pos(y, "ipVersion: 6", "6"), "subnet 'private-a' has no IPv6 CIDR (give it an ipv6Cidr)");
        }

        @Test
        void anIpv6LiteralMakesTheOtherEndNeedIpv6() {
            String y = net + "  - {from: web-1, to: \"internet:2001:db8::1\", port: 443, reachable: true}\n";
            onlyError(y, pos(y, "from: web-1", "web-1"), "is an IPv6 flow", "instance 'web-1' has no IPv6 address");
        }

        @Test
        void mixedAddressFamilies() {
            String y = net + "  - {from: ip:10.0.0.10, to: \"internet:2001:db8::1\", port: 443, reachable: true}\n";
            onlyError(y, pos(y, "\"internet:2001"), "'from' of expectation #1 is IPv4 but 'to' is IPv6");
        }

        @Test
        void viaMustNameSomething() {
            String y = net + "  - {from: web-1, to: internet, port: 443, reachable: true, via: [igw-mian], notVia: [internet]}\n";
            onlyError(y, pos(y, "igw-mian"), "'igw-mian' in 'via' of expectation #1 names nothing in the network");
        }

        @Test
        void unknownInstanceSuggestsTheNearest() {
            String y = net + "  - {from: instance:web-3, to: web-2, port: 22, reachable: true}\n";
            onlyError(y, pos(y, "instance:web-3"), "'instance:web-3': instance 'web-3' does not exist — did you mean", "(known instances: web-1, web-2)");
        }

        @Test
        void unknownServiceEndpointsAreNamed() {
            String y = net + "  - {from: lattice:svc-orders, to: lb:nlb-1, port: 443, reachable: true}\n";
            List<LoadError> errors = errors(y);
            assertThat(errors).hasSize(2);
            assertAt(errors.get(0), file(), pos(y, "lattice:svc"));
            assertThat(errors.get(0).message()).contains("Lattice service 'svc-orders' does not exist");
            assertAt(errors.get(1), file(), pos(y, "lb:nlb-1"));
            assertThat(errors.get(1).message()).contains("load balancer 'nlb-1' does not exist");
        }

        @Test
        void unknownExpectationFieldSuggests() {
            String y = net + "  - {from: web-1, to: web-2, port: 22, reachable: true, notvia: [public-a]}\n";
            onlyError(y, pos(y, "notvia"), "unknown field 'notvia' in expectation #1 — did you mean 'notVia'?");
        }
    }

    @Test
    void everyErrorOfAFileIsReportedTogetherInOrder() {
        String y = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.0/33, routeTabel: x}") + """
                  internetGateways: [{id: igw-1, vpc: vpc-nope}]
                expect:
                  - {from: nowhere, to: internet, port: 443, reachable: true}
                """;
        List<LoadError> errors = errors(y);
        assertThat(errors).extracting(e -> e.origin().line() + ":" + e.origin().column()).containsExactly(
                at(pos(y, "10.0.1.0/33")), at(pos(y, "routeTabel")), at(pos(y, "vpc-nope")), at(pos(y, "nowhere")));
        assertThat(errors.get(3).message()).contains("'nowhere' names nothing in the network");
    }

    private static String at(int[] p) {
        return p[0] + ":" + p[1];
    }

    private String file() {
        return dir.resolve("s.yaml").toString();
    }
}
