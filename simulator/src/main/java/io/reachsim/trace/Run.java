package io.reachsim.trace;

import io.reachsim.compile.FAcl;
import io.reachsim.compile.FInterface;
import io.reachsim.compile.FLattice;
import io.reachsim.compile.FLoadBalancer;
import io.reachsim.compile.FPrivateLinkEndpoint;
import io.reachsim.compile.FNat;
import io.reachsim.compile.FPeering;
import io.reachsim.compile.FTransitGateway;
import io.reachsim.compile.FRoute;
import io.reachsim.compile.FRouteTable;
import io.reachsim.compile.FSgRule;
import io.reachsim.compile.FSubnet;
import io.reachsim.compile.FVpc;
import io.reachsim.compile.FVpnGateway;
import io.reachsim.compile.Fabric;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.Protocol;
import io.reachsim.model.RouteTarget;
import io.reachsim.trace.Detail.AclCheck;
import io.reachsim.trace.Detail.AddressCheck;
import io.reachsim.trace.Detail.Acceptance;
import io.reachsim.trace.Detail.Arrival;
import io.reachsim.trace.Detail.LatticeAccess;
import io.reachsim.trace.Detail.ListenerMatch;
import io.reachsim.trace.Detail.RouteLookup;
import io.reachsim.trace.Detail.SecurityGroupCheck;
import io.reachsim.trace.Detail.TgwAttachmentCross;
import io.reachsim.trace.Detail.TgwRouteLookup;
import io.reachsim.trace.Detail.Translation;

import java.util.ArrayList;
import java.util.List;

import static io.reachsim.trace.Rules.firstAclMatch;
import static io.reachsim.trace.Rules.matchGroups;
import static io.reachsim.trace.Rules.sgCheck;
import static io.reachsim.trace.Tracer.INTERNET;
import static io.reachsim.trace.Tracer.MAX_ROUTE_LOOKUPS;

/** One trace: load balancers, PrivateLink and VPC Lattice (semantics.md "PrivateLink and VPC Lattice"). */
final class Run extends GatewaySteps {
    Run(Fabric fabric, Flow flow) {
        super(fabric, flow);
    }

    // ---- load balancers and PrivateLink (semantics.md "PrivateLink and VPC Lattice") ----

    FlowEnd.ServiceTarget chosen(String entry) {
        return flow.destination() instanceof FlowEnd.ServiceTarget t && t.entry().equals(entry) ? t : null;
    }

    /** A packet reaches a load balancer node directly: the load balancer's inbound rules, then its listener. */
    boolean loadBalancerFront(FInterface node, Packet p) {
        if (!node.groups.isEmpty()) {
            FSgRule m = matchGroups(node, true, p, p.src(), virtualHosts);
            SecurityGroupCheck d = sgCheck(node, true, p.src(), m, false);
            hop(HopKind.INTERFACE_INGRESS, node.id, node.subnet, m != null, d, p);
            if (m == null) return drop(ExplanationCode.ENI_SG_RULES_MISMATCH, node.firstGroup(), d);
            track(node);
        }
        return loadBalancerForward(node.loadBalancer(), node, p, null, null, chosen(node.id));
    }

    /** An interface endpoint of an endpoint service hands the packet to the service's load balancer node. */
    boolean privateLinkForward(FInterface eni, FPrivateLinkEndpoint pl, Packet p) {
        Acceptance a = new Acceptance(pl.endpointService, pl.loadBalancer.id(), pl.acceptanceRequired, pl.accepted,
                pl.allowedPrincipals);
        if (!pl.usable()) {
            return fail(HopKind.PRIVATELINK, pl.endpoint, eni.subnet, ExplanationCode.PRIVATELINK_ENDPOINT_NOT_ACCEPTED, a, p);
        }
        // AWS PrivateLink Guide: interface endpoints support TCP traffic only.
        if (p.protocol() != Protocol.TCP) {
            return fail(HopKind.PRIVATELINK, pl.endpoint, eni.subnet, ExplanationCode.PRIVATELINK_PROTOCOL_RESTRICTION, a, p);
        }
        hop(HopKind.PRIVATELINK, pl.endpoint, eni.subnet, true, a, p);
        FInterface node = pl.node;
        if (!node.groups.isEmpty() && pl.loadBalancer.lb.enforceSecurityGroupsOnPrivateLink()) {
            // EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic on: the inbound rules see the consumer's address,
            // which is in another VPC, so only CIDR and prefix-list rules can match it.
            FSgRule m = matchGroups(node, true, p, p.src(), null);
            SecurityGroupCheck d = sgCheck(node, true, p.src(), m, false);
            hop(HopKind.INTERFACE_INGRESS, node.id, node.subnet, m != null, d, p);
            if (m == null) return drop(ExplanationCode.ENI_SG_RULES_MISMATCH, node.firstGroup(), d);
        }
        return loadBalancerForward(pl.loadBalancer, node, p, eni, pl, chosen(eni.id));
    }

