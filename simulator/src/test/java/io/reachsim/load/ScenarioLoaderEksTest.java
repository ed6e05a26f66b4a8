package io.reachsim.load;

import io.reachsim.model.ResourceKind;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the loader materialises for {@code eks:} (DESIGN §4), and the EKS defaults (§5). */
class ScenarioLoaderEksTest extends LoadTestSupport {

    /** A VPC with cluster, node, pod (100.64/16) and public subnets in two AZs, to which tests add an eks section. */
    static final String VPC = """
            apiVersion: reachsim/v1
            name: eks
            region: us-west-2
            network:
              vpcs:
                - {id: vpc-main, cidr: 10.0.0.0/16, secondaryCidrs: [100.64.0.0/16], ipv6Cidr: "2600:1f14:1:2300::/56"}
              subnets:
                - {id: public-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.0.0/24, routeTable: rt-public}
                - {id: cluster-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.1.0/28, ipv6Cidr: "2600:1f14:1:2301::/64"}
                - {id: cluster-b, vpc: vpc-main, az: us-west-2b, cidr: 10.0.1.16/28, ipv6Cidr: "2600:1f14:1:2302::/64"}
                - {id: cluster-c, vpc: vpc-main, az: us-west-2c, cidr: 10.0.1.32/28}
                - {id: cluster-d, vpc: vpc-main, az: us-west-2d, cidr: 10.0.1.48/28}
                - {id: cluster-e, vpc: vpc-main, az: us-west-2a, cidr: 10.0.1.64/28}
                - {id: private-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.10.0/24, ipv6Cidr: "2600:1f14:1:2310::/64"}
                - {id: private-b, vpc: vpc-main, az: us-west-2b, cidr: 10.0.11.0/24, ipv6Cidr: "2600:1f14:1:2311::/64"}
                - {id: pods-a, vpc: vpc-main, az: us-west-2a, cidr: 100.64.0.0/24}
                - {id: pods-b, vpc: vpc-main, az: us-west-2b, cidr: 100.64.1.0/24}
              routeTables: [{id: rt-public, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw-main}]}]
              internetGateways: [{id: igw-main, vpc: vpc-main}]
              natGateways: [{id: nat-a, subnet: public-a, privateIp: 10.0.0.5, publicIp: 198.51.100.7}]
              securityGroups:
                - id: sg-nodes
                  vpc: vpc-main
                  ingress:
                    - {protocol: all, source: sg-nodes}
                    - {protocol: tcp, ports: 10250, source: sg-cp-extra}
                - {id: sg-cp-extra, vpc: vpc-main}
                - {id: sg-pods, vpc: vpc-main}
                - {id: sg-payments, vpc: vpc-main}
              instances:
                - {id: bastion, subnet: private-a, privateIp: 10.0.10.4, publicIp: 198.18.0.1}
            """;

    /** The DESIGN §5 example cluster, with a second node group in a public subnet. */
    static final String PROD = VPC.replace("source: sg-cp-extra}", "source: eks-cluster-sg-prod}") + """
              eks:
                - name: prod
                  vpc: vpc-main
                  subnets: [cluster-a, cluster-b]
                  endpoint: {privateAccess: true, publicAccessCidrs: [203.0.113.0/24]}
                  securityGroups: [sg-cp-extra]
                  nodeGroups:
                    - {name: workers, subnets: [private-a, private-b], securityGroups: [sg-nodes], instanceType: m5.xlarge,
                       desiredSize: 6, maxSize: 12}
                    - {name: edge, subnets: [public-a], publicIp: true}
                  pods:
                    customNetworking: {us-west-2a: pods-a, us-west-2b: {subnet: pods-b, securityGroups: [sg-pods]}}
                    securityGroupsForPods: [{name: payments, securityGroups: [sg-payments]}]
            """;

    private static NetworkInterface eni(Network n, String id) {
        return n.networkInterface(id).orElseThrow(() -> new AssertionError("no network interface " + id));
    }

    private static Ip ip(String s) {
        return Ip.parse(s);
    }

