package io.reachsim.model;

import java.util.List;

/**
 * One expectation of a scenario. {@code port} is null for icmp/all; {@code icmpType} is -1 unless the
 * protocol is ICMP; {@code ipVersion} is 4 or 6 (resolved by the loader); {@code because} is an
 * explanation code name or null.
 */
public record Expectation(String name, EndpointRef from, EndpointRef to, Protocol protocol, Integer port,
                          int sourcePort, int icmpType, int ipVersion, boolean reachable,
                          List<String> via, List<String> viaAny, List<String> notVia, String because,
                          boolean roundTrip, Origin origin) {
    public static final int DEFAULT_SOURCE_PORT = 49152;

    public Expectation {
        via = List.copyOf(via);
        viaAny = List.copyOf(viaAny);
        notVia = List.copyOf(notVia);
    }
}
