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

/**
 * One trace (semantics.md): the hops so far, the leg, connection tracking, and the core steps — hosts, the
 * same-subnet and route-table steps, network ACLs. Gateways, peering and transit gateways are in
 * {@link GatewaySteps}; load balancers, PrivateLink and VPC Lattice in {@link Run}. Not shared between threads.
 */
abstract class RunCore {
    /** Where a leg ended, so the reply can start there. */
    sealed interface End {
        record AtHost(FInterface host) implements End {}
        record OnInternet() implements End {}
        record BehindVpn(FVpnGateway gateway) implements End {}
        record AtGatewayEndpoint(String endpoint, FVpc vpc) implements End {}
        record BehindTgwVpn(FTransitGateway.Attachment attachment) implements End {}
    }

    final Fabric fabric;
    final Flow flow;
    final List<Hop> hops = new ArrayList<>(16);
    final FInterface[] virtualHosts = new FInterface[2];
    /** What the request leaves behind for the reply. */
    final Connections conn = new Connections();
    /** The VPC the packet entered through a transit gateway attachment (a NAT gateway there takes it), or null. */
    FVpc enteredFromTgw;
    /** The translated source port a NAT gateway picks, or -1 to keep the client's (the default trace). */
    int natSourcePort = -1;
    Leg leg = Leg.FORWARD;
    int lookups;
    Drop drop;
    End end;
    Packet last;

    RunCore(Fabric fabric, Flow flow) {
        this.fabric = fabric;
        this.flow = flow;
        virtualHosts[0] = virtualFor(flow.source());
        virtualHosts[1] = virtualFor(flow.destination());
    }

    FInterface virtualFor(FlowEnd e) {
        if (!(e instanceof FlowEnd.AtSubnetHost s)) return null;
        FSubnet subnet = fabric.subnet(s.subnet());
        // An address held by an interface or a NAT gateway is that; only a free address gets a virtual host.
        if (subnet == null || subnet.hostAt(s.ip()) != null || subnet.natAt(s.ip()) != null) return null;
        return fabric.virtualHost(subnet, s.ip());
    }

    FlowResult execute() {
        if (flow.destination() instanceof FlowEnd.Unresolved u) {
            // Name resolution failed: no packet is sent at all.
            fail(HopKind.DNS, u.component(), null, u.code(), new AddressCheck(flow.packet().src()), flow.packet());
            return new FlowResult(flow, Disposition.DROPPED, hops, drop);
        }
        boolean ok = start(flow.source(), flow.packet());
        if (ok && flow.roundTrip()) {
            Packet reply = last.reply();
            if (reply != null) {
                leg = Leg.RETURN;
                lookups = 0;
                enteredFromTgw = null;
                ok = replyFrom(end, reply) && replyMatchesConnection();
            }
        }
        return new FlowResult(flow, ok ? Disposition.DELIVERED : Disposition.DROPPED, hops, drop);
    }

    /**
     * The client only accepts a reply from the address it connected to; a NAT on an asymmetric return
     * path rewrites the source and the reply is lost. The arrival hop then fails.
     */
    boolean replyMatchesConnection() {
        Hop arrival = hops.get(hops.size() - 1);
        Ip connectedTo = flow.packet().dst();
        if (arrival.packet().src().equals(connectedTo)) return true;
        hops.set(hops.size() - 1, new Hop(arrival.leg(), arrival.kind(), arrival.component(), arrival.subnet(), false,
                new AddressCheck(arrival.packet().src()), arrival.packet()));
        return drop(ExplanationCode.REPLY_SOURCE_MISMATCH, arrival.component(), new AddressCheck(arrival.packet().src()));
    }

    boolean start(FlowEnd source, Packet p) {
        if (source instanceof FlowEnd.AtInterface i) {
            return sendFromHost(fabric.networkInterface(i.networkInterface()), p, false);
        } else if (source instanceof FlowEnd.AtSubnetHost s) {
            FSubnet subnet = fabric.subnet(s.subnet());
            FInterface h = virtualHosts[0] != null ? virtualHosts[0] : subnet.hostAt(s.ip());
            if (h == null) {
                // A NAT gateway's own address: the NAT gateway sends, and its subnet's route table decides.
                FNat n = subnet.natAt(s.ip());
                hop(HopKind.NAT_GATEWAY, n.id(), n.subnet, true, new AddressCheck(p.src()), p);
                return routeFrom(n.subnet, null, n, p);
            }
            return sendFromHost(h, p, false);
        } else if (source instanceof FlowEnd.OnInternet) {
            return onInternet(p);
        } else if (source instanceof FlowEnd.AtExternal x) {
            ExternalNetwork ext = fabric.network().external(x.external()).orElseThrow();
            if (ext.via() == null) return onInternet(p);
            FTransitGateway.Attachment a = fabric.tgwAttachment(ext.via());
            return a != null ? fromTgwVpn(a, p) : fromVpnGateway(fabric.vpnGateway(ext.via()), p);
        }
        throw new IllegalStateException("unknown flow end " + source);
    }

