package io.reachsim.load;

import io.reachsim.model.ResourceKind;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpnGateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link RawNetwork} into a {@link Network}: resolves every reference to an item of the right
 * kind (and VPC), checks addresses against their subnets and each other, and materialises AWS's implicit
 * objects (DESIGN §5 "Defaults and rules"): each VPC's default security group and network ACL, the
 * implicit main route table, instances' primary network interfaces, and — through
 * {@link VpcEndpointResolver} and {@link EksResolver} — gateway endpoint routes, interface endpoint
 * interfaces, and what EKS creates (cluster security groups, X-ENIs, nodes, pods).
 *
 * <p>It always builds a network, leaving out what could not be resolved, so that expectations can still
 * be checked against it and every error of a file is reported in one run; callers use the network only
 * when no error was recorded.
 */
final class NetworkResolver extends ImportedBase {

    private final VpcEndpointResolver endpoints = new VpcEndpointResolver(this);
    private final EksResolver eks = new EksResolver(this);
    private final CrossVpcResolver crossVpc = new CrossVpcResolver(this);
    final ServicesResolver services = new ServicesResolver(this);

    private NetworkResolver(RawNetwork raw, Network base, Map<String, Origin> baseOrigins, String region, Problems problems) {
        super(raw, base, baseOrigins, region, problems);
    }

    static Network resolve(RawNetwork raw, String region, Problems problems) {
        return new NetworkResolver(raw, null, Map.of(), region, problems).run();
    }

    /**
     * Resolves {@code raw} on top of {@code base} (a snapshot's network, already complete): written items
     * may refer to its ids, and an id written again is a duplicate.
     */
    static Network resolve(RawNetwork raw, Network base, Map<String, Origin> baseOrigins, String region, Problems problems) {
        return new NetworkResolver(raw, base, baseOrigins, region, problems).run();
    }

    private Network run() {
        out.region(region);
        seed();
        collectWritten();
        registerIds();
        vpcs();
        prefixLists();
        gateways();
        subnets();
        crossVpc.peerings();
        crossVpc.transitGateways();
        endpoints.gatewayEndpoints();
        routeTables();
        natGateways();
        networkAcls();
        securityGroups();
        interfaces();
        // What AWS creates for EKS and interface endpoints comes after every written address is known.
        eks.materialise();
        services.loadBalancers();
        endpoints.interfaceEndpoints();
        endpoints.addRecords();
        services.endpointServicesAndLattice();
        externals();
        vpcRecords();
        return out.build();
    }

    // ---------------------------------------------------------------- ids

    private void registerIds() {
        services.implicitPrefixList();
        raw.vpcs.forEach(x -> declare(x.id(), VPC, null));
        raw.subnets.forEach(x -> declare(x.id(), SUBNET, val(x.vpc())));
        raw.routeTables.forEach(x -> declare(x.id(), ROUTE_TABLE, val(x.vpc())));
        raw.internetGateways.forEach(x -> declare(x.id(), IGW, val(x.vpc())));
        raw.egressOnlyInternetGateways.forEach(x -> declare(x.id(), EIGW, val(x.vpc())));
        raw.natGateways.forEach(x -> declare(x.id(), NAT, subnetVpc(x.subnet())));
        raw.vpnGateways.forEach(x -> declare(x.id(), VGW, val(x.vpc())));
        raw.networkAcls.forEach(x -> declare(x.id(), ACL, val(x.vpc())));
        raw.securityGroups.forEach(x -> declare(x.id(), SG, val(x.vpc())));
        raw.prefixLists.forEach(x -> declare(x.id(), PREFIX_LIST, null));
        for (RawNetwork.Instance i : raw.instances) {
            declare(i.id(), INSTANCE, subnetVpc(i.primary().subnet()));
            i.secondary().forEach(e -> declare(e.id(), ENI, subnetVpc(e.subnet() != null ? e.subnet() : i.primary().subnet())));
        }
        raw.networkInterfaces.forEach(x -> declare(x.id(), ENI, subnetVpc(x.subnet())));
        raw.externals.forEach(x -> declare(x.id(), EXTERNAL, null));
        raw.vpcEndpoints.forEach(x -> declare(x.id(), VPCE, val(x.vpc())));
        eks.registerIds();
        crossVpc.registerIds();
        services.registerIds();
    }

    // ---------------------------------------------------------------- VPCs

