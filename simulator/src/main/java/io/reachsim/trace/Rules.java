package io.reachsim.trace;

import io.reachsim.compile.FAcl;
import io.reachsim.compile.FInterface;
import io.reachsim.compile.FLattice;
import io.reachsim.compile.FLoadBalancer;
import io.reachsim.compile.FPrivateLinkEndpoint;
import io.reachsim.compile.FNat;
import io.reachsim.compile.FPeering;
import io.reachsim.compile.FTransitGateway;
import io.reachsim.compile.FRoute;
import io.reachsim.compile.FRouteTable;
import io.reachsim.compile.FSgRule;
import io.reachsim.compile.FSubnet;
import io.reachsim.compile.FVpc;
import io.reachsim.compile.FVpnGateway;
import io.reachsim.compile.Fabric;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.Protocol;
import io.reachsim.model.RouteTarget;
import io.reachsim.trace.Detail.AclCheck;
import io.reachsim.trace.Detail.AddressCheck;
import io.reachsim.trace.Detail.Acceptance;
import io.reachsim.trace.Detail.Arrival;
import io.reachsim.trace.Detail.LatticeAccess;
import io.reachsim.trace.Detail.ListenerMatch;
import io.reachsim.trace.Detail.RouteLookup;
import io.reachsim.trace.Detail.SecurityGroupCheck;
import io.reachsim.trace.Detail.TgwAttachmentCross;
import io.reachsim.trace.Detail.TgwRouteLookup;
import io.reachsim.trace.Detail.Translation;

import java.util.ArrayList;
import java.util.List;

/** Rule matching of security groups and network ACLs (pure functions). */
final class Rules {
    private Rules() {}

    // ---- rule matching (pure functions) ----

    /** The first ACL entry that decides {@code p}, or null for the implicit deny. */
    static AclEntry firstAclMatch(AclEntry[] entries, Packet p, Ip peer) {
        for (AclEntry e : entries) {
            if (!e.cidr().contains(peer)) continue;
            if (e.protocol() == Protocol.ALL) return e;
            if (p.protocol() == Protocol.ALL) {
                // "Every protocol" is denied as soon as any protocol of it is; a partial allow decides nothing.
                if (e.action() == AclEntry.Action.DENY) return e;
                continue;
            }
            if (e.protocol() != p.protocol()) continue;
            if (p.protocol().hasPorts()) {
                if (e.ports() != null && !e.ports().contains(p.dstPort())) continue;
            } else if (p.protocol().isIcmp()) {
                if (e.icmpType() != -1 && e.icmpType() != p.icmpType()) continue;
                if (e.icmpCode() != -1 && e.icmpCode() != p.icmpCode()) continue;
            }
            return e;
        }
        return null;
    }

    /** The first rule of {@code h}'s groups that allows {@code p} in that direction, or null. */
    static FSgRule matchGroups(FInterface h, boolean inbound, Packet p, Ip peer, FInterface[] virtualHosts) {
        return matchGroups(h, inbound, p, peer, virtualHosts, null);
    }

    /**
     * As above; a rule referencing a group of {@code lbNode} (the load balancer node that forwarded the packet, or
     * null) matches too. AWS (NLB security groups): referencing the load balancer's group "ensures that your targets
     * accept traffic from your Network Load Balancer even if you enable client IP preservation".
     */
    static FSgRule matchGroups(FInterface h, boolean inbound, Packet p, Ip peer, FInterface[] virtualHosts, FInterface lbNode) {
        for (FSgRule r : h.rules.candidates(inbound, p.protocol())) {
            if (p.protocol().hasPorts() && (p.dstPort() < r.fromPort || p.dstPort() > r.toPort)) continue;
            if (p.protocol().isIcmp() && r.protocol != Protocol.ALL) {
                if (r.icmpType != -1 && r.icmpType != p.icmpType()) continue;
                if (r.icmpCode != -1 && r.icmpCode != p.icmpCode()) continue;
            }
            if (lbNode != null && r.cidrs == null && r.peerGroup >= 0 && (r.peerVpc() == null || r.peerVpc() == h.subnet.vpc)
                    && lbNode.hasGroup(r.peerGroup)) return r;
            if (peerMatches(r, h.subnet.vpc, peer, virtualHosts)) return r;
        }
        return null;
    }

    static boolean peerMatches(FSgRule r, FVpc vpc, Ip peer, FInterface[] virtualHosts) {
        if (r.cidrs != null) {
            for (Cidr c : r.cidrs) if (c.contains(peer)) return true;
            return false;
        }
        if (r.peerGroup < 0) return false;
        // A referenced group lives in the rule's VPC or (across a same-region peering) in the peer VPC.
        if (r.peerVpc() != null) vpc = r.peerVpc();
        if (r.peerGroup < 0 || virtualHosts == null) return false;
        FSubnet s = vpc.subnetAt(peer);
        if (s == null) return false;
        FInterface other = s.hostAt(peer);
        if (other != null) return other.hasGroup(r.peerGroup);
        // A flow endpoint with no interface is a host carrying the VPC default group.
        for (FInterface v : virtualHosts) {
            if (v != null && v.subnet == s && v.owns(peer)) return v.hasGroup(r.peerGroup);
        }
        return false;
    }

    static SecurityGroupCheck sgCheck(FInterface h, boolean ingress, Ip peer, FSgRule m, boolean stateful) {
        return new SecurityGroupCheck(h.groups, ingress, peer, m == null ? null : m.group, m == null ? 0 : m.ruleIndex,
                m == null ? null : m.rule, stateful);
    }
}
