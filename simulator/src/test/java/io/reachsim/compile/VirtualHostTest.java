package io.reachsim.compile;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Ip;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A virtual host is built once per address and shared between traces; overlapping VPCs keep their own. */
class VirtualHostTest {
    @Test
    void oneHostPerAddressAndSubnet(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-a, cidr: 10.0.0.0/16}, {id: vpc-b, cidr: 10.0.0.0/16}]
                  subnets:
                    - {id: a, vpc: vpc-a, az: us-east-1a, cidr: 10.0.1.0/24}
                    - {id: b, vpc: vpc-b, az: us-east-1a, cidr: 10.0.1.0/24}
                """);
        Scenario s = new ScenarioLoader().load(List.of(f)).get(0);
        Fabric fabric = Fabric.compile(s.network());
        FSubnet a = fabric.subnet("a");
        FSubnet b = fabric.subnet("b");
        Ip ip = Ip.parse("10.0.1.9");

        FInterface first = fabric.virtualHost(a, ip);
        assertThat(fabric.virtualHost(a, ip)).isSameAs(first);
        assertThat(first.subnet).isSameAs(a);
        assertThat(first.owns(ip)).isTrue();
        // the same address in an overlapping VPC is another host, in its own subnet
        FInterface other = fabric.virtualHost(b, ip);
        assertThat(other.subnet).isSameAs(b);
        assertThat(other).isNotSameAs(first);
        assertThat(fabric.virtualHost(a, ip)).isSameAs(first);
    }
}
