package io.reachsim.lint;

import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.EksCluster.NodeGroup;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the rules ask of a network, derived once: look-ups by id, each subnet's route table and default
 * route, public or private, where a cluster's nodes and pods live. Tolerant of a network built by hand
 * (a missing main route table means no routes), because lint must never crash on what it reads.
 */
final class Facts {
    /** An AZ ID as AWS prints it: {@code usw2-az1}, {@code use1-az4}, a Local Zone's {@code usw2-lax1-az1}. */
    private static final Pattern AZ_ID = Pattern.compile("[a-z]{2,}[0-9]+(-[a-z]+[0-9]*)?-az[0-9]+");

    final Network network;
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    private final Map<String, NatGateway> nats = new LinkedHashMap<>();

    Facts(Network network) {
        this.network = network;
        network.vpcs().forEach(v -> vpcs.put(v.id(), v));
        network.subnets().forEach(s -> subnets.put(s.id(), s));
        network.routeTables().forEach(r -> routeTables.put(r.id(), r));
        network.natGateways().forEach(n -> nats.put(n.id(), n));
    }

    Optional<Vpc> vpc(String id) {
        return Optional.ofNullable(id == null ? null : vpcs.get(id));
    }

    Optional<Subnet> subnet(String id) {
        return Optional.ofNullable(id == null ? null : subnets.get(id));
    }

    Optional<NatGateway> nat(String id) {
        return Optional.ofNullable(nats.get(id));
    }

    /** The subnets that exist among {@code ids}, in order. */
    List<Subnet> subnets(List<String> ids) {
        List<Subnet> out = new ArrayList<>();
        for (String id : ids) subnet(id).ifPresent(out::add);
        return out;
    }

    List<Subnet> subnetsOf(String vpc) {
        return network.subnets().stream().filter(s -> s.vpc().equals(vpc)).toList();
    }

    /** The subnet's explicit route table, else its VPC's main table (AWS's association rule). */
    Optional<RouteTable> routeTableOf(Subnet s) {
        String id = s.routeTable();
        if (id == null) id = vpc(s.vpc()).map(Vpc::mainRouteTable).orElse(null);
        return Optional.ofNullable(id == null ? null : routeTables.get(id));
    }

    /** The target of the subnet's 0.0.0.0/0 (version 4) or ::/0 (version 6) route, if it has one. */
    Optional<RouteTarget> defaultRoute(Subnet s, int version) {
        Optional<RouteTable> rt = routeTableOf(s);
        if (rt.isEmpty()) return Optional.empty();
        for (Route r : rt.get().routes()) {
            if (r.destination() instanceof Route.RouteDestination.CidrDestination c
                    && c.cidr().prefix() == 0 && c.cidr().version() == version) {
                return Optional.of(r.target());
            }
        }
        return Optional.empty();
    }

    /** A public subnet routes its default route (IPv4 or IPv6) to an internet gateway; a private one does not. */
    boolean isPublic(Subnet s) {
        return defaultRoute(s, 4).filter(t -> t instanceof RouteTarget.InternetGateway).isPresent()
                || defaultRoute(s, 6).filter(t -> t instanceof RouteTarget.InternetGateway).isPresent();
    }

    /** The subnet's IPv4 default route as text: {@code 0.0.0.0/0 → nat-a}. */
    String describeDefaultRoute(Subnet s) {
        return defaultRoute(s, 4).map(t -> "0.0.0.0/0 → " + t.id())
                .or(() -> defaultRoute(s, 6).map(t -> "::/0 → " + t.id()))
                .orElse("no default route");
    }

    /**
     * Can a node of {@code group} in subnet {@code s} reach the internet (public AWS endpoints)? Through a
     * public NAT gateway that itself sits in a public subnet, or through an internet gateway when the
     * group's nodes get public IPs (a private address is not translated by an internet gateway).
     */
    boolean internetPath(NodeGroup group, Subnet s) {
        Optional<RouteTarget> t = defaultRoute(s, 4);
        if (t.isEmpty()) return false;
        if (t.get() instanceof RouteTarget.InternetGateway) return group.publicIp();
        if (t.get() instanceof RouteTarget.NatGateway n) {
            Optional<NatGateway> nat = nat(n.id());
            return nat.isPresent() && nat.get().connectivity() == NatGateway.Connectivity.PUBLIC
                    && subnet(nat.get().subnet()).map(this::isPublic).orElse(false);
        }
        return false;
    }

    /** A node group's subnets; a group that names none runs in the cluster subnets (EKS's default). */
    List<String> nodeSubnetIds(EksCluster c, NodeGroup g) {
        return g.subnets().isEmpty() ? c.subnets() : g.subnets();
    }

    /** Every subnet any node group of the cluster runs in, in order of first mention. */
    List<Subnet> nodeSubnets(EksCluster c) {
        Set<String> ids = new LinkedHashSet<>();
        for (NodeGroup g : c.nodeGroups()) ids.addAll(nodeSubnetIds(c, g));
        return subnets(new ArrayList<>(ids));
    }

    boolean customNetworking(EksCluster c) {
        return c.pods() != null && !c.pods().customNetworking().isEmpty();
    }

    /**
     * The ENIConfig the VPC CNI picks for a node in {@code nodeSubnet}: the one keyed by the node's AZ
     * name; failing that (keys are AZ IDs, which the model cannot map), the one whose subnet is in the
     * node's AZ. Empty when none fits.
     */
    Optional<Map.Entry<String, EniConfig>> eniConfigFor(EksCluster c, Subnet nodeSubnet) {
        if (!customNetworking(c) || nodeSubnet.az() == null) return Optional.empty();
        Map<String, EniConfig> configs = new java.util.TreeMap<>(c.pods().customNetworking());
        EniConfig byName = configs.get(nodeSubnet.az());
        if (byName != null) return Optional.of(Map.entry(nodeSubnet.az(), byName));
        if (nodeSubnet.azId() != null && configs.containsKey(nodeSubnet.azId())) {
            return Optional.of(Map.entry(nodeSubnet.azId(), configs.get(nodeSubnet.azId())));
        }
        for (Map.Entry<String, EniConfig> e : configs.entrySet()) {
            if (isAzId(e.getKey()) && subnet(e.getValue().subnet()).map(s -> nodeSubnet.az().equals(s.az())).orElse(false)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static boolean isAzId(String key) {
        return AZ_ID.matcher(key).matches();
    }

    /** The AZs of the subnets; a subnet written without {@code az} has none and is left out of AZ checks. */
    static Set<String> azs(List<Subnet> subnets) {
        Set<String> out = new TreeSet<>();
        for (Subnet s : subnets) if (s.az() != null) out.add(s.az());
        return out;
    }

    /** {@code cluster-a (us-west-2a), cluster-b (us-west-2b)} */
    static String withAz(List<Subnet> subnets) {
        return String.join(", ", subnets.stream().map(s -> s.az() == null ? s.id() : s.id() + " (" + s.az() + ")").toList());
    }

    static String ids(List<Subnet> subnets) {
        return String.join(", ", subnets.stream().map(Subnet::id).toList());
    }

    /** Addresses AWS lets hosts use in an IPv4 block: all but 5 (network, router, DNS, reserved, broadcast). */
    static long usable(Cidr c) {
        return c.subnetHostCount();
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
