package io.reachsim.lint;

import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Vpc;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.reachsim.lint.GuideLayout.ELB;
import static io.reachsim.lint.GuideLayout.INTERNAL_ELB;
import static io.reachsim.lint.GuideLayout.cidr;
import static io.reachsim.lint.GuideLayout.eni;
import static io.reachsim.lint.GuideLayout.ip;
import static io.reachsim.lint.GuideLayout.group;
import static io.reachsim.lint.GuideLayout.pods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One nested class per rule: the rule fires on a network with exactly one thing broken, with the
 * severity, resource and numbers expected, and stays silent on the guide's layout.
 */
class LinterTest {

    private static List<Finding> lint(Network n) {
        return new Linter().lint(n);
    }

    private static List<Finding> lint(Consumer<Network.Builder> change) {
        Network.Builder b = GuideLayout.builder();
        change.accept(b);
        return lint(b.build());
    }

    private static List<Finding> rule(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static Finding only(List<Finding> findings, String rule) {
        List<Finding> r = rule(findings, rule);
        assertThat(r).as("findings of %s in %s", rule, findings).hasSize(1);
        return r.get(0);
    }

    private static void silentOnGuideLayout(String rule) {
        assertThat(rule(lint(GuideLayout.network()), rule)).isEmpty();
    }

    @Test
    void theGuideLayoutHasNoFindingsAtAll() {
        assertThat(lint(GuideLayout.network())).isEmpty();
    }

    @Test
    void everyFindingNamesAResourceAndTheRulesReason() {
        List<Finding> all = lint(b -> {
            GuideLayout.subnet(b, "cluster-b", s -> GuideLayout.az(s, "us-west-2a"));
            GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, true, true, "0.0.0.0/0"));
            GuideLayout.defaultRoute(b, "rt-private-b", new RouteTarget.NatGateway("nat-a"));
        });
        assertThat(all).extracting(Finding::rule).contains("cluster-subnets-az", "public-endpoint-open", "nat-per-az");
        for (Finding f : all) {
            assertThat(f.resource()).isNotBlank();
            assertThat(f.reason()).isEqualTo(Linter.reason(f.rule()));
            assertThat(f.fix()).isNotBlank();
        }
        assertThat(all).isSortedAccordingTo(Finding.ORDER);
        assertThat(all.get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Nested
    class ClusterSubnetsAzRule {
        @Test
        void firesWhenEveryClusterSubnetIsInOneAz() {
            Finding f = only(lint(b -> GuideLayout.subnet(b, "cluster-b", s -> GuideLayout.az(s, "us-west-2a"))), "cluster-subnets-az");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("prod");
            assertThat(f.message()).isEqualTo("cluster prod's 2 cluster subnets are all in us-west-2a (cluster-a, cluster-b): EKS needs 2 AZs");
            assertThat(f.fix()).contains("private-b (us-west-2b)");
        }

        @Test
        void firesOnASingleClusterSubnet() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.clusterSubnets(c, "cluster-a"))), "cluster-subnets-az");
            assertThat(f.message()).contains("1 cluster subnet, cluster-a (us-west-2a)");
        }

        @Test
        void silentWithSubnetsInTwoAzs() {
            silentOnGuideLayout("cluster-subnets-az");
        }
    }

    @Nested
    class ClusterSubnetSizeRule {
        @Test
        void firesOnClusterSubnetsThatAlsoHostNodes() {
            List<Finding> all = rule(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.clusterSubnets(c, "private-a", "private-b"))),
                    "cluster-subnet-size");
            assertThat(all).extracting(Finding::resource).containsExactly("private-a", "private-b");
            assertThat(all.get(0).severity()).isEqualTo(Severity.INFO);
            assertThat(all.get(0).message()).isEqualTo(
                    "cluster subnet private-a of prod is a /20 (4091 usable addresses) and also hosts nodes of prod/workers");
        }

        @Test
        void firesOnALargeDedicatedClusterSubnet() {
            Finding f = only(lint(b -> GuideLayout.subnet(b, "cluster-a", s -> GuideLayout.cidr(s, "10.0.3.0/24"))), "cluster-subnet-size");
            assertThat(f.resource()).isEqualTo("cluster-a");
            assertThat(f.message()).isEqualTo("cluster subnet cluster-a of prod is a /24 (251 usable addresses)");
        }

        @Test
        void firesOnAClusterSubnetHoldingPods() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "cluster-a", "us-west-2b", "pods-b"))))),
                    "cluster-subnet-size");
            assertThat(f.message()).contains("also hosts pods of prod (ENIConfig us-west-2a)").doesNotContain("is a /");
        }

        @Test
        void silentOnDedicatedSlash28s() {
            silentOnGuideLayout("cluster-subnet-size");
        }
    }

    @Nested
    class ElbSubnetTagsRule {
        @Test
        void firesOnAnUntaggedPublicSubnetInAnUncoveredAz() {
            Finding f = only(lint(b -> GuideLayout.subnet(b, "public-b", s -> GuideLayout.tag(s, ELB, null))), "elb-subnet-tags");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.resource()).isEqualTo("public-b");
            assertThat(f.message()).isEqualTo("public subnet public-b (us-west-2b, 0.0.0.0/0 → igw-main) has no kubernetes.io/role/elb tag; "
                    + "internet-facing load balancers can use only public-a (us-west-2a)");
            assertThat(f.fix()).isEqualTo("tag public-b with kubernetes.io/role/elb=1");
        }

        @Test
        void firesOnPrivateNodeSubnetsWithoutInternalElb() {
            List<Finding> all = rule(lint(b -> {
                GuideLayout.subnet(b, "private-a", s -> GuideLayout.tag(s, INTERNAL_ELB, null));
                GuideLayout.subnet(b, "private-b", s -> GuideLayout.tag(s, INTERNAL_ELB, null));
            }), "elb-subnet-tags");
            assertThat(all).extracting(Finding::resource).containsExactly("private-a", "private-b");
            assertThat(all.get(1).message()).contains("has no kubernetes.io/role/internal-elb tag; no subnet in vpc-main has it");
        }

        @Test
        void firesWhenTaggedSubnetsCoverOneAz() {
            Finding f = only(rule(lint(b -> GuideLayout.subnet(b, "public-b", s -> GuideLayout.az(s, "us-west-2a"))), "elb-subnet-tags"),
                    "elb-subnet-tags");
            assertThat(f.resource()).isEqualTo("vpc-main");
            assertThat(f.message()).isEqualTo("public subnets for internet-facing load balancers in vpc-main are all in us-west-2a "
                    + "(public-a, public-b): the controller needs subnets in at least 2 AZs");
        }

        @Test
        void firesOnAnElbTagOnAPrivateSubnet() {
            Finding f = only(lint(b -> GuideLayout.subnet(b, "pods-a", s -> GuideLayout.tag(s, ELB, "1"))), "elb-subnet-tags");
            assertThat(f.resource()).isEqualTo("pods-a");
            assertThat(f.message()).contains("is tagged kubernetes.io/role/elb but is not public (no default route)");
        }

        @Test
        void silentWithTagsInTwoAzs() {
            silentOnGuideLayout("elb-subnet-tags");
            // one untagged public subnet is fine while tagged ones already cover two AZs
            assertThat(rule(lint(b -> b.add(GuideLayout.subnet("public-c", "us-west-2c", "10.0.3.0/24", "rt-public", Map.of()))),
                    "elb-subnet-tags")).isEmpty();
        }
    }

    @Nested
    class NatRoutesToItselfRule {
        @Test
        void firesOnANatGatewayWhoseOwnSubnetRoutesBackToIt() {
            Finding f = only(lint(b -> GuideLayout.defaultRoute(b, "rt-public", new RouteTarget.NatGateway("nat-a"))),
                    "nat-routes-to-itself");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("public-a");
            assertThat(f.message()).isEqualTo("NAT gateway nat-a sits in public-a, whose route table rt-public sends 0.0.0.0/0 "
                    + "back to nat-a: what it translates for 0.0.0.0/0 loops and never leaves");
            assertThat(f.fix()).startsWith("move nat-a to a public subnet, or route 0.0.0.0/0 in rt-public to the VPC's internet gateway");
        }

        @Test
        void silentOnTheGuideLayout() {
            silentOnGuideLayout("nat-routes-to-itself");
        }
    }

    @Nested
    class NatPerAzRule {
        @Test
        void firesOnANodeSubnetRoutedToANatGatewayInAnotherAz() {
            Finding f = only(lint(b -> GuideLayout.defaultRoute(b, "rt-private-b", new RouteTarget.NatGateway("nat-a"))), "nat-per-az");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.resource()).isEqualTo("private-b");
            assertThat(f.message()).isEqualTo("private subnet private-b in us-west-2b sends 0.0.0.0/0 to nat-a in us-west-2a "
                    + "(public-a, via rt-private-b): its internet traffic crosses AZs and depends on us-west-2a");
            assertThat(f.fix()).isEqualTo("route 0.0.0.0/0 in rt-private-b to nat-b (already in us-west-2b)");
        }

        @Test
        void aSharedRouteTableNeedsSplitting() {
            Finding f = only(lint(b -> GuideLayout.subnet(b, "private-b", s -> GuideLayout.routeTable(s, "rt-private-a"))), "nat-per-az");
            assertThat(f.fix()).startsWith("give private-b a route table of its own (rt-private-a is shared with")
                    .contains("private-a (us-west-2a)").endsWith("0.0.0.0/0 → nat-b (already in us-west-2b)");
        }

        @Test
        void silentWithANatGatewayPerAz() {
            silentOnGuideLayout("nat-per-az");
        }
    }

    @Nested
    class PublicEndpointOpenRule {
        @Test
        void firesOnPublicAccessFromAnywhere() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, true, true, "0.0.0.0/0"))), "public-endpoint-open");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.resource()).isEqualTo("prod");
            assertThat(f.message()).isEqualTo("cluster prod's public API endpoint (public+private) accepts requests from anywhere: "
                    + "publicAccessCidrs 0.0.0.0/0");
            assertThat(f.fix()).contains("nodes use the private endpoint");
        }

        @Test
        void whenNodesUseThePublicEndpointTheFixKeepsTheirNatAddresses() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, true, false, "0.0.0.0/0"))), "public-endpoint-open");
            assertThat(f.fix()).contains("198.51.100.7/32, 198.51.100.8/32");
        }

        @Test
        void silentWhenRestrictedOrPrivate() {
            silentOnGuideLayout("public-endpoint-open");
            assertThat(rule(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, false, true, "0.0.0.0/0"))),
                    "public-endpoint-open")).isEmpty();
        }
    }

    @Nested
    class PrivateEndpointDnsRule {
        @Test
        void warnsWhenThePublicEndpointIsTheFallback() {
            Finding f = only(lint(b -> GuideLayout.vpc(b, v -> GuideLayout.dns(v, true, false))), "private-endpoint-dns");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.resource()).isEqualTo("prod");
            assertThat(f.message()).contains("vpc-main has enableDnsHostnames=false").contains("nodes fall back to the public endpoint");
            assertThat(f.fix()).isEqualTo("set enableDnsHostnames to true on vpc-main");
        }

        @Test
        void errorWhenPrivateOnly() {
            Finding f = only(lint(b -> {
                GuideLayout.vpc(b, v -> GuideLayout.dns(v, false, false));
                GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, false, true));
            }), "private-endpoint-dns");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("enableDnsSupport=false and enableDnsHostnames=false").contains("cannot reach the API server");
        }

        @Test
        void silentWithBothDnsSettingsOrNoPrivateAccess() {
            silentOnGuideLayout("private-endpoint-dns");
            assertThat(rule(lint(b -> {
                GuideLayout.vpc(b, v -> GuideLayout.dns(v, true, false));
                GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, true, false, "203.0.113.0/24"));
            }), "private-endpoint-dns")).isEmpty();
        }
    }

    @Nested
    class PrivateClusterEndpointsRule {
        /** Private-only, node subnets without a default route. */
        private void privateOnly(Network.Builder b) {
            GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, false, true));
            GuideLayout.defaultRoute(b, "rt-private-a", null);
            GuideLayout.defaultRoute(b, "rt-private-b", null);
        }

        @Test
        void listsExactlyWhatIsMissing() {
            Finding f = only(lint(b -> {
                privateOnly(b);
                GuideLayout.addPrivateClusterEndpoints(b);
                b.vpcEndpoints.removeIf(e -> List.of("sts", "logs", "s3").contains(e.service()));
            }), "private-cluster-endpoints");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("prod");
            assertThat(f.message()).isEqualTo("private-only cluster prod: vpc-main has no interface endpoint for sts, logs; "
                    + "no s3 gateway endpoint; nodes have no internet path to reach them");
            assertThat(f.fix()).isEqualTo("create interface endpoints with private DNS for sts, logs in the node subnets "
                    + "(private-a, private-b); add an s3 gateway endpoint on route tables rt-private-a, rt-private-b");
        }

        @Test
        void anEndpointWithoutPrivateDnsOrAGatewayOffTheNodesRouteTablesDoesNotCount() {
            Finding f = only(lint(b -> {
                privateOnly(b);
                GuideLayout.addPrivateClusterEndpoints(b);
                GuideLayout.replace(b.vpcEndpoints, e -> e.id(), "vpce-ecr-dkr", e -> GuideLayout.interfaceEndpoint("ecr.dkr", false));
                GuideLayout.replace(b.vpcEndpoints, e -> e.id(), "vpce-s3", e -> new io.reachsim.model.VpcEndpoint("vpce-s3", "vpc-main",
                        e.type(), "com.amazonaws.us-west-2.s3", List.of("rt-private-a"), List.of(), List.of(), false, List.of()));
            }), "private-cluster-endpoints");
            assertThat(f.message()).isEqualTo("private-only cluster prod: vpc-main has no interface endpoint for ecr.dkr; "
                    + "s3 gateway endpoint vpce-s3 is not on route table rt-private-b (private-b) (vpce-ecr-dkr (ecr.dkr) has private DNS off); "
                    + "nodes have no internet path to reach them");
        }

        @Test
        void onlyInfoWhenNodesHaveANatPath() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.endpoint(c, false, true))), "private-cluster-endpoints");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("no interface endpoint for ec2, ecr.api, ecr.dkr, sts, logs, elasticloadbalancing; no s3 gateway endpoint")
                    .contains("through NAT or an internet gateway instead");
        }

        @Test
        void silentWithEveryEndpointOrAPublicEndpoint() {
            silentOnGuideLayout("private-cluster-endpoints");
            assertThat(rule(lint(b -> {
                privateOnly(b);
                GuideLayout.addPrivateClusterEndpoints(b);
            }), "private-cluster-endpoints")).isEmpty();
        }
    }

    @Nested
    class IpCapacityRule {
        @Test
        void firesWhenNodesAndPodsAtMaxSizeOutgrowTheSubnet() {
            Finding f = only(lint(b -> {
                GuideLayout.subnet(b, "private-a", s -> GuideLayout.cidr(s, "10.0.16.0/24"));
                GuideLayout.cluster(b, c -> GuideLayout.nodeGroups(c, group("workers", "m5.large", 20, "private-a", "private-b")));
            }), "ip-capacity");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("private-a");
            assertThat(f.message()).isEqualTo("subnet private-a (10.0.16.0/24) has 251 free addresses (256 − 5 reserved − 0 in use) "
                    + "but needs 300 at maxSize, 49 short: prod/workers 10 nodes (maxSize 20 over 2 subnets) × 30 "
                    + "(m5.large: 3 ENIs × 10 addresses, max pods 29) = 300");
            // 251 / 30 = 8 nodes per subnet, over 2 subnets
            assertThat(f.fix()).isEqualTo("give prod/workers larger or more subnets, lower the maxSize of prod/workers to 16 (fits in private-a) "
                    + "or move pods to a larger range with custom networking (a secondary CIDR such as 100.64.0.0/16)");
        }

        @Test
        void countsAddressesInUseButNotTheRepresentativeNodeAndPod() {
            // t3.medium: 3 ENIs × 6 = 18 addresses per node; a /27 has 27 usable
            Consumer<Network.Builder> base = b -> {
                b.add(GuideLayout.subnet("small", "us-west-2a", "10.0.4.0/27", "rt-private-a", Map.of(INTERNAL_ELB, "1")));
                GuideLayout.cluster(b, c -> GuideLayout.nodeGroups(c, group("workers", "m5.large", 6, "private-a", "private-b"),
                        group("small", "t3.medium", 1, "small")));
                b.add(eni("prod-small-small", "small", "10.0.4.4"));
                for (int i = 0; i < 9; i++) b.add(eni("i-" + i, "small", "10.0.4." + (10 + i)));
            };
            assertThat(rule(lint(base), "ip-capacity")).as("18 needed, 27 − 9 = 18 free").isEmpty();
            Finding f = only(lint(base.andThen(b -> b.add(eni("i-9", "small", "10.0.4.19")))), "ip-capacity");
            assertThat(f.message()).startsWith("subnet small (10.0.4.0/27) has 17 free addresses (32 − 5 reserved − 10 in use) but needs 18");
        }

        @Test
        void customNetworkingCountsPodsInTheEniConfigSubnet() {
            Finding f = only(lint(b -> {
                GuideLayout.subnet(b, "pods-a", s -> GuideLayout.cidr(s, "100.64.0.0/24"));
                GuideLayout.cluster(b, c -> GuideLayout.pods(GuideLayout.nodeGroups(c, group("workers", "m5.xlarge", 20, "private-a", "private-b")),
                        pods(Map.of("us-west-2a", "pods-a", "us-west-2b", "pods-b"))));
            }), "ip-capacity");
            assertThat(f.resource()).isEqualTo("pods-a");
            assertThat(f.message()).contains("needs 450 at maxSize, 199 short")
                    .contains("pods of 10 nodes (maxSize 20 over 2 subnets) in private-a × 45 (m5.xlarge: 3 secondary ENIs × 15 addresses, max pods 44) = 450");
            assertThat(f.fix()).isEqualTo("point the ENIConfig at a larger subnet (e.g. in a secondary CIDR such as 100.64.0.0/16) "
                    + "or lower the maxSize of prod/workers to 10 (fits in pods-a)");
        }

        @Test
        void anUnknownInstanceTypeCannotBeChecked() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.nodeGroups(c, group("workers", "x9.huge", 6, "private-a", "private-b")))),
                    "ip-capacity");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.resource()).isEqualTo("prod/workers");
            assertThat(f.message()).contains("'x9.huge' is not in lint's table");
        }

        @Test
        void maxPodsFollowTheEniFormula() {
            Map<String, Integer> expected = Map.of("m5.large", 29, "m5.xlarge", 58, "m5.2xlarge", 58, "m5.4xlarge", 234,
                    "t3.medium", 17, "t3.large", 35, "c5.large", 29, "c5.xlarge", 58, "r5.large", 29);
            expected.forEach((type, pods) -> assertThat(InstanceTypes.of(type).orElseThrow().maxPods()).as(type).isEqualTo(pods));
            assertThat(InstanceTypes.of("x9.huge")).isEmpty();
        }

        @Test
        void silentWhenTheSubnetsAreLargeEnough() {
            silentOnGuideLayout("ip-capacity");
        }
    }

    @Nested
    class ConnectedOverlapRule {
        @Test
        void errorForAnExternalNetworkInsideTheVpc() {
            Finding f = only(lint(b -> b.externals.set(0, new ExternalNetwork("corp", cidr("10.0.5.0/24"), null, "vgw-corp"))),
                    "connected-overlap");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("corp");
            assertThat(f.message()).isEqualTo("external network corp (10.0.5.0/24, behind vgw-corp) lies inside vpc-main's 10.0.0.0/16: "
                    + "the local route wins, so nothing in vpc-main can reach it");
        }

        @Test
        void warningForAnExternalSummaryThatContainsTheVpc() {
            Finding f = only(lint(b -> b.externals.set(0, new ExternalNetwork("corp", cidr("10.0.0.0/8"), null, "vgw-corp"))),
                    "connected-overlap");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("contains vpc-main's 10.0.0.0/16");
        }

        @Test
        void errorForConnectedVpcsWithOverlappingCidrs() {
            Network.Builder b = GuideLayout.builder();
            b.add(new Vpc("vpc-other", "us-west-2", List.of(cidr("10.0.128.0/17")), List.of(), true, true, "d", "a", "r"));
            Connectivity graph = Connectivity.of(b.build())
                    .withLink(new Connectivity.Link("vpc-main", "vpc-other", Connectivity.Link.Kind.PEERING, "pcx-1"));
            List<Finding> out = new ArrayList<>();
            new ConnectedOverlap().check(graph, out);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).resource()).isEqualTo("vpc-main");
            assertThat(out.get(0).message()).isEqualTo("vpc-main (10.0.0.0/16) and vpc-other (10.0.128.0/17) overlap but are connected through pcx-1");
            // unconnected, the same VPCs are fine
            assertThat(rule(lint(b.build()), "connected-overlap")).isEmpty();
        }

        @Test
        void theGraphJoinsAVpcToTheNetworksBehindItsVpnGateway() {
            Connectivity graph = Connectivity.of(GuideLayout.network());
            assertThat(graph.neighbours("vpc-main")).containsExactly("corp");
            assertThat(graph.component("corp")).containsExactlyInAnyOrder("vpc-main", "corp");
            assertThat(graph.links()).extracting(Connectivity.Link::via).containsExactly("vgw-corp");
        }

        @Test
        void silentWithoutOverlap() {
            silentOnGuideLayout("connected-overlap");
        }

        /** A transit gateway attaching vpc-main and an overlapping vpc-other (10.0.128.0/17), with or without private NAT. */
        private Network tgwToOverlappingVpc(boolean privateNats) {
            Network.Builder b = GuideLayout.builder();
            b.add(new Vpc("vpc-other", "us-west-2", List.of(cidr("10.0.128.0/17")), List.of(), true, true, "d", "a", "r"));
            b.add(new io.reachsim.model.Subnet("other-a", "vpc-other", "us-west-2a", cidr("10.0.200.0/24"), null, null, null, null));
            if (privateNats) {
                b.add(new NatGateway("pnat-main", "private-a", NatGateway.Connectivity.PRIVATE, ip("10.0.10.200"), null, List.of()));
                b.add(new NatGateway("pnat-other", "other-a", NatGateway.Connectivity.PRIVATE, ip("10.0.200.5"), null, List.of()));
            }
            var rt = new io.reachsim.model.TransitGateway.RouteTable("tgw-rt", List.of());
            b.add(new io.reachsim.model.TransitGateway("tgw-hub", "us-west-2", null, List.of(rt), List.of(
                    new io.reachsim.model.TransitGateway.Attachment("tgwa-main", io.reachsim.model.TransitGateway.Attachment.Type.VPC,
                            "vpc-main", List.of("private-a"), "tgw-rt", List.of(), false, List.of()),
                    new io.reachsim.model.TransitGateway.Attachment("tgwa-other", io.reachsim.model.TransitGateway.Attachment.Type.VPC,
                            "vpc-other", List.of("other-a"), "tgw-rt", List.of(), false, List.of()))));
            return b.build();
        }

        @Test
        void theGraphHasPeeringsAndTransitGatewaysOfTheModel() {
            Connectivity graph = Connectivity.of(tgwToOverlappingVpc(false));
            assertThat(graph.neighbours("vpc-other")).containsExactly("vpc-main");
            assertThat(graph.links()).extracting(Connectivity.Link::via).containsExactlyInAnyOrder("vgw-corp", "tgw-hub");
        }

        @Test
        void errorForOverlappingVpcsOnATransitGatewayUnlessJoinedThroughPrivateNatGateways() {
            Finding f = only(lint(tgwToOverlappingVpc(false)), "connected-overlap");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("vpc-main (10.0.0.0/16) and vpc-other (10.0.128.0/17) overlap but are connected through tgw-hub");
            // the EKS guide's pattern: each side reaches the other through its private NAT gateway
            assertThat(rule(lint(tgwToOverlappingVpc(true)), "connected-overlap")).isEmpty();
        }
    }

    @Nested
    class TgwAttachmentAzRule {
        /** vpc-main's private subnets (us-west-2a and -2b) route 10.9.0.0/16 to tgw-hub; the attachment is in {@code subnets}. */
        private Network attached(String... subnets) {
            Network.Builder b = GuideLayout.builder();
            for (int i = 0; i < b.routeTables.size(); i++) {
                var t = b.routeTables.get(i);
                if (!t.id().startsWith("rt-private")) continue;
                List<io.reachsim.model.Route> routes = new ArrayList<>(t.routes());
                routes.add(new io.reachsim.model.Route(new io.reachsim.model.Route.RouteDestination.CidrDestination(cidr("10.9.0.0/16")),
                        new RouteTarget.TransitGateway("tgw-hub")));
                b.routeTables.set(i, new io.reachsim.model.RouteTable(t.id(), t.vpc(), t.main(), routes, t.propagatingVgws()));
            }
            b.add(new io.reachsim.model.TransitGateway("tgw-hub", "us-west-2", null, List.of(), List.of(
                    new io.reachsim.model.TransitGateway.Attachment("tgwa-main", io.reachsim.model.TransitGateway.Attachment.Type.VPC,
                            "vpc-main", List.of(subnets), null, List.of(), false, List.of()))));
            return b.build();
        }

        @Test
        void errorForAnAzThatRoutesToTheGatewayWithoutAnAttachmentSubnet() {
            Finding f = only(lint(attached("private-a")), "tgw-attachment-az");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("tgwa-main");
            assertThat(f.message()).startsWith("subnets ").contains(" in us-west-2b route to tgw-hub, but attachment tgwa-main has no subnet in us-west-2b");
            assertThat(f.fix()).isEqualTo("add a subnet of vpc-main in us-west-2b to tgwa-main");
        }

        @Test
        void silentWhenEveryRoutingAzHasAnAttachmentSubnet() {
            assertThat(rule(lint(attached("private-a", "private-b")), "tgw-attachment-az")).isEmpty();
            silentOnGuideLayout("tgw-attachment-az");
        }
    }

    @Nested
    class EniConfigAzIdRule {
        private void sharedSubnets(Network.Builder b) {
            for (String s : List.of("private-a", "private-b", "pods-a", "pods-b")) {
                GuideLayout.subnet(b, s, x -> GuideLayout.tag(x, EniConfigAzId.OWNER_TAG, "111122223333"));
            }
        }

        @Test
        void warnsOnAzNamesInASharedVpc() {
            Finding f = only(lint(b -> {
                sharedSubnets(b);
                GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-a", "us-west-2b", "pods-b"))));
            }), "eniconfig-az-id");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.resource()).isEqualTo("prod");
            assertThat(f.message()).isEqualTo("cluster prod keys its ENIConfigs by AZ name (us-west-2a → pods-a, us-west-2b → pods-b) "
                    + "in shared VPC vpc-main (subnets owned by account 111122223333, tag reachsim/owner-account): "
                    + "the name may point at a different physical AZ in this account");
        }

        @Test
        void infoWhenOnlyTheVpcRegionHintsAtAnotherOwner() {
            Finding f = only(lint(b -> {
                GuideLayout.vpc(b, v -> GuideLayout.region(v, "us-east-1"));
                GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-a", "us-west-2b", "pods-b"))));
            }), "eniconfig-az-id");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void silentWithAzIdsOrAVpcOfOurOwn() {
            assertThat(rule(lint(b -> {
                sharedSubnets(b);
                GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("usw2-az1", "pods-a", "usw2-az2", "pods-b"))));
            }), "eniconfig-az-id")).isEmpty();
            assertThat(rule(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-a", "us-west-2b", "pods-b"))))),
                    "eniconfig-az-id")).isEmpty();
        }
    }

    @Nested
    class EniConfigPerAzRule {
        @Test
        void firesWhenAnAzWithNodesHasNoEniConfig() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-a"))))), "eniconfig-per-az");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.resource()).isEqualTo("prod");
            assertThat(f.message()).isEqualTo("cluster prod uses custom networking but has no ENIConfig for us-west-2b, "
                    + "where nodes run in private-b (prod/workers): their pods get no addresses");
        }

        @Test
        void firesWhenAnEniConfigPointsAtAnotherAz() {
            Finding f = only(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-b", "us-west-2b", "pods-b"))))),
                    "eniconfig-per-az");
            assertThat(f.message()).isEqualTo("cluster prod's ENIConfig us-west-2a points at pods-b in us-west-2b: "
                    + "an ENI cannot be attached to a node in another AZ");
        }

        @Test
        void silentWithOneEniConfigPerAzByNameOrId() {
            assertThat(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-a", "us-west-2b", "pods-b"))))))
                    .isEmpty();
            assertThat(rule(lint(b -> GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("usw2-az1", "pods-a", "usw2-az2", "pods-b"))))),
                    "eniconfig-per-az")).isEmpty();
        }
    }

    @Test
    void subnetsWithoutAnAzAreLeftOutOfAzChecks() {
        Network.Builder b = GuideLayout.builder();
        for (String id : List.of("public-a", "public-b", "cluster-a", "cluster-b", "private-a", "private-b", "pods-a", "pods-b")) {
            GuideLayout.subnet(b, id, s -> GuideLayout.az(s, null));
        }
        GuideLayout.defaultRoute(b, "rt-private-b", new RouteTarget.NatGateway("nat-a"));
        GuideLayout.cluster(b, c -> GuideLayout.pods(c, pods(Map.of("us-west-2a", "pods-a"))));
        // with AZs known, nat-a for private-b and a single ENIConfig would be findings; unknown, there is nothing to compare
        assertThat(lint(b.build())).isEmpty();
    }

    @Test
    void ipv6ClustersCountOnlyNodesAgainstIpv4() {
        List<Finding> v4 = lint(b -> {
            GuideLayout.subnet(b, "private-a", s -> GuideLayout.cidr(s, "10.0.16.0/26"));
            GuideLayout.cluster(b, c -> GuideLayout.nodeGroups(c, group("workers", "m5.large", 20, "private-a", "private-b")));
        });
        assertThat(rule(v4, "ip-capacity")).hasSize(1);
        List<Finding> v6 = lint(b -> {
            GuideLayout.subnet(b, "private-a", s -> GuideLayout.cidr(s, "10.0.16.0/26"));
            GuideLayout.cluster(b, c -> GuideLayout.ipFamily(GuideLayout.nodeGroups(c, group("workers", "m5.large", 20, "private-a", "private-b")), 6));
        });
        assertThat(rule(v6, "ip-capacity")).isEmpty();
    }

}
