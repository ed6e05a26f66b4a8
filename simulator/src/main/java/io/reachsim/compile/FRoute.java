package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.RouteTarget;

/**
 * One route candidate in a compiled table. {@code origin} breaks ties between equal prefixes (AWS route priority:
 * local, then static, then prefix list, then propagated). {@code resolved} is the target as a compiled object.
 */
public final class FRoute {
    /** Where a route came from, in the order AWS prefers equal prefixes (first wins). */
    public enum Origin { LOCAL, STATIC, PREFIX_LIST, PROPAGATED }

    /** A route target resolved to its compiled object; {@link None} when the target needs none (or is unknown). */
    public sealed interface Resolved {
        record None() implements Resolved {}
        record ToNat(FNat nat) implements Resolved {}
        /** An interface or instance target (the instance's primary interface). */
        record ToAppliance(FInterface appliance) implements Resolved {}
        record ToVpnGateway(FVpnGateway vpnGateway) implements Resolved {}
        record ToPeering(FPeering peering) implements Resolved {}
        record ToTransitGateway(FTransitGateway transitGateway) implements Resolved {}
    }

    static final Resolved NONE = new Resolved.None();

    public final Cidr cidr;
    public final String prefixList;
    public final RouteTarget target;
    public final Origin origin;
    public final Resolved resolved;

    FRoute(Cidr cidr, String prefixList, RouteTarget target, Origin origin, Resolved resolved) {
        this.cidr = cidr;
        this.prefixList = prefixList;
        this.target = target;
        this.origin = origin;
        this.resolved = resolved;
    }

    static FRoute better(FRoute a, FRoute b) {
        return b.origin.compareTo(a.origin) < 0 ? b : a;
    }
}
