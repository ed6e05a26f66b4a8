package io.reachsim.reference;

import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Protocol;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcPeering;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle for {@link FlowExpander} on host endpoints (instance, eni, subnet, ip, internet, external):
 * endpoint → flows built from the model by plain scans, with no index, trie or cache, and without calling
 * FlowExpander. Each rule is written as docs/semantics.md (Vocabulary) states it.
 */
final class ReferenceFlowExpander {
    private final Network n;

    ReferenceFlowExpander(Network n) {
        this.n = n;
    }

    /** Where an endpoint is: its end, its address, its public IPv4 (or null), its VPC (or null), its IPv4 address. */
    record Place(FlowEnd end, Ip ip, Ip publicIp, String vpc, Ip ip4) {}

    List<Flow> expand(Expectation e) {
        int version = e.ipVersion();
        Place src = place(e.from(), version);
        Place dst = place(e.to(), version);
        Ip dstIp = dst.ip();
        // From outside the destination's VPC (and not over a peering, a transit gateway or a VPN) a host is
        // addressed by its public IPv4 address.
        boolean sameOrJoined = src.vpc() != null && (src.vpc().equals(dst.vpc()) || peered(src.vpc(), dst.vpc())
                || sameTransitGateway(src.vpc(), dst.vpc()));
        boolean overVpn = src.end() instanceof FlowEnd.AtExternal x && external(x.external()).via() != null;
        if (!sameOrJoined && !overVpn && dst.publicIp() != null && version == 4) dstIp = dst.publicIp();
        if (e.to() instanceof EndpointRef.IpRef r && r.ip().equals(dst.publicIp())) dstIp = dst.publicIp();
        Ip srcIp = src.ip();
        if (srcIp.version() != dstIp.version() && dstIp.isV4() && src.ip4() != null) srcIp = src.ip4();
        return List.of(new Flow(src.end(), dst.end(), packet(e, srcIp, dstIp), e.roundTrip()));
    }

    Place place(EndpointRef ref, int version) {
        if (ref instanceof EndpointRef.InstanceRef i) {
            Instance inst = n.instances().stream().filter(x -> x.id().equals(i.id())).findFirst().orElseThrow();
            String primary = inst.networkInterfaces().isEmpty() ? inst.id() : inst.networkInterfaces().get(0);
            return atInterface(eni(primary), version);
        }
        if (ref instanceof EndpointRef.EniRef x) return atInterface(eni(x.id()), version);
        if (ref instanceof EndpointRef.SubnetRef s) {
            Subnet subnet = n.subnets().stream().filter(x -> x.id().equals(s.id())).findFirst().orElseThrow();
            Cidr block = version == 6 ? subnet.ipv6Cidr() : subnet.cidr();
            if (block == null) throw new IllegalArgumentException("no block");
            // The first address AWS does not reserve (the first four are) that no interface or NAT gateway holds.
            Ip a = block.address(4);
            while (held(a)) a = a.plus(1);
            return new Place(new FlowEnd.AtSubnetHost(subnet.id(), a), a, null, subnet.vpc(), a.isV4() ? a : null);
        }
        if (ref instanceof EndpointRef.InternetRef r) {
            Ip a = r.ip() != null ? r.ip() : internet(version == 6 ? FlowExpander.DEFAULT_INTERNET_V6 : FlowExpander.DEFAULT_INTERNET_V4);
            return new Place(new FlowEnd.OnInternet(a), a, null, null, null);
        }
        if (ref instanceof EndpointRef.ExternalRef x) {
            ExternalNetwork ext = external(x.id());
            return new Place(new FlowEnd.AtExternal(ext.id(), ext.address()), ext.address(), null, null, null);
        }
        if (ref instanceof EndpointRef.IpRef r) return atAddress(r.ip());
        throw new IllegalArgumentException("not a host endpoint: " + ref.text());
    }