    @Test
    void theClusterRecord() {
        Network n = network(PROD);
        EksCluster c = n.eksCluster("prod").orElseThrow();
        assertThat(c.vpc()).isEqualTo("vpc-main");
        assertThat(c.subnets()).containsExactly("cluster-a", "cluster-b");
        assertThat(c.ipFamily()).isEqualTo(4);
        assertThat(c.endpoint()).isEqualTo(new EksCluster.EndpointAccess(true, true, List.of(Cidr.parse("203.0.113.0/24"))));
        assertThat(c.securityGroups()).as("the additional groups").containsExactly("sg-cp-extra");
        assertThat(c.clusterSecurityGroup()).isEqualTo("eks-cluster-sg-prod");
        assertThat(c.crossAccountInterfaces()).containsExactly("prod-xeni-1", "prod-xeni-2");
        assertThat(c.publicEndpointIp()).isEqualTo(ip("198.19.255.10"));
        assertThat(c.nodeGroups()).containsExactly(
                new EksCluster.NodeGroup("workers", List.of("private-a", "private-b"), List.of("sg-nodes"), false, "m5.xlarge", 6, 12,
                        List.of("prod-workers-private-a", "prod-workers-private-b")),
                new EksCluster.NodeGroup("edge", List.of("public-a"), List.of("eks-cluster-sg-prod"), true, "m5.large", 2, 2,
                        List.of("prod-edge-public-a")));
        assertThat(c.pods()).isEqualTo(new EksCluster.PodNetworking(
                Map.of("us-west-2a", new EksCluster.EniConfig("pods-a", List.of("sg-nodes")),
                        "us-west-2b", new EksCluster.EniConfig("pods-b", List.of("sg-pods"))),
                false, List.of(new EksCluster.SecurityGroupPolicy("payments", List.of("sg-payments"))), "strict"));
    }

