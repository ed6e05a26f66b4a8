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
import io.reachsim.compile.PublicOwner;
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

/** semantics.md: internet, NAT, VPN and gateway-endpoint steps, and peering and transit gateways. */
abstract class GatewaySteps extends RunCore {
    private static final Cidr[] RFC1918 = {Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16")};
    private static final Cidr RFC6598 = Cidr.parse("100.64.0.0/10");

    GatewaySteps(Fabric fabric, Flow flow) {
        super(fabric, flow);
    }

    // ---- gateways ----

    boolean internetGatewayEgress(String igw, FVpc vpc, FInterface senderHost, FNat senderNat, Packet p) {
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
    boolean onInternet(Packet p) {
        Ip dst = p.dst();
        if (dst.isV4()) {
            PublicOwner owner = fabric.publicOwner(dst);
            if (owner instanceof PublicOwner.OfInterface o) {
                return enterFromInternet(o.networkInterface().subnet.vpc, o.networkInterface().privateIp, p);
            }
            if (owner instanceof PublicOwner.OfNat o) return enterFromInternet(o.nat().subnet.vpc, o.nat().privateIp(), p);
            if (owner instanceof PublicOwner.OfEksEndpoint o) return eksPublicEndpoint(o.cluster(), p);
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
    boolean enterFromInternet(FVpc v, Ip inside, Packet p) {
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
            if (leg != Leg.RETURN || !e.equals(conn.egressOnly)) {
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
    boolean natInbound(FNat n, Packet p) {
        Connections.NatBinding k = leg == Leg.RETURN ? conn.bindingOf(n) : null;
        if (k == null && leg == Leg.RETURN && p.dst().equals(flow.packet().src()) && flow.source() instanceof FlowEnd.AtSubnetHost) {
            // The reply to a flow the NAT gateway itself sent (a source naming its address).
            hop(HopKind.DELIVERED, n.id(), n.subnet, true, new Arrival(p.dst()), p);
            end = null;
            return true;
        }
        if (k == null) {
            return fail(HopKind.NAT_GATEWAY, n.id(), n.subnet, ExplanationCode.NAT_GATEWAY_NO_INBOUND, new AddressCheck(p.dst()), p);
        }
        Ip original = k.source();
        Packet q = original.isV4() ? p.withDst(original) : Packet.nat64Reply(p, original);
        if (natSourcePort >= 0 && q.protocol().hasPorts()) q = q.withDstPort(k.sourcePort());
        hop(HopKind.NAT_GATEWAY, n.id(), n.subnet, true, new Translation(false, p.dst(), original), q);
        return routeFrom(n.subnet, null, n, q);
    }

    /** The EKS public API endpoint: public access on, and the source inside publicAccessCidrs. */
    boolean eksPublicEndpoint(EksCluster c, Packet p) {
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
    boolean gatewayEndpointEgress(String endpoint, FVpc vpc, Packet p) {
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

    boolean fromGatewayEndpoint(End.AtGatewayEndpoint g, Packet p) {
        hop(HopKind.VPC_ENDPOINT, g.endpoint(), null, true, new AddressCheck(p.dst()), p);
        FSubnet d = g.vpc().subnetAt(p.dst());
        if (d == null) {
            return fail(HopKind.DELIVERED, g.vpc().id(), null, ExplanationCode.NO_POSSIBLE_DESTINATION, new Arrival(p.dst()), p);
        }
        if (!aclIn(d, p)) return false;
        return arriveInSubnet(d, p);
    }

    boolean vpnGatewayEgress(FVpnGateway v, Packet p) {
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

    boolean fromVpnGateway(FVpnGateway v, Packet p) {
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
    boolean peeringEgress(FPeering x, FVpc from, Packet p) {
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
    boolean transitGatewayEgress(FTransitGateway g, FSubnet s, Packet p) {
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
    boolean fromTgwVpn(FTransitGateway.Attachment a, Packet p) {
        hop(HopKind.TGW_ATTACHMENT, a.id, null, true, new TgwAttachmentCross(a.transitGateway.id, a.id, null, true), p);
        return atTransitGateway(a, null, p);
    }

    /** The packet is in the transit gateway, having come from attachment {@code from} in {@code zone} (null: a VPN). */
    boolean atTransitGateway(FTransitGateway.Attachment from, String zone, Packet p) {
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
        if (leg == Leg.RETURN && out.applianceMode) entry = conn.entryOf(out);
        if (entry == null && zone != null) entry = out.subnetIn(zone);
        if (entry == null && out.subnets.length > 0) entry = out.subnets[0];
        if (entry != null && leg == Leg.FORWARD && out.applianceMode) conn.enter(out, entry);
        if (entry == null) {
            return fail(HopKind.TGW_ATTACHMENT, out.id, null, ExplanationCode.NO_POSSIBLE_DESTINATION, new AddressCheck(p.dst()), p);
        }
        hop(HopKind.TGW_ATTACHMENT, out.id, entry, true, new TgwAttachmentCross(g.id, out.id, FTransitGateway.zone(entry), false), p);
        enteredFromTgw = out.vpc;
        // The attachment subnet's own route table decides the next hop inside the VPC.
        return routeFrom(entry, null, null, p);
    }

}
