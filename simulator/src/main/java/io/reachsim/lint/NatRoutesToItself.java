package io.reachsim.lint;

import io.reachsim.model.NatGateway;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;

import java.util.List;

/**
 * {@code nat-routes-to-itself}: the route table of a NAT gateway's own subnet sends traffic back to that
 * NAT gateway. What the NAT gateway translates is routed by its subnet's table, so that traffic loops and
 * never leaves (the tracer drops it with {@code NGW_ROUTES_TO_ITSELF}).
 */
final class NatRoutesToItself extends Rule {
    NatRoutesToItself() {
        super("nat-routes-to-itself", "A NAT gateway sends what it translates by the route table of its own subnet; a route "
                + "there back to the NAT gateway is a loop, so a public NAT gateway belongs in a public subnet (default route to "
                + "the internet gateway).");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (NatGateway nat : f.network.natGateways()) {
            Subnet s = f.subnet(nat.subnet()).orElse(null);
            RouteTable rt = s == null ? null : f.routeTableOf(s).orElse(null);
            if (rt == null) continue;
            for (Route r : rt.routes()) {
                if (!(r.target() instanceof RouteTarget.NatGateway t) || !t.id().equals(nat.id())) continue;
                out.add(finding(Severity.ERROR, s.id(), "NAT gateway " + nat.id() + " sits in " + s.id() + ", whose route table "
                                + rt.id() + " sends " + r.destination() + " back to " + nat.id() + ": what it translates for "
                                + r.destination() + " loops and never leaves",
                        nat.connectivity() == NatGateway.Connectivity.PUBLIC
                                ? "move " + nat.id() + " to a public subnet, or route " + r.destination() + " in " + rt.id()
                                        + " to the VPC's internet gateway (and give " + s.id() + " a route table of its own if others share it)"
                                : "route " + r.destination() + " in " + rt.id() + " to where " + nat.id()
                                        + "'s traffic should go (a transit gateway or virtual private gateway), not to " + nat.id()));
            }
        }
    }
}