    private void vpcs() {
        Map<String, List<RawNetwork.RouteTable>> mains = new LinkedHashMap<>();
        for (RawNetwork.RouteTable rt : raw.routeTables) {
            if (rt.id() != null && !duplicate(rt.id()) && rt.vpc() != null && rt.main() != null && rt.main().v()) {
                mains.computeIfAbsent(rt.vpc().v(), k -> new ArrayList<>()).add(rt);
            }
        }
        Map<String, String> defaultSgOwner = new HashMap<>();
        Map<String, String> defaultAclOwner = new HashMap<>();
        for (RawNetwork.Vpc v : raw.vpcs) {
            if (v.id() == null || duplicate(v.id())) continue;
            VpcInfo info = new VpcInfo();
            info.raw = v;
            info.id = v.id().v();
            String label = "VPC '" + info.id + "'";
            if (v.cidr() != null) info.v4.add(v.cidr().v());
            for (Val<Cidr> c : v.secondaryCidrs()) {
                Cidr clash = info.v4.stream().filter(x -> x.overlaps(c.v())).findFirst().orElse(null);
                if (clash != null) {
                    problems.add(c.at(), "secondary CIDR " + c.v() + " of " + label + " overlaps its CIDR " + clash);
                } else {
                    info.v4.add(c.v());
                }
            }
            if (v.ipv6Cidr() != null) info.v6.add(v.ipv6Cidr().v());

            info.defaultSg = implicitOrNamed(v.defaultSecurityGroup(), info.id + "-default", SG, info, "default security group",
                    "defaultSecurityGroup", defaultSgOwner);
            info.implicitSg = !isDeclared(info.defaultSg, SG);
            info.defaultAcl = implicitOrNamed(v.defaultNetworkAcl(), info.id + "-default-acl", ACL, info, "default network ACL",
                    "defaultNetworkAcl", defaultAclOwner);
            info.implicitAcl = !isDeclared(info.defaultAcl, ACL);

            List<RawNetwork.RouteTable> m = mains.getOrDefault(info.id, List.of());
            if (m.isEmpty()) {
                // AWS: every VPC has a main route table; with none written it holds only the local routes.
                String implicit = info.id + "-main";
                Decl taken = ids.get(implicit);
                if (taken != null) {
                    problems.add(v.id().at(), label + " has no route table with main: true, and the id of its implicit main route table '"
                            + implicit + "' is already the id of the " + taken.kind() + " at " + taken.at()
                            + " (mark one route table main: true)");
                } else {
                    ids.put(implicit, new Decl(ROUTE_TABLE, v.id().at(), info.id));
                    info.implicitMain = true;
                }
                info.mainRouteTable = implicit;
            } else {
                info.mainRouteTable = m.get(0).id().v();
                for (RawNetwork.RouteTable extra : m.subList(1, m.size())) {
                    problems.add(extra.main().at(), label + " has more than one main route table: '" + m.get(0).id().v()
                            + "' (line " + m.get(0).main().at().line() + ") and '" + extra.id().v() + "'");
                }
            }
            vpcs.put(info.id, info);
        }
    }

    /**
     * The id of a VPC's default security group / network ACL: as named by the VPC, else the implicit
     * {@code <vpc>-default[-acl]}. A declared item with that id must be of the right kind and VPC.
     */
    private String implicitOrNamed(Val<String> named, String implicit, ResourceKind kind, VpcInfo vpc, String what, String field,
                                   Map<String, String> owners) {
        String id = named != null ? named.v() : implicit;
        Origin at = named != null ? named.at() : vpc.raw.id().at();
        String label = "VPC '" + vpc.id + "'";
        String other = owners.putIfAbsent(id, vpc.id);
        if (other != null) {
            problems.add(at, "'" + id + "' is already the " + what + " of VPC '" + other + "': each VPC has its own");
            return id;
        }
        Decl d = ids.get(id);
        if (d == null) {
            ids.put(id, new Decl(kind, at, vpc.id));
        } else if (d.kind() != kind) {
            problems.add(at, "the " + what + " of " + label + " is '" + id + "', but that is already the id of the " + d.kind()
                    + " at " + d.at() + (named == null ? " (name another with '" + field + "')" : ""));
        } else if (d.vpc() != null && !d.vpc().equals(vpc.id)) {
            problems.add(d.at(), kind + " '" + id + "' is the " + what + " of " + label + " but is written with vpc '"
                    + d.vpc() + "'");
        }
        return id;
    }

    // ---------------------------------------------------------------- gateways, prefix lists

    private void prefixLists() {
        for (RawNetwork.PrefixList p : raw.prefixLists) {
            if (duplicate(p.id())) continue;
            if (p.id() == null) continue;
            PrefixList pl = new PrefixList(p.id().v(), p.name() == null ? p.id().v() : p.name(),
                    p.cidrs().stream().map(Val::v).toList());
            prefixLists.put(pl.id(), pl);
            out.add(pl);
        }
    }

