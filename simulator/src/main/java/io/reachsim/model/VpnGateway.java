package io.reachsim.model;

import java.util.List;

/** A virtual private gateway; {@code remoteCidrs} are the networks reachable over its VPN connections. */
public record VpnGateway(String id, String vpc, List<Cidr> remoteCidrs) {
    public VpnGateway {
        remoteCidrs = List.copyOf(remoteCidrs);
    }
}
