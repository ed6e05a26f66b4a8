package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Protocol;
import io.reachsim.model.Subnet;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Packet;

import java.util.List;

/**
 * Turns an expectation into the concrete flows it stands for (DESIGN §2 "Verdict"): one per source
 * location and resolved destination address. Today every endpoint kind resolves to one location; node
 * groups and pods (EKS) will fan out per subnet.
 */
public final class FlowExpander {
    /** The address {@code internet} stands for (TEST-NET-2, never a real host). */
    public static final Ip DEFAULT_INTERNET_V4 = Ip.parse("198.51.100.1");
    public static final Ip DEFAULT_INTERNET_V6 = Ip.parse("2001:db8:ffff::1");

    private final Network network;

    public FlowExpander(Fabric fabric) {
        this.network = fabric.network();
    }

    /** A resolved endpoint: where it is, its address, and the VPC it sits in (null outside AWS). */
    record Located(FlowEnd end, Ip ip, Ip publicIp, String vpc) {}

    public List<Flow> expand(Expectation e) {
        int version = e.ipVersion();
        Located src = locate(e.from(), version);
        Located dst = locate(e.to(), version);
        Ip dstIp = dst.ip;
        // Seen from outside the destination's VPC, an interface is addressed by its public IPv4 address.
        boolean outside = src.vpc == null || !src.vpc.equals(dst.vpc);
        boolean behindVpn = src.end instanceof FlowEnd.AtExternal x
                && network.external(x.external()).map(n -> n.via() != null).orElse(false);
        if (outside && !behindVpn && dst.publicIp != null && version == 4) dstIp = dst.publicIp;
        return List.of(new Flow(src.end, dst.end, packet(e, src.ip, dstIp), e.roundTrip()));
    }

    static Packet packet(Expectation e, Ip src, Ip dst) {
        Protocol p = e.protocol();
        if (p == Protocol.ICMP && dst.version() == 6) p = Protocol.ICMPV6;
        if (p.hasPorts()) return new Packet(src, dst, p, e.sourcePort(), e.port(), -1, -1);
        if (p.isIcmp()) {
            int type = e.icmpType();
            // The expectation speaks ICMP; on IPv6 echo request/reply are 128/129.
            if (p == Protocol.ICMPV6 && type == 8) type = 128;
            else if (p == Protocol.ICMPV6 && type == 0) type = 129;
            return new Packet(src, dst, p, 0, 0, type, 0);
        }
        return new Packet(src, dst, p, 0, 0, -1, -1);
    }

    Located locate(EndpointRef ref, int version) {
        if (ref instanceof EndpointRef.InstanceRef i) {
            Instance inst = network.instance(i.id()).orElseThrow(() -> unknown(ref));
            String primary = inst.networkInterfaces().isEmpty() ? inst.id() : inst.networkInterfaces().get(0);
            return atInterface(network.networkInterface(primary).orElseThrow(() -> unknown(ref)), version, ref);
        } else if (ref instanceof EndpointRef.EniRef x) {
            return atInterface(network.networkInterface(x.id()).orElseThrow(() -> unknown(ref)), version, ref);
        } else if (ref instanceof EndpointRef.SubnetRef s) {
            Subnet subnet = network.subnet(s.id()).orElseThrow(() -> unknown(ref));
            Ip ip = subnet.firstHost(version);
            if (ip == null) throw new IllegalArgumentException(ref.text() + " has no IPv" + version + " CIDR");
            return new Located(new FlowEnd.AtSubnetHost(subnet.id(), ip), ip, null, subnet.vpc());
        } else if (ref instanceof EndpointRef.IpRef a) {
            return atAddress(a.ip());
        } else if (ref instanceof EndpointRef.InternetRef n) {
            Ip ip = n.ip() != null ? n.ip() : version == 6 ? DEFAULT_INTERNET_V6 : DEFAULT_INTERNET_V4;
            return new Located(new FlowEnd.OnInternet(ip), ip, null, null);
        } else if (ref instanceof EndpointRef.ExternalRef x) {
            ExternalNetwork ext = network.external(x.id()).orElseThrow(() -> unknown(ref));
            return new Located(new FlowEnd.AtExternal(ext.id(), ext.address()), ext.address(), null, null);
        }
        throw new IllegalArgumentException("endpoint kind not supported: " + ref.text());
    }

    private Located atInterface(NetworkInterface eni, int version, EndpointRef ref) {
        Ip ip = version == 6 ? eni.ipv6Ip() : eni.privateIp();
        if (ip == null) throw new IllegalArgumentException(ref.text() + " has no IPv" + version + " address");
        String vpc = network.subnet(eni.subnet()).map(Subnet::vpc).orElse(null);
        return new Located(new FlowEnd.AtInterface(eni.id()), ip, eni.publicIp(), vpc);
    }

    /** An address: an interface's, a host in a subnet, an external network's, or the internet's. */
    private Located atAddress(Ip ip) {
        for (NetworkInterface eni : network.networkInterfaces()) {
            if (eni.owns(ip)) {
                String vpc = network.subnet(eni.subnet()).map(Subnet::vpc).orElse(null);
                return new Located(new FlowEnd.AtInterface(eni.id()), ip, null, vpc);
            }
        }
        for (Subnet s : network.subnets()) {
            if (s.contains(ip)) return new Located(new FlowEnd.AtSubnetHost(s.id(), ip), ip, null, s.vpc());
        }
        for (ExternalNetwork x : network.externals()) {
            if (x.contains(ip)) return new Located(new FlowEnd.AtExternal(x.id(), ip), ip, null, null);
        }
        return new Located(new FlowEnd.OnInternet(ip), ip, null, null);
    }

    private static IllegalArgumentException unknown(EndpointRef ref) {
        return new IllegalArgumentException("unknown endpoint " + ref.text());
    }
}