    private void gateways() {
        for (RawNetwork.Gateway g : raw.internetGateways) {
            if (duplicate(g.id())) continue;
            VpcInfo v = vpcOf(g.vpc(), "internet gateway" + name(g.id()));
            if (g.id() == null || v == null) continue;
            // AWS: a VPC has at most one internet gateway attached.
            if (v.igw != null) {
                problems.add(g.vpc().at(), "VPC '" + v.id + "' already has internet gateway '" + v.igw
                        + "': a VPC has at most one, so '" + g.id().v() + "' cannot be attached too");
                continue;
            }
            v.igw = g.id().v();
            out.add(new InternetGateway(g.id().v(), v.id));
        }
        for (RawNetwork.Gateway g : raw.egressOnlyInternetGateways) {
            if (duplicate(g.id())) continue;
            VpcInfo v = vpcOf(g.vpc(), "egress-only internet gateway" + name(g.id()));
            if (g.id() == null || v == null) continue;
            out.add(new EgressOnlyInternetGateway(g.id().v(), v.id));
        }
        for (RawNetwork.Vgw g : raw.vpnGateways) {
            if (duplicate(g.id())) continue;
            VpcInfo v = vpcOf(g.vpc(), "VPN gateway" + name(g.id()));
            if (g.id() == null || v == null) continue;
            // AWS: one virtual private gateway per VPC.
            if (v.vgw != null) {
                problems.add(g.vpc().at(), "VPC '" + v.id + "' already has VPN gateway '" + v.vgw
                        + "': a VPC has at most one, so '" + g.id().v() + "' cannot be attached too");
                continue;
            }
            v.vgw = g.id().v();
            out.add(new VpnGateway(g.id().v(), v.id, g.remoteCidrs().stream().map(Val::v).toList()));
        }
    }

    // ---------------------------------------------------------------- subnets

    private void subnets() {
        Map<String, List<Subnet>> byVpc = new HashMap<>();
        Map<String, Origin> cidrAt = new HashMap<>();
        for (RawNetwork.Subnet s : raw.subnets) {
            if (duplicate(s.id())) continue;
            String label = "subnet" + name(s.id());
            VpcInfo v = vpcOf(s.vpc(), label);
            if (s.id() == null) continue;
            Cidr cidr = s.cidr() == null ? null : s.cidr().v();
            Cidr v6 = s.ipv6Cidr() == null ? null : s.ipv6Cidr().v();
            if (v == null) {
                Subnet orphan = new Subnet(s.id().v(), null, s.az(), cidr, v6, null, null, s.tags(), s.azId(),
                        CrossVpcResolver.account(s.owner()), s.sharedWith().stream().map(Val::v).toList());
                subnets.put(orphan.id(), orphan);
                out.add(orphan);
                continue;
            }
            if (cidr != null && v.v4.stream().noneMatch(c -> c.contains(s.cidr().v()))) {
                problems.add(s.cidr().at(), "CIDR " + cidr + " of " + label + " is outside the CIDRs of VPC '" + v.id + "' ("
                        + join(v.v4) + ")");
            }
            if (v6 != null) {
                if (v.v6.isEmpty()) {
                    problems.add(s.ipv6Cidr().at(), label + " has an ipv6Cidr but VPC '" + v.id + "' has no ipv6Cidr");
                } else if (v.v6.stream().noneMatch(c -> c.contains(s.ipv6Cidr().v()))) {
                    problems.add(s.ipv6Cidr().at(), "IPv6 CIDR " + v6 + " of " + label + " is outside the IPv6 CIDR of VPC '" + v.id
                            + "' (" + join(v.v6) + ")");
                }
            }
            for (Subnet o : byVpc.getOrDefault(v.id, List.of())) {
                if (cidr != null && o.cidr() != null && cidr.overlaps(o.cidr())) {
                    problems.add(s.cidr().at(), "CIDR " + cidr + " of " + label + " overlaps subnet '" + o.id() + "' ("
                            + o.cidr() + ", " + cidrAt.get(o.id() + "/4") + ")");
                }
                if (v6 != null && o.ipv6Cidr() != null && v6.overlaps(o.ipv6Cidr())) {
                    problems.add(s.ipv6Cidr().at(), "IPv6 CIDR " + v6 + " of " + label + " overlaps subnet '" + o.id() + "' ("
                            + o.ipv6Cidr() + ", " + cidrAt.get(o.id() + "/6") + ")");
                }
            }
            String rt = sameVpc(s.routeTable(), ROUTE_TABLE, "route table", label, v);
            String acl = sameVpc(s.networkAcl(), ACL, "network ACL", label, v);
            String owner = CrossVpcResolver.account(s.owner());
            String vpcAccount = v.account();
            if (owner != null && vpcAccount != null && !owner.equals(vpcAccount)) {
                // AWS RAM: a shared subnet stays owned by its VPC's owner; participants only use it.
                problems.add(s.owner().at(), "owner " + owner + " of " + label + " is not the account of VPC '" + v.id + "' (" + vpcAccount
                        + "): a subnet belongs to its VPC's owner (list other accounts in 'sharedWith')");
            }
            Subnet subnet = new Subnet(s.id().v(), v.id, s.az(), cidr, v6, rt, acl, s.tags(), s.azId(),
                    owner != null ? owner : vpcAccount, s.sharedWith().stream().map(v2 -> v2.v().trim()).distinct().toList());
            subnets.put(subnet.id(), subnet);
            byVpc.computeIfAbsent(v.id, k -> new ArrayList<>()).add(subnet);
            if (s.cidr() != null) cidrAt.put(subnet.id() + "/4", s.cidr().at());
            if (s.ipv6Cidr() != null) cidrAt.put(subnet.id() + "/6", s.ipv6Cidr().at());
            out.add(subnet);
        }
    }

