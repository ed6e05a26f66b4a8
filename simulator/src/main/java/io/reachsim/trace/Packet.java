package io.reachsim.trace;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Protocol;

/**
 * One packet as it travels. Ports are 0 for protocols without ports; ICMP type/code are -1 for
 * non-ICMP packets. A packet with protocol {@code ALL} stands for "every protocol" (see docs/semantics.md).
 */
public record Packet(Ip src, Ip dst, Protocol protocol, int srcPort, int dstPort, int icmpType, int icmpCode) {

    public static Packet tcp(Ip src, Ip dst, int srcPort, int dstPort) {
        return new Packet(src, dst, Protocol.TCP, srcPort, dstPort, -1, -1);
    }

    /**
     * NAT64 (a NAT gateway, RFC 6146): IPv6 {@code p} for 64:ff9b::a.b.c.d leaves as IPv4 from {@code source} to
     * a.b.c.d; ICMPv6 echo request/reply become ICMP echo request/reply.
     */
    public static Packet nat64(Packet p, Ip source) {
        Ip dst = Ip.v4(p.dst().lo() & 0xffff_ffffL);
        if (p.protocol() == Protocol.ICMPV6) {
            int type = p.icmpType() == 128 ? 8 : p.icmpType() == 129 ? 0 : p.icmpType();
            return new Packet(source, dst, Protocol.ICMP, p.srcPort(), p.dstPort(), type, p.icmpCode());
        }
        return new Packet(source, dst, p.protocol(), p.srcPort(), p.dstPort(), p.icmpType(), p.icmpCode());
    }

    /** The reverse of {@link #nat64}: IPv4 reply {@code p} goes back to IPv6 {@code client} from 64:ff9b::(p's source). */
    public static Packet nat64Reply(Packet p, Ip client) {
        Ip src = Ip.v6(Cidr.NAT64.base().hi(), p.src().lo() & 0xffff_ffffL);
        if (p.protocol() == Protocol.ICMP) {
            int type = p.icmpType() == 8 ? 128 : p.icmpType() == 0 ? 129 : p.icmpType();
            return new Packet(src, client, Protocol.ICMPV6, p.srcPort(), p.dstPort(), type, p.icmpCode());
        }
        return new Packet(src, client, p.protocol(), p.srcPort(), p.dstPort(), p.icmpType(), p.icmpCode());
    }

    public Packet withSrc(Ip s) {
        return new Packet(s, dst, protocol, srcPort, dstPort, icmpType, icmpCode);
    }

    public Packet withSrcPort(int port) {
        return new Packet(src, dst, protocol, port, dstPort, icmpType, icmpCode);
    }

    public Packet withDstPort(int port) {
        return new Packet(src, dst, protocol, srcPort, port, icmpType, icmpCode);
    }

    public Packet withDst(Ip d) {
        return new Packet(src, d, protocol, srcPort, dstPort, icmpType, icmpCode);
    }

    public int version() {
        return dst.version();
    }

    /**
     * The reply a destination sends back: addresses and ports swapped; ICMP echo request becomes echo
     * reply. Returns null for ICMP types that have no reply (the flow is then checked one way).
     */
    public Packet reply() {
        int type = icmpType;
        if (protocol.isIcmp()) {
            type = replyType(protocol, icmpType);
            if (type < 0) return null;
        }
        return new Packet(dst, src, protocol, dstPort, srcPort, type, protocol.isIcmp() ? 0 : icmpCode);
    }

    static int replyType(io.reachsim.model.Protocol p, int type) {
        if (p == Protocol.ICMP) {
            return switch (type) { case 8 -> 0; case 13 -> 14; case 15 -> 16; case 17 -> 18; default -> -1; };
        }
        return type == 128 ? 129 : -1;
    }

    @Override
    public String toString() {
        String ports = protocol.hasPorts() ? ":" + srcPort + " → " : " → ";
        String dports = protocol.hasPorts() ? ":" + dstPort : "";
        String icmp = protocol.isIcmp() ? " type " + icmpType : "";
        return protocol + " " + fmt(src) + ports + fmt(dst) + dports + icmp;
    }

    private static String fmt(Ip ip) {
        return ip.isV4() ? ip.toString() : "[" + ip + "]";
    }
}
