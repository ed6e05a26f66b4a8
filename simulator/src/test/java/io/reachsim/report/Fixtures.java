package io.reachsim.report;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Scenario;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Drop;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built networks and traces shaped like STYLE.md's examples (the tracer is not needed to render). */
final class Fixtures {
    private Fixtures() {}

    static Ip ip(String s) {
        return Ip.parse(s);
    }

    static Cidr cidr(String s) {
        return Cidr.parse(s);
    }

    static final SgRule ALL_TO_ANYWHERE = new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null);
    static final SgRule ALL_FROM_CLUSTER_SG = new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer("eks-cluster-sg-prod"), null);
    static final AclEntry ALLOW_ALL_100 = new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW);
    static final AclEntry ALLOW_EPHEMERAL_100 = new AclEntry(100, Protocol.TCP, new PortRange(1024, 65535), -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW);

    /** vpc-main with nodes in private-a/b and the EKS cluster's X-ENIs in cluster-a/b. */
    static Network network() {
        Network.Builder b = Network.builder().region("us-west-2");
        b.add(new Vpc("vpc-main", "us-west-2", List.of(cidr("10.0.0.0/16")), List.of(), true, false,
                "vpc-main-default", "acl-0d1f", "rt-main"));
        b.add(new Subnet("private-a", "vpc-main", "us-west-2a", cidr("10.0.10.0/24"), null, "rt-private-a", "acl-private", Map.of()));
        b.add(new Subnet("private-b", "vpc-main", "us-west-2b", cidr("10.0.11.0/24"), null, "rt-private-b", "acl-private", Map.of()));
        b.add(new Subnet("cluster-a", "vpc-main", "us-west-2a", cidr("10.0.2.0/28"), null, null, null, Map.of()));
        b.add(new Subnet("cluster-b", "vpc-main", "us-west-2b", cidr("10.0.2.16/28"), null, null, null, Map.of()));
        b.add(new SecurityGroup("sg-nodes", "vpc-main", "nodes", List.of(), List.of(ALL_TO_ANYWHERE, ALL_TO_ANYWHERE, ALL_TO_ANYWHERE)));
        b.add(new SecurityGroup("eks-cluster-sg-prod", "vpc-main", "cluster", List.of(ALL_FROM_CLUSTER_SG), List.of(ALL_TO_ANYWHERE)));
        b.add(new NetworkAcl("acl-private", "vpc-main", false, List.of(ALLOW_EPHEMERAL_100), List.of(ALLOW_ALL_100)));
        b.add(new NetworkAcl("acl-0d1f", "vpc-main", true, List.of(ALLOW_ALL_100), List.of(ALLOW_ALL_100)));
        b.add(eni("eni-node-a1", "private-a", "10.0.10.4", "sg-nodes"));
        b.add(eni("eni-node-b1", "private-b", "10.0.11.4", "sg-nodes"));
        b.add(eni("prod-xeni-1", "cluster-a", "10.0.2.7", "eks-cluster-sg-prod"));
        b.add(eni("prod-xeni-2", "cluster-b", "10.0.2.23", "eks-cluster-sg-prod"));
        return b.build();
    }

    static NetworkInterface eni(String id, String subnet, String ip, String sg) {
        return new NetworkInterface(id, subnet, ip(ip), List.of(), null, null, List.of(sg), true, null);
    }

    static Hop hop(Leg leg, HopKind kind, String component, String subnet, boolean passed, Detail detail, Packet p) {
        return new Hop(leg, kind, component, subnet, passed, detail, p);
    }

    /** STYLE.md flow 1/2: node in private-a to the X-ENI in cluster-a, delivered both ways. */
    static FlowResult deliveredToApi() {
        Packet p = Packet.tcp(ip("10.0.10.4"), ip("10.0.2.7"), 49152, 443);
        Packet r = p.reply();
        Leg F = Leg.FORWARD, R = Leg.RETURN;
        List<Hop> hops = List.of(
                hop(F, HopKind.INTERFACE_EGRESS, "eni-node-a1", "private-a", true,
                        new Detail.SecurityGroupCheck(List.of("sg-nodes"), false, p.dst(), "sg-nodes", 3, ALL_TO_ANYWHERE, false), p),
                hop(F, HopKind.ACL_OUT, "acl-private", "private-a", true,
                        new Detail.AclCheck("acl-private", "private-a", false, p.dst(), ALLOW_ALL_100, true), p),
                hop(F, HopKind.ROUTE, "rt-private-a", "private-a", true,
                        new Detail.RouteLookup("rt-private-a", p.dst(), cidr("10.0.0.0/16"), null, new RouteTarget.Local()), p),
                hop(F, HopKind.ACL_IN, "acl-0d1f", "cluster-a", true,
                        new Detail.AclCheck("acl-0d1f", "cluster-a", true, p.src(), ALLOW_ALL_100, true), p),
                hop(F, HopKind.INTERFACE_INGRESS, "prod-xeni-1", "cluster-a", true,
                        new Detail.SecurityGroupCheck(List.of("eks-cluster-sg-prod"), true, p.src(), "eks-cluster-sg-prod", 1, ALL_FROM_CLUSTER_SG, false), p),
                hop(F, HopKind.DELIVERED, "prod-xeni-1", "cluster-a", true, new Detail.Arrival(p.dst()), p),
                hop(R, HopKind.INTERFACE_EGRESS, "prod-xeni-1", "cluster-a", true,
                        new Detail.SecurityGroupCheck(List.of("eks-cluster-sg-prod"), false, r.dst(), null, 0, null, true), r),
                hop(R, HopKind.ACL_OUT, "acl-0d1f", "cluster-a", true,
                        new Detail.AclCheck("acl-0d1f", "cluster-a", false, r.dst(), ALLOW_ALL_100, true), r),
                hop(R, HopKind.ROUTE, "rt-main", "cluster-a", true,
                        new Detail.RouteLookup("rt-main", r.dst(), cidr("10.0.0.0/16"), null, new RouteTarget.Local()), r),
                hop(R, HopKind.ACL_IN, "acl-private", "private-a", true,
                        new Detail.AclCheck("acl-private", "private-a", true, r.src(), ALLOW_EPHEMERAL_100, true), r),
                hop(R, HopKind.INTERFACE_INGRESS, "eni-node-a1", "private-a", true,
                        new Detail.SecurityGroupCheck(List.of("sg-nodes"), true, r.src(), null, 0, null, true), r),
                hop(R, HopKind.DELIVERED, "eni-node-a1", "private-a", true, new Detail.Arrival(r.dst()), r));
        return new FlowResult(new Flow(new FlowEnd.AtInterface("eni-node-a1"), new FlowEnd.AtInterface("prod-xeni-1"), p, true),
                Disposition.DELIVERED, hops, null);
    }

    /** STYLE.md flow 2/2: node in private-b, dropped by the cluster security group. */
    static FlowResult droppedBySg() {
        Packet p = Packet.tcp(ip("10.0.11.4"), ip("10.0.2.23"), 49152, 443);
        Leg F = Leg.FORWARD;
        Detail.SecurityGroupCheck miss = new Detail.SecurityGroupCheck(List.of("eks-cluster-sg-prod"), true, p.src(), null, 0, null, false);
        List<Hop> hops = List.of(
                hop(F, HopKind.INTERFACE_EGRESS, "eni-node-b1", "private-b", true,
                        new Detail.SecurityGroupCheck(List.of("sg-nodes"), false, p.dst(), "sg-nodes", 3, ALL_TO_ANYWHERE, false), p),
                hop(F, HopKind.ACL_OUT, "acl-private", "private-b", true,
                        new Detail.AclCheck("acl-private", "private-b", false, p.dst(), ALLOW_ALL_100, true), p),
                hop(F, HopKind.ROUTE, "rt-private-b", "private-b", true,
                        new Detail.RouteLookup("rt-private-b", p.dst(), cidr("10.0.0.0/16"), null, new RouteTarget.Local()), p),
                hop(F, HopKind.ACL_IN, "acl-0d1f", "cluster-b", true,
                        new Detail.AclCheck("acl-0d1f", "cluster-b", true, p.src(), ALLOW_ALL_100, true), p),
                hop(F, HopKind.INTERFACE_INGRESS, "prod-xeni-2", "cluster-b", false, miss, p));
        return new FlowResult(new Flow(new FlowEnd.AtInterface("eni-node-b1"), new FlowEnd.AtInterface("prod-xeni-2"), p, true),
                Disposition.DROPPED, hops, new Drop(ExplanationCode.ENI_SG_RULES_MISMATCH, "eks-cluster-sg-prod", F, miss));
    }

    /** STYLE.md's run example: an internet host reaching the bastion on port 22. */
    static FlowResult internetToBastion() {
        Packet p = Packet.tcp(ip("198.51.100.1"), ip("10.0.0.9"), 49152, 22);
        Leg F = Leg.FORWARD;
        List<Hop> hops = List.of(
                hop(F, HopKind.INTERNET_GATEWAY, "igw-main", null, true, new Detail.Translation(false, ip("198.51.100.10"), ip("10.0.0.9")), p),
                hop(F, HopKind.ACL_IN, "acl-public", "public-a", true,
                        new Detail.AclCheck("acl-public", "public-a", true, p.src(), ALLOW_ALL_100, true), p),
                hop(F, HopKind.INTERFACE_INGRESS, "i-bastion", "public-a", true,
                        new Detail.SecurityGroupCheck(List.of("sg-bastion"), true, p.src(), "sg-bastion", 1,
                                new SgRule(Protocol.TCP, PortRange.of(22), -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null), false), p),
                hop(F, HopKind.DELIVERED, "i-bastion", "public-a", true, new Detail.Arrival(p.dst()), p));
        return new FlowResult(new Flow(new FlowEnd.OnInternet(p.src()), new FlowEnd.AtInterface("i-bastion"), p, false),
                Disposition.DELIVERED, hops, null);
    }

    /** A flow dropped at {@code hop} with {@code code}; the hops before it pass. */
    static FlowResult dropped(Packet p, Hop failing, ExplanationCode code, String component) {
        List<Hop> hops = new ArrayList<>();
        hops.add(failing);
        return new FlowResult(new Flow(new FlowEnd.AtInterface("eni-node-a1"), new FlowEnd.OnInternet(p.dst()), p, true),
                Disposition.DROPPED, hops, new Drop(code, component, failing.leg(), failing.detail()));
    }

    static Expectation expectation(String name, EndpointRef from, EndpointRef to, int port, boolean reachable) {
        return new Expectation(name, from, to, Protocol.TCP, port, Expectation.DEFAULT_SOURCE_PORT, -1, 4, reachable,
                List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
    }

    static Expectation nodesToApi() {
        return expectation("nodes register with the API server through the private endpoint",
                new EndpointRef.InstanceRef("workers"), new EndpointRef.EniRef("prod-xeni-1"), 443, true);
    }

    static Scenario scenario(String file, String name, Network network) {
        return new Scenario(file, name, "", network, List.of());
    }
}