    // ---------------------------------------------------------------- route tables

    private void routeTables() {
        for (RawNetwork.RouteTable rt : raw.routeTables) {
            if (duplicate(rt.id())) continue;
            String label = "route table" + name(rt.id());
            VpcInfo v = vpcOf(rt.vpc(), label);
            if (rt.id() == null || v == null) continue;
            List<Route> routes = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            Map<String, Origin> targetAt = new HashMap<>();
            for (RawNetwork.Route r : rt.routes()) {
                Route route = route(r, rt.id().v(), label, v);
                if (route == null) continue;
                String key = route.destination().toString();
                Origin destAt = r.cidr() != null ? r.cidr().at() : r.prefixList().at();
                Integer first = seen.putIfAbsent(key, destAt.line());
                if (first != null) {
                    problems.add(destAt, label + " has two routes to " + key + " (first at line " + first + ")");
                    continue;
                }
                routes.add(route);
                targetAt.put(key, r.target().at());
            }
            endpoints.addRoutes(rt.id().v(), label, routes, targetAt);
            List<String> vgws = new ArrayList<>();
            for (Val<String> g : rt.propagatingVgws()) {
                String id = sameVpc(g, VGW, "propagating VPN gateway", label, v);
                if (id != null && !vgws.contains(id)) vgws.add(id);
            }
            out.add(new RouteTable(rt.id().v(), v.id, v.mainRouteTable.equals(rt.id().v()), routes, vgws));
        }
        for (VpcInfo v : vpcs.values()) {
            if (v.implicitMain) {
                List<Route> routes = new ArrayList<>();
                endpoints.addRoutes(v.mainRouteTable, "route table '" + v.mainRouteTable + "'", routes, new HashMap<>());
                out.add(new RouteTable(v.mainRouteTable, v.id, true, routes, List.of()));
            }
        }
    }

