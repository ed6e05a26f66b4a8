package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.model.Protocol;
import io.reachsim.trace.Packet;

/**
 * One class of protocol/ports that nothing in the network tells apart: TCP or UDP ports
 * {@code from..to}, ICMP types {@code from..to}, or {@code OTHER} (every other IP protocol).
 */
public record ServiceClass(Protocol protocol, long from, long to) {

    public ServiceSet asSet() {
        return switch (protocol) {
            case TCP -> ServiceSet.tcp(Ranges.of(from, to));
            case UDP -> ServiceSet.udp(Ranges.of(from, to));
            case ICMP, ICMPV6 -> ServiceSet.icmp(Ranges.of(from, to));
            case OTHER, ALL -> ServiceSet.OTHER;
        };
    }

    /**
     * The class's representative packet built on {@code template}'s addresses and source port: the lowest
     * port or type of the class; ICMP becomes ICMPv6 on IPv6 (types keep their numbers), code 0.
     */
    public Packet packet(Packet template) {
        return switch (protocol) {
            case TCP, UDP -> new Packet(template.src(), template.dst(), protocol,
                    template.protocol().hasPorts() ? template.srcPort() : io.reachsim.model.Expectation.DEFAULT_SOURCE_PORT,
                    (int) from, -1, -1);
            case ICMP, ICMPV6 -> new Packet(template.src(), template.dst(), template.dst().isV4() ? Protocol.ICMP : Protocol.ICMPV6,
                    0, 0, (int) from, 0);
            case OTHER, ALL -> new Packet(template.src(), template.dst(), Protocol.OTHER, 0, 0, -1, -1);
        };
    }

    @Override
    public String toString() {
        return asSet().toString();
    }
}
