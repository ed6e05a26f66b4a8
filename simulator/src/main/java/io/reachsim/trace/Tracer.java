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

/**
 * Follows one packet hop by hop through a {@link Fabric}, then its reply, exactly as
 * {@code docs/semantics.md} describes. Stateless between calls and safe to share between threads;
 * each {@link #trace} call keeps its own connection-tracking state.
 */
public final class Tracer {
    /** Route lookups allowed per leg before the packet is declared to be looping. */
    static final int MAX_ROUTE_LOOKUPS = 16;
    static final String INTERNET = "internet";

    private static final Cidr[] RFC1918 = {Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16")};
    private static final Cidr RFC6598 = Cidr.parse("100.64.0.0/10");

    private final Fabric fabric;

    public Tracer(Fabric fabric) {
        this.fabric = fabric;
    }

    public Fabric fabric() {
        return fabric;
    }

    public FlowResult trace(Flow flow) {
        return new Run(flow).execute();
    }

    /** Where a leg ended, so the reply can start there. */
    private sealed interface End {
        record AtHost(FInterface host) implements End {}
        record OnInternet() implements End {}
        record BehindVpn(FVpnGateway gateway) implements End {}
        record AtGatewayEndpoint(String endpoint, FVpc vpc) implements End {}
        record BehindTgwVpn(FTransitGateway.Attachment attachment) implements End {}
    }

    /** One trace: the hops so far, the leg, and the connection tracking the reply relies on. */
    private final class Run {
        final Flow flow;
        final List<Hop> hops = new ArrayList<>(16);
        final FInterface[] virtualHosts = new FInterface[2];
        final List<FInterface> trackedInterfaces = new ArrayList<>(4);
        final List<FNat> trackedNats = new ArrayList<>(2);
        final List<Ip> trackedNatSources = new ArrayList<>(2);
        String trackedEgressOnly;
        FInterface trackedSnatNode;
        FInterface trackedSnatPod;
        Ip trackedSnatSource;
        /** The VPC the packet entered through a transit gateway attachment (a NAT gateway there takes it), or null. */
        FVpc enteredFromTgw;
        /** Appliance mode: the subnet the forward leg entered each appliance-mode attachment by (the reply uses it too). */
        final List<FTransitGateway.Attachment> trackedApplianceAttachments = new ArrayList<>(1);
        final List<FSubnet> trackedApplianceEntries = new ArrayList<>(1);
        // Connection tracking of a load balancer (direct or behind a PrivateLink endpoint) and of VPC Lattice.
        FLoadBalancer lbConn;
        FInterface lbNode;
        FInterface lbTarget;
        FInterface lbEndpointInterface;
        String lbEndpoint;
        Packet lbRequest;
        FLattice.TargetGroup latticeGroup;
        FInterface latticeTarget;
        FInterface latticeClient;
        FSubnet latticeClientSubnet;
        Packet latticeRequest;
        Leg leg = Leg.FORWARD;
        int lookups;
        Drop drop;
        End end;
        Packet last;

        Run(Flow flow) {
            this.flow = flow;
            virtualHosts[0] = virtualFor(flow.source());
            virtualHosts[1] = virtualFor(flow.destination());
        }

        private FInterface virtualFor(FlowEnd e) {
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
        private boolean replyMatchesConnection() {
            Hop arrival = hops.get(hops.size() - 1);
            Ip connectedTo = flow.packet().dst();
            if (arrival.packet().src().equals(connectedTo)) return true;
            hops.set(hops.size() - 1, new Hop(arrival.leg(), arrival.kind(), arrival.component(), arrival.subnet(), false,
                    new AddressCheck(arrival.packet().src()), arrival.packet()));
            return drop(ExplanationCode.REPLY_SOURCE_MISMATCH, arrival.component(), new AddressCheck(arrival.packet().src()));
        }

        private boolean start(FlowEnd source, Packet p) {
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

        private boolean replyFrom(End e, Packet reply) {
            if (e instanceof End.AtHost h) return sendFromHost(h.host(), reply, false);
            if (e instanceof End.BehindVpn v) return fromVpnGateway(v.gateway(), reply);
            if (e instanceof End.AtGatewayEndpoint g) return fromGatewayEndpoint(g, reply);
            if (e instanceof End.BehindTgwVpn t) return fromTgwVpn(t.attachment(), reply);
            return onInternet(reply);
        }

        // ---- hops and drops ----

        private void hop(HopKind kind, String component, FSubnet subnet, boolean passed, Detail detail, Packet p) {
            hops.add(new Hop(leg, kind, component, subnet == null ? null : subnet.id(), passed, detail, p));
            last = p;
        }

        private boolean drop(ExplanationCode code, String component, Detail detail) {
            drop = new Drop(code, component, leg, detail);
            return false;
        }

        /** Records a failed hop at {@code component} and drops there. */
        private boolean fail(HopKind kind, String component, FSubnet subnet, ExplanationCode code, Detail detail, Packet p) {
            hop(kind, component, subnet, false, detail, p);
            return drop(code, component, detail);
        }

        // ---- hosts ----

        /** Semantics step 1: a host (origin, destination replying, or appliance forwarding) sends. */
        private boolean sendFromHost(FInterface h, Packet p, boolean forwarding) {
            if (leg == Leg.RETURN && !forwarding && h != null) {
                if (h == lbTarget) return targetReplyToNode(h, p);
                if (h == latticeTarget) return latticeTargetReply(h, p);
            }
            FInterface node = h.snatNode();
            if (node != null && leg == Leg.FORWARD && !forwarding && p.dst().isV4() && !h.subnet.vpc.contains(p.dst())) {
                // VPC CNI: a pod's traffic leaving the VPC goes out as its node, through the node's primary interface.
                Packet q = p.withSrc(node.privateIp);
                hop(HopKind.SNAT, node.id, node.subnet, true, new Translation(true, p.src(), node.privateIp), q);
                trackedSnatNode = node;
                trackedSnatPod = h;
                trackedSnatSource = p.src();
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
        private boolean arriveAtHost(FInterface h, Packet p) {
            if (h.loadBalancer() != null && leg == Leg.FORWARD) return loadBalancerFront(h, p);
            boolean own = h.owns(p.dst());
            if (!own && h.sourceDestCheck) {
                return fail(HopKind.INTERFACE_INGRESS, h.id, h.subnet, ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION,
                        new AddressCheck(p.dst()), p);
            }
            if (leg == Leg.RETURN && trackedInterfaces.contains(h)) {
                hop(HopKind.INTERFACE_INGRESS, h.id, h.subnet, true, sgCheck(h, true, p.src(), null, true), p);
            } else {
                // A load balancer target admits the load balancer's groups even when the client's address is preserved.
                FInterface lbPeer = leg == Leg.FORWARD && h == lbTarget ? lbNode : null;
                FSgRule m = matchGroups(h, true, p, p.src(), virtualHosts, lbPeer);
                SecurityGroupCheck d = sgCheck(h, true, p.src(), m, false);
                hop(HopKind.INTERFACE_INGRESS, h.id, h.subnet, m != null, d, p);
                if (m == null) return drop(ExplanationCode.ENI_SG_RULES_MISMATCH, h.firstGroup(), d);
                if (leg == Leg.FORWARD) track(h);
            }
            if (own && leg == Leg.RETURN && h == trackedSnatNode && p.dst().equals(h.privateIp)) {
                FInterface pod = trackedSnatPod;
                Ip podIp = trackedSnatSource; // what the SNAT translated (the pod's address, unless the flow set another)
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

        private void track(FInterface h) {
            if (!trackedInterfaces.contains(h)) trackedInterfaces.add(h);
        }

        /** The packet is in subnet {@code d}, addressed to something there. */
        private boolean arriveInSubnet(FSubnet d, Packet p) {
            FInterface h = d.hostAt(p.dst());
            if (h == null) h = virtualAt(d, p.dst());
            if (h != null) return arriveAtHost(h, p);
            FNat n = d.natAt(p.dst());
            if (n != null) return natInbound(n, p);
            return fail(HopKind.DELIVERED, d.id(), d, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
        }

        private FInterface virtualAt(FSubnet d, Ip ip) {
            for (FInterface v : virtualHosts) {
                if (v != null && v.subnet == d && v.owns(ip)) return v;
            }
            return null;
        }

        // ---- routing ----

        /** Semantics steps 2-4: route from subnet {@code s}; the sender is a host or a NAT gateway. */
        private boolean routeFrom(FSubnet s, FInterface senderHost, FNat senderNat, Packet p) {
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
                    if (leg == Leg.FORWARD) trackedEgressOnly = e.id();
                    return onInternet(p);
                } else if (target instanceof RouteTarget.NatGateway) {
                    FNat n = r.nat;
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
                    hop(HopKind.NAT_GATEWAY, n.id(), ns, true, new Translation(true, p.src(), q.src()), q);
                    // Connection tracking is what the request leaves behind; a reply crossing a NAT keeps the client's mapping.
                    if (leg == Leg.FORWARD) {
                        trackedNats.add(n);
                        trackedNatSources.add(p.src());
                    }
                    p = q;
                    s = ns;
                    senderHost = null;
                    senderNat = n;
                } else if (target instanceof RouteTarget.VpnGateway) {
                    if (!aclOut(s, p)) return false;
                    return vpnGatewayEgress(r.vpnGateway, p);
                } else if (target instanceof RouteTarget.VpcEndpoint e) {
                    if (!aclOut(s, p)) return false;
                    return gatewayEndpointEgress(e.id(), s.vpc, p);
                } else if (target instanceof RouteTarget.NetworkInterface || target instanceof RouteTarget.Instance) {
                    FInterface a = r.appliance;
                    if (a.subnet != s && (!aclOut(s, p) || !aclIn(a.subnet, p))) return false;
                    return arriveAtHost(a, p);
                } else if (target instanceof RouteTarget.VpcPeering) {
                    if (!aclOut(s, p)) return false;
                    return peeringEgress(r.peering, s.vpc, p);
                } else if (target instanceof RouteTarget.TransitGateway) {
                    return transitGatewayEgress(r.transitGateway, s, p);
                } else {
                    throw new IllegalStateException("route target not handled: " + target);
                }
            }
        }

        // ---- gateways ----

        private boolean internetGatewayEgress(String igw, FVpc vpc, FInterface senderHost, FNat senderNat, Packet p) {
            Ip dst = p.dst();
            if (dst.isV4()) {
                for (Cidr c : RFC1918) {
                    if (c.contains(dst)) {
                        return fail(HopKind.INTERNET_GATEWAY, igw, null, ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS,
                                new AddressCheck(dst), p);
                    }
                }
                if (RFC6598.contains(dst)) {
                    return fail(HopKind.INTERNET_GATEWAY, igw, null, ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS,
                            new AddressCheck(dst), p);
                }
                Ip pub = null;
                if (senderHost != null && senderHost.publicIp != null && p.src().equals(senderHost.privateIp)) {
                    pub = senderHost.publicIp;
                } else if (senderNat != null && senderNat.isPublic() && p.src().equals(senderNat.privateIp())) {
                    pub = senderNat.publicIp();
                }
                if (pub == null) {
                    return fail(HopKind.INTERNET_GATEWAY, igw, null, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS,
                            new AddressCheck(p.src()), p);
                }
                Packet q = p.withSrc(pub);
                hop(HopKind.INTERNET_GATEWAY, igw, null, true, new Translation(true, p.src(), pub), q);
                return onInternet(q);
            }
            if (!vpc.contains(p.src())) {
                // No edge-to-edge routing: IPv6 from a peer or a transit gateway does not leave through this VPC's IGW.
                return fail(HopKind.INTERNET_GATEWAY, igw, null, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS,
                        new AddressCheck(p.src()), p);
            }
            hop(HopKind.INTERNET_GATEWAY, igw, null, true, new AddressCheck(p.src()), p);
            return onInternet(p);
        }

        /** The packet is on the public internet; its destination decides where it goes. */
        private boolean onInternet(Packet p) {
            Ip dst = p.dst();
            if (dst.isV4()) {
                Object owner = fabric.publicOwner(dst);
                if (owner instanceof FInterface i) return enterFromInternet(i.subnet.vpc, i.privateIp, p);
                if (owner instanceof FNat n) return enterFromInternet(n.subnet.vpc, n.privateIp(), p);
                if (owner instanceof EksCluster c) return eksPublicEndpoint(c, p);
                FVpc v = fabric.vpcAt(dst);
                if (v != null) {
                    if (v.internetGateway() != null) {
                        return fail(HopKind.INTERNET_GATEWAY, v.internetGateway(), null,
                                ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, new AddressCheck(dst), p);
                    }
                    return fail(HopKind.INTERNET, INTERNET, null, ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS,
                            new AddressCheck(dst), p);
                }
            } else {
                FVpc v = fabric.vpcAt(dst);
                if (v != null) return enterFromInternet(v, dst, p);
            }
            String external = fabric.internetExternalAt(dst);
            hop(HopKind.INTERNET, external != null ? external : INTERNET, null, true, new Arrival(dst), p);
            end = new End.OnInternet();
            return true;
        }

        /** Into VPC {@code v} from the internet; {@code inside} is the destination's address inside the VPC. */
        private boolean enterFromInternet(FVpc v, Ip inside, Packet p) {
            Packet q = p;
            if (p.dst().isV4()) {
                if (v.internetGateway() == null) {
                    return fail(HopKind.INTERNET, INTERNET, null, ExplanationCode.UNKNOWN_DESTINATION, new AddressCheck(p.dst()), p);
                }
                q = p.withDst(inside);
                hop(HopKind.INTERNET_GATEWAY, v.internetGateway(), null, true, new Translation(false, p.dst(), inside), q);
            } else if (v.internetGateway() != null) {
                hop(HopKind.INTERNET_GATEWAY, v.internetGateway(), null, true, new AddressCheck(p.dst()), p);
            } else if (v.egressOnlyInternetGateway() != null) {
                String e = v.egressOnlyInternetGateway();
                if (leg != Leg.RETURN || !e.equals(trackedEgressOnly)) {
                    return fail(HopKind.EGRESS_ONLY_INTERNET_GATEWAY, e, null, ExplanationCode.EIGW_NO_INBOUND, new AddressCheck(p.dst()), p);
                }
                hop(HopKind.EGRESS_ONLY_INTERNET_GATEWAY, e, null, true, new AddressCheck(p.dst()), p);
            } else {
                return fail(HopKind.INTERNET, INTERNET, null, ExplanationCode.UNKNOWN_DESTINATION, new AddressCheck(p.dst()), p);
            }
            FSubnet d = v.subnetAt(q.dst());
            if (d == null) {
                return fail(HopKind.DELIVERED, v.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(q.dst()), q);
            }
            if (!aclIn(d, q)) return false;
            return arriveInSubnet(d, q);
        }

        /** A packet addressed to a NAT gateway's private address: only replies of tracked connections pass. */
        private boolean natInbound(FNat n, Packet p) {
            int k = leg == Leg.RETURN ? trackedNats.lastIndexOf(n) : -1;
            if (k < 0 && leg == Leg.RETURN && p.dst().equals(flow.packet().src()) && flow.source() instanceof FlowEnd.AtSubnetHost) {
                // The reply to a flow the NAT gateway itself sent (a source naming its address).
                hop(HopKind.DELIVERED, n.id(), n.subnet, true, new Arrival(p.dst()), p);
                end = null;
                return true;
            }
            if (k < 0) {
                return fail(HopKind.NAT_GATEWAY, n.id(), n.subnet, ExplanationCode.NAT_GATEWAY_NO_INBOUND, new AddressCheck(p.dst()), p);
            }
            Ip original = trackedNatSources.get(k);
            Packet q = original.isV4() ? p.withDst(original) : Packet.nat64Reply(p, original);
            hop(HopKind.NAT_GATEWAY, n.id(), n.subnet, true, new Translation(false, p.dst(), original), q);
            return routeFrom(n.subnet, null, n, q);
        }

        /** The EKS public API endpoint: public access on, and the source inside publicAccessCidrs. */
        private boolean eksPublicEndpoint(EksCluster c, Packet p) {
            String id = c.name() + "-public-endpoint";
            if (!c.endpoint().publicAccess()) {
                return fail(HopKind.EKS_API, id, null, ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED, new AddressCheck(p.src()), p);
            }
            boolean allowed = false;
            for (Cidr cidr : c.endpoint().publicAccessCidrs()) allowed |= cidr.contains(p.src());
            if (!allowed) {
                return fail(HopKind.EKS_API, id, null, ExplanationCode.EKS_PUBLIC_ACCESS_CIDR_RESTRICTION, new AddressCheck(p.src()), p);
            }
            hop(HopKind.EKS_API, id, null, true, new Arrival(p.dst()), p);
            end = new End.OnInternet();
            return true;
        }

        /** A gateway endpoint carries TCP and ICMP echo from its own VPC to the service (AWS RA's VPCE_GATEWAY_* rules). */
        private boolean gatewayEndpointEgress(String endpoint, FVpc vpc, Packet p) {
            boolean echo = p.protocol() == Protocol.ICMP && (p.icmpType() == 8 || p.icmpType() == 0)
                    || p.protocol() == Protocol.ICMPV6 && (p.icmpType() == 128 || p.icmpType() == 129);
            if (p.protocol() != Protocol.TCP && !echo) {
                return fail(HopKind.VPC_ENDPOINT, endpoint, null, ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION, new AddressCheck(p.dst()), p);
            }
            if (!vpc.contains(p.src())) {
                return fail(HopKind.VPC_ENDPOINT, endpoint, null, ExplanationCode.VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION,
                        new AddressCheck(p.src()), p);
            }
            hop(HopKind.VPC_ENDPOINT, endpoint, null, true, new Arrival(p.dst()), p);
            end = new End.AtGatewayEndpoint(endpoint, vpc);
            return true;
        }

        private boolean fromGatewayEndpoint(End.AtGatewayEndpoint g, Packet p) {
            hop(HopKind.VPC_ENDPOINT, g.endpoint(), null, true, new AddressCheck(p.dst()), p);
            FSubnet d = g.vpc().subnetAt(p.dst());
            if (d == null) {
                return fail(HopKind.DELIVERED, g.vpc().id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
            }
            if (!aclIn(d, p)) return false;
            return arriveInSubnet(d, p);
        }

        private boolean vpnGatewayEgress(FVpnGateway v, Packet p) {
            if (!v.vpc.contains(p.src())) {
                // No edge-to-edge routing: a VPN gateway sends only its own VPC's traffic.
                return fail(HopKind.VPN_GATEWAY, v.id, null, ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS,
                        new AddressCheck(p.src()), p);
            }
            String behind = v.reach(p.dst());
            if (behind == null) {
                return fail(HopKind.VPN_GATEWAY, v.id, null, ExplanationCode.NO_ROUTE_TO_DESTINATION, new AddressCheck(p.dst()), p);
            }
            hop(HopKind.VPN_GATEWAY, v.id, null, true, new AddressCheck(p.dst()), p);
            hop(HopKind.EXTERNAL, behind, null, true, new Arrival(p.dst()), p);
            end = new End.BehindVpn(v);
            return true;
        }

        private boolean fromVpnGateway(FVpnGateway v, Packet p) {
            FVpc vpc = v.vpc;
            if (!vpc.contains(p.dst())) {
                return fail(HopKind.VPN_GATEWAY, v.id, null, ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS,
                        new AddressCheck(p.dst()), p);
            }
            hop(HopKind.VPN_GATEWAY, v.id, null, true, new AddressCheck(p.dst()), p);
            FSubnet d = vpc.subnetAt(p.dst());
            if (d == null) {
                return fail(HopKind.DELIVERED, vpc.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
            }
            if (!aclIn(d, p)) return false;
            return arriveInSubnet(d, p);
        }

        // ---- peering and transit gateways ----

        /**
         * Across a peering connection from VPC {@code from}: the source must be one of {@code from}'s addresses
         * (not transitive) and the destination inside the peer's CIDRs; the peer VPC delivers it straight to the
         * destination's subnet.
         */
        private boolean peeringEgress(FPeering x, FVpc from, Packet p) {
            FVpc to = x.peerOf(from);
            if (!from.contains(p.src())) {
                return fail(HopKind.VPC_PEERING, x.id, null, ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, new AddressCheck(p.src()), p);
            }
            if (!to.contains(p.dst())) {
                return fail(HopKind.VPC_PEERING, x.id, null, ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, new AddressCheck(p.dst()), p);
            }
            hop(HopKind.VPC_PEERING, x.id, null, true, new AddressCheck(p.dst()), p);
            enteredFromTgw = null;
            FSubnet d = to.subnetAt(p.dst());
            if (d == null) {
                return fail(HopKind.DELIVERED, to.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
            }
            if (!aclIn(d, p)) return false;
            return arriveInSubnet(d, p);
        }

        /**
         * From subnet {@code s} to a transit gateway: through the VPC's attachment subnet in {@code s}'s zone
         * (none → TGW_ROUTE_AZ_RESTRICTION); ACL out of {@code s} and ACL in of the attachment subnet (both
         * even when they are the same subnet, as AWS documents for transit gateway attachments).
         */
        private boolean transitGatewayEgress(FTransitGateway g, FSubnet s, Packet p) {
            FTransitGateway.Attachment a = g.attachmentOf(s.vpc);
            String zone = FTransitGateway.zone(s);
            FSubnet t = a == null ? null : a.subnetIn(zone);
            if (t == null) {
                return fail(HopKind.TGW_ATTACHMENT, a == null ? g.id : a.id, null, ExplanationCode.TGW_ROUTE_AZ_RESTRICTION,
                        new TgwAttachmentCross(g.id, a == null ? null : a.id, zone, true), p);
            }
            if (!p.dst().isV4() && !a.ipv6Support) {
                // AWS: a VPC attachment carries IPv6 only with its Ipv6Support option on (off by default).
                return fail(HopKind.TGW_ATTACHMENT, a.id, null, ExplanationCode.TGW_ATTACHMENT_IPV6_NOT_SUPPORTED,
                        new TgwAttachmentCross(g.id, a.id, zone, true), p);
            }
            if (!aclOut(s, p) || !aclIn(t, p)) return false;
            hop(HopKind.TGW_ATTACHMENT, a.id, t, true, new TgwAttachmentCross(g.id, a.id, zone, true), p);
            return atTransitGateway(a, zone, p);
        }

        /** An external behind a transit gateway VPN attachment sends (or replies) into the gateway. */
        private boolean fromTgwVpn(FTransitGateway.Attachment a, Packet p) {
            hop(HopKind.TGW_ATTACHMENT, a.id, null, true, new TgwAttachmentCross(a.transitGateway.id, a.id, null, true), p);
            return atTransitGateway(a, null, p);
        }

        /** The packet is in the transit gateway, having come from attachment {@code from} in {@code zone} (null: a VPN). */
        private boolean atTransitGateway(FTransitGateway.Attachment from, String zone, Packet p) {
            FTransitGateway g = from.transitGateway;
            FTransitGateway.RouteTable rt = from.association;
            if (rt == null) {
                return fail(HopKind.TGW_ATTACHMENT, from.id, null, ExplanationCode.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION,
                        new TgwAttachmentCross(g.id, from.id, zone, true), p);
            }
            if (++lookups > MAX_ROUTE_LOOKUPS) {
                return drop(ExplanationCode.MAX_HOPS_EXCEEDED, rt.id, new AddressCheck(p.dst()));
            }
            FTransitGateway.Route r = rt.lookup(p.dst());
            TgwRouteLookup d = new TgwRouteLookup(g.id, rt.id, p.dst(), r == null ? null : r.cidr, r == null ? null : r.prefixList,
                    r == null || r.attachment == null ? null : r.attachment.id, r != null && r.blackhole, r != null && r.propagated());
            if (r == null) return fail(HopKind.TRANSIT_GATEWAY, rt.id, null, ExplanationCode.TGW_RTB_CANNOT_ROUTE, d, p);
            if (r.blackhole) return fail(HopKind.TRANSIT_GATEWAY, rt.id, null, ExplanationCode.TGW_RTB_BAD_STATE_ROUTE, d, p);
            hop(HopKind.TRANSIT_GATEWAY, rt.id, null, true, d, p);
            FTransitGateway.Attachment out = r.attachment;
            if (out.isVpn()) {
                String behind = out.reach(p.dst());
                if (behind == null) {
                    return fail(HopKind.TGW_ATTACHMENT, out.id, null, ExplanationCode.NO_ROUTE_TO_DESTINATION, new AddressCheck(p.dst()), p);
                }
                hop(HopKind.TGW_ATTACHMENT, out.id, null, true, new TgwAttachmentCross(g.id, out.id, null, false), p);
                hop(HopKind.EXTERNAL, behind, null, true, new Arrival(p.dst()), p);
                end = new End.BehindTgwVpn(out);
                return true;
            }
            if (!p.dst().isV4() && !out.ipv6Support) {
                return fail(HopKind.TGW_ATTACHMENT, out.id, null, ExplanationCode.TGW_ATTACHMENT_IPV6_NOT_SUPPORTED,
                        new TgwAttachmentCross(g.id, out.id, null, false), p);
            }
            // Into the destination VPC through the attachment subnet of the same zone when there is one, else the first;
            // in appliance mode the reply keeps the subnet (zone) the request entered by.
            FSubnet entry = null;
            int k = leg == Leg.RETURN && out.applianceMode ? trackedApplianceAttachments.indexOf(out) : -1;
            if (k >= 0) entry = trackedApplianceEntries.get(k);
            if (entry == null && zone != null) entry = out.subnetIn(zone);
            if (entry == null && out.subnets.length > 0) entry = out.subnets[0];
            if (entry != null && leg == Leg.FORWARD && out.applianceMode && !trackedApplianceAttachments.contains(out)) {
                trackedApplianceAttachments.add(out);
                trackedApplianceEntries.add(entry);
            }
            if (entry == null) {
                return fail(HopKind.TGW_ATTACHMENT, out.id, null, ExplanationCode.NO_POSSIBLE_DESTINATION, new AddressCheck(p.dst()), p);
            }
            hop(HopKind.TGW_ATTACHMENT, out.id, entry, true, new TgwAttachmentCross(g.id, out.id, FTransitGateway.zone(entry), false), p);
            enteredFromTgw = out.vpc;
            // The attachment subnet's own route table decides the next hop inside the VPC.
            return routeFrom(entry, null, null, p);
        }

        // ---- load balancers and PrivateLink (semantics.md "PrivateLink and VPC Lattice") ----

        private FlowEnd.ServiceTarget chosen(String entry) {
            return flow.destination() instanceof FlowEnd.ServiceTarget t && t.entry().equals(entry) ? t : null;
        }

        /** A packet reaches a load balancer node directly: the load balancer's inbound rules, then its listener. */
        private boolean loadBalancerFront(FInterface node, Packet p) {
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
        private boolean privateLinkForward(FInterface eni, FPrivateLinkEndpoint pl, Packet p) {
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
        private boolean loadBalancerForward(FLoadBalancer lb, FInterface node, Packet p, FInterface endpointInterface,
                                            FPrivateLinkEndpoint pl, FlowEnd.ServiceTarget st) {
            int l = st != null ? st.listener() : lb.listenerFor(p.protocol(), p.dstPort());
            if (l < 0) {
                return fail(HopKind.LOAD_BALANCER, lb.id(), node.subnet, ExplanationCode.LB_LISTENER_NO_MATCH,
                        new ListenerMatch(null, null, null, 0, null, false), p);
            }
            var listener = lb.lb.listeners().get(l);
            String name = listener.protocol() + ":" + listener.port();
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
            lbConn = lb;
            lbNode = node;
            lbEndpointInterface = endpointInterface;
            lbEndpoint = pl == null ? null : pl.endpoint;
            lbRequest = p;
            FSubnet ts = lb.vpc.subnetAt(tip);
            if (ts == null) return fail(HopKind.DELIVERED, lb.vpc.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(tip), q);
            lbTarget = ts.hostAt(tip);
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
        private boolean targetReplyToNode(FInterface t, Packet p) {
            hop(HopKind.INTERFACE_EGRESS, t.id, t.subnet, true, sgCheck(t, false, p.dst(), null, true), p);
            FInterface node = lbNode;
            if (t.subnet != node.subnet && (!aclOut(t.subnet, p) || !aclIn(node.subnet, p))) return false;
            return loadBalancerReturn(node, p);
        }

        /** The node translates the reply back to the connection the client opened, and sends it on. */
        private boolean loadBalancerReturn(FInterface node, Packet p) {
            Packet req = lbRequest;
            Packet back = new Packet(req.dst(), req.src(), p.protocol(), req.dstPort(), req.srcPort(), p.icmpType(), p.icmpCode());
            if (lbEndpointInterface == null) {
                hop(HopKind.LOAD_BALANCER, lbConn.id(), node.subnet, true, new Translation(true, p.src(), back.src()), back);
                return sendFromHost(node, back, false);
            }
            Packet atNode = back.withSrc(node.privateIp);
            hop(HopKind.LOAD_BALANCER, lbConn.id(), node.subnet, true, new Translation(true, p.src(), node.privateIp), atNode);
            hop(HopKind.PRIVATELINK, lbEndpoint, lbEndpointInterface.subnet, true, new Translation(true, node.privateIp, back.src()), back);
            return sendFromHost(lbEndpointInterface, back, false);
        }

        // ---- VPC Lattice ----

        /**
         * A host sends to a Lattice address: no route table (link-local), its subnet's ACL, then the
         * service network associated with its VPC, the service, the target group and the target.
         */
        private boolean latticeForward(FSubnet s, FInterface client, Packet p) {
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
            Lattice.Listener listener = service.listeners().get(l);
            String name = listener.protocol() + ":" + listener.port();
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
            latticeGroup = tg;
            latticeClient = client;
            latticeClientSubnet = s;
            latticeRequest = p;
            FSubnet ts = tg.vpc.subnetAt(tip);
            if (ts == null) return fail(HopKind.DELIVERED, tg.vpc.id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(tip), q);
            latticeTarget = ts.hostAt(tip);
            if (!aclIn(ts, q)) return false;
            return arriveInSubnet(ts, q);
        }

        /** The target answers the Lattice proxy; the proxy answers the client from the service's address. */
        private boolean latticeTargetReply(FInterface t, Packet p) {
            hop(HopKind.INTERFACE_EGRESS, t.id, t.subnet, true, sgCheck(t, false, p.dst(), null, true), p);
            if (!aclOut(t.subnet, p)) return false;
            Packet req = latticeRequest;
            Packet back = new Packet(req.dst(), req.src(), p.protocol(), req.dstPort(), req.srcPort(), p.icmpType(), p.icmpCode());
            hop(HopKind.LATTICE, latticeGroup.group.id(), null, true, new Translation(false, p.dst(), req.src()), back);
            if (!aclIn(latticeClientSubnet, back)) return false;
            return arriveAtHost(latticeClient, back);
        }

        // ---- network ACLs ----

        private boolean aclOut(FSubnet s, Packet p) {
            return acl(s, false, p, p.dst());
        }

        private boolean aclIn(FSubnet s, Packet p) {
            return acl(s, true, p, p.src());
        }

        private boolean acl(FSubnet s, boolean inbound, Packet p, Ip peer) {
            FAcl a = s.acl();
            AclEntry e = firstAclMatch(inbound ? a.ingress : a.egress, p, peer);
            boolean allowed = e != null && e.action() == AclEntry.Action.ALLOW;
            AclCheck d = new AclCheck(a.id, s.id(), inbound, peer, e, allowed);
            hop(inbound ? HopKind.ACL_IN : HopKind.ACL_OUT, a.id, s, allowed, d, p);
            return allowed || drop(ExplanationCode.SUBNET_ACL_RESTRICTION, a.id, d);
        }
    }

    // ---- rule matching (pure functions) ----

    /** The first ACL entry that decides {@code p}, or null for the implicit deny. */
    static AclEntry firstAclMatch(AclEntry[] entries, Packet p, Ip peer) {
        for (AclEntry e : entries) {
            if (!e.cidr().contains(peer)) continue;
            if (e.protocol() == Protocol.ALL) return e;
            if (p.protocol() == Protocol.ALL) {
                // "Every protocol" is denied as soon as any protocol of it is; a partial allow decides nothing.
                if (e.action() == AclEntry.Action.DENY) return e;
                continue;
            }
            if (e.protocol() != p.protocol()) continue;
            if (p.protocol().hasPorts()) {
                if (e.ports() != null && !e.ports().contains(p.dstPort())) continue;
            } else if (p.protocol().isIcmp()) {
                if (e.icmpType() != -1 && e.icmpType() != p.icmpType()) continue;
                if (e.icmpCode() != -1 && e.icmpCode() != p.icmpCode()) continue;
            }
            return e;
        }
        return null;
    }

    /** The first rule of {@code h}'s groups that allows {@code p} in that direction, or null. */
    private static FSgRule matchGroups(FInterface h, boolean inbound, Packet p, Ip peer, FInterface[] virtualHosts) {
        return matchGroups(h, inbound, p, peer, virtualHosts, null);
    }

    /**
     * As above; a rule referencing a group of {@code lbNode} (the load balancer node that forwarded the packet, or
     * null) matches too. AWS (NLB security groups): referencing the load balancer's group "ensures that your targets
     * accept traffic from your Network Load Balancer even if you enable client IP preservation".
     */
    private static FSgRule matchGroups(FInterface h, boolean inbound, Packet p, Ip peer, FInterface[] virtualHosts, FInterface lbNode) {
        for (FSgRule r : h.rules.candidates(inbound, p.protocol())) {
            if (p.protocol().hasPorts() && (p.dstPort() < r.fromPort || p.dstPort() > r.toPort)) continue;
            if (p.protocol().isIcmp() && r.protocol != Protocol.ALL) {
                if (r.icmpType != -1 && r.icmpType != p.icmpType()) continue;
                if (r.icmpCode != -1 && r.icmpCode != p.icmpCode()) continue;
            }
            if (lbNode != null && r.cidrs == null && r.peerGroup >= 0 && (r.peerVpc() == null || r.peerVpc() == h.subnet.vpc)
                    && lbNode.hasGroup(r.peerGroup)) return r;
            if (peerMatches(r, h.subnet.vpc, peer, virtualHosts)) return r;
        }
        return null;
    }

    private static boolean peerMatches(FSgRule r, FVpc vpc, Ip peer, FInterface[] virtualHosts) {
        if (r.cidrs != null) {
            for (Cidr c : r.cidrs) if (c.contains(peer)) return true;
            return false;
        }
        if (r.peerGroup < 0) return false;
        // A referenced group lives in the rule's VPC or (across a same-region peering) in the peer VPC.
        if (r.peerVpc() != null) vpc = r.peerVpc();
        if (r.peerGroup < 0 || virtualHosts == null) return false;
        FSubnet s = vpc.subnetAt(peer);
        if (s == null) return false;
        FInterface other = s.hostAt(peer);
        if (other != null) return other.hasGroup(r.peerGroup);
        // A flow endpoint with no interface is a host carrying the VPC default group.
        for (FInterface v : virtualHosts) {
            if (v != null && v.subnet == s && v.owns(peer)) return v.hasGroup(r.peerGroup);
        }
        return false;
    }

    private static SecurityGroupCheck sgCheck(FInterface h, boolean ingress, Ip peer, FSgRule m, boolean stateful) {
        return new SecurityGroupCheck(h.groups, ingress, peer, m == null ? null : m.group, m == null ? 0 : m.ruleIndex,
                m == null ? null : m.rule, stateful);
    }
}
