package io.reachsim.lint;

import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code tgw-attachment-az}: subnets that route to a transit gateway from an AZ where their VPC's attachment
 * has no subnet. AWS forwards such traffic nowhere (Reachability Analyzer: TGW_ROUTE_AZ_RESTRICTION).
 */
final class TgwAttachmentAz extends Rule {
    TgwAttachmentAz() {
        super("tgw-attachment-az", "AWS Transit Gateway Guide, Amazon VPC attachments: resources in Availability Zones where the "
                + "attachment has no subnet cannot reach the transit gateway; attach one subnet in every AZ that routes to it.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (TransitGateway t : f.network.transitGateways()) {
            for (TransitGateway.Attachment a : t.attachments()) {
                if (a.vpc() == null) continue;
                Set<String> covered = new TreeSet<>();
                for (String sid : a.subnets()) f.subnet(sid).map(Subnet::az).ifPresent(covered::add);
                Map<String, List<String>> missing = new LinkedHashMap<>();
                for (Subnet s : f.subnetsOf(a.vpc())) {
                    if (s.az() == null || covered.contains(s.az()) || !routesTo(f, s, t.id())) continue;
                    missing.computeIfAbsent(s.az(), k -> new ArrayList<>()).add(s.id());
                }
                missing.forEach((az, subnets) -> out.add(finding(Severity.ERROR, a.id(),
                        "subnets " + String.join(", ", subnets) + " in " + az + " route to " + t.id() + ", but attachment " + a.id()
                                + " has no subnet in " + az + " (it has " + (covered.isEmpty() ? "none" : String.join(", ", covered))
                                + "): their traffic never reaches the transit gateway",
                        "add a subnet of " + a.vpc() + " in " + az + " to " + a.id())));
            }
        }
    }

    private static boolean routesTo(Facts f, Subnet s, String tgw) {
        RouteTable rt = f.routeTableOf(s).orElse(null);
        if (rt == null) return false;
        for (Route r : rt.routes()) {
            if (r.target() instanceof RouteTarget.TransitGateway g && g.id().equals(tgw)) return true;
        }
        return false;
    }
}
