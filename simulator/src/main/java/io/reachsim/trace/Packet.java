package io.reachsim.trace;

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

    public Packet withSrc(Ip s) {
        return new Packet(s, dst, protocol, srcPort, dstPort, icmpType, icmpCode);
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
