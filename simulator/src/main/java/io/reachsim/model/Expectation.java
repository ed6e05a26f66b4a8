package io.reachsim.model;

import io.reachsim.trace.ExplanationCode;

import java.util.List;

/**
 * One expectation of a scenario. DESIGN §9: {@code services}, when set, makes it a set expectation over
 * those protocols/ports ({@code protocol: any}, {@code ports:}); {@code open}, when set, is the exact set
 * that must get through ({@code reachable} is then not checked). {@code port} is null for icmp/all; {@code icmpType} is -1 unless the
 * protocol is ICMP; {@code ipVersion} is 4 or 6 (resolved by the loader); {@code because} is the
 * explanation code the drop must carry, or null.
 */
public record Expectation(String name, EndpointRef from, EndpointRef to, Protocol protocol, Integer port,
                          int sourcePort, int icmpType, int ipVersion, boolean reachable,
                          List<String> via, List<String> viaAny, List<String> notVia, ExplanationCode because,
                          boolean roundTrip, Origin origin, ServiceSet services, ServiceSet open) {
    public static final int DEFAULT_SOURCE_PORT = 49152;

    public Expectation {
        via = List.copyOf(via);
        viaAny = List.copyOf(viaAny);
        notVia = List.copyOf(notVia);
        if (open != null && services == null) services = ServiceSet.ALL;
    }

    /** A one-packet expectation (DESIGN §5). */
    public Expectation(String name, EndpointRef from, EndpointRef to, Protocol protocol, Integer port,
                       int sourcePort, int icmpType, int ipVersion, boolean reachable,
                       List<String> via, List<String> viaAny, List<String> notVia, ExplanationCode because,
                       boolean roundTrip, Origin origin) {
        this(name, from, to, protocol, port, sourcePort, icmpType, ipVersion, reachable, via, viaAny, notVia, because,
                roundTrip, origin, null, null);
    }

    /** This expectation asking about {@code set} (DESIGN §9). */
    public Expectation withServices(ServiceSet set) {
        return new Expectation(name, from, to, protocol, port, sourcePort, icmpType, ipVersion, reachable, via, viaAny, notVia,
                because, roundTrip, origin, set, open);
    }

    /** True for DESIGN §9 expectations answered by the set engine: a protocol/port set, {@code open:}, or a selector. */
    public boolean isSetQuestion() {
        return services != null || from instanceof EndpointRef.SelectorRef s && s.selector() instanceof Selector.AllInternet;
    }
}
