package io.reachsim.load;

import io.reachsim.model.ResourceKind;
import io.reachsim.model.Cidr;
import io.reachsim.model.Origin;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.VpcPeering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cross-VPC part of {@link NetworkResolver}: VPC peering connections, transit gateways (route tables,
 * VPC and VPN attachments), the route targets and security-group references they allow, and the account
 * rules of shared VPCs (AWS RAM). Every rule here is one AWS enforces when the resource is created:
 * <ul>
 *   <li>peering: two different, existing VPCs whose IPv4 CIDRs do not overlap, at most one peering per
 *   pair (VPC peering basics, "VPC peering limitations"); a route to a pcx only from a route table of one of
 *   its two VPCs;</li>
 *   <li>transit gateway: VPC attachments name subnets of their VPC, at most one per availability zone, one
 *   attachment per VPC and gateway, in the gateway's region; associations and propagations name route tables
 *   of the same gateway; a route to a tgw only from a VPC attached to it ("Amazon VPC attachments in AWS
 *   Transit Gateway");</li>
 *   <li>security-group references to another VPC's group only across a peering within one region, or in
 *   inbound rules across a transit gateway whose securityGroupReferencing option is on (off by default in AWS)
 *   for the gateway and both attachments;</li>
 *   <li>shared subnets: an interface of another account than the subnet's owner needs the subnet shared
 *   with its account, and every interface uses only security groups of its own account ("Responsibilities
 *   and permissions for owners and participants").</li>
 * </ul>
 */
final class CrossVpcResolver {
    static final ResourceKind PCX = ResourceKind.VPC_PEERING;
    static final ResourceKind TGW = ResourceKind.TRANSIT_GATEWAY;
    static final ResourceKind TGW_RT = ResourceKind.TRANSIT_GATEWAY_ROUTE_TABLE;
    static final ResourceKind TGW_ATTACH = ResourceKind.TRANSIT_GATEWAY_ATTACHMENT;

    private final NetworkResolver r;
    private final Map<String, VpcPeering> peerings = new LinkedHashMap<>();
    /** tgw id → (VPC id → its attachment id). */
    private final Map<String, Map<String, String>> attachedVpcs = new HashMap<>();
    /** attachment id → its transit gateway id. */
    private final Map<String, String> attachmentTgw = new HashMap<>();
    /** VPC pairs (a + " " + b, both orders) whose groups may reference each other across a transit gateway. */
    private final java.util.Set<String> tgwReferencing = new java.util.HashSet<>();
    /** VPN attachment ids. */
    private final List<String> vpnAttachments = new ArrayList<>();
    /** Security group id → its account (written, else its VPC's), for shared-VPC checks. */
    private final Map<String, String> groupAccounts = new HashMap<>();

    CrossVpcResolver(NetworkResolver r) {
        this.r = r;
    }

    void registerIds() {
        for (RawNetwork.Peering p : r.raw.vpcPeerings) r.declare(p.id(), PCX, null);
        for (RawNetwork.Tgw t : r.raw.transitGateways) {
            r.declare(t.id(), TGW, null);
            for (RawNetwork.TgwRouteTable rt : t.routeTables()) r.declare(rt.id(), TGW_RT, null);
            for (RawNetwork.TgwAttachment a : t.attachments()) r.declare(a.id(), TGW_ATTACH, NetworkResolver.val(a.vpc()));
        }
    }

    static String account(Val<String> a) {
        return a == null ? null : a.v().trim();
    }

    // ---------------------------------------------------------------- peering

    void peerings() {
        Map<String, String> pairs = new HashMap<>();
        for (RawNetwork.Peering p : r.raw.vpcPeerings) {
            if (r.duplicate(p.id())) continue;
            String label = PCX + NetworkResolver.name(p.id());
            NetworkResolver.VpcInfo a = r.vpcOf(p.requester(), label);
            NetworkResolver.VpcInfo b = r.vpcOf(p.accepter(), label);
            if (p.id() == null || a == null || b == null) continue;
            if (a == b) {
                r.problems.add(p.accepter().at(), label + " peers VPC '" + a.id + "' with itself: a peering joins two different VPCs");
                continue;
            }
            String clash = overlap(a, b);
            if (clash != null) {
                // AWS: "You cannot create a VPC peering connection between VPCs that have matching or overlapping IPv4 CIDR blocks."
                r.problems.add(p.at(), label + " joins VPCs with overlapping CIDRs (" + clash + "): AWS refuses to create it"
                        + " (join overlapping networks through private NAT gateways and a transit gateway instead)");
                continue;
            }
            String key = a.id.compareTo(b.id) < 0 ? a.id + " " + b.id : b.id + " " + a.id;
            String first = pairs.putIfAbsent(key, p.id().v());
            if (first != null) {
                r.problems.add(p.at(), label + " joins VPCs '" + a.id + "' and '" + b.id + "', already joined by '" + first
                        + "': AWS allows one peering connection per pair of VPCs");
                continue;
            }
            VpcPeering pcx = new VpcPeering(p.id().v(), a.id, b.id);
            peerings.put(pcx.id(), pcx);
            r.out.add(pcx);
        }
    }

    private static String overlap(NetworkResolver.VpcInfo a, NetworkResolver.VpcInfo b) {
        for (Cidr x : a.v4) {
            for (Cidr y : b.v4) {
                if (x.overlaps(y)) return x + " of '" + a.id + "' and " + y + " of '" + b.id + "'";
            }
        }
        return null;
    }

    /** True when the two VPCs are joined by a peering connection. */
    boolean peered(String vpcA, String vpcB) {
        for (VpcPeering p : peerings.values()) {
            if (vpcB.equals(p.peerOf(vpcA))) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- transit gateways

    void transitGateways() {
        for (RawNetwork.Tgw t : r.raw.transitGateways) {
            if (r.duplicate(t.id()) || t.id() == null) continue;
            String tgw = t.id().v();
            String label = TGW + " '" + tgw + "'";
            String region = t.region() != null ? t.region() : t.fileRegion() != null ? t.fileRegion() : r.out.region();
            List<String> tables = new ArrayList<>();
            for (RawNetwork.TgwRouteTable rt : t.routeTables()) {
                if (rt.id() != null && !r.duplicate(rt.id())) tables.add(rt.id().v());
            }
            List<String> attachmentIds = new ArrayList<>();
            for (RawNetwork.TgwAttachment a : t.attachments()) {
                if (a.id() != null && !r.duplicate(a.id())) {
                    attachmentIds.add(a.id().v());
                    attachmentTgw.put(a.id().v(), tgw);
                }
            }
            Map<String, String> byVpc = attachedVpcs.computeIfAbsent(tgw, k -> new LinkedHashMap<>());
            List<TransitGateway.Attachment> attachments = new ArrayList<>();
            for (RawNetwork.TgwAttachment a : t.attachments()) {
                if (a.id() == null || r.duplicate(a.id())) continue;
                TransitGateway.Attachment built = attachment(a, tgw, region, tables, byVpc);
                if (built != null) attachments.add(built);
            }
            List<TransitGateway.RouteTable> builtTables = new ArrayList<>();
            for (RawNetwork.TgwRouteTable rt : t.routeTables()) {
                if (rt.id() == null || r.duplicate(rt.id())) continue;
                builtTables.add(routeTable(rt, tgw, attachmentIds));
            }
            r.out.add(new TransitGateway(tgw, region, account(t.account()), builtTables, attachments, t.securityGroupReferencing()));
            if (t.securityGroupReferencing()) {
                // AWS: the option must be on for the gateway and for both VPC attachments.
                for (TransitGateway.Attachment a : attachments) {
                    for (TransitGateway.Attachment b : attachments) {
                        if (a != b && a.vpc() != null && b.vpc() != null && a.securityGroupReferencing() && b.securityGroupReferencing()) {
                            tgwReferencing.add(a.vpc() + " " + b.vpc());
                        }
                    }
                }
            }
            if (t.routeTables().isEmpty() && !t.attachments().isEmpty()) {
                r.problems.add(t.at(), label + " has attachments but no 'routeTables': nothing can route through it");
            }
        }
    }

    private TransitGateway.Attachment attachment(RawNetwork.TgwAttachment a, String tgw, String region, List<String> tables,
                                                 Map<String, String> byVpc) {
        String id = a.id().v();
        String label = TGW_ATTACH + " '" + id + "' of " + TGW + " '" + tgw + "'";
        String association = a.association() == null ? null : tableOf(a.association(), "association", label, tgw, tables);
        List<String> propagations = new ArrayList<>();
        for (Val<String> p : a.propagations()) {
            String t = tableOf(p, "propagation", label, tgw, tables);
            if (t != null && !propagations.contains(t)) propagations.add(t);
        }
        if (a.vpn()) {
            vpnAttachments.add(id);
            return new TransitGateway.Attachment(id, TransitGateway.Attachment.Type.VPN, null, List.of(), association, propagations,
                    false, a.remoteCidrs().stream().map(Val::v).toList());
        }
        NetworkResolver.VpcInfo v = r.vpcOf(a.vpc(), label);
        if (v == null) return null;
        String vpcRegion = r.regionOf(v);
        if (!vpcRegion.equals(region)) {
            r.problems.add(a.vpc().at(), label + " attaches VPC '" + v.id + "' of region " + vpcRegion + " to a transit gateway of region "
                    + region + ": a transit gateway attaches VPCs of its own region (join regions with transit gateway peering)");
        }
        String other = byVpc.putIfAbsent(v.id, id);
        if (other != null) {
            r.problems.add(a.vpc().at(), label + " attaches VPC '" + v.id + "', already attached by '" + other
                    + "': AWS allows one VPC attachment per VPC and transit gateway");
            return null;
        }
        List<String> subnets = new ArrayList<>();
        Map<String, String> byAz = new HashMap<>();
        for (Val<String> s : a.subnets()) {
            String sid = r.sameVpc(s, NetworkResolver.SUBNET, "subnet", label, v);
            if (sid == null) continue;
            Subnet subnet = r.subnets.get(sid);
            String az = subnet == null ? null : zoneOf(subnet);
            if (az != null) {
                String first = byAz.putIfAbsent(az, sid);
                if (first != null) {
                    r.problems.add(s.at(), "subnets '" + first + "' and '" + sid + "' of " + label + " are both in " + az
                            + ": an attachment takes one subnet per availability zone");
                    continue;
                }
            }
            if (!subnets.contains(sid)) subnets.add(sid);
        }
        return new TransitGateway.Attachment(id, TransitGateway.Attachment.Type.VPC, v.id, subnets, association, propagations,
                a.applianceMode(), List.of(), a.securityGroupReferencing(), a.ipv6Support());
    }

    /** The zone a subnet is in, for "one subnet per AZ": its AZ id when given, else its AZ name. */
    static String zoneOf(Subnet s) {
        return s.azId() != null ? s.azId() : s.az();
    }

    private String tableOf(Val<String> ref, String field, String owner, String tgw, List<String> tables) {
        if (tables.contains(ref.v())) return ref.v();
        NetworkResolver.Decl d = r.ids.get(ref.v());
        String why = d == null ? "does not exist" : d.kind() == TGW_RT ? "is a route table of another transit gateway"
                : "is " + NetworkResolver.article(d.kind());
        r.problems.add(ref.at(), field + " '" + ref.v() + "' of " + owner + " " + why
                + Names.unknown(ref.v(), "route tables of " + tgw, tables));
        return null;
    }

    private TransitGateway.RouteTable routeTable(RawNetwork.TgwRouteTable rt, String tgw, List<String> attachments) {
        String label = TGW_RT + " '" + rt.id().v() + "'";
        List<TransitGateway.TgwRoute> routes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RawNetwork.TgwRoute route : rt.routes()) {
            Route.RouteDestination dest;
            Origin destAt;
            if (route.cidr() != null) {
                dest = new Route.RouteDestination.CidrDestination(route.cidr().v());
                destAt = route.cidr().at();
            } else {
                destAt = route.prefixList().at();
                NetworkResolver.Decl d = r.ids.get(route.prefixList().v());
                if (d == null || d.kind() != NetworkResolver.PREFIX_LIST) {
                    r.problems.add(destAt, "destination prefix list '" + route.prefixList().v() + "' of a route of " + label
                            + (d == null ? " does not exist" : " is " + NetworkResolver.article(d.kind()))
                            + Names.unknown(route.prefixList().v(), "prefix lists", r.known(NetworkResolver.PREFIX_LIST, null)));
                    continue;
                }
                dest = new Route.RouteDestination.PrefixListDestination(route.prefixList().v());
            }
            String attachment = null;
            if (!route.blackhole()) {
                String a = route.attachment().v();
                if (!attachments.contains(a)) {
                    NetworkResolver.Decl d = r.ids.get(a);
                    String why = d == null ? "does not exist" : d.kind() == TGW_ATTACH ? "is an attachment of another transit gateway"
                            : "is " + NetworkResolver.article(d.kind());
                    r.problems.add(route.attachment().at(), "attachment '" + a + "' of a route of " + label + " " + why
                            + Names.unknown(a, "attachments of " + tgw, attachments));
                    continue;
                }
                attachment = a;
            }
            Integer first = seen.putIfAbsent(dest.toString(), destAt.line());
            if (first != null) {
                r.problems.add(destAt, label + " has two routes to " + dest + " (first at line " + first + ")");
                continue;
            }
            routes.add(new TransitGateway.TgwRoute(dest, attachment, route.blackhole()));
        }
        return new TransitGateway.RouteTable(rt.id().v(), routes);
    }

    // ---------------------------------------------------------------- route targets, SG references, externals

    /** A VPC route to a pcx or tgw; null (error recorded) when the route's VPC cannot use it. */
    RouteTarget routeTarget(String id, ResourceKind kind, Val<String> t, String table, NetworkResolver.VpcInfo vpc) {
        if (kind == PCX) {
            VpcPeering p = peerings.get(id);
            if (p == null) return null; // the peering itself failed to resolve: its error is reported
            if (p.peerOf(vpc.id) == null) {
                r.problems.add(t.at(), "route target '" + id + "' in " + table + " is the peering of VPCs '" + p.requester() + "' and '"
                        + p.accepter() + "': VPC '" + vpc.id + "' is not part of it" + Names.unknown(id, "peering connections of " + vpc.id,
                        peerings.values().stream().filter(x -> x.peerOf(vpc.id) != null).map(VpcPeering::id).toList()));
                return null;
            }
            return new RouteTarget.VpcPeering(id);
        }
        if (kind == TGW) {
            Map<String, String> attached = attachedVpcs.getOrDefault(id, Map.of());
            if (!attached.containsKey(vpc.id)) {
                List<String> ours = new ArrayList<>();
                attachedVpcs.forEach((g, m) -> { if (m.containsKey(vpc.id)) ours.add(g); });
                r.problems.add(t.at(), "route target '" + id + "' in " + table + " is a transit gateway VPC '" + vpc.id
                        + "' has no attachment to (add an attachment of VPC '" + vpc.id + "' to '" + id + "')"
                        + Names.unknown(id, "transit gateways attached to " + vpc.id, ours));
                return null;
            }
            return new RouteTarget.TransitGateway(id);
        }
        if (kind == TGW_ATTACH || kind == TGW_RT) {
            String g = attachmentTgw.get(id);
            r.problems.add(t.at(), "route target '" + id + "' in " + table + " is " + NetworkResolver.article(kind)
                    + ": a VPC route targets the transit gateway itself" + (g == null ? "" : " ('" + g + "')"));
            return null;
        }
        return null;
    }

    /**
     * Null when a rule of a group in {@code vpc} may reference a group of {@code groupVpc}; else why not.
     * {@code inbound}: an ingress rule (transit gateway referencing covers inbound rules only).
     */
    String groupReferenceProblem(NetworkResolver.VpcInfo vpc, String groupVpc, boolean inbound) {
        NetworkResolver.VpcInfo other = r.vpcs.get(groupVpc);
        if (other == null) return null;
        boolean viaTgw = tgwReferencing.contains(vpc.id + " " + other.id);
        if (viaTgw && inbound) return null;
        if (!peered(vpc.id, other.id)) {
            if (viaTgw) {
                return ": across a transit gateway only inbound rules may reference another VPC's group (AWS: outbound"
                        + " security-group referencing over a transit gateway is not supported)";
            }
            return "; a rule may reference another VPC's group only across a VPC peering connection, or across a transit gateway"
                    + " attaching both with securityGroupReferencing: true (off by default in AWS); else use the other VPC's CIDRs";
        }
        String ra = r.regionOf(vpc);
        String rb = r.regionOf(other);
        if (!ra.equals(rb)) {
            return ": VPCs '" + vpc.id + "' (" + ra + ") and '" + other.id + "' (" + rb + ") are peered across regions, and"
                    + " inter-region peering does not carry security-group references (use the peer VPC's CIDRs)";
        }
        return null;
    }

    /** Accepts a VPN attachment of a transit gateway as the {@code via} of an external network. */
    boolean isVpnAttachment(String id) {
        return vpnAttachments.contains(id);
    }

    List<String> vpnAttachmentIds() {
        return vpnAttachments;
    }

    // ---------------------------------------------------------------- shared VPCs (accounts)

    void groupAccount(String group, String account) {
        groupAccounts.put(group, account);
    }

    /**
     * The account rules of a shared subnet for one interface: {@code account} (null: the subnet owner's)
     * must be the owner's or one the subnet is shared with, and every group must be of the same account.
     */
    String interfaceAccount(Val<String> written, Origin at, String label, Subnet subnet, List<String> groups) {
        if (subnet == null) return account(written);
        NetworkResolver.VpcInfo v = r.vpcs.get(subnet.vpc());
        String owner = subnet.owner() != null ? subnet.owner() : v == null ? null : v.account();
        String account = written != null ? account(written) : owner;
        if (written != null && !Objects.equals(account, owner) && !subnet.sharedWith().contains(account)) {
            r.problems.add(written.at(), label + " belongs to account " + account + ", but subnet '" + subnet.id() + "' is owned by "
                    + (owner == null ? "the VPC's account" : "account " + owner) + " and not shared with it (sharedWith: "
                    + Names.list(subnet.sharedWith()) + ")");
            return account;
        }
        for (String g : groups) {
            String ga = groupAccounts.get(g);
            if (!Objects.equals(ga, account)) {
                // AWS shared VPCs: participants launch only with their own groups, not the owner's (the VPC default
                // group included) nor another participant's; the owner not with a participant's.
                boolean isDefault = v != null && g.equals(v.defaultSg);
                r.problems.add(written != null ? written.at() : at, label + " (account " + (account == null ? "of the VPC" : account)
                        + ") uses security group '" + g + "' of account " + (ga == null ? "of the VPC" : ga)
                        + ": in a shared subnet an interface only uses security groups of its own account"
                        + (isDefault ? " (the VPC's default group is the owner's: give the interface a group of account " + account + ")" : ""));
            }
        }
        return account;
    }
}
