package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** lb:, vpce: and lattice: fan out to every entry and every target, so one unreachable target fails reachable: true. */
class ServiceTargetsTest {
    @TempDir
    Path dir;

    static final String NET = """
            apiVersion: reachsim/v1
            name: fan-out
            region: us-east-1
            network:
              vpcs:
                - {id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f14:1:2300::/56"}
                - {id: vpc-b, cidr: 10.1.0.0/16}
              subnets:
                - {id: client-a, vpc: vpc-a, az: us-east-1a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f14:1:2301::/64"}
                - {id: lb-a, vpc: vpc-b, az: us-east-1a, cidr: 10.1.1.0/24}
                - {id: lb-b, vpc: vpc-b, az: us-east-1b, cidr: 10.1.2.0/24}
              securityGroups:
                - {id: sg-open, vpc: vpc-b, ingress: [{protocol: all, source: 0.0.0.0/0}]}
                - {id: sg-closed, vpc: vpc-b, ingress: []}
              instances:
                - {id: client-1, subnet: client-a, privateIp: 10.0.1.10, ipv6Ip: "2600:1f14:1:2301::10"}
                - {id: client-b, subnet: lb-a, privateIp: 10.1.1.10}
                - {id: t-open, subnet: lb-a, privateIp: 10.1.1.20, securityGroups: [sg-open]}
                - {id: t-closed, subnet: lb-b, privateIp: 10.1.2.20, securityGroups: [sg-closed]}
              loadBalancers:
                - id: nlb-1
                  type: network
                  crossZoneLoadBalancing: true
                  subnets: [lb-a, lb-b]
                  listeners: [{protocol: tcp, port: 443, targets: [{instance: t-open}, {instance: t-closed}]}]
              endpointServices: [{id: vpce-svc-1, loadBalancer: nlb-1}]
              vpcEndpoints:
                - {id: vpce-1, vpc: vpc-a, type: interface, service: vpce-svc-1, subnets: [client-a]}
              lattice:
                serviceNetworks: [{id: sn-1, services: [svc-1], vpcAssociations: [{vpc: vpc-a}]}]
                services: [{id: svc-1, listeners: [{protocol: HTTPS, port: 443, targetGroup: tg-1}]}]
                targetGroups: [{id: tg-1, vpc: vpc-b, type: instance, port: 8443, targets: [t-open, t-closed]}]
            """;

    Scenario scenario(String expect) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, NET + "expect:\n" + expect);
        return new ScenarioLoader().load(List.of(f)).get(0);
    }

    @Test
    void oneFlowPerEntryAndTarget() throws Exception {
        Scenario s = scenario("  - {from: client-1, to: lb:nlb-1, port: 443, reachable: true}\n");
        List<Flow> flows = new FlowExpander(Fabric.compile(s.network())).expand(s.expectations().get(0));
        assertThat(flows).extracting(f -> (FlowEnd.ServiceTarget) f.destination())
                .extracting(t -> t.entry() + "/" + t.listener() + "/" + t.target())
                .containsExactly("nlb-1-lb-a/0/0", "nlb-1-lb-a/0/1", "nlb-1-lb-b/0/0", "nlb-1-lb-b/0/1");
    }

    @Test
    void withoutCrossZoneANodeOnlyReachesTargetsInItsZone() throws Exception {
        Scenario s = scenario("  - {from: client-b, to: lb:nlb-1, port: 443, reachable: true}\n");
        String yaml = Files.readString(dir.resolve("s.yaml")).replace("crossZoneLoadBalancing: true", "crossZoneLoadBalancing: false");
        Files.writeString(dir.resolve("s.yaml"), yaml);
        s = new ScenarioLoader().load(List.of(dir.resolve("s.yaml"))).get(0);
        List<Flow> flows = new FlowExpander(Fabric.compile(s.network())).expand(s.expectations().get(0));
        assertThat(flows).extracting(f -> (FlowEnd.ServiceTarget) f.destination())
                .extracting(t -> t.entry() + "/" + t.listener() + "/" + t.target())
                .containsExactly("nlb-1-lb-a/0/0", "nlb-1-lb-b/0/1");
    }

    @Test
    void oneUnreachableTargetFailsReachableTrue() throws Exception {
        Scenario s = scenario("""
                  - {from: client-1, to: vpce:vpce-1, port: 443, reachable: true}
                  - {from: client-1, to: lattice:svc-1, port: 443, reachable: true}
                """);
        Fabric fabric = Fabric.compile(s.network());
        for (Expectation e : s.expectations()) {
            ExpectationResult r = new SuiteRunner().check(fabric, e);
            assertThat(r.passed()).as(e.name()).isFalse();
            assertThat(r.flows()).extracting(FlowResult::disposition).containsExactly(Disposition.DELIVERED, Disposition.DROPPED);
            assertThat(r.flows().get(1).drop().code()).isEqualTo(ExplanationCode.ENI_SG_RULES_MISMATCH);
            assertThat(r.flows().get(1).drop().component()).isEqualTo("sg-closed");
        }
    }

    @Test
    void noListenerIsOneFlowPerEntry() throws Exception {
        Scenario s = scenario("  - {from: client-b, to: lb:nlb-1, port: 80, reachable: false, because: LB_LISTENER_NO_MATCH}\n");
        ExpectationResult r = new SuiteRunner().check(Fabric.compile(s.network()), s.expectations().get(0));
        assertThat(r.passed()).isTrue();
        assertThat(r.flows()).hasSize(2);
    }

    @Test
    void anIpv6ClientReachesAnIpv4TargetThroughLattice() throws Exception {
        Scenario s = scenario("  - {from: client-1, to: lattice:svc-1, port: 443, ipVersion: 6, reachable: true}\n");
        ExpectationResult r = new SuiteRunner().check(Fabric.compile(s.network()), s.expectations().get(0));
        FlowResult first = r.flows().get(0);
        assertThat(first.flow().packet().dst().toString()).isEqualTo("fd00:ec2:80::1");
        assertThat(first.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(first.hops()).anySatisfy(h -> assertThat(h.packet().src().toString()).isEqualTo("169.254.171.0"));
    }
}
