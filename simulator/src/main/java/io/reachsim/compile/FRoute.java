package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.RouteTarget;

/**
 * One route candidate in a compiled table. {@code priority} breaks ties between equal prefixes:
 * local 0, static 1, prefix-list 2, propagated 3 (lower wins). Targets are resolved to compiled objects.
 */
public final class FRoute {
    public static final int LOCAL = 0, STATIC = 1, PREFIX_LIST = 2, PROPAGATED = 3;

    public final Cidr cidr;
    public final String prefixList;
    public final RouteTarget target;
    public final int priority;
    /** For nat targets. */
    public final FNat nat;
    /** For interface/instance targets. */
    public final FInterface appliance;
    /** For vgw targets. */
    public final FVpnGateway vpnGateway;
    /** For pcx targets. */
    public final FPeering peering;
    /** For tgw targets. */
    public final FTransitGateway transitGateway;

    FRoute(Cidr cidr, String prefixList, RouteTarget target, int priority, FNat nat, FInterface appliance, FVpnGateway vpnGateway) {
        this(cidr, prefixList, target, priority, nat, appliance, vpnGateway, null, null);
    }

    FRoute(Cidr cidr, String prefixList, RouteTarget target, int priority, FNat nat, FInterface appliance, FVpnGateway vpnGateway,
           FPeering peering, FTransitGateway transitGateway) {
        this.cidr = cidr;
        this.prefixList = prefixList;
        this.target = target;
        this.priority = priority;
        this.nat = nat;
        this.appliance = appliance;
        this.vpnGateway = vpnGateway;
        this.peering = peering;
        this.transitGateway = transitGateway;
    }

    static FRoute better(FRoute a, FRoute b) {
        return b.priority < a.priority ? b : a;
    }
}