    boolean replyFrom(End e, Packet reply) {
        if (e instanceof End.AtHost h) return sendFromHost(h.host(), reply, false);
        if (e instanceof End.BehindVpn v) return fromVpnGateway(v.gateway(), reply);
        if (e instanceof End.AtGatewayEndpoint g) return fromGatewayEndpoint(g, reply);
        if (e instanceof End.BehindTgwVpn t) return fromTgwVpn(t.attachment(), reply);
        return onInternet(reply);
    }

    // ---- hops and drops ----

    void hop(HopKind kind, String component, FSubnet subnet, boolean passed, Detail detail, Packet p) {
        hops.add(new Hop(leg, kind, component, subnet == null ? null : subnet.id(), passed, detail, p));
        last = p;
    }

    boolean drop(ExplanationCode code, String component, Detail detail) {
        drop = new Drop(code, component, leg, detail);
        return false;
    }

    /** Records a failed hop at {@code component} and drops there. */
    boolean fail(HopKind kind, String component, FSubnet subnet, ExplanationCode code, Detail detail, Packet p) {
        hop(kind, component, subnet, false, detail, p);
        return drop(code, component, detail);
    }

    // ---- hosts ----

    /** Semantics step 1: a host (origin, destination replying, or appliance forwarding) sends. */
    boolean sendFromHost(FInterface h, Packet p, boolean forwarding) {
        if (leg == Leg.RETURN && !forwarding && h != null) {
            if (conn.isLoadBalancerTarget(h)) return targetReplyToNode(h, p);
            if (conn.isLatticeTarget(h)) return latticeTargetReply(h, p);
        }
        FInterface node = h.snatNode();
        if (node != null && leg == Leg.FORWARD && !forwarding && p.dst().isV4() && !h.subnet.vpc.contains(p.dst())) {
            // VPC CNI: a pod's traffic leaving the VPC goes out as its node, through the node's primary interface.
            Packet q = p.withSrc(node.privateIp);
            hop(HopKind.SNAT, node.id, node.subnet, true, new Translation(true, p.src(), node.privateIp), q);
            conn.snat = new Connections.SnatBinding(node, h, p.src());
            return sendFromHost(node, q, false);
        }
        if (forwarding && h.sourceDestCheck && !h.owns(p.src())) {
            return fail(HopKind.INTERFACE_EGRESS, h.id, h.subnet, ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION,
                    new AddressCheck(p.src()), p);
        }
        if (leg == Leg.FORWARD) {
            FSgRule m = matchGroups(h, false, p, p.dst(), virtualHosts);
            SecurityGroupCheck d = sgCheck(h, false, p.dst(), m, false);
            hop(HopKind.INTERFACE_EGRESS, h.id, h.subnet, m != null, d, p);
            if (m == null) return drop(ExplanationCode.ENI_SG_RULES_MISMATCH, h.firstGroup(), d);
            track(h);
        } else {
            hop(HopKind.INTERFACE_EGRESS, h.id, h.subnet, true, sgCheck(h, false, p.dst(), null, true), p);
        }
        return routeFrom(h.subnet, h, null, p);
    }

    /** Semantics step 5: a packet reaches a host's interface. */
    boolean arriveAtHost(FInterface h, Packet p) {
        if (h.loadBalancer() != null && leg == Leg.FORWARD) return loadBalancerFront(h, p);
        boolean own = h.owns(p.dst());
        if (!own && h.sourceDestCheck) {
            return fail(HopKind.INTERFACE_INGRESS, h.id, h.subnet, ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION,
                    new AddressCheck(p.dst()), p);
        }
        if (leg == Leg.RETURN && conn.tracks(h)) {
            hop(HopKind.INTERFACE_INGRESS, h.id, h.subnet, true, sgCheck(h, true, p.src(), null, true), p);
        } else {
            // A load balancer target admits the load balancer's groups even when the client's address is preserved.
            FInterface lbPeer = leg == Leg.FORWARD && conn.isLoadBalancerTarget(h) ? conn.loadBalancer.node() : null;
            FSgRule m = matchGroups(h, true, p, p.src(), virtualHosts, lbPeer);
            SecurityGroupCheck d = sgCheck(h, true, p.src(), m, false);
            hop(HopKind.INTERFACE_INGRESS, h.id, h.subnet, m != null, d, p);
            if (m == null) return drop(ExplanationCode.ENI_SG_RULES_MISMATCH, h.firstGroup(), d);
            if (leg == Leg.FORWARD) track(h);
        }
        Connections.SnatBinding snat = conn.snat;
        if (own && leg == Leg.RETURN && snat != null && h == snat.node() && p.dst().equals(h.privateIp)) {
            FInterface pod = snat.pod();
            Ip podIp = snat.source(); // what the SNAT translated (the pod's address, unless the flow set another)
            Packet q = p.withDst(podIp);
            hop(HopKind.SNAT, h.id, h.subnet, true, new Translation(false, p.dst(), podIp), q);
            hop(HopKind.DELIVERED, pod.id, pod.subnet, true, new Arrival(podIp), q);
            end = new End.AtHost(pod);
            return true;
        }
        if (own && leg == Leg.FORWARD) {
            FPrivateLinkEndpoint pl = h.privateLink();
            if (pl != null) return privateLinkForward(h, pl, p);
        }
        if (own) {
            hop(HopKind.DELIVERED, h.id, h.subnet, true, new Arrival(p.dst()), p);
            end = new End.AtHost(h);
            return true;
        }
        return sendFromHost(h, p, true);
    }

