package io.reachsim.load;

import io.reachsim.model.Cidr;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the {@code vpcPeerings} and {@code transitGateways} sections of a file's {@code network}. */
final class CrossVpcParser extends ParserBase {
    static final Set<String> PEERING = Format.VPC_PEERING.names();
    static final Set<String> TGW = Format.TRANSIT_GATEWAY.names();
    static final Set<String> TGW_ROUTE_TABLE = Format.TGW_ROUTE_TABLE.names();
    static final Set<String> TGW_ROUTE = Format.TGW_ROUTE.names();
    static final Set<String> TGW_ATTACHMENT = Format.TGW_ATTACHMENT.names();

    void peering(Node n, String label) {
        YMap m = map(n, "VPC peering connection", label, PEERING);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        net.vpcPeerings.add(new RawNetwork.Peering(id, m.at(), m.reqStr("requester"), m.reqStr("accepter")));
    }

    void transitGateway(Node n, String label) {
        YMap m = map(n, "transit gateway", label, TGW);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> region = m.str("region");
        List<RawNetwork.TgwRouteTable> tables = new ArrayList<>();
        List<Node> items = m.list("routeTables", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.TgwRouteTable t = tgwRouteTable(items.get(i), "route table #" + (i + 1) + " of " + m.label());
                if (t != null) tables.add(t);
            }
        }
        List<RawNetwork.TgwAttachment> attachments = new ArrayList<>();
        items = m.list("attachments", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.TgwAttachment a = tgwAttachment(items.get(i), "attachment #" + (i + 1) + " of " + m.label());
                if (a != null) attachments.add(a);
            }
        }
        net.transitGateways.add(new RawNetwork.Tgw(id, m.at(), region == null ? null : region.v(), fileRegion,
                account(m, "account"), tables, attachments, m.bool("securityGroupReferencing", false)));
    }

    RawNetwork.TgwRouteTable tgwRouteTable(Node n, String label) {
        YMap m = map(n, "transit gateway route table", label, TGW_ROUTE_TABLE);
        if (m == null) return null;
        Val<String> id = m.id();
        m.checkFields();
        List<RawNetwork.TgwRoute> routes = new ArrayList<>();
        List<Node> items = m.list("routes", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.TgwRoute r = tgwRoute(items.get(i), "route #" + (i + 1) + " of " + m.label());
                if (r != null) routes.add(r);
            }
        }
        return new RawNetwork.TgwRouteTable(id, m.at(), routes);
    }

    RawNetwork.TgwRoute tgwRoute(Node n, String label) {
        YMap m = map(n, "route", label, TGW_ROUTE);
        if (m == null) return null;
        m.checkFields();
        Val<Cidr> cidr = m.cidr("destination");
        Val<String> pl = m.str("destinationPrefixList");
        Val<String> attachment = m.str("attachment");
        Val<Boolean> blackhole = m.boolVal("blackhole");
        boolean bh = blackhole != null && blackhole.v();
        if (m.has("destination") == m.has("destinationPrefixList")) {
            m.error(m.has("destination") ? m.keyAt("destinationPrefixList") : m.at(), label
                    + (m.has("destination") ? " has both 'destination' and 'destinationPrefixList': expected one"
                    : " has no 'destination' (a CIDR) or 'destinationPrefixList' (a prefix list id)"));
            return null;
        }
        if (bh && m.has("attachment")) {
            m.error(m.keyAt("attachment"), label + " is a blackhole route and names an attachment: a blackhole route has none");
            return null;
        }
        if (!bh && !m.has("attachment")) {
            m.error(m.at(), label + " has no 'attachment' (the attachment it routes to; or write blackhole: true)");
            return null;
        }
        if ((cidr == null && pl == null) || (!bh && attachment == null)) return null;
        return new RawNetwork.TgwRoute(m.at(), cidr, pl, attachment, bh);
    }

    RawNetwork.TgwAttachment tgwAttachment(Node n, String label) {
        YMap m = map(n, "transit gateway attachment", label, TGW_ATTACHMENT);
        if (m == null) return null;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> t = m.choice("type", List.of("vpc", "vpn"));
        boolean vpn = t != null && t.v().equals("vpn");
        Val<String> vpc = null;
        List<Val<String>> subnets = List.of();
        List<Val<Cidr>> remote = List.of();
        if (vpn) {
            for (String k : List.of("vpc", "subnets", "applianceMode", "securityGroupReferencing", "ipv6Support")) {
                if (m.has(k)) m.error(m.keyAt(k), "'" + k + "' of " + m.label() + " applies to VPC attachments only (this is type: vpn)");
            }
            remote = orEmpty(m.cidrs("remoteCidrs"));
        } else {
            if (m.has("remoteCidrs")) {
                m.error(m.keyAt("remoteCidrs"), "'remoteCidrs' of " + m.label()
                        + " applies to VPN attachments only (write type: vpn; a VPC attachment propagates its VPC's CIDRs)");
            }
            vpc = m.reqStr("vpc");
            List<Val<String>> read = m.strings("subnets", false);
            requireNonEmpty(m, "subnets", read, "the subnets of the attachment, one per availability zone");
            subnets = orEmpty(read);
        }
        return new RawNetwork.TgwAttachment(id, m.at(), vpn, vpc, subnets, m.str("association"),
                orEmpty(m.strings("propagations", false)), m.bool("applianceMode", false), remote,
                m.bool("securityGroupReferencing", true), m.bool("ipv6Support", false));
    }

    CrossVpcParser(ParserBase p) {
        super(p.file, p.fileRegion, p.problems, p.net);
    }
}
