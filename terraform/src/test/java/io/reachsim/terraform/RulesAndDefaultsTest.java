package io.reachsim.terraform;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Network;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A security group written three ways at once (inline blocks, aws_security_group_rule,
 * aws_vpc_security_group_ingress_rule), an ACL inline plus aws_network_acl_rule, and aws_default_*
 * resources that redefine what AWS creates with the VPC (docs: registry.terraform.io/providers/hashicorp/aws,
 * resources default_security_group, default_route_table; VPC user guide, security group rules and NACLs).
 */
class RulesAndDefaultsTest {
    @TempDir
    Path tmp;

    @Test
    void rulesOfEveryStyleMergeAndDefaultsAreRedefined() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp), """
                apiVersion: reachsim/v1
                name: rules
                network:
                  import: defaults.state.json
                expect:
                  - {name: inline rule admits only 10/8, from: internet, to: i-1, port: 22, reachable: false, because: ENI_SG_RULES_MISMATCH}
                  - {name: aws_security_group_rule merged, from: internet, to: i-1, port: 443, reachable: true, via: [igw-1, rtb-main]}
                  - {name: ACL rule 50 denies before 100 allows, from: internet, to: i-1, port: 8443, reachable: false, because: SUBNET_ACL_RESTRICTION}
                  - {name: icmp echo from the new-style rule, from: internet, to: i-1, protocol: icmp, reachable: true}
                  - {name: default group redefined to admit 80, from: internet, to: i-2, port: 80, reachable: true}
                  - {name: default group admits nothing but 80, from: i-1, to: i-2, port: 443, reachable: false, because: ENI_SG_RULES_MISMATCH}
                  - {name: default group has no egress once Terraform manages it, from: i-2, to: "internet:1.1.1.1", port: 443, reachable: false, because: ENI_SG_RULES_MISMATCH}
                """);
        assertThat(Suites.failures(r)).isEmpty();
        assertThat(r.passedExpectations()).isEqualTo(7);
    }

    @Test
    void theImportReportCountsAndNamesWhatItLeftOut() throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        Network n = loader.loadNetwork(Suites.PLANS.resolve("defaults.state.json"));
        assertThat(n.securityGroups()).extracting(g -> g.id()).contains("sg-def", "sg-both");
        String report = loader.snapshots().get(0).report();
        assertThat(report).contains("aws_security_group_rule: 1", "aws_vpc_security_group_ingress_rule: 2")
                .contains("networking resources of types not modelled (left out):\n  aws_lb_listener_rule.weird")
                .contains("ignored: 1 non-networking resources");
        assertThat(loader.snapshots().get(0).summary()).contains("Terraform state");
    }

    /** VPC Lattice: a service network associated with the client VPC, a service forwarding to an instance target group. */
    @Test
    void latticeServiceNetworksServicesAndTargetGroups() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp), """
                apiVersion: reachsim/v1
                name: lattice
                network:
                  import: lattice.state.json
                expect:
                  - {name: client reaches the service, from: i-client, to: "lattice:svc-0orders", port: 443, reachable: true}
                  - {name: not on another port, from: i-client, to: "lattice:svc-0orders", port: 80, reachable: false}
                """);
        assertThat(Suites.failures(r)).isEmpty();
    }

    /** Transit gateway (default route table), peering, an interface endpoint, an NLB with an endpoint service, a VPN gateway. */
    @Test
    void betweenVpcsAndServices() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp), """
                apiVersion: reachsim/v1
                name: cross-vpc
                network:
                  import: crossvpc.state.json
                  external:
                    - {id: office, cidr: 192.168.0.0/16, via: vgw-1}
                expect:
                  - {name: a to b through the transit gateway, from: i-a, to: i-b, port: 22, reachable: true, via: [tgw-1, tgw-attach-b]}
                  - {name: a to c through the peering, from: i-a, to: i-c, port: 22, reachable: true, via: [pcx-ac]}
                  - {name: peering and TGW are not transitive, from: i-b, to: i-c, port: 22, reachable: false}
                  - {name: b reaches ECR through its interface endpoint, from: i-b, to: "aws:ecr.api", port: 443, reachable: true, via: [vpce-ecr-subnet-b]}
                  - {name: a reaches the NLB's target across the TGW, from: i-a, to: "lb:nlb-1", port: 443, reachable: true, via: [i-b]}
                  - {name: c reaches the office through the VPN gateway, from: i-c, to: "external:office", port: 443, reachable: true, via: [vgw-1]}
                """);
        assertThat(Suites.failures(r)).isEmpty();
        var n = new io.reachsim.load.ScenarioLoader().loadNetwork(Suites.PLANS.resolve("crossvpc.state.json"));
        assertThat(n.endpointService("vpce-svc-0123456789abcdef0").orElseThrow().loadBalancer()).isEqualTo("nlb-1");
        assertThat(n.vpnGateway("vgw-1").orElseThrow().remoteCidrs()).extracting(Object::toString).containsExactly("192.168.0.0/16");
    }
}
