package io.reachsim.load;

import io.reachsim.model.Ip;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;
import io.reachsim.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code vpcEndpoints} part of {@link NetworkResolver} (DESIGN §3 "VPC endpoints", §5 "Gateway
 * endpoints"):
 * <ul>
 *   <li>a gateway endpoint (s3, dynamodb) adds the route {@code prefix list com.amazonaws.<region>.<service>
 *   → endpoint} to each of its {@code routeTables}; the same route written by hand as well is allowed, a
 *   route for that prefix list to anything else is an error, and a hand-written route to the endpoint must
 *   be that route in one of those tables;</li>
 *   <li>an interface endpoint gets one network interface per subnet ({@code <endpoint>-<subnet>}, address
 *   allocated after everything EKS creates) carrying the endpoint's security groups (default: the VPC's
 *   default group); {@code privateDns} defaults to true, as in the AWS console.</li>
 * </ul>
 */
final class VpcEndpointResolver {
    private final NetworkResolver r;

    /** A gateway endpoint that resolved: the prefix list it routes and the tables it routes it in. */
    private record Gateway(String id, String vpc, String prefixList, Set<String> routeTables) {}

    /** A route a gateway endpoint adds; {@code at}: where its route table is listed on the endpoint. */
    private record Added(String endpoint, String prefixList, Origin at) {}

    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    /** Ids written with type: interface (route targets that cannot be). */
    private final Set<String> interfaceIds = new LinkedHashSet<>();
    private final Map<String, List<Added>> added = new HashMap<>();
    /** Built endpoints by their written position, so the network lists them in written order. */
    private final Map<Integer, VpcEndpoint> records = new TreeMap<>();

    VpcEndpointResolver(NetworkResolver r) {
        this.r = r;
    }

    private static String label(RawNetwork.Endpoint e) {
        String type = e.type() == VpcEndpoint.Type.GATEWAY ? "gateway " : e.type() == VpcEndpoint.Type.INTERFACE ? "interface " : "";
        return type + NetworkResolver.VPCE + NetworkResolver.name(e.id());
    }

    // ---------------------------------------------------------------- gateway endpoints

    /** Resolves gateway endpoints and decides the routes they add (before route tables are built). */
    void gatewayEndpoints() {
        List<RawNetwork.Endpoint> all = r.raw.vpcEndpoints;
        for (int i = 0; i < all.size(); i++) {
            RawNetwork.Endpoint e = all.get(i);
            if (e.type() == VpcEndpoint.Type.INTERFACE && e.id() != null) interfaceIds.add(e.id().v());
            if (r.duplicate(e.id()) || e.type() != VpcEndpoint.Type.GATEWAY) continue;
            String label = label(e);
            NetworkResolver.VpcInfo v = r.vpcOf(e.vpc(), label);
            if (e.id() == null || v == null) continue;
            String id = e.id().v();
            List<String> tables = new ArrayList<>();
            Map<String, Origin> tableAt = new HashMap<>();
            for (Val<String> t : e.routeTables()) {
                String table = r.sameVpc(t, NetworkResolver.ROUTE_TABLE, "route table", label, v);
                if (table == null) continue;
                if (tableAt.containsKey(table)) {
                    r.problems.add(t.at(), "route table '" + table + "' is listed twice in 'routeTables' of " + label);
                    continue;
                }
                tables.add(table);
                tableAt.put(table, t.at());
            }
            if (e.service() == null) continue;
            String service = e.service().v();
            String region = r.regionOf(v);
            String plName = "com.amazonaws." + region + "." + service;
            String pl = r.prefixListNamed(plName);
            if (pl == null) {
                r.problems.add(e.service().at(), label + " routes to the prefix list of " + service + " in " + region
                        + ", but no prefixLists entry is named " + plName + ": add {id: pl-" + service + ", name: " + plName
                        + ", cidrs: [...]} to prefixLists (the service's address ranges, as aws ec2 describe-managed-prefix-lists"
                        + " shows them)");
            } else {
                gateways.put(id, new Gateway(id, v.id, pl, new LinkedHashSet<>(tables)));
                for (String t : tables) added.computeIfAbsent(t, k -> new ArrayList<>()).add(new Added(id, pl, tableAt.get(t)));
            }
            records.put(i, new VpcEndpoint(id, v.id, VpcEndpoint.Type.GATEWAY, service, tables, List.of(), List.of(), false, List.of()));
        }
    }

