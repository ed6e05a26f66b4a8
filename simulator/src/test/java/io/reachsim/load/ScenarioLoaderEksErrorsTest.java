package io.reachsim.load;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every load error of {@code eks:} and {@code vpcEndpoints:}: each asserts the exact line:column and
 * the words that say what is wrong and what was expected.
 */
class ScenarioLoaderEksErrorsTest extends LoadTestSupport {

    private static final String VPC = ScenarioLoaderEksTest.VPC;
    private static final String ENDPOINTS = ScenarioLoaderVpcEndpointsTest.VPC;

    /** A minimal valid cluster line; tests vary it. */
    private static final String DEV = "  eks: [{name: dev, vpc: vpc-main, subnets: [cluster-a], nodeGroups: [{name: ng, subnets: [private-b]}]}]\n";

    @Test
    void theFixturesLoad() {
        assertThat(network(VPC + DEV).eksCluster("dev")).isPresent();
        assertThat(network(ScenarioLoaderEksTest.PROD).eksCluster("prod")).isPresent();
    }

    @Nested
    class Eks {
        @Test
        void unknownFieldsSuggestTheNearestNameAtEveryLevel() {
            String y = VPC + """
                      eks:
                        - name: dev
                          vpc: vpc-main
                          subnets: [cluster-a]
                          endpoint: {publicAcess: true}
                          nodegroups: []
                          pods:
                            externalSNAT: true
                            customNetworking: {us-west-2a: {subnet: pods-a, securityGroup: [sg-pods]}}
                            securityGroupsForPods: [{name: payments, securityGroups: [sg-payments], securitygroups: []}]
                    """;
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).containsExactly(
                    "unknown field 'publicAcess' in 'endpoint' of EKS cluster 'dev' — did you mean 'publicAccess'?",
                    "unknown field 'nodegroups' in EKS cluster 'dev' — did you mean 'nodeGroups'?",
                    "unknown field 'externalSNAT' in 'pods' of EKS cluster 'dev' — did you mean 'externalSnat'?",
                    "unknown field 'securityGroup' in the ENIConfig for us-west-2a of EKS cluster 'dev' — did you mean 'securityGroups'?",
                    "unknown field 'securitygroups' in security group policy 'payments' of EKS cluster 'dev' — did you mean 'securityGroups'?");
            assertAt(errors.get(0), file(), pos(y, "publicAcess"));
            assertAt(errors.get(1), file(), pos(y, "nodegroups"));
            assertAt(errors.get(2), file(), pos(y, "externalSNAT"));
            assertAt(errors.get(3), file(), pos(y, "securityGroup:"));
            assertAt(errors.get(4), file(), pos(y, "securitygroups"));
        }

        @Test
        void unknownNodeGroupField() {
            String y = VPC + DEV.replace("subnets: [private-b]}", "subnets: [private-b], instanceTyp: m5.large}");
            onlyError(y, pos(y, "instanceTyp"), "unknown field 'instanceTyp' in node group 'ng' of EKS cluster 'dev' — did you mean 'instanceType'?");
        }

        @Test
        void nameIsRequiredAndFollowsAwsRules() {
            String y = VPC + DEV.replace("{name: dev, ", "{");
            onlyError(y, pos(y, "{vpc: vpc-main"), "EKS cluster #1 has no 'name' (required)");
            String bad = VPC + DEV.replace("name: dev", "name: dev/x");
            onlyError(bad, pos(bad, "dev/x"), "'dev/x' is not a valid name for EKS cluster #1: letters, digits, '-' and '_'");
            String group = VPC + DEV.replace("name: ng", "name: -ng");
            onlyError(group, pos(group, "-ng"), "'-ng' is not a valid name for node group #1 of EKS cluster 'dev'");
        }

        @Test
        void duplicateClusterNames() {
            String y = VPC + """
                      eks:
                        - {name: dev, vpc: vpc-main, subnets: [cluster-a]}
                        - {name: dev, vpc: vpc-main, subnets: [cluster-b]}
                    """;
            int[] first = pos(y, "name: dev", "dev");
            LoadError e = onlyError(y, pos(y, "subnets: [cluster-a]}\n    - {name: dev", "dev"), "duplicate EKS cluster name 'dev'");
            assertThat(e.message()).endsWith("at " + file() + ":" + first[0] + ":" + first[1]);
        }