    private Place atAddress(Ip ip) {
        for (NetworkInterface e : n.networkInterfaces()) {
            if (ip.equals(e.privateIp()) || ip.equals(e.ipv6Ip()) || e.secondaryPrivateIps().contains(ip)) {
                return new Place(new FlowEnd.AtInterface(e.id()), ip, null, vpcOf(e), e.privateIp() != null && ip.isV4() ? ip : null);
            }
        }
        for (NetworkInterface e : n.networkInterfaces()) {
            if (ip.equals(e.publicIp()) && e.privateIp() != null) {
                return new Place(new FlowEnd.AtInterface(e.id()), e.privateIp(), ip, vpcOf(e), e.privateIp());
            }
        }
        Subnet best = null;
        for (Subnet s : n.subnets()) {
            Cidr c = ip.isV4() ? s.cidr() : s.ipv6Cidr();
            if (c != null && c.contains(ip) && (best == null || c.prefix() > (ip.isV4() ? best.cidr() : best.ipv6Cidr()).prefix())) best = s;
        }
        if (best != null) return new Place(new FlowEnd.AtSubnetHost(best.id(), ip), ip, null, best.vpc(), ip.isV4() ? ip : null);
        for (ExternalNetwork x : n.externals()) {
            if (x.contains(ip)) return new Place(new FlowEnd.AtExternal(x.id(), ip), ip, null, null, null);
        }
        return new Place(new FlowEnd.OnInternet(ip), ip, null, null, null);
    }

    private Place atInterface(NetworkInterface e, int version) {
        Ip ip = version == 6 ? e.ipv6Ip() : e.privateIp();
        if (ip == null) throw new IllegalArgumentException("no address");
        return new Place(new FlowEnd.AtInterface(e.id()), ip, e.publicIp(), vpcOf(e), e.privateIp());
    }

    private String vpcOf(NetworkInterface e) {
        for (Subnet s : n.subnets()) if (s.id().equals(e.subnet())) return s.vpc();
        return null;
    }

    private NetworkInterface eni(String id) {
        return n.networkInterfaces().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private ExternalNetwork external(String id) {
        return n.externals().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private boolean held(Ip a) {
        for (NetworkInterface e : n.networkInterfaces()) {
            if (a.equals(e.privateIp()) || a.equals(e.ipv6Ip()) || e.secondaryPrivateIps().contains(a)) return true;
        }
        for (NatGateway g : n.natGateways()) if (a.equals(g.privateIp()) || g.secondaryPrivateIps().contains(a)) return true;
        return false;
    }

    /** The first address from {@code first} up that nothing in the network owns or contains. */
    private Ip internet(Ip first) {
        Ip a = first;
        while (owned(a)) a = a.plus(1);
        return a;
    }

    private boolean owned(Ip a) {
        for (NetworkInterface e : n.networkInterfaces()) {
            if (a.equals(e.publicIp()) || a.equals(e.privateIp()) || a.equals(e.ipv6Ip()) || e.secondaryPrivateIps().contains(a)) return true;
        }
        for (NatGateway g : n.natGateways()) if (a.equals(g.publicIp())) return true;
        for (EksCluster c : n.eksClusters()) if (a.equals(c.publicEndpointIp())) return true;
        for (Vpc v : n.vpcs()) {
            for (Cidr c : v.cidrs()) if (c.contains(a)) return true;
            for (Cidr c : v.ipv6Cidrs()) if (c.contains(a)) return true;
        }
        // An external network of a huge block (a /0 "everything") does not push the internet host away.
        for (ExternalNetwork x : n.externals()) if (x.contains(a) && (x.cidr() == null || x.cidr().prefix() >= 8)) return true;
        return false;
    }

    private boolean peered(String a, String b) {
        for (VpcPeering p : n.vpcPeerings()) {
            if (p.requester().equals(a) && p.accepter().equals(b) || p.requester().equals(b) && p.accepter().equals(a)) return true;
        }
        return false;
    }

    private boolean sameTransitGateway(String a, String b) {
        if (b == null) return false;
        for (TransitGateway t : n.transitGateways()) {
            boolean hasA = false, hasB = false;
            for (TransitGateway.Attachment x : t.attachments()) {
                hasA |= a.equals(x.vpc());
                hasB |= b.equals(x.vpc());
            }
            if (hasA && hasB) return true;
        }
        return false;
    }

    private static Packet packet(Expectation e, Ip src, Ip dst) {
        Protocol p = e.protocol();
        if (p == Protocol.ICMP && dst.isV4()) return new Packet(src, dst, p, 0, 0, e.icmpType(), 0);
        if (p == Protocol.ICMP) return new Packet(src, dst, Protocol.ICMPV6, 0, 0, e.icmpType() == 8 ? 128 : e.icmpType() == 0 ? 129 : e.icmpType(), 0);
        if (p == Protocol.TCP || p == Protocol.UDP) return new Packet(src, dst, p, e.sourcePort(), e.port(), -1, -1);
        throw new IllegalArgumentException("protocol " + p);
    }
}
