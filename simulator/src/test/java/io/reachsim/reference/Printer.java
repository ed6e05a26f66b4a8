package io.reachsim.reference;

import io.reachsim.model.AclEntry;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpnGateway;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;

import java.util.List;
import java.util.stream.Collectors;

/** Compact text for failure messages: a network in one line per object, a flow, a hop list. */
final class Printer {
    private Printer() {}

    static String network(Network n) {
        StringBuilder b = new StringBuilder();
        for (Vpc v : n.vpcs()) {
            b.append("vpc ").append(v.id()).append(' ').append(v.cidrs()).append(v.ipv6Cidrs().isEmpty() ? "" : " v6" + v.ipv6Cidrs())
                    .append(" main=").append(v.mainRouteTable()).append(" acl=").append(v.defaultNetworkAcl())
                    .append(" sg=").append(v.defaultSecurityGroup()).append('\n');
        }
        for (Subnet s : n.subnets()) {
            b.append("subnet ").append(s.id()).append(' ').append(s.vpc()).append(' ').append(s.az()).append(' ').append(s.cidr())
                    .append(s.ipv6Cidr() == null ? "" : " v6 " + s.ipv6Cidr())
                    .append(" rt=").append(n.routeTableOf(s).id()).append(" acl=").append(n.networkAclOf(s).id()).append('\n');
        }
        for (RouteTable t : n.routeTables()) {
            b.append("rt ").append(t.id()).append(' ').append(t.vpc()).append(t.main() ? " main" : "")
                    .append(t.propagatingVgws().isEmpty() ? "" : " propagates" + t.propagatingVgws()).append(": ")
                    .append(t.routes().stream().map(Printer::route).collect(Collectors.joining(", "))).append('\n');
        }
        n.internetGateways().forEach(g -> b.append("igw ").append(g.id()).append(' ').append(g.vpc()).append('\n'));
        n.egressOnlyInternetGateways().forEach(g -> b.append("eigw ").append(g.id()).append(' ').append(g.vpc()).append('\n'));
        for (NatGateway g : n.natGateways()) {
            b.append("nat ").append(g.id()).append(' ').append(g.subnet()).append(' ').append(g.connectivity().name().toLowerCase())
                    .append(' ').append(g.privateIp()).append(g.publicIp() == null ? "" : " pub " + g.publicIp()).append('\n');
        }
        for (VpnGateway g : n.vpnGateways()) {
            b.append("vgw ").append(g.id()).append(' ').append(g.vpc()).append(" remote").append(g.remoteCidrs()).append('\n');
        }
        for (NetworkAcl a : n.networkAcls()) {
            if (a.isDefault()) continue;
            b.append("acl ").append(a.id()).append(' ').append(a.vpc()).append(" in[").append(entries(a.ingress()))
                    .append("] out[").append(entries(a.egress())).append("]\n");
        }
        for (SecurityGroup g : n.securityGroups()) {
            b.append("sg ").append(g.id()).append(' ').append(g.vpc()).append(" in[").append(rules(g.ingress()))
                    .append("] out[").append(rules(g.egress())).append("]\n");
        }
        for (PrefixList p : n.prefixLists()) b.append("pl ").append(p.id()).append(' ').append(p.cidrs()).append('\n');
        for (NetworkInterface e : n.networkInterfaces()) {
            b.append(e.instance() != null ? "instance " : "eni ").append(e.id()).append(' ').append(e.subnet()).append(' ')
                    .append(e.privateIp() == null ? "-" : e.privateIp()).append(e.secondaryPrivateIps().isEmpty() ? "" : " +" + e.secondaryPrivateIps())
                    .append(e.ipv6Ip() == null ? "" : " v6 " + e.ipv6Ip()).append(e.publicIp() == null ? "" : " pub " + e.publicIp())
                    .append(" sgs").append(e.securityGroups()).append(e.sourceDestCheck() ? "" : " sdc=off").append('\n');
        }
        for (ExternalNetwork x : n.externals()) {
            b.append("external ").append(x.id()).append(' ').append(x.cidr() != null ? x.cidr() : x.ip())
                    .append(x.via() == null ? " (internet)" : " via " + x.via()).append('\n');
        }
        for (io.reachsim.model.VpcEndpoint e : n.vpcEndpoints()) {
            b.append("vpce ").append(e.id()).append(' ').append(e.vpc()).append(' ').append(e.type().name().toLowerCase())
                    .append(' ').append(e.service())
                    .append(e.type() == io.reachsim.model.VpcEndpoint.Type.GATEWAY ? " tables" + e.routeTables()
                            : " enis" + e.networkInterfaces() + " sgs" + e.securityGroups() + (e.privateDns() ? " privateDns" : ""))
                    .append('\n');
        }
        for (io.reachsim.model.EksCluster c : n.eksClusters()) {
            b.append("eks ").append(c.name()).append(' ').append(c.vpc()).append(" ipv").append(c.ipFamily())
                    .append(" public=").append(c.endpoint().publicAccess()).append(c.endpoint().publicAccessCidrs())
                    .append(" private=").append(c.endpoint().privateAccess()).append(" endpoint ").append(c.publicEndpointIp())
                    .append(" xenis").append(c.crossAccountInterfaces()).append('\n');
        }
        for (io.reachsim.model.Pod p : n.pods()) {
            b.append("pod ").append(p.id()).append(" node ").append(p.node()).append(p.snat() ? " snat" : " no-snat").append('\n');
        }
        for (io.reachsim.model.VpcPeering p : n.vpcPeerings()) {
            b.append("pcx ").append(p.id()).append(' ').append(p.requester()).append(" <-> ").append(p.accepter()).append('\n');
        }
        for (io.reachsim.model.TransitGateway t : n.transitGateways()) {
            b.append("tgw ").append(t.id()).append(t.securityGroupReferencing() ? " sg-referencing" : "").append('\n');
            for (io.reachsim.model.TransitGateway.RouteTable rt : t.routeTables()) {
                b.append("  tgw-rt ").append(rt.id()).append(": ").append(rt.routes().stream()
                        .map(r -> r.destination() + "->" + (r.blackhole() ? "blackhole" : r.attachment())).collect(Collectors.joining(", ")))
                        .append('\n');
            }
            for (io.reachsim.model.TransitGateway.Attachment a : t.attachments()) {
                b.append("  tgwa ").append(a.id()).append(' ').append(a.type() == io.reachsim.model.TransitGateway.Attachment.Type.VPN
                                ? "vpn remote" + a.remoteCidrs() : a.vpc() + " subnets" + a.subnets())
                        .append(" assoc=").append(a.association()).append(" propagates").append(a.propagations())
                        .append(a.applianceMode() ? " appliance-mode" : "").append('\n');
            }
        }
        return b.toString();
    }

