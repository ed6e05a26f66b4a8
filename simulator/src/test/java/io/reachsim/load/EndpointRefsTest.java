package io.reachsim.load;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointRefsTest extends LoadTestSupport {
    private Network net;

    @BeforeEach
    void network() {
        net = network(HEAD + """
                  instances:
                    - id: web-1
                      subnet: public-a
                      privateIp: 10.0.0.10
                      networkInterfaces: [{id: eni-web-1b, privateIp: 10.0.0.11}]
                  networkInterfaces: [{id: eni-fw, subnet: private-a, privateIp: 10.0.1.5}]
                  external: [{id: corp, cidr: 192.168.0.0/16}]
                """);
    }

    @Test
    void prefixedForms() {
        assertThat(EndpointRefs.parse("instance:web-1", net)).isEqualTo(new EndpointRef.InstanceRef("web-1"));
        assertThat(EndpointRefs.parse("eni:eni-fw", net)).isEqualTo(new EndpointRef.EniRef("eni-fw"));
        assertThat(EndpointRefs.parse("eni:web-1", net)).as("an instance's primary interface").isEqualTo(new EndpointRef.EniRef("web-1"));
        assertThat(EndpointRefs.parse("subnet:private-a", net)).isEqualTo(new EndpointRef.SubnetRef("private-a"));
        assertThat(EndpointRefs.parse("ip:10.0.1.9", net)).isEqualTo(new EndpointRef.IpRef(Ip.parse("10.0.1.9")));
        assertThat(EndpointRefs.parse("internet", net)).isEqualTo(new EndpointRef.InternetRef(null));
        assertThat(EndpointRefs.parse(" internet:8.8.8.8 ", net)).isEqualTo(new EndpointRef.InternetRef(Ip.parse("8.8.8.8")));
        assertThat(EndpointRefs.parse("internet:2001:db8::1", net)).isEqualTo(new EndpointRef.InternetRef(Ip.parse("2001:db8::1")));
        assertThat(EndpointRefs.parse("external:corp", net)).isEqualTo(new EndpointRef.ExternalRef("corp"));
    }

    @Test
    void bareIdsOfTheFourHostKinds() {
        assertThat(EndpointRefs.parse("web-1", net)).isEqualTo(new EndpointRef.InstanceRef("web-1"));
        assertThat(EndpointRefs.parse("eni-web-1b", net)).isEqualTo(new EndpointRef.EniRef("eni-web-1b"));
        assertThat(EndpointRefs.parse("public-a", net)).isEqualTo(new EndpointRef.SubnetRef("public-a"));
        assertThat(EndpointRefs.parse("corp", net)).isEqualTo(new EndpointRef.ExternalRef("corp"));
    }

    @Test
    void unknownIdNamesTheKnownOnesAndTheNearest() {
        assertThatThrownBy(() -> EndpointRefs.parse("instance:web-2", net))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'instance:web-2': instance 'web-2' does not exist — did you mean 'web-1'? (known instances: web-1)");
        assertThatThrownBy(() -> EndpointRefs.parse("subnet:publc-a", net))
                .hasMessage("'subnet:publc-a': subnet 'publc-a' does not exist — did you mean 'public-a'? (known subnets: private-a, public-a)");
    }

    @Test
    void anIdOfAnotherKindSaysWhichPrefixFits() {
        assertThatThrownBy(() -> EndpointRefs.parse("instance:public-a", net))
                .hasMessage("'instance:public-a': 'public-a' is a subnet, not an instance (write subnet:public-a)");
    }

    @Test
    void bareIdsThatAreNotHosts() {
        assertThatThrownBy(() -> EndpointRefs.parse("vpc-main", net))
                .hasMessageStartingWith("'vpc-main' is a VPC, which cannot send or receive traffic: expected instance:ID");
        assertThatThrownBy(() -> EndpointRefs.parse("web-2", net))
                .hasMessageStartingWith("'web-2' names nothing in the network — did you mean 'web-1'?");
    }

    @Test
    void addressesNeedAPrefix() {
        assertThatThrownBy(() -> EndpointRefs.parse("10.0.0.10", net))
                .hasMessage("'10.0.0.10' is an address, not an endpoint: write ip:10.0.0.10 (a host in a subnet) or internet:10.0.0.10 (a host on the internet)");
        assertThatThrownBy(() -> EndpointRefs.parse("ip:10.0.0.300", net)).hasMessageStartingWith("'10.0.0.300' in 'ip:10.0.0.300' is not an IP address");
    }

    @Test
    void ipTakesAnyAddressButNotAnAmbiguousOne() {
        // Outside every subnet: a host on the internet (FlowExpanderAddressTest checks where it resolves).
        assertThat(EndpointRefs.parse("ip:10.9.0.1", net)).isEqualTo(new EndpointRef.IpRef(Ip.parse("10.9.0.1")));
        assertThat(EndpointRefs.parse("ip:203.0.113.9", net)).isEqualTo(new EndpointRef.IpRef(Ip.parse("203.0.113.9")));
        Network overlapping = network("""
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-a, cidr: 10.0.0.0/16}, {id: vpc-b, cidr: 10.0.0.0/16}]
                  subnets: [{id: a, vpc: vpc-a, cidr: 10.0.0.0/24}, {id: b, vpc: vpc-b, cidr: 10.0.0.0/24}]
                """);
        assertThatThrownBy(() -> EndpointRefs.parse("ip:10.0.0.9", overlapping))
                .hasMessage("'ip:10.0.0.9' is ambiguous: 10.0.0.9 is in subnets of several VPCs (a in vpc-a, b in vpc-b); name the host with instance:, eni: or subnet:");
    }

    @Test
    void unknownKindSuggests() {
        assertThatThrownBy(() -> EndpointRefs.parse("instanse:web-1", net))
                .hasMessageStartingWith("'instanse:web-1' is not an endpoint: unknown kind 'instanse:' — did you mean 'instance:web-1'?");
        assertThatThrownBy(() -> EndpointRefs.parse("instance:", net)).hasMessage("'instance:' names no instance: expected instance:ID");
        assertThatThrownBy(() -> EndpointRefs.parse(" ", net)).hasMessageStartingWith("an empty endpoint");
    }

    @Test
    void serviceKindsNameWhatIsMissing() {
        assertThatThrownBy(() -> EndpointRefs.parse("lattice:svc", net)).hasMessage("'lattice:svc': Lattice service 'svc' does not exist (known Lattice services: none)");
        assertThatThrownBy(() -> EndpointRefs.parse("lb:nlb-1", net)).hasMessage("'lb:nlb-1': load balancer 'nlb-1' does not exist (known load balancers: none)");
        assertThatThrownBy(() -> EndpointRefs.parse("vpce:vpce-1", net)).hasMessageStartingWith("'vpce:vpce-1': interface endpoint of an endpoint service 'vpce-1' does not exist");
        assertThatThrownBy(() -> EndpointRefs.parse("lb:", net)).hasMessage("'lb:' names no lb: expected lb:ID");
    }
}
