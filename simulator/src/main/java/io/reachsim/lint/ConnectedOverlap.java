package io.reachsim.lint;

import io.reachsim.lint.Connectivity.Link;
import io.reachsim.lint.Connectivity.Site;
import io.reachsim.model.Cidr;

import java.util.List;

/**
 * {@code connected-overlap}: two directly connected address spaces (see {@link Connectivity}) with
 * overlapping CIDRs. Inside a VPC the local route for its own CIDR always wins, so the overlapping part
 * of the other side is unreachable from it. Between an external network and a VPC: ERROR when the
 * external block lies inside the VPC's (all of it is shadowed), WARNING when it contains the VPC's (a
 * summary route: the part inside the VPC is shadowed). Between VPCs: ERROR (peering refuses overlapping
 * CIDRs; a transit gateway cannot tell them apart).
 */
final class ConnectedOverlap extends Rule {
    ConnectedOverlap() {
        super("connected-overlap", "The guide strongly recommends non-overlapping IP ranges for connected networks: "
                + "where ranges overlap, the VPC's local route wins and the other side's addresses are unreachable.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        check(Connectivity.of(f.network), out, f);
    }

    void check(Connectivity graph, List<Finding> out) {
        check(graph, out, null);
    }

    /** True when VPC {@code vpc} has a private NAT gateway (how overlapping VPCs reach each other). */
    private static boolean privateNat(Facts f, String vpc) {
        if (f == null) return false;
        for (io.reachsim.model.NatGateway n : f.network.natGateways()) {
            if (n.connectivity() != io.reachsim.model.NatGateway.Connectivity.PRIVATE) continue;
            var s = f.network.subnet(n.subnet());
            if (s.isPresent() && vpc.equals(s.get().vpc())) return true;
        }
        return false;
    }

    void check(Connectivity graph, List<Finding> out, Facts f) {
        for (Link link : graph.links()) {
            Site a = graph.site(link.a()).orElseThrow();
            Site b = graph.site(link.b()).orElseThrow();
            if (a.kind() == Site.Kind.EXTERNAL && b.kind() == Site.Kind.VPC) {
                Site t = a;
                a = b;
                b = t;
            }
            for (Cidr ca : a.cidrs()) {
                for (Cidr cb : b.cidrs()) {
                    if (ca.version() != cb.version() || !ca.overlaps(cb)) continue;
                    if (b.kind() == Site.Kind.VPC && link.kind() == Link.Kind.TRANSIT_GATEWAY && privateNat(f, a.id()) && privateNat(f, b.id())) {
                        continue; // the EKS guide's pattern: overlapping non-routable ranges joined only through private NAT gateways
                    }
                    out.add(b.kind() == Site.Kind.EXTERNAL ? external(a, ca, b, cb, link) : vpcs(a, ca, b, cb, link));
                }
            }
        }
    }

    private Finding external(Site vpc, Cidr vpcCidr, Site ext, Cidr extCidr, Link link) {
        String behind = "external network " + ext.id() + " (" + extCidr + ", behind " + link.via() + ")";
        if (vpcCidr.contains(extCidr)) {
            return finding(Severity.ERROR, ext.id(), behind + " lies inside " + vpc.id() + "'s " + vpcCidr
                            + ": the local route wins, so nothing in " + vpc.id() + " can reach it",
                    "renumber " + ext.id() + " or " + vpc.id() + " so they do not overlap, or translate " + ext.id()
                            + " through a private NAT gateway");
        }
        return finding(Severity.WARNING, ext.id(), behind + " contains " + vpc.id() + "'s " + vpcCidr
                        + ": the part of " + ext.id() + " inside " + vpcCidr + " is unreachable from " + vpc.id()
                        + " (the local route wins)",
                "describe " + ext.id() + " by the ranges it really uses, none of them inside " + vpcCidr);
    }

    private Finding vpcs(Site a, Cidr ca, Site b, Cidr cb, Link link) {
        Site first = a.id().compareTo(b.id()) <= 0 ? a : b;
        Site second = first == a ? b : a;
        Cidr c1 = first == a ? ca : cb;
        Cidr c2 = first == a ? cb : ca;
        return finding(Severity.ERROR, first.id(), first.id() + " (" + c1 + ") and " + second.id() + " (" + c2
                        + ") overlap but are connected through " + link.via(),
                "renumber one of them, or join them through a private NAT gateway and a transit gateway");
    }
}