    /** Listener, target, translation; then the node delivers to the target inside its VPC. */
    boolean loadBalancerForward(FLoadBalancer lb, FInterface node, Packet p, FInterface endpointInterface,
                                        FPrivateLinkEndpoint pl, FlowEnd.ServiceTarget st) {
        int l = st != null ? st.listener() : lb.listenerFor(p.protocol(), p.dstPort());
        if (l < 0) {
            return fail(HopKind.LOAD_BALANCER, lb.id(), node.subnet, ExplanationCode.LB_LISTENER_NO_MATCH,
                    new ListenerMatch(null, null, null, 0, null, false), p);
        }
        String name = lb.listenerNames[l];
        int t = st != null ? st.target() : lb.firstTargetFor(node, l);
        if (t < 0 || t >= lb.targetIps[l].length || lb.targetIps[l][t] == null) {
            // A listener with targets, none in reach of this node: cross-zone load balancing is off.
            ExplanationCode code = lb.targetIps[l].length > 0 && t < 0 ? ExplanationCode.LB_NO_TARGET_IN_AVAILABILITY_ZONE
                    : ExplanationCode.LB_NO_TARGETS;
            return fail(HopKind.LOAD_BALANCER, lb.id(), node.subnet, code, new ListenerMatch(name, null, null, 0, null, false), p);
        }
        Ip tip = lb.targetIps[l][t];
        int port = lb.targetPorts[l][t];
        boolean preserved = lb.preservesClientIp(l, t, pl != null);
        Ip src = preserved ? p.src() : node.privateIp;
        Packet q = new Packet(src, tip, p.protocol(), p.srcPort(), port, p.icmpType(), p.icmpCode());
        hop(HopKind.LOAD_BALANCER, lb.id(), node.subnet, true,
                new ListenerMatch(name, lb.targetLabels[l][t], tip, port, src, preserved), q);
        FSubnet ts = lb.vpc.subnetAt(tip);
        conn.loadBalancer = new Connections.LoadBalancerSession(lb, node, ts == null ? null : ts.hostAt(tip),
                endpointInterface, pl == null ? null : pl.endpoint, p);
        if (ts == null) return fail(HopKind.DELIVERED, lb.vpc.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(tip), q);
        if (!node.groups.isEmpty()) {
            // The load balancer's outbound rules must allow the target (AWS: "health checks are subject to outbound rules").
            FSgRule m = matchGroups(node, false, q, tip, virtualHosts);
            SecurityGroupCheck d = sgCheck(node, false, tip, m, false);
            hop(HopKind.INTERFACE_EGRESS, node.id, node.subnet, m != null, d, q);
            if (m == null) return drop(ExplanationCode.ENI_SG_RULES_MISMATCH, node.firstGroup(), d);
            track(node);
        }
        if (ts != node.subnet && (!aclOut(node.subnet, q) || !aclIn(ts, q))) return false;
        return arriveInSubnet(ts, q);
    }

    /** The target answers the node that forwarded the request: straight back, through both subnets' ACLs. */
    boolean targetReplyToNode(FInterface t, Packet p) {
        hop(HopKind.INTERFACE_EGRESS, t.id, t.subnet, true, sgCheck(t, false, p.dst(), null, true), p);
        FInterface node = conn.loadBalancer.node();
        if (t.subnet != node.subnet && (!aclOut(t.subnet, p) || !aclIn(node.subnet, p))) return false;
        return loadBalancerReturn(node, p);
    }

    /** The node translates the reply back to the connection the client opened, and sends it on. */
    boolean loadBalancerReturn(FInterface node, Packet p) {
        Connections.LoadBalancerSession session = conn.loadBalancer;
        Packet req = session.request();
        Packet back = new Packet(req.dst(), req.src(), p.protocol(), req.dstPort(), req.srcPort(), p.icmpType(), p.icmpCode());
        if (session.endpointInterface() == null) {
            hop(HopKind.LOAD_BALANCER, session.loadBalancer().id(), node.subnet, true, new Translation(true, p.src(), back.src()), back);
            return sendFromHost(node, back, false);
        }
        Packet atNode = back.withSrc(node.privateIp);
        hop(HopKind.LOAD_BALANCER, session.loadBalancer().id(), node.subnet, true, new Translation(true, p.src(), node.privateIp), atNode);
        hop(HopKind.PRIVATELINK, session.endpoint(), session.endpointInterface().subnet, true,
                new Translation(true, node.privateIp, back.src()), back);
        return sendFromHost(session.endpointInterface(), back, false);
    }

    // ---- VPC Lattice ----

