package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;

/** A compiled VPN gateway: what lies behind it. */
public final class FVpnGateway {
    public final String id;
    public final FVpc vpc;
    final Cidr[] remoteCidrs;
    final ExternalNetwork[] externals;

    FVpnGateway(String id, FVpc vpc, Cidr[] remoteCidrs, ExternalNetwork[] externals) {
        this.id = id;
        this.vpc = vpc;
        this.remoteCidrs = remoteCidrs;
        this.externals = externals;
    }

    /** The id of what receives {@code dst} behind this gateway (an external's id, or this gateway's), or null. */
    public String reach(Ip dst) {
        for (ExternalNetwork x : externals) if (x.contains(dst)) return x.id();
        for (Cidr c : remoteCidrs) if (c.contains(dst)) return id;
        return null;
    }
}
