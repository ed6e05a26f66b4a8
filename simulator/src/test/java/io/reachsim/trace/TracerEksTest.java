package io.reachsim.trace;

import io.reachsim.compile.Fabric;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
import io.reachsim.model.PortRange;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.reachsim.trace.TracerTest.acl;
import static io.reachsim.trace.TracerTest.allTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Pods' source NAT, the EKS public endpoint, gateway endpoints and unresolved names. */
class TracerEksTest {
    static final Cidr ANY = Cidr.parse("0.0.0.0/0");
    static final Ip OUT = Ip.parse("203.0.113.9");

    /** TracerTest's VPC plus a pod (10.0.1.20, no egress rules of its own) on node "app", and a cluster endpoint. */
    static Network.Builder withPod(boolean snat, List<Cidr> publicAccessCidrs) {
        Network.Builder b = TracerTest.base(List.of(acl(100, Protocol.TCP, new PortRange(1024, 65535), ANY, AclEntry.Action.ALLOW),
                acl(110, Protocol.TCP, PortRange.of(443), Cidr.parse("10.0.0.0/16"), AclEntry.Action.ALLOW)));
        b.add(new SecurityGroup("sg-pod", "vpc", "pods", List.of(), List.of()));
        b.add(new NetworkInterface("app-pod", "private", Ip.parse("10.0.1.20"), List.of(), null, null, List.of("sg-pod"), true, null));
        b.add(new Pod("app-pod", "prod", "workers", null, "app", snat));
        b.add(new EksCluster("prod", "vpc", List.of("public"), 4, new EksCluster.EndpointAccess(true, false, publicAccessCidrs),
                List.of(), "vpc-default", List.of(), new EksCluster.PodNetworking(Map.of(), !snat, List.of(), "strict"),
                List.of(), Ip.parse("198.19.255.10")));
        return b;
    }

    static FlowResult trace(Network n, FlowEnd from, FlowEnd to, Packet p) {
        return new Tracer(Fabric.compile(n)).trace(new Flow(from, to, p, true));
    }

    @Test
    void podLeavesTheVpcAsItsNodeAndTheReplyComesBackToThePod() {
        Network n = withPod(true, List.of(ANY)).build();
        FlowResult r = trace(n, new FlowEnd.AtInterface("app-pod"), new FlowEnd.OnInternet(OUT), Packet.tcp(Ip.parse("10.0.1.20"), OUT, 49152, 443));
        assertThat(r.disposition()).as("%s", r).isEqualTo(Disposition.DELIVERED);
        Hop snat = r.hops().get(0);
        assertThat(snat.kind()).isEqualTo(HopKind.SNAT);
        assertThat(snat.packet().src()).isEqualTo(Ip.parse("10.0.1.10"));
        Hop last = r.hops().get(r.hops().size() - 1);
        assertThat(last.kind()).isEqualTo(HopKind.DELIVERED);
        assertThat(last.component()).isEqualTo("app-pod");
        assertThat(last.leg()).isEqualTo(Leg.RETURN);
    }

    @Test
    void withoutSnatThePodsOwnGroupsDecide() {
        Network n = withPod(false, List.of(ANY)).build();
        FlowResult r = trace(n, new FlowEnd.AtInterface("app-pod"), new FlowEnd.OnInternet(OUT), Packet.tcp(Ip.parse("10.0.1.20"), OUT, 49152, 443));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.ENI_SG_RULES_MISMATCH);
        assertThat(r.drop().component()).isEqualTo("sg-pod");
    }

    @Test
    void publicEndpointSeesTheNatAddressAndChecksPublicAccessCidrs() {
        Ip api = Ip.parse("198.19.255.10");
        Packet p = Packet.tcp(Ip.parse("10.0.1.10"), api, 49152, 443);
        FlowResult ok = trace(withPod(true, List.of(Cidr.parse("198.51.100.7/32"))).build(), new FlowEnd.AtInterface("app"),
                new FlowEnd.EksPublicEndpoint("prod", api), p);
        assertThat(ok.disposition()).as("%s", ok).isEqualTo(Disposition.DELIVERED);
        assertThat(ok.pathIds()).contains("nat", "igw", "prod-public-endpoint");
        FlowResult refused = trace(withPod(true, List.of(Cidr.parse("203.0.113.0/24"))).build(), new FlowEnd.AtInterface("app"),
                new FlowEnd.EksPublicEndpoint("prod", api), p);
        assertThat(refused.drop().code()).isEqualTo(ExplanationCode.EKS_PUBLIC_ACCESS_CIDR_RESTRICTION);
        assertThat(refused.drop().component()).isEqualTo("prod-public-endpoint");
    }

    @Test
    void gatewayEndpointCarriesTcpFromItsVpcButNotUdp() {
        Network.Builder b = withPod(true, List.of(ANY));
        b.add(new PrefixList("pl-s3", "com.amazonaws.us-west-2.s3", List.of(Cidr.parse("52.218.0.0/17"))));
        b.routeTables.replaceAll(t -> t.id().equals("rt-private")
                ? new RouteTable(t.id(), t.vpc(), false, List.of(t.routes().get(0),
                        new Route(new Route.RouteDestination.PrefixListDestination("pl-s3"), new RouteTarget.VpcEndpoint("vpce-s3"))), List.of())
                : t);
        Network n = b.build();
        Ip s3 = Ip.parse("52.218.0.0");
        FlowResult tcp = trace(n, new FlowEnd.AtInterface("app"), new FlowEnd.AwsService("s3", s3), Packet.tcp(Ip.parse("10.0.1.10"), s3, 49152, 443));
        assertThat(tcp.disposition()).as("%s", tcp).isEqualTo(Disposition.DELIVERED);
        assertThat(tcp.pathIds()).contains("vpce-s3").doesNotContain("nat");
        Packet udp = new Packet(Ip.parse("10.0.1.10"), s3, Protocol.UDP, 49152, 443, -1, -1);
        FlowResult u = trace(n, new FlowEnd.AtInterface("app"), new FlowEnd.AwsService("s3", s3), udp);
        assertThat(u.drop().code()).isEqualTo(ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION);
    }

    @Test
    void unresolvedNameDropsBeforeAnyPacketMoves() {
        Network n = withPod(true, List.of(ANY)).build();
        FlowResult r = trace(n, new FlowEnd.AtInterface("app"),
                new FlowEnd.Unresolved("eks-api:prod", "prod", ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED),
                Packet.tcp(Ip.parse("10.0.1.10"), Ip.parse("198.19.255.10"), 49152, 443));
        assertThat(r.drop().code()).isEqualTo(ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED);
        assertThat(r.hops()).hasSize(1);
        assertThat(r.hops().get(0).kind()).isEqualTo(HopKind.DNS);
    }
}
