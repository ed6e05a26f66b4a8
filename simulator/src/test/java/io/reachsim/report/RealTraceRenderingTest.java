package io.reachsim.report;

import io.reachsim.compile.Fabric;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderers on what the real tracer records (not hand-built hops): public/private VPC with a NAT gateway. */
class RealTraceRenderingTest {
    static final Cidr ANY = Cidr.ANY_V4;
    static final AclEntry ALLOW_ALL = new AclEntry(100, Protocol.ALL, null, -1, -1, ANY, AclEntry.Action.ALLOW);
    static final AclEntry ALLOW_EPHEMERAL = new AclEntry(100, Protocol.TCP, new PortRange(1024, 65535), -1, -1, ANY, AclEntry.Action.ALLOW);

    static Network network(List<AclEntry> privateIngress) {
        Network.Builder b = Network.builder().region("us-west-2");
        b.add(new Vpc("vpc", "us-west-2", List.of(Cidr.parse("10.0.0.0/16")), List.of(), true, false, "vpc-default", "vpc-default-acl", "rt-main"));
        SgRule allOut = new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(ANY), null);
        SgRule https = new SgRule(Protocol.TCP, PortRange.of(443), -1, -1, new SgRule.SgPeer.CidrPeer(ANY), null);
        b.add(new SecurityGroup("vpc-default", "vpc", "default", List.of(), List.of(allOut)));
        b.add(new SecurityGroup("sg-web", "vpc", "web", List.of(https), List.of(allOut)));
        b.add(new NetworkAcl("vpc-default-acl", "vpc", true, List.of(ALLOW_ALL), List.of(ALLOW_ALL)));
        b.add(new NetworkAcl("acl-private", "vpc", false, privateIngress, List.of(ALLOW_ALL)));
        b.add(new RouteTable("rt-main", "vpc", true, List.of(), List.of()));
        b.add(new RouteTable("rt-public", "vpc", false,
                List.of(new Route(new Route.RouteDestination.CidrDestination(ANY), new RouteTarget.InternetGateway("igw"))), List.of()));
        b.add(new RouteTable("rt-private", "vpc", false,
                List.of(new Route(new Route.RouteDestination.CidrDestination(ANY), new RouteTarget.NatGateway("nat"))), List.of()));
        b.add(new InternetGateway("igw", "vpc"));
        b.add(new Subnet("public", "vpc", "us-west-2a", Cidr.parse("10.0.0.0/24"), null, "rt-public", null, Map.of()));
        b.add(new Subnet("private", "vpc", "us-west-2a", Cidr.parse("10.0.1.0/24"), null, "rt-private", "acl-private", Map.of()));
        b.add(new NatGateway("nat", "public", NatGateway.Connectivity.PUBLIC, Ip.parse("10.0.0.5"), Ip.parse("198.51.100.7"), List.of()));
        b.add(new Instance("web", "public", List.of("web")));
        b.add(new Instance("app", "private", List.of("app")));
        b.add(new Instance("solo", "public", List.of("solo")));
        b.add(new NetworkInterface("web", "public", Ip.parse("10.0.0.10"), List.of(), null, Ip.parse("198.51.100.10"), List.of("sg-web"), true, "web"));
        b.add(new NetworkInterface("app", "private", Ip.parse("10.0.1.10"), List.of(), null, null, List.of("sg-web"), true, "app"));
        b.add(new NetworkInterface("solo", "public", Ip.parse("10.0.0.20"), List.of(), null, null, List.of("sg-web"), true, "solo"));
        return b.build();
    }

    static ExpectationResult check(Network n, EndpointRef from, EndpointRef to, int port) {
        Expectation e = new Expectation("trace", from, to, Protocol.TCP, port, 49152, -1, 4, true,
                List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
        return new SuiteRunner().check(Fabric.compile(n), e);
    }

    private final TerminalReport plain = new TerminalReport(false);

    @Test
    void natPathRoundTripReadsHopByHop() {
        Network n = network(List.of(ALLOW_EPHEMERAL));
        ExpectationResult r = check(n, new EndpointRef.InstanceRef("app"), new EndpointRef.InternetRef(Ip.parse("203.0.113.9")), 443);
        String out = plain.trace(r, n);
        assertThat(r.flows().get(0).delivered()).as(out).isTrue();
        assertThat(out).contains("instance:app → internet:203.0.113.9   tcp/443   1 flow")
                .contains("flow 1/1  10.0.1.10:49152 → 203.0.113.9:443   us-west-2a")
                .contains("sg-web #1 allows all to 0.0.0.0/0")
                .contains("0.0.0.0/0 → nat")
                .contains("source 10.0.1.10 translated to 10.0.0.5")
                .contains("0.0.0.0/0 → igw")
                .contains("source 10.0.0.5 translated to 198.51.100.7")
                .contains("reached 203.0.113.9 on the internet")
                .contains("destination 198.51.100.7 translated to 10.0.0.5")
                .containsPattern("acl-private +return in +rule 100 allows tcp 443 → 49152")
                .contains("reply delivered to 10.0.1.10")
                .contains("vpc-default-acl ").doesNotContain("(default)")
                .endsWith("  DELIVERED\n")
                .doesNotContain("null");
        assertThat(out.lines().filter(l -> l.startsWith("  ✗"))).isEmpty();
    }

    @Test
    void missingEphemeralRuleOnTheReturnPathIsNamedWithItsFix() {
        Network n = network(List.of());
        ExpectationResult r = check(n, new EndpointRef.InstanceRef("app"), new EndpointRef.InternetRef(Ip.parse("203.0.113.9")), 443);
        String out = plain.trace(r, n);
        assertThat(out).contains("✗ nacl  acl-private").contains("return in")
                .contains("implicit deny (*): no rule allows tcp/49152 from 203.0.113.9")
                .contains("  DROPPED  SUBNET_ACL_RESTRICTION  at acl-private")
                .contains("  fix: add an inbound rule allowing tcp 1024-65535 from 0.0.0.0/0 to acl-private, numbered before *");
    }

    @Test
    void closedPortFromTheInternetNamesTheGroup() {
        Network n = network(List.of(ALLOW_EPHEMERAL));
        ExpectationResult r = check(n, new EndpointRef.InternetRef(Ip.parse("203.0.113.9")), new EndpointRef.InstanceRef("web"), 22);
        String out = plain.trace(r, n);
        assertThat(out).contains("flow 1/1  203.0.113.9:49152 → 198.51.100.10:22")
                .contains("destination 198.51.100.10 translated to 10.0.0.10")
                .contains("✗ eni   web")
                .contains("no rule in sg-web allows tcp/22 from 203.0.113.9")
                .contains("  DROPPED  ENI_SG_RULES_MISMATCH  at sg-web")
                .contains("  fix: allow tcp/22 from 203.0.113.9/32 in sg-web");
    }

    @Test
    void noPublicIpAtTheInternetGateway() {
        Network n = network(List.of(ALLOW_EPHEMERAL));
        ExpectationResult r = check(n, new EndpointRef.InstanceRef("solo"), new EndpointRef.InternetRef(Ip.parse("203.0.113.9")), 443);
        String out = plain.trace(r, n);
        assertThat(out).contains("✗ igw")
                .contains("source 10.0.0.20 has no public IP or EIP")
                .contains("  DROPPED  IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS  at igw")
                .contains("  fix: give the source a public IP/EIP or route through a NAT gateway");
        assertThat(new JsonReport().trace(r, n).get("flows").get(0).get("reason").asText())
                .isEqualTo("source 10.0.0.20 has no public IP or EIP");
    }

    @Test
    void nothingAtTheDestinationIsNotCalledDelivered() {
        Network n = network(List.of(ALLOW_EPHEMERAL));
        ExpectationResult r = check(n, new EndpointRef.InstanceRef("web"), new EndpointRef.IpRef(Ip.parse("10.0.7.7")), 443);
        String out = plain.trace(r, n);
        assertThat(out).contains("NO_POSSIBLE_DESTINATION").contains("nothing has the address 10.0.7.7")
                .doesNotContain("delivered to 10.0.7.7");
    }
}