        @Test
        void duplicateNodeGroupNames() {
            String y = VPC + DEV.replace("[{name: ng, subnets: [private-b]}]", "[{name: ng, subnets: [private-b]}, {name: ng, subnets: [private-a]}]");
            onlyError(y, pos(y, "{name: ng, subnets: [private-a]", "ng"),
                    "node group 'ng' appears twice in EKS cluster 'dev' (first at line " + pos(y, "name: ng")[0] + ")");
        }

        @Test
        void subnetsAreRequiredAndNotEmpty() {
            String y = VPC + DEV.replace("subnets: [cluster-a], ", "");
            onlyError(y, pos(y, "{name: dev"), "EKS cluster 'dev' has no 'subnets' (required: the cluster subnets");
            String empty = VPC + DEV.replace("subnets: [cluster-a]", "subnets: []");
            onlyError(empty, pos(empty, "[]"), "'subnets' of EKS cluster 'dev' is empty");
            String groupEmpty = VPC + DEV.replace("subnets: [private-b]", "subnets: []");
            onlyError(groupEmpty, pos(groupEmpty, "[]"), "'subnets' of node group 'ng' of EKS cluster 'dev' is empty");
        }

        @Test
        void referencesMustBeOfTheRightKindAndInTheClusterVpc() {
            String wrongKind = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [sg-nodes]");
            onlyError(wrongKind, pos(wrongKind, "[sg-nodes]", "sg-nodes"),
                    "subnet 'sg-nodes' of EKS cluster 'dev' is a security group, not a subnet");
            String typo = VPC + DEV.replace("subnets: [private-b]", "subnets: [privat-b]");
            onlyError(typo, pos(typo, "privat-b"), "subnet 'privat-b' of node group 'ng' of EKS cluster 'dev' does not exist — did you mean 'private-b'?");
            String otherVpc = VPC.replace("  subnets:\n", "    - {id: vpc-other, cidr: 10.1.0.0/16}\n  subnets:\n    - {id: other-a, vpc: vpc-other, cidr: 10.1.0.0/24}\n")
                    + DEV.replace("subnets: [private-b]", "subnets: [other-a]");
            onlyError(otherVpc, pos(otherVpc, "subnets: [other-a]", "other-a"),
                    "subnet 'other-a' of node group 'ng' of EKS cluster 'dev' belongs to VPC 'vpc-other', not to VPC 'vpc-main'");
            String sg = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], securityGroups: [sg-nodez]");
            onlyError(sg, pos(sg, "sg-nodez"), "security group 'sg-nodez' of EKS cluster 'dev' does not exist — did you mean 'sg-nodes'?");
            String vpc = VPC + DEV.replace("vpc: vpc-main", "vpc: vpc-mian");
            onlyError(vpc, pos(vpc, "vpc-mian"), "VPC 'vpc-mian' of EKS cluster 'dev' does not exist — did you mean 'vpc-main'?");
        }

        @Test
        void aSubnetListedTwice() {
            String y = VPC + DEV.replace("subnets: [private-b]", "subnets: [private-b, private-b]");
            onlyError(y, pos(y, ", private-b]", "private-b"), "subnet 'private-b' is listed twice in 'subnets' of node group 'ng'");
        }

        @Test
        void endpointAccessCannotBeOffBothWays() {
            String y = VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], endpoint: {publicAccess: false},");
            onlyError(y, pos(y, "{publicAccess: false}"),
                    "'endpoint' of EKS cluster 'dev' turns off both publicAccess and privateAccess: AWS requires at least one");
            String explicit = VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], endpoint: {publicAccess: false, privateAccess: false},");
            onlyError(explicit, pos(explicit, "{publicAccess: false"), "turns off both publicAccess and privateAccess");
            assertThat(network(VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], endpoint: {publicAccess: false, privateAccess: true},"))
                    .eksCluster("dev").orElseThrow().endpoint().privateAccess()).isTrue();
        }

        @Test
        void publicAccessCidrsAreIpv4AndNotEmpty() {
            String y = VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], endpoint: {publicAccessCidrs: [203.0.113.0/24, \"2001:db8::/32\"]},");
            onlyError(y, pos(y, "\"2001:db8::/32\""), "publicAccessCidrs of EKS cluster 'dev' must be IPv4 CIDRs, not 2001:db8::/32");
            String empty = VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], endpoint: {publicAccessCidrs: []},");
            onlyError(empty, pos(empty, "[]"), "'publicAccessCidrs' of 'endpoint' of EKS cluster 'dev' is empty");
            String bad = VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], endpoint: {publicAccessCidrs: [203.0.113.7/24]},");
            onlyError(bad, pos(bad, "203.0.113.7/24"), "'203.0.113.7/24' is not a CIDR: host bits are set");
        }

        @Test
        void ipFamilyIsIpv4OrIpv6() {
            String y = VPC + DEV.replace("subnets: [cluster-a],", "subnets: [cluster-a], ipFamily: ipv5,");
            onlyError(y, pos(y, "ipv5"), "'ipFamily' of EKS cluster 'dev' must be one of ipv4, ipv6, not 'ipv5'");
        }

        @Test
        void anIpv6ClusterNeedsIpv6InEverySubnetItUses() {
            String cluster = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-c], ipFamily: ipv6");
            onlyError(cluster, pos(cluster, "[cluster-c]", "cluster-c"),
                    "subnet 'cluster-c' of EKS cluster 'dev' has no ipv6Cidr: an IPv6 cluster (ipFamily: ipv6) needs an IPv6 block");
            String node = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], ipFamily: ipv6").replace("[private-b]", "[public-a]");
            onlyError(node, pos(node, "[public-a]", "public-a"), "subnet 'public-a' of node group 'ng' of EKS cluster 'dev' has no ipv6Cidr");
            String pods = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], ipFamily: ipv6, pods: {customNetworking: {us-west-2b: pods-b}}");
            onlyError(pods, pos(pods, "us-west-2b: pods-b", "pods-b"), "subnet 'pods-b' of the ENIConfig for us-west-2b of EKS cluster 'dev' has no ipv6Cidr");
        }

        @Test
        void nodeGroupSizesAndGroups() {
            String y = VPC + DEV.replace("subnets: [private-b]}", "subnets: [private-b], desiredSize: 6, maxSize: 3}");
            onlyError(y, pos(y, "maxSize: 3", "3"), "maxSize 3 of node group 'ng' of EKS cluster 'dev' is below its desiredSize 6");
            String dflt = VPC + DEV.replace("subnets: [private-b]}", "subnets: [private-b], maxSize: 1}");
            onlyError(dflt, pos(dflt, "maxSize: 1", "1"), "is below its desiredSize 2 (the default)");
            String zero = VPC + DEV.replace("subnets: [private-b]}", "subnets: [private-b], maxSize: 0}");
            onlyError(zero, pos(zero, "maxSize: 0", "0"), "'maxSize' of node group 'ng' of EKS cluster 'dev' must be between 1 and 100000, not 0");
            String sgs = VPC + DEV.replace("subnets: [private-b]}", "subnets: [private-b], securityGroups: []}");
            onlyError(sgs, pos(sgs, "[]"), "'securityGroups' of node group 'ng' of EKS cluster 'dev' is empty: AWS gives every node at least one");
        }

        @Test
        void aNodeInAnAzWithoutEniConfigCannotStartPods() {
            String y = VPC + """
                      eks:
                        - name: dev
                          vpc: vpc-main
                          subnets: [cluster-a]
                          nodeGroups: [{name: ng, subnets: [private-a, private-b]}]
                          pods: {customNetworking: {us-west-2a: pods-a}}
                    """;
            onlyError(y, pos(y, "private-a, private-b", "private-b"),
                    "node group 'ng' of EKS cluster 'dev' has a node in us-west-2b (subnet 'private-b'), but pods.customNetworking of"
                            + " EKS cluster 'dev' has no ENIConfig for us-west-2b, so its pods could not start");
        }

        @Test
        void underCustomNetworkingANodeSubnetNeedsAnAz() {
            String y = VPC.replace("{id: cluster-c, vpc: vpc-main, az: us-west-2c,", "{id: cluster-c, vpc: vpc-main,")
                    + DEV.replace("subnets: [private-b]}", "subnets: [cluster-c]}").replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {customNetworking: {us-west-2a: pods-a}}");
            onlyError(y, pos(y, "subnets: [cluster-c]", "cluster-c"), "subnet 'cluster-c' of node group 'ng' of EKS cluster 'dev' has no 'az'");
        }

        @Test
        void anEniConfigSubnetIsInItsAz() {
            String y = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {customNetworking: {us-west-2b: pods-a}}");
            onlyError(y, pos(y, "us-west-2b: pods-a", "pods-a"),
                    "subnet 'pods-a' of the ENIConfig for us-west-2b of EKS cluster 'dev' is in us-west-2a: an ENIConfig's subnet must be in its availability zone");
        }

        @Test
        void eniConfigShapes() {
            String list = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {customNetworking: {us-west-2b: [pods-b]}}");
            onlyError(list, pos(list, "[pods-b]"), "the ENIConfig for us-west-2b of EKS cluster 'dev' must be a subnet id or a mapping {subnet, securityGroups}, not a list");
            String noSubnet = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {customNetworking: {us-west-2b: {securityGroups: [sg-pods]}}}");
            onlyError(noSubnet, pos(noSubnet, "{securityGroups: [sg-pods]}"), "the ENIConfig for us-west-2b of EKS cluster 'dev' has no 'subnet' (required)");
            String twice = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {customNetworking: {us-west-2b: pods-b, us-west-2b: pods-b}}");
            onlyError(twice, pos(twice, "pods-b, us-west-2b", "us-west-2b"),
                    "duplicate key 'us-west-2b' in 'customNetworking' of EKS cluster 'dev' (first written at line");
            String notAMapping = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {customNetworking: [pods-b]}");
            onlyError(notAMapping, pos(notAMapping, "[pods-b]"), "'customNetworking' of EKS cluster 'dev' must be a mapping of fields, not a list");
        }

        @Test
        void securityGroupPolicies() {
            String twice = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {securityGroupsForPods: "
                    + "[{name: pay, securityGroups: [sg-payments]}, {name: pay, securityGroups: [sg-pods]}]}");
            onlyError(twice, pos(twice, "{name: pay, securityGroups: [sg-pods]", "pay"),
                    "security group policy 'pay' appears twice in 'pods' of EKS cluster 'dev'");
            String noGroups = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {securityGroupsForPods: [{name: pay}]}");
            onlyError(noGroups, pos(noGroups, "{name: pay}"), "security group policy 'pay' of EKS cluster 'dev' has no 'securityGroups' (required");
            String badName = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {securityGroupsForPods: [{name: Pay, securityGroups: [sg-pods]}]}");
            onlyError(badName, pos(badName, "Pay"), "'Pay' is not a valid name for security group policy #1 of EKS cluster 'dev'", "Kubernetes object name");
            String mode = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {podSecurityGroupEnforcingMode: strikt}");
            onlyError(mode, pos(mode, "strikt"), "must be one of strict, standard, not 'strikt' — did you mean 'strict'?");
            String otherSg = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], pods: {securityGroupsForPods: [{name: pay, securityGroups: [private-a]}]}");
            onlyError(otherSg, pos(otherSg, "[private-a]", "private-a"),
                    "security group 'private-a' of security group policy 'pay' of EKS cluster 'dev' is a subnet, not a security group");
        }

        @Test
        void theClusterSecurityGroupIdTakenByAnotherKind() {
            String y = VPC.replace("  instances:\n", "  instances:\n    - {id: eks-cluster-sg-dev, subnet: private-a, privateIp: 10.0.10.9}\n") + DEV;
            onlyError(y, pos(y, "{name: dev", "dev"), "the cluster security group of EKS cluster 'dev' is 'eks-cluster-sg-dev', but that is already the id of the instance at");
        }

        @Test
        void declaringTheClusterSecurityGroupIsAnErrorThatSaysWhatToWriteInstead() {
            String y = VPC.replace("    - {id: sg-pods, vpc: vpc-main}\n",
                    "    - {id: sg-pods, vpc: vpc-main}\n    - {id: eks-cluster-sg-dev, vpc: vpc-main, ingress: [{protocol: tcp, ports: 443, source: sg-nodes}]}\n")
                    + DEV;
            onlyError(y, pos(y, "{id: eks-cluster-sg-dev", "eks-cluster-sg-dev"),
                    "'eks-cluster-sg-dev' is the cluster security group EKS creates for EKS cluster 'dev' (at ",
                    "not a group to declare in securityGroups: set its rules with 'clusterSecurityGroup: {ingress: [...], egress: [...]}'"
                            + " under EKS cluster 'dev'");
            // in another VPC too, and reported with the file's other errors
            String other = VPC.replace("  subnets:\n", "    - {id: vpc-other, cidr: 10.1.0.0/16}\n  subnets:\n")
                    .replace("    - {id: sg-pods, vpc: vpc-main}\n", "    - {id: sg-pods, vpc: vpc-main}\n    - {id: eks-cluster-sg-dev, vpc: vpc-other}\n")
                    + DEV.replace("subnets: [private-b]}", "subnets: [private-z]}");
            List<LoadError> errors = errors(other);
            assertThat(errors).hasSize(2);
            assertThat(errors).extracting(LoadError::message).anySatisfy(m -> assertThat(m)
                    .startsWith("'eks-cluster-sg-dev' is the cluster security group EKS creates for EKS cluster 'dev'"));
            assertThat(errors).extracting(LoadError::message).anySatisfy(m -> assertThat(m).contains("private-z"));
        }

        @Test
        void clusterSecurityGroupRulesAreCheckedLikeAnyGroupsRules() {
            String field = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], clusterSecurityGroup: {ingres: []}");
            onlyError(field, pos(field, "{ingres:", "ingres"), "unknown field 'ingres' in 'clusterSecurityGroup' of EKS cluster 'dev' — did you mean 'ingress'?");
            String shape = VPC + DEV.replace("subnets: [cluster-a]", "subnets: [cluster-a], clusterSecurityGroup: [sg-nodes]");
            onlyError(shape, pos(shape, "[sg-nodes]"), "'clusterSecurityGroup' of EKS cluster 'dev' must be a mapping of fields");
            String peer = VPC + DEV.replace("subnets: [cluster-a]",
                    "subnets: [cluster-a], clusterSecurityGroup: {egress: [{protocol: tcp, ports: 10250, destination: sg-nodez}]}");
            onlyError(peer, pos(peer, "sg-nodez"),
                    "destination 'sg-nodez' of egress rule #1 of 'clusterSecurityGroup' of EKS cluster 'dev' is not a CIDR, a prefix list or a security group",
                    "did you mean 'sg-nodes'?");
            String port = VPC + DEV.replace("subnets: [cluster-a]",
                    "subnets: [cluster-a], clusterSecurityGroup: {ingress: [{protocol: tcp, ports: 70000, source: sg-nodes}]}");
            onlyError(port, pos(port, "70000"), "'70000' is not a port range");
        }

        @Test
        void materialisedIdsMustNotClashWithWrittenOnes() {
            String y = VPC.replace("  instances:\n", "  instances:\n    - {id: dev-xeni-1, subnet: private-a, privateIp: 10.0.10.9}\n") + DEV;
            onlyError(y, pos(y, "subnets: [cluster-a]", "cluster-a"),
                    "cross-account network interface 1 of EKS cluster 'dev' gets the id 'dev-xeni-1', but that is already the id of the instance at");
            String node = VPC.replace("  instances:\n", "  instances:\n    - {id: dev-ng-private-b, subnet: private-a, privateIp: 10.0.10.9}\n") + DEV;
            onlyError(node, pos(node, "subnets: [private-b]", "private-b"),
                    "the node of node group 'ng' of EKS cluster 'dev' in subnet 'private-b' gets the id 'dev-ng-private-b'");
            String pod = VPC.replace("  instances:\n", "  instances:\n    - {id: dev-ng-private-b-pod, subnet: private-a, privateIp: 10.0.10.9}\n") + DEV;
            onlyError(pod, pos(pod, "subnets: [private-b]", "private-b"), "the pod interface on node 'dev-ng-private-b' gets the id 'dev-ng-private-b-pod'");
            String endpoint = VPC.replace("  instances:\n", "  instances:\n    - {id: dev-public-endpoint, subnet: private-a, privateIp: 10.0.10.9}\n") + DEV;
            onlyError(endpoint, pos(endpoint, "{name: dev", "dev"), "the public API endpoint of EKS cluster 'dev' gets the id 'dev-public-endpoint'");
        }

        @Test
        void aFullSubnetIsNamed() {
            StringBuilder enis = new StringBuilder("  networkInterfaces:\n");
            for (int i = 4; i <= 14; i++) enis.append("    - {id: eni-").append(i).append(", subnet: cluster-a, privateIp: 10.0.1.").append(i).append("}\n");
            String y = VPC + enis + DEV;
            onlyError(y, pos(y, "subnets: [cluster-a]", "cluster-a"),
                    "subnet 'cluster-a' (10.0.1.0/28) has no free IPv4 address left for network interface 'dev-xeni-1'");
        }
    }

    @Nested
    class VpcEndpoints {
        private static final String S3 = "  vpcEndpoints: [{id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-a]}]\n";
        private static final String STS = "  vpcEndpoints: [{id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-a]}]\n";

        @Test
        void theFixturesLoad() {
            assertThat(network(ENDPOINTS + S3).vpcEndpoint("vpce-s3")).isPresent();
            assertThat(network(ENDPOINTS + STS).vpcEndpoint("vpce-sts")).isPresent();
        }

        @Test
        void typeIsRequiredAndOneOfTwo() {
            String y = ENDPOINTS + S3.replace("type: gateway, ", "");
            onlyError(y, pos(y, "{id: vpce-s3"), "VPC endpoint 'vpce-s3' has no 'type' (required: gateway or interface)");
            String typo = ENDPOINTS + S3.replace("type: gateway", "type: gatway");
            onlyError(typo, pos(typo, "gatway"), "'type' of VPC endpoint 'vpce-s3' must be one of gateway, interface, not 'gatway' — did you mean 'gateway'?");
        }

        @Test
        void unknownFieldSuggests() {
            String y = ENDPOINTS + STS.replace("subnets: [private-a]}", "subnets: [private-a], privateDNS: true}");
            onlyError(y, pos(y, "privateDNS"), "unknown field 'privateDNS' in VPC endpoint 'vpce-sts' — did you mean 'privateDns'?");
        }

        @Test
        void gatewayEndpointsExistForS3AndDynamodbOnly() {
            String y = ENDPOINTS + S3.replace("service: s3", "service: ecr.api");
            onlyError(y, pos(y, "ecr.api"), "service 'ecr.api' of gateway VPC endpoint 'vpce-s3' has no gateway endpoint: AWS offers them for s3"
                    + " and dynamodb only (for other services write type: interface)");
            String typo = ENDPOINTS + S3.replace("service: s3", "service: s4");
            onlyError(typo, pos(typo, "s4"), "did you mean 's3'?");
        }

        @Test
        void serviceNamesAreShortAndLowerCase() {
            String full = ENDPOINTS + STS.replace("service: sts", "service: com.amazonaws.us-west-2.sts");
            onlyError(full, pos(full, "service: com.amazonaws", "com.amazonaws"), "service 'com.amazonaws.us-west-2.sts' of interface VPC endpoint 'vpce-sts' is not an AWS service name:"
                    + " write the short name 'sts'");
            String upper = ENDPOINTS + STS.replace("service: sts", "service: STS");
            onlyError(upper, pos(upper, "STS"), "is not an AWS service name: expected a short lowercase AWS service name");
            String missing = ENDPOINTS + STS.replace("service: sts, ", "");
            onlyError(missing, pos(missing, "{id: vpce-sts"), "interface VPC endpoint 'vpce-sts' has no 'service' (required)");
        }

        @Test
        void endpointServicesMustExist() {
            String y = ENDPOINTS + STS.replace("service: sts", "service: vpce-svc-partner");
            onlyError(y, pos(y, "vpce-svc-partner"), "endpoint service 'vpce-svc-partner' of interface VPC endpoint 'vpce-sts' does not exist",
                    "(known endpoint services: none)");
        }

        @Test
        void fieldsOfTheOtherType() {
            String gw = ENDPOINTS + S3.replace("routeTables: [rt-private-a]", "routeTables: [rt-private-a], subnets: [private-a]");
            onlyError(gw, pos(gw, "subnets: [private-a]", "subnets"), "'subnets' of gateway VPC endpoint 'vpce-s3' applies to interface endpoints only");
            String itf = ENDPOINTS + STS.replace("subnets: [private-a]", "subnets: [private-a], routeTables: [rt-private-a]");
            onlyError(itf, pos(itf, "routeTables: [rt-private-a]}", "routeTables"), "'routeTables' of interface VPC endpoint 'vpce-sts' applies to gateway endpoints only");
        }

        @Test
        void requiredLists() {
            String gw = ENDPOINTS + S3.replace(", routeTables: [rt-private-a]", "");
            onlyError(gw, pos(gw, "{id: vpce-s3"), "gateway VPC endpoint 'vpce-s3' has no 'routeTables' (required: the route tables that get the route");
            String itf = ENDPOINTS + STS.replace(", subnets: [private-a]", "");
            onlyError(itf, pos(itf, "{id: vpce-sts"), "interface VPC endpoint 'vpce-sts' has no 'subnets' (required");
            String empty = ENDPOINTS + STS.replace("subnets: [private-a]", "subnets: []");
            onlyError(empty, pos(empty, "[]"), "'subnets' of interface VPC endpoint 'vpce-sts' is empty");
            String noGroups = ENDPOINTS + STS.replace("subnets: [private-a]", "subnets: [private-a], securityGroups: []");
            onlyError(noGroups, pos(noGroups, "[]"), "'securityGroups' of interface VPC endpoint 'vpce-sts' is empty: AWS gives every interface endpoint");
        }

        @Test
        void theServicePrefixListMustExist() {
            String y = ENDPOINTS.replace("    - {id: pl-s3, name: com.amazonaws.us-west-2.s3, cidrs: [52.218.0.0/17, 3.5.76.0/22]}\n", "") + S3;
            onlyError(y, pos(y, "service: s3", "s3"), "gateway VPC endpoint 'vpce-s3' routes to the prefix list of s3 in us-west-2, but no prefixLists"
                    + " entry is named com.amazonaws.us-west-2.s3: add {id: pl-s3, name: com.amazonaws.us-west-2.s3, cidrs: [...]} to prefixLists");
        }

        @Test
        void routeTablesMustBeRouteTablesOfTheVpc() {
            String kind = ENDPOINTS + S3.replace("[rt-private-a]", "[private-a]");
            onlyError(kind, pos(kind, "[private-a]", "private-a"), "route table 'private-a' of gateway VPC endpoint 'vpce-s3' is a subnet, not a route table");
            String other = ENDPOINTS.replace("  subnets:\n", "    - {id: vpc-other, cidr: 10.1.0.0/16}\n  subnets:\n")
                    .replace("    - {id: rt-private-b, vpc: vpc-main}\n", "    - {id: rt-private-b, vpc: vpc-main}\n    - {id: rt-other, vpc: vpc-other}\n")
                    + S3.replace("[rt-private-a]", "[rt-other]");
            onlyError(other, pos(other, "[rt-other]", "rt-other"), "route table 'rt-other' of gateway VPC endpoint 'vpce-s3' belongs to VPC 'vpc-other'");
            String twice = ENDPOINTS + S3.replace("[rt-private-a]", "[rt-private-a, rt-private-a]");
            onlyError(twice, pos(twice, ", rt-private-a]", "rt-private-a"), "route table 'rt-private-a' is listed twice in 'routeTables'");
        }

        @Test
        void aConflictingHandWrittenRouteIsAnError() {
            String y = ENDPOINTS.replace("routes: [{destination: 10.99.0.0/16, target: blackhole}]",
                    "routes: [{destinationPrefixList: pl-s3, target: blackhole}]") + S3;
            onlyError(y, pos(y, "target: blackhole", "blackhole"), "the route to pl-s3 in route table 'rt-private-a' targets 'blackhole', but gateway"
                    + " VPC endpoint 'vpce-s3' adds a route to pl-s3 to this table (its routeTables, line " + pos(y, "routeTables: [rt-private-a]")[0]
                    + "): remove one of them");
        }

        @Test
        void aHandWrittenRouteToAGatewayEndpointMustBeItsRoute() {
            String notListed = ENDPOINTS.replace("{id: rt-private-b, vpc: vpc-main}",
                    "{id: rt-private-b, vpc: vpc-main, routes: [{destinationPrefixList: pl-s3, target: vpce-s3}]}") + S3;
            onlyError(notListed, pos(notListed, "target: vpce-s3", "vpce-s3"),
                    "route table 'rt-private-b' has a route to gateway VPC endpoint 'vpce-s3' but is not in its routeTables: add 'rt-private-b' there");
            String cidr = ENDPOINTS.replace("target: blackhole", "target: vpce-s3") + S3;
            onlyError(cidr, pos(cidr, "target: vpce-s3", "vpce-s3"), "the route to 10.99.0.0/16 in route table 'rt-private-a' targets gateway VPC endpoint"
                    + " 'vpce-s3', which carries only its service's prefix list (write destinationPrefixList: pl-s3)");
            String otherList = ENDPOINTS.replace("routes: [{destination: 10.99.0.0/16, target: blackhole}]",
                    "routes: [{destinationPrefixList: pl-ddb, target: vpce-s3}]") + S3;
            onlyError(otherList, pos(otherList, "target: vpce-s3", "vpce-s3"), "the route to pl-ddb in route table 'rt-private-a' targets gateway VPC endpoint 'vpce-s3'");
        }

        @Test
        void anInterfaceEndpointIsNoRouteTarget() {
            String y = ENDPOINTS.replace("target: blackhole", "target: vpce-sts") + STS;
            onlyError(y, pos(y, "target: vpce-sts", "vpce-sts"), "route target 'vpce-sts' in route table 'rt-private-a' is an interface VPC endpoint:"
                    + " only gateway endpoints (s3, dynamodb) are route targets");
        }

        @Test
        void anUnknownVpceTargetListsTheGatewayEndpoints() {
            String y = ENDPOINTS.replace("target: blackhole", "target: vpce-s4") + S3;
            onlyError(y, pos(y, "vpce-s4"), "route target 'vpce-s4' does not exist — did you mean 'vpce-s3'? (known gateways in vpc-main: vpce-s3)");
        }

        @Test
        void oneGatewayEndpointPerServiceInARouteTable() {
            String y = ENDPOINTS + """
                      vpcEndpoints:
                        - {id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-a]}
                        - {id: vpce-s3-bis, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-b, rt-private-a]}
                    """;
            onlyError(y, pos(y, "[rt-private-b, rt-private-a]", "rt-private-a"),
                    "route table 'rt-private-a' already gets the route to pl-s3 from gateway VPC endpoint 'vpce-s3': a route table can use one gateway endpoint per service");
        }

        @Test
        void atMostOneSubnetPerAz() {
            String y = ENDPOINTS + STS.replace("[private-a]", "[private-a, private-a2]");
            onlyError(y, pos(y, "private-a2]", "private-a2"),
                    "subnets 'private-a' and 'private-a2' of interface VPC endpoint 'vpce-sts' are both in us-west-2a: an interface endpoint has at most one subnet per availability zone");
        }

        @Test
        void groupsAreOfTheVpc() {
            String y = ENDPOINTS + STS.replace("subnets: [private-a]", "subnets: [private-a], securityGroups: [sg-endpoint]");
            onlyError(y, pos(y, "[sg-endpoint]", "sg-endpoint"),
                    "security group 'sg-endpoint' of interface VPC endpoint 'vpce-sts' does not exist — did you mean 'sg-endpoints'?");
        }

        @Test
        void onePrivateDnsEndpointPerServiceAndVpc() {
            String y = ENDPOINTS + """
                      vpcEndpoints:
                        - {id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-a]}
                        - {id: vpce-sts-2, vpc: vpc-main, type: interface, service: sts, subnets: [private-b]}
                    """;
            onlyError(y, pos(y, "{id: vpce-sts-2", "sts, subnets"), "VPC 'vpc-main' already has interface endpoint 'vpce-sts' for sts with private DNS:"
                    + " AWS allows one per service in a VPC");
            assertThat(network(y.replace("subnets: [private-b]}", "subnets: [private-b], privateDns: false}")).vpcEndpoints()).hasSize(2);
        }

        @Test
        void interfaceIdsMustNotClash() {
            String y = ENDPOINTS.replace("  instances:\n", "  networkInterfaces: [{id: vpce-sts-private-a, subnet: private-b, privateIp: 10.0.11.9}]\n  instances:\n") + STS;
            onlyError(y, pos(y, "subnets: [private-a]", "private-a"), "the network interface of interface VPC endpoint 'vpce-sts' in subnet 'private-a'"
                    + " gets the id 'vpce-sts-private-a', but that is already the id of the network interface at");
        }
    }

    private String file() {
        return dir.resolve("s.yaml").toString();
    }
}
