package io.reachsim.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.report.JsonReport;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Private addresses AWS assigns may be left out: the subnet's first free address, in order, never one written anywhere. */
class AssignedAddressesTest extends LoadTestSupport {
    static final String SCENARIO = """
            apiVersion: reachsim/v1
            network:
              vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
              subnets:
                - {id: public-a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.0.0/24, routeTable: rt-public}
                - {id: private-a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.1.0/24, routeTable: rt-private}
              routeTables:
                - {id: rt-public, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw-main}]}
                - {id: rt-private, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
              internetGateways: [{id: igw-main, vpc: vpc-main}]
              natGateways:
                - {id: nat-a, subnet: public-a, publicIp: 203.0.113.20}
              instances:
                - {id: app-1, subnet: private-a}
                - {id: app-2, subnet: private-a, networkInterfaces: [{id: eni-app-2-b}]}
                - {id: db, subnet: private-a, privateIp: 10.0.1.4}
              networkInterfaces:
                - {id: eni-spare, subnet: public-a, secondaryPrivateIps: [10.0.0.5]}
            expect:
              - {from: app-1, to: internet:203.0.113.99, port: 443, reachable: true, via: nat-a}
            """;

    @Test
    void leftOutAddressesAreTheSubnetsFirstFreeOnesSkippingEveryWrittenAddress() {
        Network n = network(SCENARIO);
        // NAT gateways first, then instances and their interfaces, then network interfaces; each in file order.
        assertThat(n.natGateway("nat-a").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.0.4"));
        // 10.0.1.4 is written (db, later in the file): skipped.
        assertThat(n.networkInterface("app-1").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.1.5"));
        assertThat(n.networkInterface("app-2").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.1.6"));
        assertThat(n.networkInterface("eni-app-2-b").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.1.7"));
        // 10.0.0.4 is the NAT gateway's, 10.0.0.5 written as a secondary address.
        assertThat(n.networkInterface("eni-spare").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.0.6"));
        assertThat(n.networkInterface("db").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.1.4"));
        assertThat(n.assigned(Ip.parse("10.0.1.5"))).isTrue();
        assertThat(n.assigned(Ip.parse("10.0.1.4"))).isFalse();
        // Deterministic: the same file gives the same addresses.
        assertThat(network(SCENARIO)).isEqualTo(n);
    }

    @Test
    void tracesAndJsonSayTheAddressWasAssigned() {
        Scenario s = load(SCENARIO);
        ExpectationResult r = new SuiteRunner().check(Fabric.compile(s.network()), s.expectations().get(0));
        assertThat(r.mismatches()).as(r.toString()).isEmpty();
        assertThat(r.flows().get(0).flow().resolution())
                .isEqualTo("10.0.1.5 of app-1 is assigned (no privateIp written: its subnet's first free address)");
        assertThat(new io.reachsim.report.TerminalReport(false).trace(r, s.network()))
                .contains("note  10.0.1.5 of app-1 is assigned (no privateIp written: its subnet's first free address)");
        JsonNode flow = new JsonReport().trace(r, s.network()).get("flows").get(0);
        assertThat(flow.get("srcAddress").get("ip").asText()).isEqualTo("10.0.1.5");
        assertThat(flow.get("srcAddress").get("assigned").asBoolean()).isTrue();
        assertThat(flow.get("dstAddress").get("assigned").asBoolean()).isFalse();
    }

    @Test
    void aFullSubnetSaysToWriteTheAddress() {
        assertThat(errors("""
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
                  subnets: [{id: tiny, vpc: vpc-main, cidr: 10.0.0.0/29}]
                  instances:
                    - {id: a, subnet: tiny}
                    - {id: b, subnet: tiny}
                    - {id: c, subnet: tiny}
                    - {id: d, subnet: tiny}
                """).stream().map(LoadError::message).toList())
                .containsExactly("subnet 'tiny' (10.0.0.0/29) has no free address left to assign to instance 'd' (write its privateIp)");
    }
}