    @Test
    void theClusterSecurityGroupIsMaterialisedWithEksRulesAndCanBeReferenced() {
        Network n = network(PROD);
        SecurityGroup sg = n.securityGroup("eks-cluster-sg-prod").orElseThrow();
        assertThat(sg.vpc()).isEqualTo("vpc-main");
        assertThat(sg.name()).isEqualTo("eks-cluster-sg-prod");
        assertThat(sg.ingress()).containsExactly(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"), null));
        assertThat(sg.egress()).containsExactly(
                new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null),
                new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), null));
        assertThat(n.securityGroup("sg-nodes").orElseThrow().ingress().get(1).peer())
                .isEqualTo(new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"));
    }

    @Test
    void theClusterSecurityGroupIsValidWhereverASecurityGroupIs() {
        String y = PROD.replace("    - {id: bastion, subnet: private-a, privateIp: 10.0.10.4, publicIp: 198.18.0.1}\n",
                "    - {id: bastion, subnet: private-a, privateIp: 10.0.10.4, publicIp: 198.18.0.1, securityGroups: [eks-cluster-sg-prod]}\n")
                .replace("    - {id: sg-cp-extra, vpc: vpc-main}\n", "    - {id: sg-cp-extra, vpc: vpc-main, egress: [{protocol: tcp, ports: 443, destination: eks-cluster-sg-prod}]}\n")
                + "  vpcEndpoints: [{id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-b], securityGroups: [eks-cluster-sg-prod]}]\n";
        Network n = network(y);
        assertThat(eni(n, "bastion").securityGroups()).containsExactly("eks-cluster-sg-prod");
        assertThat(n.securityGroup("sg-cp-extra").orElseThrow().egress()).extracting(SgRule::peer)
                .containsExactly(new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"));
        assertThat(eni(n, "vpce-sts-private-b").securityGroups()).containsExactly("eks-cluster-sg-prod");
    }

    @Test
    void theClusterSecurityGroupHasAwsDefaultRulesWhenNoneAreWritten() {
        SecurityGroup sg = network(PROD).securityGroup("eks-cluster-sg-prod").orElseThrow();
        assertThat(sg.vpc()).isEqualTo("vpc-main");
        assertThat(sg.ingress()).containsExactly(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"), null));
        assertThat(sg.egress()).isEqualTo(NetworkResolver.allOutbound());
        SecurityGroup empty = network(PROD.replace("securityGroups: [sg-cp-extra]\n", "securityGroups: [sg-cp-extra]\n      clusterSecurityGroup: {}\n"))
                .securityGroup("eks-cluster-sg-prod").orElseThrow();
        assertThat(empty).isEqualTo(sg);
    }

    @Test
    void clusterSecurityGroupRulesReplaceTheDefaultsOfTheirDirectionOnly() {
        String ingressOnly = PROD.replace("securityGroups: [sg-cp-extra]\n", """
                securityGroups: [sg-cp-extra]
                      clusterSecurityGroup:
                        ingress:
                          - {protocol: all, source: eks-cluster-sg-prod}
                          - {protocol: tcp, ports: 443, source: sg-nodes, description: kubectl from the nodes}
                """);
        Network n = network(ingressOnly);
        assertThat(n.securityGroups()).filteredOn(g -> g.id().equals("eks-cluster-sg-prod")).hasSize(1);
        SecurityGroup sg = n.securityGroup("eks-cluster-sg-prod").orElseThrow();
        assertThat(sg.ingress()).containsExactly(
                new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"), null),
                new SgRule(Protocol.TCP, new PortRange(443, 443), -1, -1, new SgRule.SgPeer.GroupPeer("sg-nodes"), "kubectl from the nodes"));
        assertThat(sg.egress()).as("egress not written: AWS's all outbound").isEqualTo(NetworkResolver.allOutbound());
        assertThat(eni(n, "prod-xeni-1").securityGroups()).containsExactly("eks-cluster-sg-prod", "sg-cp-extra");

        String egressOnly = PROD.replace("securityGroups: [sg-cp-extra]\n",
                "securityGroups: [sg-cp-extra]\n      clusterSecurityGroup: {egress: [{protocol: tcp, ports: 10250, destination: 10.0.10.0/24}]}\n");
        SecurityGroup out = network(egressOnly).securityGroup("eks-cluster-sg-prod").orElseThrow();
        assertThat(out.ingress()).as("ingress not written: all traffic from itself")
                .containsExactly(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"), null));
        assertThat(out.egress()).containsExactly(
                new SgRule(Protocol.TCP, new PortRange(10250, 10250), -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.parse("10.0.10.0/24")), null));

        String none = PROD.replace("securityGroups: [sg-cp-extra]\n", "securityGroups: [sg-cp-extra]\n      clusterSecurityGroup: {ingress: [], egress: []}\n");
        SecurityGroup closed = network(none).securityGroup("eks-cluster-sg-prod").orElseThrow();
        assertThat(closed.ingress()).isEmpty();
        assertThat(closed.egress()).isEmpty();
    }

    @Test
    void crossAccountInterfaces() {
        Network n = network(PROD);
        assertThat(eni(n, "prod-xeni-1")).isEqualTo(new NetworkInterface("prod-xeni-1", "cluster-a", ip("10.0.1.4"), List.of(), null, null,
                List.of("eks-cluster-sg-prod", "sg-cp-extra"), true, null));
        assertThat(eni(n, "prod-xeni-2")).isEqualTo(new NetworkInterface("prod-xeni-2", "cluster-b", ip("10.0.1.20"), List.of(), null, null,
                List.of("eks-cluster-sg-prod", "sg-cp-extra"), true, null));
    }

    @ParameterizedTest(name = "{0} cluster subnets give {1} X-ENIs")
    @CsvSource({"1, 1", "2, 2", "3, 3", "4, 4", "5, 4"})
    void xEniCountIsTheNumberOfClusterSubnetsUpToFour(int subnets, int xenis) {
        List<String> all = List.of("cluster-a", "cluster-b", "cluster-c", "cluster-d", "cluster-e");
        String y = VPC + "  eks: [{name: prod, vpc: vpc-main, subnets: [" + String.join(", ", all.subList(0, subnets)) + "]}]\n";
        Network n = network(y);
        EksCluster c = n.eksCluster("prod").orElseThrow();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= xenis; i++) expected.add("prod-xeni-" + i);
        assertThat(c.crossAccountInterfaces()).containsExactlyElementsOf(expected);
        for (int i = 0; i < xenis; i++) assertThat(eni(n, expected.get(i)).subnet()).isEqualTo(all.get(i));
        assertThat(n.networkInterfaces()).extracting(NetworkInterface::id).filteredOn(id -> id.contains("xeni")).hasSize(xenis);
    }

    @Test
    void nodesAreInstancesWithAddressesAfterWrittenOnesAndPublicIpsFrom198_18() {
        Network n = network(PROD);
        // 10.0.10.4 is the bastion's: the node takes the next free address.
        assertThat(eni(n, "prod-workers-private-a")).isEqualTo(new NetworkInterface("prod-workers-private-a", "private-a", ip("10.0.10.5"),
                List.of(), null, null, List.of("sg-nodes"), true, "prod-workers-private-a"));
        assertThat(eni(n, "prod-workers-private-b").privateIp()).isEqualTo(ip("10.0.11.4"));
        // 10.0.0.5 is the NAT gateway's; 198.18.0.1 is the bastion's public IP.
        NetworkInterface edge = eni(n, "prod-edge-public-a");
        assertThat(edge.privateIp()).isEqualTo(ip("10.0.0.4"));
        assertThat(edge.publicIp()).isEqualTo(ip("198.18.0.2"));
        assertThat(edge.securityGroups()).containsExactly("eks-cluster-sg-prod");
        assertThat(edge.instance()).isEqualTo("prod-edge-public-a");
        assertThat(n.instance("prod-workers-private-a")).contains(new Instance("prod-workers-private-a", "private-a", List.of("prod-workers-private-a"),
                Map.of("eks:cluster-name", "prod", "eks:nodegroup-name", "workers")));
        assertThat(n.instance("prod-edge-public-a")).isPresent();
        assertThat(n.kindsById()).containsEntry("prod-workers-private-b", ResourceKind.INSTANCE);
    }

    @Test
    void podsUnderCustomNetworkingTakeTheEniConfigSubnetAndGroups() {
        Network n = network(PROD);
        // us-west-2a's ENIConfig names no groups: pods carry their node's.
        assertThat(eni(n, "prod-workers-private-a-pod")).isEqualTo(new NetworkInterface("prod-workers-private-a-pod", "pods-a",
                ip("100.64.0.4"), List.of(), null, null, List.of("sg-nodes"), true, null));
        assertThat(eni(n, "prod-workers-private-b-pod")).isEqualTo(new NetworkInterface("prod-workers-private-b-pod", "pods-b",
                ip("100.64.1.4"), List.of(), null, null, List.of("sg-pods"), true, null));
        NetworkInterface edgePod = eni(n, "prod-edge-public-a-pod");
        assertThat(edgePod.subnet()).isEqualTo("pods-a");
        assertThat(edgePod.securityGroups()).as("the edge node's groups").containsExactly("eks-cluster-sg-prod");
    }

    @Test
    void securityGroupPolicyPodsCarryThePolicyGroupsAndNoSnat() {
        Network n = network(PROD);
        assertThat(eni(n, "prod-workers-private-a-pod-payments")).isEqualTo(new NetworkInterface("prod-workers-private-a-pod-payments",
                "pods-a", ip("100.64.0.5"), List.of(), null, null, List.of("sg-payments"), true, null));
        assertThat(eni(n, "prod-workers-private-b-pod-payments").subnet()).isEqualTo("pods-b");
        assertThat(n.pods()).containsExactly(
                new Pod("prod-workers-private-a-pod", "prod", "workers", null, "prod-workers-private-a", true),
                new Pod("prod-workers-private-a-pod-payments", "prod", "workers", "payments", "prod-workers-private-a", false),
                new Pod("prod-workers-private-b-pod", "prod", "workers", null, "prod-workers-private-b", true),
                new Pod("prod-workers-private-b-pod-payments", "prod", "workers", "payments", "prod-workers-private-b", false),
                new Pod("prod-edge-public-a-pod", "prod", "edge", null, "prod-edge-public-a", true),
                new Pod("prod-edge-public-a-pod-payments", "prod", "edge", "payments", "prod-edge-public-a", false));
        // Allocation order: per node, the ordinary pod, then the policies' pods.
        assertThat(eni(n, "prod-edge-public-a-pod").privateIp()).isEqualTo(ip("100.64.0.6"));
        assertThat(eni(n, "prod-edge-public-a-pod-payments").privateIp()).isEqualTo(ip("100.64.0.7"));
    }

    @Test
    void withoutCustomNetworkingPodsShareTheNodeSubnetAndGroups() {
        Network n = network(VPC + """
                  eks:
                    - name: dev
                      vpc: vpc-main
                      subnets: [cluster-a]
                      nodeGroups: [{name: ng, subnets: [private-b], securityGroups: [sg-nodes]}]
                """);
        assertThat(eni(n, "dev-ng-private-b").privateIp()).isEqualTo(ip("10.0.11.4"));
        assertThat(eni(n, "dev-ng-private-b-pod")).isEqualTo(new NetworkInterface("dev-ng-private-b-pod", "private-b", ip("10.0.11.5"),
                List.of(), null, null, List.of("sg-nodes"), true, null));
        assertThat(n.pod("dev-ng-private-b-pod")).contains(new Pod("dev-ng-private-b-pod", "dev", "ng", null, "dev-ng-private-b", true));
        assertThat(n.eksCluster("dev").orElseThrow().pods().customNetworking()).isEmpty();
    }

    @Test
    void externalSnatTurnsSnatOff() {
        Network n = network(VPC + """
                  eks:
                    - {name: dev, vpc: vpc-main, subnets: [cluster-a], nodeGroups: [{name: ng, subnets: [private-b]}],
                       pods: {externalSnat: true, podSecurityGroupEnforcingMode: standard}}
                """);
        assertThat(n.pod("dev-ng-private-b-pod").orElseThrow().snat()).isFalse();
        assertThat(n.eksCluster("dev").orElseThrow().pods().externalSnat()).isTrue();
        assertThat(n.eksCluster("dev").orElseThrow().pods().enforcingMode()).isEqualTo("standard");
    }

    @Test
    void ipv6ClustersGiveNodesAndXenisBothFamiliesAndPodsIpv6Only() {
        Network n = network(VPC + """
                  eks:
                    - {name: six, vpc: vpc-main, subnets: [cluster-a, cluster-b], ipFamily: ipv6,
                       nodeGroups: [{name: ng, subnets: [private-a]}]}
                """);
        EksCluster c = n.eksCluster("six").orElseThrow();
        assertThat(c.ipFamily()).isEqualTo(6);
        NetworkInterface x = eni(n, "six-xeni-2");
        assertThat(x.privateIp()).isEqualTo(ip("10.0.1.20"));
        assertThat(x.ipv6Ip()).isEqualTo(ip("2600:1f14:1:2302::4"));
        NetworkInterface node = eni(n, "six-ng-private-a");
        assertThat(node.privateIp()).isEqualTo(ip("10.0.10.5"));
        assertThat(node.ipv6Ip()).isEqualTo(ip("2600:1f14:1:2310::4"));
        NetworkInterface pod = eni(n, "six-ng-private-a-pod");
        assertThat(pod.privateIp()).isNull();
        assertThat(pod.ipv6Ip()).isEqualTo(ip("2600:1f14:1:2310::5"));
        assertThat(n.pod("six-ng-private-a-pod").orElseThrow().snat()).as("no SNAT for IPv6").isFalse();
    }

    @Test
    void defaults() {
        Network n = network(VPC + """
                  eks:
                    - {name: dev, vpc: vpc-main, subnets: [cluster-a], nodeGroups: [{name: ng, subnets: [private-b]}]}
                """);
        EksCluster c = n.eksCluster("dev").orElseThrow();
        assertThat(c.ipFamily()).isEqualTo(4);
        assertThat(c.endpoint()).isEqualTo(new EksCluster.EndpointAccess(true, false, List.of(Cidr.ANY_V4)));
        assertThat(c.securityGroups()).isEmpty();
        assertThat(c.nodeGroups().get(0)).isEqualTo(new EksCluster.NodeGroup("ng", List.of("private-b"), List.of("eks-cluster-sg-dev"),
                false, "m5.large", 2, 2, List.of("dev-ng-private-b")));
        assertThat(eni(n, "dev-ng-private-b").publicIp()).isNull();
        assertThat(c.pods()).isEqualTo(new EksCluster.PodNetworking(Map.of(), false, List.of(), "strict"));
        // The VPC's DNS attributes keep AWS's defaults for a non-default VPC.
        assertThat(n.vpc("vpc-main").orElseThrow().enableDnsSupport()).isTrue();
        assertThat(n.vpc("vpc-main").orElseThrow().enableDnsHostnames()).isFalse();
    }

    @Test
    void maxSizeDefaultsToDesiredSize() {
        Network n = network(VPC + "  eks: [{name: dev, vpc: vpc-main, subnets: [cluster-a], nodeGroups: [{name: ng, subnets: [private-b], desiredSize: 5}]}]\n");
        EksCluster.NodeGroup g = n.eksCluster("dev").orElseThrow().nodeGroups().get(0);
        assertThat(g.desiredSize()).isEqualTo(5);
        assertThat(g.maxSize()).isEqualTo(5);
    }

    @Test
    void publicEndpointAddressFollowsTheClusterIndexAndNodeGroupsOfSeveralClustersShareSubnets() {
        Network n = network(VPC + """
                  eks:
                    - {name: one, vpc: vpc-main, subnets: [cluster-a], nodeGroups: [{name: ng, subnets: [private-b]}]}
                    - {name: two, vpc: vpc-main, subnets: [cluster-a], nodeGroups: [{name: ng, subnets: [private-b], publicIp: true}]}
                """);
        assertThat(n.eksCluster("one").orElseThrow().publicEndpointIp()).isEqualTo(ip("198.19.255.10"));
        assertThat(n.eksCluster("two").orElseThrow().publicEndpointIp()).isEqualTo(ip("198.19.255.11"));
        // Per cluster: X-ENIs, nodes, pods; the second cluster continues where the first stopped.
        assertThat(eni(n, "one-xeni-1").privateIp()).isEqualTo(ip("10.0.1.4"));
        assertThat(eni(n, "two-xeni-1").privateIp()).isEqualTo(ip("10.0.1.5"));
        assertThat(eni(n, "one-ng-private-b").privateIp()).isEqualTo(ip("10.0.11.4"));
        assertThat(eni(n, "one-ng-private-b-pod").privateIp()).isEqualTo(ip("10.0.11.5"));
        assertThat(eni(n, "two-ng-private-b").privateIp()).isEqualTo(ip("10.0.11.6"));
        assertThat(eni(n, "two-ng-private-b-pod").privateIp()).isEqualTo(ip("10.0.11.7"));
        assertThat(eni(n, "two-ng-private-b").publicIp()).isEqualTo(ip("198.18.0.2"));
    }

    @Test
    void allocationSkipsWrittenAddressesAndStopsBeforeTheLastOne() {
        // cluster-a is 10.0.1.0/28: .4 to .14 are usable; .4-.13 are written, so the X-ENI takes .14.
        StringBuilder eni = new StringBuilder("  networkInterfaces:\n");
        for (int i = 4; i <= 13; i++) eni.append("    - {id: eni-").append(i).append(", subnet: cluster-a, privateIp: 10.0.1.").append(i).append("}\n");
        Network n = network(VPC + eni + "  eks: [{name: dev, vpc: vpc-main, subnets: [cluster-a]}]\n");
        assertThat(eni(n, "dev-xeni-1").privateIp()).isEqualTo(ip("10.0.1.14"));
    }
}