    /** The gateway endpoints of {@code vpc} (for "known gateways" lists). */
    List<String> gatewayIds(String vpc) {
        List<String> out = new ArrayList<>();
        gateways.values().forEach(g -> {
            if (g.vpc().equals(vpc)) out.add(g.id());
        });
        return out;
    }

    /**
     * A route target naming VPC endpoint {@code id}: the gateway endpoint, or null — with an error for an
     * interface endpoint; silently for a gateway endpoint that did not resolve (its error is reported).
     */
    RouteTarget routeTarget(String id, Origin at, String table) {
        if (gateways.containsKey(id)) return new RouteTarget.VpcEndpoint(id);
        if (interfaceIds.contains(id)) {
            r.problems.add(at, "route target '" + id + "' in " + table + " is an interface VPC endpoint: only gateway endpoints"
                    + " (s3, dynamodb) are route targets (an interface endpoint is reached at its network interfaces)");
        }
        return null;
    }

    /**
     * A hand-written route to gateway endpoint {@code id} must be the route the endpoint adds: its
     * service's prefix list, in one of its route tables. False, with an error at the target, otherwise.
     */
    boolean handWrittenRouteFits(String id, Route.RouteDestination dest, String tableId, String table, Origin at) {
        Gateway g = gateways.get(id);
        if (!(dest instanceof Route.RouteDestination.PrefixListDestination p) || !p.prefixListId().equals(g.prefixList())) {
            r.problems.add(at, "the route to " + dest + " in " + table + " targets gateway VPC endpoint '" + id + "', which carries"
                    + " only its service's prefix list (write destinationPrefixList: " + g.prefixList() + ")");
            return false;
        }
        if (!g.routeTables().contains(tableId)) {
            r.problems.add(at, table + " has a route to gateway VPC endpoint '" + id + "' but is not in its routeTables: add '"
                    + tableId + "' there (AWS puts a gateway endpoint's route only in the route tables associated with it)");
            return false;
        }
        return true;
    }

    /**
     * Adds the routes gateway endpoints put in route table {@code tableId} to its written {@code routes}
     * ({@code targetAt}: where each written route's target is, by destination). An identical written
     * route stays as it is; a different one for the same prefix list is an error.
     */
    void addRoutes(String tableId, String table, List<Route> routes, Map<String, Origin> targetAt) {
        Map<String, String> fromEndpoint = new HashMap<>();
        for (Added a : added.getOrDefault(tableId, List.of())) {
            Route want = new Route(new Route.RouteDestination.PrefixListDestination(a.prefixList()), new RouteTarget.VpcEndpoint(a.endpoint()));
            Route have = null;
            for (Route x : routes) if (x.destination().equals(want.destination())) have = x;
            if (have == null) {
                routes.add(want);
                fromEndpoint.put(a.prefixList(), a.endpoint());
            } else if (!have.equals(want)) {
                String other = fromEndpoint.get(a.prefixList());
                if (other != null) {
                    r.problems.add(a.at(), table + " already gets the route to " + a.prefixList() + " from gateway VPC endpoint '"
                            + other + "': a route table can use one gateway endpoint per service");
                } else {
                    r.problems.add(targetAt.get(a.prefixList()), "the route to " + a.prefixList() + " in " + table + " targets '"
                            + have.target().id() + "', but gateway VPC endpoint '" + a.endpoint() + "' adds a route to "
                            + a.prefixList() + " to this table (its routeTables, line " + a.at().line() + "): remove one of them");
                }
            }
        }
    }

    // ---------------------------------------------------------------- interface endpoints

