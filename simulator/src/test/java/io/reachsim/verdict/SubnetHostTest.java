package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** subnet:ID is a new host with the VPC default group at the first free address, never an existing interface. */
class SubnetHostTest {
    @Test
    void skipsAddressesHeldByInterfaces(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
                  subnets:
                    - {id: a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.1.0/24}
                    - {id: b, vpc: vpc-main, az: us-east-1b, cidr: 10.0.2.0/24}
                  securityGroups:
                    - {id: sg-closed, vpc: vpc-main, egress: []}
                  instances:
                    - {id: first, subnet: a, privateIp: 10.0.1.4, securityGroups: [sg-closed]}
                    - {id: second, subnet: a, privateIp: 10.0.1.5, securityGroups: [sg-closed]}
                expect:
                  - {name: default group host, from: subnet:a, to: subnet:b, port: 443, reachable: true}
                """);
        Scenario s = new ScenarioLoader().load(List.of(f)).get(0);
        Fabric fabric = Fabric.compile(s.network());
        List<Flow> flows = new FlowExpander(fabric).expand(s.expectations().get(0));
        assertThat(flows).singleElement().satisfies(fl -> {
            assertThat(fl.source()).isEqualTo(new FlowEnd.AtSubnetHost("a", io.reachsim.model.Ip.parse("10.0.1.6")));
            assertThat(fl.destination()).isEqualTo(new FlowEnd.AtSubnetHost("b", io.reachsim.model.Ip.parse("10.0.2.4")));
        });
        // the host at .4 has no egress at all; the subnet host carries the default group and gets through
        FlowResult r = new Tracer(fabric).trace(flows.get(0));
        assertThat(r.delivered()).as(r.toString()).isTrue();
    }
}
