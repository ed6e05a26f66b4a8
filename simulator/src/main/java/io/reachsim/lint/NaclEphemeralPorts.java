package io.reachsim.lint;

import io.reachsim.model.AclEntry;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.Protocol;

import java.util.List;

/**
 * {@code nacl-ephemeral-ports} (DESIGN §5 "Ports"): a network ACL allows replies to only part of the
 * ephemeral range. Clients pick source ports differently (Linux 32768–60999, Windows and reachsim's
 * default 49152–65535, NAT gateways and ELB 1024–65535), so a partial range breaks some of them.
 */
final class NaclEphemeralPorts extends Rule {
    /** Ranges narrower than this are service ports, not an attempt at the ephemeral range. */
    private static final int MIN_EPHEMERAL_WIDTH = 1000;

    NaclEphemeralPorts() {
        super("nacl-ephemeral-ports", "Network ACLs are stateless: replies go to the client's ephemeral port, which "
                + "depends on its OS (and is 1024-65535 behind a NAT gateway or load balancer), so return rules should "
                + "allow 1024-65535.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (NetworkAcl acl : f.network.networkAcls()) {
            if (acl.isDefault()) continue;
            check(acl, acl.ingress(), "inbound", out);
            check(acl, acl.egress(), "outbound", out);
        }
    }

    private void check(NetworkAcl acl, List<AclEntry> entries, String direction, List<Finding> out) {
        for (AclEntry e : entries) {
            if (e.action() != AclEntry.Action.ALLOW || e.ports() == null) continue;
            if (e.protocol() != Protocol.TCP && e.protocol() != Protocol.UDP) continue;
            int from = e.ports().from(), to = e.ports().to();
            boolean ephemeralLooking = from >= 1024 && to - from + 1 >= MIN_EPHEMERAL_WIDTH;
            if (!ephemeralLooking || (from == 1024 && to == 65535)) continue;
            out.add(finding(Severity.WARNING, acl.id(),
                    acl.id() + " " + direction + " rule " + e.ruleNumber() + " allows " + e.protocol() + " " + from + "-" + to
                            + ": only part of the ephemeral range 1024-65535, so replies to clients using other ports are dropped",
                    "widen rule " + e.ruleNumber() + " of " + acl.id() + " to " + e.protocol() + " 1024-65535"));
        }
    }
}