    /** Resolves interface endpoints and materialises their network interfaces (after EKS's). */
    void interfaceEndpoints() {
        Map<String, String> privateDnsOwner = new HashMap<>();
        List<RawNetwork.Endpoint> all = r.raw.vpcEndpoints;
        for (int i = 0; i < all.size(); i++) {
            RawNetwork.Endpoint e = all.get(i);
            if (r.duplicate(e.id()) || e.type() != VpcEndpoint.Type.INTERFACE) continue;
            String label = label(e);
            NetworkResolver.VpcInfo v = r.vpcOf(e.vpc(), label);
            if (e.id() == null || v == null) continue;
            String id = e.id().v();

            List<Subnet> subnets = new ArrayList<>();
            List<Origin> subnetAt = new ArrayList<>();
            Map<String, String> byAz = new HashMap<>();
            for (Val<String> ref : e.subnets()) {
                String sid = r.sameVpc(ref, NetworkResolver.SUBNET, "subnet", label, v);
                if (sid == null) continue;
                Subnet s = r.subnets.get(sid);
                if (subnets.contains(s)) {
                    r.problems.add(ref.at(), "subnet '" + sid + "' is listed twice in 'subnets' of " + label);
                    continue;
                }
                // AWS: an interface endpoint has at most one subnet (one network interface) per availability zone.
                String other = s.az() == null ? null : byAz.putIfAbsent(s.az(), sid);
                if (other != null) {
                    r.problems.add(ref.at(), "subnets '" + other + "' and '" + sid + "' of " + label + " are both in " + s.az()
                            + ": an interface endpoint has at most one subnet per availability zone");
                    continue;
                }
                subnets.add(s);
                subnetAt.add(ref.at());
            }

            List<String> groups = new ArrayList<>();
            if (e.securityGroups() == null) {
                groups.add(v.defaultSg);
            } else {
                for (Val<String> g : e.securityGroups()) {
                    String sg = r.sameVpc(g, NetworkResolver.SG, "security group", label, v);
                    if (sg != null && !groups.contains(sg)) groups.add(sg);
                }
            }

            if (e.service() == null) continue;
            String service = e.service().v();
            boolean endpointService = AwsServices.isEndpointService(service);
            // PrivateLink: the endpoint service must exist and serve the endpoint's zones; no private DNS name is modelled.
            if (endpointService && !r.services.endpointServiceFits(e.service(), label, subnets, subnetAt)) continue;
            boolean privateDns = endpointService ? e.privateDns() != null && e.privateDns().v() : e.privateDns() == null || e.privateDns().v();
            if (privateDns) {
                // AWS: private DNS makes the service's name resolve to the endpoint; one endpoint per name and VPC.
                String other = privateDnsOwner.putIfAbsent(v.id + "\u0000" + service, id);
                if (other != null) {
                    Origin at = e.privateDns() != null ? e.privateDns().at() : e.service().at();
                    r.problems.add(at, "VPC '" + v.id + "' already has interface endpoint '" + other + "' for " + service
                            + " with private DNS: AWS allows one per service in a VPC (write privateDns: false on one of them)");
                }
            }

            List<String> interfaces = new ArrayList<>();
            for (int k = 0; k < subnets.size(); k++) {
                Subnet s = subnets.get(k);
                String eni = id + "-" + s.id();
                String what = "the network interface of " + label + " in subnet '" + s.id() + "'";
                if (!r.claim(eni, NetworkResolver.ENI, v.id, subnetAt.get(k), what)) continue;
                Ip ip = r.allocate(s, 4, "network interface '" + eni + "' of " + label, subnetAt.get(k));
                if (ip == null) continue;
                r.out.add(new NetworkInterface(eni, s.id(), ip, List.of(), null, null, groups, true, null));
                interfaces.add(eni);
            }
            records.put(i, new VpcEndpoint(id, v.id, VpcEndpoint.Type.INTERFACE, service, List.of(),
                    subnets.stream().map(Subnet::id).toList(), groups, privateDns, interfaces));
        }
    }

    /** Adds the endpoint records, in written order. */
    void addRecords() {
        records.values().forEach(r.out::add);
    }
}
