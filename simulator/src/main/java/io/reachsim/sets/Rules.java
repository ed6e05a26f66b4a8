package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.Detail;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Leg;

import java.util.ArrayList;
import java.util.List;

/** The rules and gateways that let a delivered flow through, as a short path: {@code igw-main → acl-web #100 → sg-web #1}. */
public final class Rules {
    private Rules() {}

    public static String admitting(FlowResult r) {
        if (r == null) return "";
        List<String> parts = new ArrayList<>();
        for (Hop h : r.hops()) {
            if (h.leg() != Leg.FORWARD || !h.passed()) continue;
            String part = switch (h.kind()) {
                case ACL_IN, ACL_OUT -> h.detail() instanceof Detail.AclCheck a && a.entry() != null
                        ? a.acl() + " #" + a.entry().ruleNumber() : null;
                case INTERFACE_EGRESS, INTERFACE_INGRESS -> h.detail() instanceof Detail.SecurityGroupCheck s
                        && s.matchedGroup() != null && !s.stateful() ? s.matchedGroup() + " #" + s.ruleIndex() : null;
                case INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPN_GATEWAY, VPC_PEERING,
                     TRANSIT_GATEWAY, VPC_ENDPOINT, EKS_API, LOAD_BALANCER, PRIVATELINK, LATTICE -> h.component();
                default -> null;
            };
            if (part != null && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(part))) parts.add(part);
        }
        return String.join(" → ", parts);
    }
}