    static String route(Route r) {
        return r.destination() + "->" + r.target().id();
    }

    static String entries(List<AclEntry> es) {
        return es.stream().map(e -> e.ruleNumber() + " " + e.action().name().toLowerCase() + " " + e.protocol()
                        + (e.ports() != null ? " " + e.ports() : "") + (e.icmpType() != -1 ? " type " + e.icmpType() : "")
                        + " " + e.cidr())
                .collect(Collectors.joining("; "));
    }

    static String rules(List<SgRule> rs) {
        return rs.stream().map(r -> r.protocol() + (r.ports() != null ? " " + r.ports() : "")
                        + (r.icmpType() != -1 ? " type " + r.icmpType() : "") + " " + r.peer())
                .collect(Collectors.joining("; "));
    }

    static String flow(Flow f) {
        return f.source().label() + " -> " + f.destination().label() + "  " + f.packet() + (f.roundTrip() ? "  (round trip)" : "  (one way)");
    }

    static String hops(List<Hop> hops) {
        StringBuilder b = new StringBuilder();
        for (Hop h : hops) {
            b.append("    ").append(h.leg() == io.reachsim.trace.Leg.FORWARD ? "F " : "R ")
                    .append(String.format("%-28s", h.kind())).append(String.format("%-22s", h.component()))
                    .append(String.format("%-12s", h.subnet() == null ? "" : h.subnet()))
                    .append(h.passed() ? "ok   " : "DROP ").append(detail(h.detail())).append("  | ").append(h.packet()).append('\n');
        }
        return b.toString();
    }

    static String detail(Detail d) {
        if (d == null) return "";
        if (d instanceof Detail.SecurityGroupCheck c) {
            return (c.stateful() ? "stateful" : c.matchedGroup() == null ? "no rule" : c.matchedGroup() + "#" + c.ruleIndex())
                    + " peer " + c.peer();
        }
        if (d instanceof Detail.AclCheck c) {
            return c.acl() + (c.entry() == null ? " *" : " #" + c.entry().ruleNumber()) + (c.allowed() ? " allow" : " deny")
                    + " peer " + c.peer();
        }
        if (d instanceof Detail.RouteLookup l) {
            return l.matched() == null ? "no route for " + l.destination()
                    : (l.prefixList() != null ? l.prefixList() + ":" : "") + l.matched() + "->" + l.target().id();
        }
        if (d instanceof Detail.Translation t) return (t.source() ? "src " : "dst ") + t.from() + "=>" + t.to();
        if (d instanceof Detail.AddressCheck a) return "address " + a.address();
        if (d instanceof Detail.Arrival a) return "arrived " + a.address();
        return d.toString();
    }

    static String result(FlowResult r) {
        return "  " + r.disposition() + (r.drop() == null ? "" : " " + r.drop().code() + " at " + r.drop().component()
                + " (" + r.drop().leg() + ")") + "\n" + hops(r.hops());
    }
}