    private Route route(RawNetwork.Route r, String tableId, String table, VpcInfo vpc) {
        Route.RouteDestination dest;
        List<Cidr> destCidrs;
        Origin destAt;
        if (r.cidr() != null) {
            Cidr c = r.cidr().v();
            destAt = r.cidr().at();
            if (vpc.v4.contains(c) || vpc.v6.contains(c)) {
                problems.add(destAt, "the route to " + c + " in " + table + " repeats the local route of VPC '" + vpc.id
                        + "' (local routes are implicit; replacing them is not modelled)");
                return null;
            }
            dest = new Route.RouteDestination.CidrDestination(c);
            destCidrs = List.of(c);
        } else {
            destAt = r.prefixList().at();
            String pl = ref(r.prefixList(), PREFIX_LIST, "destination prefix list", "a route of " + table);
            if (pl == null) return null;
            dest = new Route.RouteDestination.PrefixListDestination(pl);
            destCidrs = prefixLists.containsKey(pl) ? prefixLists.get(pl).cidrs() : List.of();
        }
        RouteTarget target = target(r.target(), table, vpc);
        if (target == null) return null;
        if (target instanceof RouteTarget.VpcEndpoint e && !endpoints.handWrittenRouteFits(e.id(), dest, tableId, table, r.target().at())) {
            return null;
        }
        // AWS: an egress-only internet gateway carries IPv6 only; NAT and virtual private gateways IPv4 only.
        int wrong = target instanceof RouteTarget.EgressOnlyInternetGateway ? 4
                : target instanceof RouteTarget.NatGateway || target instanceof RouteTarget.VpnGateway ? 6 : 0;
        for (Cidr c : destCidrs) {
            // AWS (NAT64): a NAT gateway translates IPv6 to IPv4 for destinations inside 64:ff9b::/96 (DNS64 subnets).
            if (target instanceof RouteTarget.NatGateway && Cidr.NAT64.contains(c)) continue;
            if (c.version() == wrong) {
                String carries = wrong == 4 ? "IPv6 only" : target instanceof RouteTarget.NatGateway
                        ? "IPv4 only, and IPv6 only for NAT64 destinations inside 64:ff9b::/96" : "IPv4 only";
                String hint = target instanceof RouteTarget.NatGateway ? " (IPv6 leaves through an egress-only internet gateway)"
                        : target instanceof RouteTarget.EgressOnlyInternetGateway ? " (IPv4 leaves through a NAT or internet gateway)" : "";
                String destText = r.cidr() != null ? c.toString() : c + " (in prefix list " + dest + ")";
                problems.add(r.target().at(), "the route to " + destText + " in " + table + " targets " + article(kindOf(target))
                        + " '" + target.id() + "', which carries " + carries + hint);
                return null;
            }
        }
        return new Route(dest, target);
    }

    private static String kindOf(RouteTarget t) {
        if (t instanceof RouteTarget.EgressOnlyInternetGateway) return EIGW.label();
        if (t instanceof RouteTarget.NatGateway) return NAT.label();
        if (t instanceof RouteTarget.VpnGateway) return VGW.label();
        if (t instanceof RouteTarget.InternetGateway) return IGW.label();
        if (t instanceof RouteTarget.NetworkInterface) return ENI.label();
        if (t instanceof RouteTarget.Instance) return INSTANCE.label();
        if (t instanceof RouteTarget.VpcEndpoint) return "gateway " + VPCE;
        if (t instanceof RouteTarget.VpcPeering) return CrossVpcResolver.PCX.label();
        if (t instanceof RouteTarget.TransitGateway) return CrossVpcResolver.TGW.label();
        return t.id();
    }

    private RouteTarget target(Val<String> t, String table, VpcInfo vpc) {
        String id = t.v().trim();
        if (id.equals("blackhole")) return new RouteTarget.Blackhole();
        if (id.equals("local")) {
            problems.add(t.at(), "route target 'local' in " + table + ": local routes are implicit (one per VPC CIDR); remove this route");
            return null;
        }
        Decl d = ids.get(id);
        // The gateway list scans every declared id: build it only on the error paths (linear load).
        java.util.function.Supplier<List<String>> gateways = () -> {
            List<String> g = new ArrayList<>();
            for (ResourceKind k : List.of(IGW, EIGW, NAT, VGW)) g.addAll(known(k, vpc.id));
            g.addAll(endpoints.gatewayIds(vpc.id));
            return g;
        };
        if (d == null) {
            List<String> candidates = new ArrayList<>(gateways.get());
            candidates.addAll(known(ENI, null));
            candidates.addAll(known(INSTANCE, null));
            candidates.addAll(known(CrossVpcResolver.PCX, null));
            candidates.addAll(known(CrossVpcResolver.TGW, null));
            problems.add(t.at(), "route target '" + id + "' does not exist" + Names.didYouMean(id, candidates)
                    + " (known gateways in " + vpc.id + ": " + Names.list(gateways.get()) + ")");
            return null;
        }
        if (d.kind() == CrossVpcResolver.PCX || d.kind() == CrossVpcResolver.TGW
                || d.kind() == CrossVpcResolver.TGW_ATTACH || d.kind() == CrossVpcResolver.TGW_RT) {
            return crossVpc.routeTarget(id, d.kind(), t, table, vpc);
        }
        RouteTarget target = switch (d.kind()) {
            case INTERNET_GATEWAY -> new RouteTarget.InternetGateway(id);
            case EGRESS_ONLY_INTERNET_GATEWAY -> new RouteTarget.EgressOnlyInternetGateway(id);
            case NAT_GATEWAY -> new RouteTarget.NatGateway(id);
            case VPN_GATEWAY -> new RouteTarget.VpnGateway(id);
            case INSTANCE -> new RouteTarget.Instance(id);
            case NETWORK_INTERFACE -> new RouteTarget.NetworkInterface(id);
            case VPC_ENDPOINT -> endpoints.routeTarget(id, t.at(), table);
            default -> null;
        };
        if (target == null && d.kind() == VPCE) return null;
        if (target == null) {
            problems.add(t.at(), "route target '" + id + "' in " + table + " is " + article(d.kind())
                    + "; expected an internet, egress-only internet, NAT or VPN gateway, a gateway VPC endpoint, a network interface,"
                    + " an instance or 'blackhole'"
                    + " (known gateways in " + vpc.id + ": " + Names.list(gateways.get()) + ")");
            return null;
        }
        String targetVpc = d.vpc();
        if (targetVpc != null && !targetVpc.equals(vpc.id)) {
            problems.add(t.at(), "route target '" + id + "' in " + table + " belongs to VPC '" + targetVpc + "', not to VPC '"
                    + vpc.id + "' (known gateways in " + vpc.id + ": " + Names.list(gateways.get()) + ")");
            return null;
        }
        return target;
    }