    void track(FInterface h) {
        conn.track(h);
    }

    /** The packet is in subnet {@code d}, addressed to something there. */
    boolean arriveInSubnet(FSubnet d, Packet p) {
        FInterface h = d.hostAt(p.dst());
        if (h == null) h = virtualAt(d, p.dst());
        if (h != null) return arriveAtHost(h, p);
        FNat n = d.natAt(p.dst());
        if (n != null) return natInbound(n, p);
        return fail(HopKind.DELIVERED, d.id(), d, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
    }

    FInterface virtualAt(FSubnet d, Ip ip) {
        for (FInterface v : virtualHosts) {
            if (v != null && v.subnet == d && v.owns(ip)) return v;
        }
        return null;
    }

    // ---- routing ----

    /** Semantics steps 2-4: route from subnet {@code s}; the sender is a host or a NAT gateway. */
    boolean routeFrom(FSubnet s, FInterface senderHost, FNat senderNat, Packet p) {
        while (true) {
            FLattice lattice = fabric.lattice();
            if (lattice != null && leg == Leg.FORWARD && senderHost != null && lattice.contains(p.dst())) {
                return latticeForward(s, senderHost, p);
            }
            if (s.contains(p.dst())) return arriveInSubnet(s, p);
            FRouteTable rt = s.routeTable();
            if (++lookups > MAX_ROUTE_LOOKUPS) {
                return drop(ExplanationCode.MAX_HOPS_EXCEEDED, rt.id, new AddressCheck(p.dst()));
            }
            FRoute r = rt.lookup(p.dst());
            RouteTarget target = r == null ? null : r.target;
            RouteLookup d = new RouteLookup(rt.id, p.dst(), r == null ? null : r.cidr, r == null ? null : r.prefixList, target);
            if (r == null) return fail(HopKind.ROUTE, rt.id, s, ExplanationCode.NO_ROUTE_TO_DESTINATION, d, p);
            if (target instanceof RouteTarget.Blackhole) return fail(HopKind.ROUTE, rt.id, s, ExplanationCode.BAD_STATE_ROUTE, d, p);
            hop(HopKind.ROUTE, rt.id, s, true, d, p);

            if (target instanceof RouteTarget.Local) {
                FSubnet dst = s.vpc.subnetAt(p.dst());
                if (dst == null) {
                    return fail(HopKind.DELIVERED, s.vpc.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
                }
                if (!aclOut(s, p) || !aclIn(dst, p)) return false;
                return arriveInSubnet(dst, p);
            } else if (target instanceof RouteTarget.InternetGateway g) {
                if (!aclOut(s, p)) return false;
                return internetGatewayEgress(g.id(), s.vpc, senderHost, senderNat, p);
            } else if (target instanceof RouteTarget.EgressOnlyInternetGateway e) {
                if (!aclOut(s, p)) return false;
                hop(HopKind.EGRESS_ONLY_INTERNET_GATEWAY, e.id(), null, true, new AddressCheck(p.src()), p);
                if (leg == Leg.FORWARD) conn.egressOnly = e.id();
                return onInternet(p);
            } else if (r.resolved instanceof FRoute.Resolved.ToNat to) {
                FNat n = to.nat();
                FSubnet ns = n.subnet;
                if (n == senderNat) {
                    // The NAT gateway's own subnet routes the translated packet back to it: a loop, named at once.
                    return fail(HopKind.NAT_GATEWAY, n.id(), ns, ExplanationCode.NGW_ROUTES_TO_ITSELF, d, p);
                }
                if (ns != s && (!aclOut(s, p) || !aclIn(ns, p))) return false;
                // AWS: a NAT gateway translates its own VPC's traffic and traffic arriving from a transit gateway
                // (centralized egress), never traffic from a peering connection or VPN.
                if (!s.vpc.contains(p.src()) && enteredFromTgw != s.vpc) {
                    return fail(HopKind.NAT_GATEWAY, n.id(), ns, ExplanationCode.NGW_REQUIRES_SOURCE_IN_VPC, new AddressCheck(p.src()), p);
                }
                // NAT64: an IPv6 packet for 64:ff9b::/96 leaves as IPv4 to the embedded address.
                Packet q = p.dst().isV4() ? p.withSrc(n.privateIp()) : Packet.nat64(p, n.privateIp());
                // AWS picks the translated source port from 1024-65535 (nat-gateway-basics.html).
                if (natSourcePort >= 0 && leg == Leg.FORWARD && q.protocol().hasPorts()) q = q.withSrcPort(natSourcePort);
                hop(HopKind.NAT_GATEWAY, n.id(), ns, true, new Translation(true, p.src(), q.src()), q);
                // Connection tracking is what the request leaves behind; a reply crossing a NAT keeps the client's mapping.
                if (leg == Leg.FORWARD) conn.bind(n, p.src(), p.srcPort());
                p = q;
                s = ns;
                senderHost = null;
                senderNat = n;
            } else if (r.resolved instanceof FRoute.Resolved.ToVpnGateway to) {
                if (!aclOut(s, p)) return false;
                return vpnGatewayEgress(to.vpnGateway(), p);
            } else if (target instanceof RouteTarget.VpcEndpoint e) {
                if (!aclOut(s, p)) return false;
                return gatewayEndpointEgress(e.id(), s.vpc, p);
            } else if (r.resolved instanceof FRoute.Resolved.ToAppliance to) {
                FInterface a = to.appliance();
                if (a.subnet != s && (!aclOut(s, p) || !aclIn(a.subnet, p))) return false;
                return arriveAtHost(a, p);
            } else if (r.resolved instanceof FRoute.Resolved.ToPeering to) {
                if (!aclOut(s, p)) return false;
                return peeringEgress(to.peering(), s.vpc, p);
            } else if (r.resolved instanceof FRoute.Resolved.ToTransitGateway to) {
                return transitGatewayEgress(to.transitGateway(), s, p);
            } else {
                throw new IllegalStateException("route target not handled: " + target);
            }
        }
    }

    // ---- network ACLs ----

    boolean aclOut(FSubnet s, Packet p) {
        return acl(s, false, p, p.dst());
    }

    boolean aclIn(FSubnet s, Packet p) {
        return acl(s, true, p, p.src());
    }

    boolean acl(FSubnet s, boolean inbound, Packet p, Ip peer) {
        FAcl a = s.acl();
        AclEntry e = firstAclMatch(inbound ? a.ingress : a.egress, p, peer);
        boolean allowed = e != null && e.action() == AclEntry.Action.ALLOW;
        AclCheck d = new AclCheck(a.id, s.id(), inbound, peer, e, allowed);
        hop(inbound ? HopKind.ACL_IN : HopKind.ACL_OUT, a.id, s, allowed, d, p);
        return allowed || drop(ExplanationCode.SUBNET_ACL_RESTRICTION, a.id, d);
    }

    // ---- steps implemented by the subclasses (gateways; load balancers, PrivateLink, Lattice) ----

    abstract boolean internetGatewayEgress(String igw, FVpc vpc, FInterface senderHost, FNat senderNat, Packet p);

    abstract boolean onInternet(Packet p);

    abstract boolean natInbound(FNat n, Packet p);

    abstract boolean gatewayEndpointEgress(String endpoint, FVpc vpc, Packet p);

    abstract boolean fromGatewayEndpoint(End.AtGatewayEndpoint g, Packet p);

    abstract boolean vpnGatewayEgress(FVpnGateway v, Packet p);

    abstract boolean fromVpnGateway(FVpnGateway v, Packet p);

    abstract boolean peeringEgress(FPeering x, FVpc from, Packet p);

    abstract boolean transitGatewayEgress(FTransitGateway g, FSubnet s, Packet p);

    abstract boolean fromTgwVpn(FTransitGateway.Attachment a, Packet p);

    abstract boolean loadBalancerFront(FInterface node, Packet p);

    abstract boolean privateLinkForward(FInterface eni, FPrivateLinkEndpoint pl, Packet p);

    abstract boolean latticeForward(FSubnet s, FInterface client, Packet p);

    abstract boolean targetReplyToNode(FInterface t, Packet p);

    abstract boolean latticeTargetReply(FInterface t, Packet p);
}