    /**
     * A host sends to a Lattice address: no route table (link-local), its subnet's ACL, then the
     * service network associated with its VPC, the service, the target group and the target.
     */
    boolean latticeForward(FSubnet s, FInterface client, Packet p) {
        FLattice lattice = fabric.lattice();
        FLattice.Service svc = lattice.serviceAt(p.dst());
        if (svc == null) {
            return fail(HopKind.LATTICE, lattice.prefixList, null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
        }
        if (!aclOut(s, p)) return false;
        String vpc = s.vpc.id();
        FLattice.Association a = lattice.associationOf(vpc);
        if (a == null || !a.serviceNetwork.services().contains(svc.id())) {
            return fail(HopKind.LATTICE, svc.id(), null, ExplanationCode.LATTICE_SERVICE_NOT_ASSOCIATED,
                    new LatticeAccess(a == null ? null : a.serviceNetwork.id(), vpc, svc.id(), null, false), p);
        }
        Lattice.ServiceNetwork sn = a.serviceNetwork;
        if (a.gate != null) {
            FSgRule m = matchGroups(a.gate, true, p, p.src(), virtualHosts);
            SecurityGroupCheck d = sgCheck(a.gate, true, p.src(), m, false);
            hop(HopKind.LATTICE, sn.id(), null, m != null, d, p);
            if (m == null) return drop(ExplanationCode.LATTICE_ASSOCIATION_SG_RESTRICTION, a.gate.firstGroup(), d);
        }
        LatticeAccess snAccess = new LatticeAccess(sn.id(), vpc, svc.id(), sn.authType(), sn.authPolicy());
        if (sn.authType() == Lattice.AuthType.AWS_IAM && !sn.authPolicy()) {
            return fail(HopKind.LATTICE, sn.id(), null, ExplanationCode.LATTICE_AUTH_POLICY_MISSING, snAccess, p);
        }
        hop(HopKind.LATTICE, sn.id(), null, true, snAccess, p);
        FlowEnd.ServiceTarget st = chosen(svc.id());
        int l = st != null ? st.listener() : svc.listenerFor(p.protocol(), p.dstPort());
        if (l < 0) {
            return fail(HopKind.LATTICE, svc.id(), null, ExplanationCode.LATTICE_NO_LISTENER,
                    new ListenerMatch(null, null, null, 0, null, false), p);
        }
        Lattice.Service service = svc.service;
        LatticeAccess svcAccess = new LatticeAccess(sn.id(), vpc, svc.id(), service.authType(), service.authPolicy());
        if (service.authType() == Lattice.AuthType.AWS_IAM && !service.authPolicy()) {
            return fail(HopKind.LATTICE, svc.id(), null, ExplanationCode.LATTICE_AUTH_POLICY_MISSING, svcAccess, p);
        }
        hop(HopKind.LATTICE, svc.id(), null, true, svcAccess, p);
        String name = svc.listenerNames[l];
        FLattice.TargetGroup tg = svc.targetGroups[l];
        int t = st != null ? st.target() : 0;
        if (t < 0 || t >= tg.targetIps.length || tg.targetIps[t] == null) {
            return fail(HopKind.LATTICE, tg.group.id(), null, ExplanationCode.LATTICE_NO_TARGETS,
                    new ListenerMatch(name, null, null, 0, null, false), p);
        }
        Ip tip = tg.targetIps[t];
        int port = tg.targetPorts[t];
        Ip proxy = lattice.proxyAddress(tip.version());
        if (proxy == null) {
            return fail(HopKind.LATTICE, tg.group.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(tip), p);
        }
        // The Lattice proxy opens its own connection: the target sees a source from the Lattice prefix list.
        Packet q = new Packet(proxy, tip, p.protocol(), p.srcPort(), port, p.icmpType(), p.icmpCode());
        hop(HopKind.LATTICE, tg.group.id(), null, true, new ListenerMatch(name, tg.targetLabels[t], tip, port, proxy, false), q);
        FSubnet ts = tg.vpc.subnetAt(tip);
        conn.lattice = new Connections.LatticeSession(tg, ts == null ? null : ts.hostAt(tip), client, s, p);
        if (ts == null) return fail(HopKind.DELIVERED, tg.vpc.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(tip), q);
        if (!aclIn(ts, q)) return false;
        return arriveInSubnet(ts, q);
    }

    /** The target answers the Lattice proxy; the proxy answers the client from the service's address. */
    boolean latticeTargetReply(FInterface t, Packet p) {
        hop(HopKind.INTERFACE_EGRESS, t.id, t.subnet, true, sgCheck(t, false, p.dst(), null, true), p);
        if (!aclOut(t.subnet, p)) return false;
        Connections.LatticeSession session = conn.lattice;
        Packet req = session.request();
        Packet back = new Packet(req.dst(), req.src(), p.protocol(), req.dstPort(), req.srcPort(), p.icmpType(), p.icmpCode());
        hop(HopKind.LATTICE, session.group().group.id(), null, true, new Translation(false, p.dst(), req.src()), back);
        if (!aclIn(session.clientSubnet(), back)) return false;
        return arriveAtHost(session.client(), back);
    }

}