    // ---------------------------------------------------------------- NAT gateways

    private void natGateways() {
        for (RawNetwork.Nat n : raw.natGateways) {
            if (duplicate(n.id())) continue;
            String label = "NAT gateway" + name(n.id());
            String subnetId = ref(n.subnet(), SUBNET, "subnet", label);
            Subnet subnet = subnetId == null ? null : subnets.get(subnetId);
            if (n.id() == null) continue;
            Ip priv = n.privateIp() == null ? assign(subnet, label, n.at()) : val2(n.privateIp());
            hostAddress(n.privateIp(), subnet, label, "private IP");
            List<Ip> secondary = new ArrayList<>();
            for (Val<Ip> ip : n.secondaryPrivateIps()) {
                if (hostAddress(ip, subnet, label, "secondary private IP")) secondary.add(ip.v());
            }
            publicAddress(n.publicIp(), label);
            out.add(new NatGateway(n.id().v(), subnetId, n.connectivity().v(), priv, val2(n.publicIp()), secondary));
        }
    }

    // ---------------------------------------------------------------- network ACLs

    private void networkAcls() {
        for (RawNetwork.Acl a : raw.networkAcls) {
            if (duplicate(a.id())) continue;
            VpcInfo v = vpcOf(a.vpc(), "network ACL" + name(a.id()));
            if (a.id() == null || v == null) continue;
            out.add(new NetworkAcl(a.id().v(), v.id, a.id().v().equals(v.defaultAcl), a.ingress(), a.egress()));
        }
        for (VpcInfo v : vpcs.values()) {
            if (!v.implicitAcl || !isOwnImplicit(v.defaultAcl, ACL, v)) continue;
            // AWS's default network ACL: rule 100 allows all IPv4, rule 101 all IPv6, both directions.
            List<AclEntry> all = List.of(
                    new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW),
                    new AclEntry(101, Protocol.ALL, null, -1, -1, Cidr.ANY_V6, AclEntry.Action.ALLOW));
            out.add(new NetworkAcl(v.defaultAcl, v.id, true, all, all));
        }
    }

    /** True when the implicit id was registered for this VPC (not refused because it was taken). */
    private boolean isOwnImplicit(String id, ResourceKind kind, VpcInfo v) {
        Decl d = ids.get(id);
        return d != null && d.kind() == kind && v.id.equals(d.vpc());
    }

    // ---------------------------------------------------------------- security groups

    private void securityGroups() {
        for (RawNetwork.Sg g : raw.securityGroups) {
            if (duplicate(g.id())) continue;
            String label = "security group" + name(g.id());
            VpcInfo v = vpcOf(g.vpc(), label);
            if (g.id() == null || v == null) continue;
            List<SgRule> ingress = rules(g.ingress(), "source", "ingress", label, v);
            List<SgRule> egress = g.egress() == null ? allOutbound() : rules(g.egress(), "destination", "egress", label, v);
            String name = g.name() != null ? g.name() : g.id().v().equals(v.defaultSg) ? "default" : g.id().v();
            String account = CrossVpcResolver.account(g.account());
            out.add(new SecurityGroup(g.id().v(), v.id, name, ingress, egress, account));
            crossVpc.groupAccount(g.id().v(), account != null ? account : v.account());
        }
        for (VpcInfo v : vpcs.values()) {
            if (!v.implicitSg || !isOwnImplicit(v.defaultSg, SG, v)) continue;
            // AWS's default security group: all inbound from members of itself, all outbound.
            List<SgRule> ingress = List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer(v.defaultSg), null));
            out.add(new SecurityGroup(v.defaultSg, v.id, "default", ingress, allOutbound()));
            crossVpc.groupAccount(v.defaultSg, v.account());
        }
        eks.clusterSecurityGroups();
        for (SecurityGroup g : out.securityGroups) {
            VpcInfo v = vpcs.get(g.vpc());
            if (g.account() == null && v != null) crossVpc.groupAccount(g.id(), v.account());
        }
    }

    /** AWS's rules for a new group's outbound: everything, IPv4 and IPv6. */
    static List<SgRule> allOutbound() {
        return List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null),
                new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), null));
    }

    List<SgRule> rules(List<RawNetwork.SgRule> rules, String peerField, String direction, String group, VpcInfo vpc) {
        List<SgRule> result = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RawNetwork.SgRule r = rules.get(i);
            String owner = direction + " rule #" + (i + 1) + " of " + group;
            SgRule.SgPeer peer = peer(r.peer(), peerField, owner, vpc);
            if (peer != null) result.add(new SgRule(r.protocol(), r.ports(), r.icmpType(), r.icmpCode(), peer, r.description()));
        }
        return result;
    }

    private SgRule.SgPeer peer(Val<String> p, String field, String owner, VpcInfo vpc) {
        String t = p.v().trim();
        boolean looksLikeAddress = t.contains("/") || t.matches("[0-9.]+") || (t.contains(":") && t.matches("[0-9a-fA-F:.]+"));
        if (looksLikeAddress) {
            try {
                return new SgRule.SgPeer.CidrPeer(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                problems.add(p.at(), "'" + t + "' is not a CIDR: " + e.getMessage()
                        + (t.contains("/") ? "" : " (for one address write " + t + (t.contains(":") ? "/128" : "/32") + ")"));
                return null;
            }
        }
        Decl d = ids.get(t);
        // The "known ..." text scans every declared id: build it only on the error paths (linear load).
        java.util.function.Supplier<String> tail = () -> {
            List<String> candidates = new ArrayList<>(known(SG, vpc.id));
            candidates.addAll(known(PREFIX_LIST, null));
            return Names.didYouMean(t, candidates) + " (known security groups in " + vpc.id + ": " + Names.list(known(SG, vpc.id))
                    + "; known prefix lists: " + Names.list(known(PREFIX_LIST, null)) + ")";
        };
        if (d == null) {
            problems.add(p.at(), field + " '" + t + "' of " + owner + " is not a CIDR, a prefix list or a security group" + tail.get());
            return null;
        }
        if (d.kind() == PREFIX_LIST) return new SgRule.SgPeer.PrefixListPeer(t);
        if (d.kind() == SG) {
            String why = d.vpc() == null || d.vpc().equals(vpc.id) ? null
                    : crossVpc.groupReferenceProblem(vpc, d.vpc(), field.equals("source"));
            if (why != null) {
                problems.add(p.at(), field + " '" + t + "' of " + owner + " is a security group of VPC '" + d.vpc()
                        + "', not of VPC '" + vpc.id + "'" + why);
                return null;
            }
            return new SgRule.SgPeer.GroupPeer(t);
        }
        problems.add(p.at(), field + " '" + t + "' of " + owner + " is " + article(d.kind())
                + "; expected a CIDR, a prefix list or a security group" + tail.get());
        return null;
    }

    // ---------------------------------------------------------------- instances and network interfaces

    private void interfaces() {
        for (RawNetwork.Instance i : raw.instances) {
            if (duplicate(i.id())) continue;
            String label = "instance" + name(i.id());
            Subnet subnet = subnetOf(i.primary().subnet(), label);
            NetworkInterface primary = eni(i.primary(), label, subnet);
            List<String> all = new ArrayList<>();
            if (i.id() != null) all.add(i.id().v());
            List<NetworkInterface> secondaries = new ArrayList<>();
            for (RawNetwork.Eni e : i.secondary()) {
                if (duplicate(e.id())) continue;
                String elabel = "network interface" + name(e.id()) + " of " + label;
                Subnet es = e.subnet() == null ? subnet : subnetOf(e.subnet(), elabel);
                // AWS: an instance's interfaces are all in its availability zone.
                if (es != null && subnet != null && es.az() != null && subnet.az() != null && !es.az().equals(subnet.az())) {
                    problems.add(e.subnet().at(), "subnet '" + es.id() + "' of " + elabel + " is in " + es.az()
                            + ", but the instance is in " + subnet.az() + ": an instance's network interfaces share its availability zone");
                }
                NetworkInterface ni = eni(e, elabel, es);
                if (ni != null) {
                    secondaries.add(ni);
                    all.add(ni.id());
                }
            }
            if (i.id() == null) continue;
            out.add(new Instance(i.id().v(), subnet == null ? null : subnet.id(), all, raw.tags.get(i.id().v())));
            if (primary != null) out.add(primary);
            secondaries.forEach(out::add);
        }
        for (RawNetwork.Eni e : raw.networkInterfaces) {
            if (duplicate(e.id())) continue;
            String label = "network interface" + name(e.id());
            NetworkInterface ni = eni(e, label, subnetOf(e.subnet(), label));
            if (ni != null) out.add(ni);
        }
    }

    private Subnet subnetOf(Val<String> ref, String owner) {
        String id = ref(ref, SUBNET, "subnet", owner);
        return id == null ? null : subnets.get(id);
    }

    private NetworkInterface eni(RawNetwork.Eni e, String label, Subnet subnet) {
        Ip priv = e.privateIp() == null ? assign(subnet, label, e.at()) : val2(e.privateIp());
        hostAddress(e.privateIp(), subnet, label, "private IP");
        List<Ip> secondary = new ArrayList<>();
        for (Val<Ip> ip : e.secondaryPrivateIps()) {
            if (hostAddress(ip, subnet, label, "secondary private IP")) secondary.add(ip.v());
        }
        hostAddress(e.ipv6Ip(), subnet, label, "IPv6 address");
        publicAddress(e.publicIp(), label);
        List<String> groups = new ArrayList<>();
        if (subnet != null) {
            VpcInfo v = vpcs.get(subnet.vpc());
            if (e.securityGroups() == null) {
                // AWS: an interface launched without security groups gets its VPC's default group.
                if (v != null) groups.add(v.defaultSg);
            } else {
                for (Val<String> g : e.securityGroups()) {
                    String id = v == null ? null : sameVpc(g, SG, "security group", label, v);
                    if (id != null && !groups.contains(id)) groups.add(id);
                }
            }
        }
        if (e.id() == null) return null;
        String account = crossVpc.interfaceAccount(e.account(), e.at(), label, subnet, groups);
        return new NetworkInterface(e.id().v(), subnet == null ? null : subnet.id(), priv, secondary, val2(e.ipv6Ip()), val2(e.publicIp()),
                groups, e.sourceDestCheck(), e.instance(), account, e.id().v().equals(e.instance()) ? null : raw.tags.get(e.id().v()));
    }

    // ---------------------------------------------------------------- externals

    private void externals() {
        for (RawNetwork.External x : raw.externals) {
            if (duplicate(x.id())) continue;
            String label = "external network" + name(x.id());
            String via = null;
            if (x.via() != null) {
                Decl d = ids.get(x.via().v());
                if (d != null && d.kind() == CrossVpcResolver.TGW_ATTACH && crossVpc.isVpnAttachment(x.via().v())) {
                    via = x.via().v();
                } else if (d == null || d.kind() != VGW) {
                    List<String> vias = new ArrayList<>(known(VGW, null));
                    vias.addAll(crossVpc.vpnAttachmentIds());
                    problems.add(x.via().at(), "'via' of " + label + " must be a VPN gateway or a transit gateway VPN attachment, but '"
                            + x.via().v() + "' " + (d == null ? "does not exist" : "is " + article(d.kind())
                            + (d.kind() == CrossVpcResolver.TGW_ATTACH ? " of type vpc" : ""))
                            + Names.unknown(x.via().v(), "VPN gateways and VPN attachments", vias));
                } else {
                    via = x.via().v();
                    boolean v6 = (x.cidr() != null && x.cidr().v().version() == 6) || (x.ip() != null && !x.ip().v().isV4());
                    if (v6) {
                        problems.add(x.via().at(), label + " is IPv6 but 'via' names VPN gateway '" + via
                                + "': virtual private gateways carry IPv4 only");
                    }
                }
            }
            if (x.id() == null || (x.cidr() == null) == (x.ip() == null)) continue;
            out.add(new ExternalNetwork(x.id().v(), val2(x.cidr()), val2(x.ip()), via));
        }
    }

    /** Vpc records come last: they carry the ids of the implicit objects decided above. */
    private void vpcRecords() {
        List<Vpc> built = new ArrayList<>();
        for (VpcInfo v : vpcs.values()) {
            if (v.imported != null) continue;
            built.add(new Vpc(v.id, regionOf(v), v.v4, v.v6, v.raw.enableDnsSupport(), v.raw.enableDnsHostnames(),
                    v.defaultSg, v.defaultAcl, v.mainRouteTable, v.account(), raw.tags.get(v.id)));
        }
        out.vpcs.addAll(0, built);
    }
}
