package io.reachsim.load;

import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointService;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Subnet;
import io.reachsim.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PrivateLink, load balancer and VPC Lattice part of {@link NetworkResolver} (DESIGN §3, §5):
 * <ul>
 *   <li>a load balancer lives in one VPC (that of its subnets, at most one per availability zone; an
 *   Application Load Balancer needs two zones and security groups); its listeners' targets are
 *   instances or addresses of that VPC; it gets one network interface per subnet ({@code <id>-<subnet>},
 *   with a public IP when internet-facing) carrying its security groups;</li>
 *   <li>an endpoint service ({@code vpce-svc-...}) is backed by a Network Load Balancer; the interface
 *   endpoints it accepted must name it; an interface endpoint naming it must sit in zones the load
 *   balancer serves;</li>
 *   <li>Lattice: one service network association per VPC; services, listeners and target groups resolve;
 *   the prefix list is {@code lattice.prefixList}, else the entry named
 *   {@code com.amazonaws.<region>.vpc-lattice}, else an implicit {@code pl-vpc-lattice} (169.254.171.0/24,
 *   fd00:ec2:80::/64).</li>
 * </ul>
 */
final class ServicesResolver {
    static final String IMPLICIT_LATTICE_PREFIX_LIST = "pl-vpc-lattice";
    static final List<Cidr> IMPLICIT_LATTICE_CIDRS = List.of(Cidr.parse("169.254.171.0/24"), Cidr.parse("fd00:ec2:80::/64"));

    private final NetworkResolver r;
    /** Resolved load balancers by id: their VPC, type and the availability zones of their subnets. */
    private final Map<String, LoadBalancer> built = new LinkedHashMap<>();
    private final Map<String, List<String>> lbZones = new HashMap<>();
    private String latticePrefixList;

    ServicesResolver(NetworkResolver r) {
        this.r = r;
    }

    private String latticeName() {
        return "com.amazonaws." + r.region + ".vpc-lattice";
    }

    /** Adds the implicit Lattice prefix list to the raw network when Lattice needs it (before ids are declared). */
    void implicitPrefixList() {
        if (r.raw.lattice.isEmpty()) return;
        RawNetwork.LatticeSection first = r.raw.lattice.get(0);
        for (RawNetwork.LatticeSection l : r.raw.lattice) if (l.prefixList() != null) return;
        for (RawNetwork.PrefixList p : r.raw.prefixLists) if (latticeName().equals(p.name())) return;
        Origin at = first.at();
        r.raw.prefixLists.add(new RawNetwork.PrefixList(new Val<>(IMPLICIT_LATTICE_PREFIX_LIST, at), at, latticeName(),
                IMPLICIT_LATTICE_CIDRS.stream().map(c -> new Val<>(c, at)).toList()));
    }

    void registerIds() {
        for (RawNetwork.Lb lb : r.raw.loadBalancers) {
            r.declare(lb.id(), NetworkResolver.LB, lb.subnets().isEmpty() ? null : r.subnetVpc(lb.subnets().get(0)));
        }
        r.raw.endpointServices.forEach(e -> r.declare(e.id(), NetworkResolver.ENDPOINT_SERVICE, null));
        for (RawNetwork.LatticeSection l : r.raw.lattice) {
            l.serviceNetworks().forEach(x -> r.declare(x.id(), NetworkResolver.SERVICE_NETWORK, null));
            l.services().forEach(x -> r.declare(x.id(), NetworkResolver.LATTICE_SERVICE, null));
            l.targetGroups().forEach(x -> r.declare(x.id(), NetworkResolver.TARGET_GROUP, NetworkResolver.val(x.vpc())));
        }
    }

    // ---------------------------------------------------------------- load balancers

    /** Resolves load balancers and materialises their nodes' network interfaces. */
    void loadBalancers() {
        for (RawNetwork.Lb lb : r.raw.loadBalancers) {
            if (r.duplicate(lb.id()) || lb.id() == null) continue;
            String id = lb.id().v();
            String label = (lb.type() == LoadBalancer.Type.APPLICATION ? "application " : lb.type() == LoadBalancer.Type.NETWORK
                    ? "network " : "") + "load balancer '" + id + "'";
            List<Subnet> subnets = new ArrayList<>();
            List<Origin> subnetAt = new ArrayList<>();
            Map<String, String> byAz = new HashMap<>();
            String vpc = null;
            for (Val<String> ref : lb.subnets()) {
                String sid = r.ref(ref, NetworkResolver.SUBNET, "subnet", label);
                if (sid == null) continue;
                Subnet s = r.subnets.get(sid);
                if (s == null || s.vpc() == null) continue;
                if (vpc == null) {
                    vpc = s.vpc();
                } else if (!vpc.equals(s.vpc())) {
                    r.problems.add(ref.at(), "subnet '" + sid + "' of " + label + " is in VPC '" + s.vpc() + "', but its first subnet is in VPC '"
                            + vpc + "': a load balancer lives in one VPC");
                    continue;
                }
                if (subnets.contains(s)) {
                    r.problems.add(ref.at(), "subnet '" + sid + "' is listed twice in 'subnets' of " + label);
                    continue;
                }
                // AWS: a load balancer has one node (one subnet) per availability zone.
                String other = s.az() == null ? null : byAz.putIfAbsent(s.az(), sid);
                if (other != null) {
                    r.problems.add(ref.at(), "subnets '" + other + "' and '" + sid + "' of " + label + " are both in " + s.az()
                            + ": a load balancer has at most one subnet per availability zone");
                    continue;
                }
                subnets.add(s);
                subnetAt.add(ref.at());
            }
            if (vpc == null) continue;
            NetworkResolver.VpcInfo v = r.vpcs.get(vpc);
            if (lb.type() == LoadBalancer.Type.APPLICATION && subnets.size() < 2 && !lb.subnets().isEmpty()) {
                r.problems.add(lb.subnets().get(0).at(), label + " has subnets in " + byAz.size() + " availability zone(s): an"
                        + " Application Load Balancer needs subnets in at least two");
            }
            List<String> groups = new ArrayList<>();
            if (lb.securityGroups() != null) {
                for (Val<String> g : lb.securityGroups()) {
                    String sg = r.sameVpc(g, NetworkResolver.SG, "security group", label, v);
                    if (sg != null && !groups.contains(sg)) groups.add(sg);
                }
            } else if (lb.type() == LoadBalancer.Type.APPLICATION) {
                r.problems.add(lb.at(), label + " has no 'securityGroups': an Application Load Balancer always has security groups"
                        + " (write the groups its clients must pass)");
            }
            List<LoadBalancer.Listener> listeners = new ArrayList<>();
            for (RawNetwork.LbListener l : lb.listeners()) {
                List<LoadBalancer.Target> targets = new ArrayList<>();
                for (RawNetwork.Target t : l.targets()) {
                    LoadBalancer.Target built = target(t, label, vpc, l.port() == null ? 0 : l.port().v());
                    if (built != null) targets.add(new LoadBalancer.Target(built.instance(), built.ip(), built.port()));
                }
                if (l.protocol() != null && l.port() != null) listeners.add(new LoadBalancer.Listener(l.protocol().v(), l.port().v(), targets, l.crossZone()));
            }
            List<String> interfaces = new ArrayList<>();
            boolean internetFacing = lb.scheme() == LoadBalancer.Scheme.INTERNET_FACING;
            for (int k = 0; k < subnets.size(); k++) {
                Subnet s = subnets.get(k);
                String eni = id + "-" + s.id();
                String what = "the network interface of " + label + " in subnet '" + s.id() + "'";
                if (!r.claim(eni, NetworkResolver.ENI, vpc, subnetAt.get(k), what)) continue;
                Ip ip = r.allocate(s, 4, "network interface '" + eni + "' of " + label, subnetAt.get(k));
                if (ip == null) continue;
                Ip pub = internetFacing ? r.allocatePublic("network interface '" + eni + "' of " + label) : null;
                r.out.add(new NetworkInterface(eni, s.id(), ip, List.of(), null, pub, groups, true, null));
                interfaces.add(eni);
            }
            if (lb.type() == null) continue;
            LoadBalancer model = new LoadBalancer(id, lb.type(), lb.scheme(), vpc, subnets.stream().map(Subnet::id).toList(), groups,
                    listeners, interfaces, lb.enforceOnPrivateLink(), lb.crossZone());
            built.put(id, model);
            lbZones.put(id, subnets.stream().map(Subnet::az).toList());
            r.out.add(model);
        }
    }

    /**
     * A load balancer or Lattice target in {@code vpc}: an instance of it, or an address inside one of
     * its subnets. {@code port} 0 keeps the listener's / group's port. Null (error recorded) otherwise.
     */
    private LoadBalancer.Target target(RawNetwork.Target t, String owner, String vpc, int dflt) {
        int port = t.port() != null ? t.port().v() : dflt;
        if (t.instance() != null) {
            String inst = r.ref(t.instance(), NetworkResolver.INSTANCE, "target instance", owner);
            if (inst == null) return null;
            NetworkResolver.Decl d = r.ids.get(inst);
            if (d.vpc() != null && !d.vpc().equals(vpc)) {
                r.problems.add(t.instance().at(), "target instance '" + inst + "' of " + owner + " is in VPC '" + d.vpc() + "', not in VPC '"
                        + vpc + "' (targets are in the load balancer's or target group's VPC)");
                return null;
            }
            return new LoadBalancer.Target(inst, null, port);
        }
        Ip ip = t.ip().v();
        for (Subnet s : r.subnets.values()) {
            if (vpc.equals(s.vpc()) && s.contains(ip)) return new LoadBalancer.Target(null, ip, port);
        }
        r.problems.add(t.ip().at(), "target address " + ip + " of " + owner + " is in no subnet of VPC '" + vpc + "'"
                + " (IP targets are addresses in the VPC's subnets)");
        return null;
    }

    /**
     * An interface endpoint naming endpoint service {@code service}: it must exist, and each of the
     * endpoint's zones must be one the service's load balancer has a node in. False (error recorded) otherwise.
     */
    boolean endpointServiceFits(Val<String> service, String label, List<Subnet> subnets, List<Origin> subnetAt) {
        String id = r.ref(service, NetworkResolver.ENDPOINT_SERVICE, "endpoint service", label);
        if (id == null) return false;
        RawNetwork.EndpointSvc es = r.raw.endpointServices.stream().filter(x -> x.id() != null && x.id().v().equals(id)).findFirst()
                .orElse(null);
        List<String> zones = es == null || es.loadBalancer() == null ? null : lbZones.get(es.loadBalancer().v());
        if (zones == null) return true;
        boolean ok = true;
        for (int k = 0; k < subnets.size(); k++) {
            String az = subnets.get(k).az();
            if (az != null && !zones.contains(az) && !zones.contains(null)) {
                // AWS: an endpoint can only be created in availability zones where the endpoint service is available.
                r.problems.add(subnetAt.get(k), "subnet '" + subnets.get(k).id() + "' of " + label + " is in " + az + ", but endpoint service '"
                        + id + "' is available only in " + String.join(", ", zones) + " (the zones of load balancer '"
                        + es.loadBalancer().v() + "')");
                ok = false;
            }
        }
        return ok;
    }

    // ---------------------------------------------------------------- endpoint services and Lattice

    void endpointServicesAndLattice() {
        for (RawNetwork.EndpointSvc e : r.raw.endpointServices) {
            if (r.duplicate(e.id()) || e.id() == null) continue;
            String label = "endpoint service '" + e.id().v() + "'";
            String lb = r.ref(e.loadBalancer(), NetworkResolver.LB, "load balancer", label);
            LoadBalancer model = lb == null ? null : built.get(lb);
            if (model != null && model.type() != LoadBalancer.Type.NETWORK) {
                r.problems.add(e.loadBalancer().at(), "load balancer '" + lb + "' of " + label + " is an Application Load Balancer:"
                        + " endpoint services are backed by Network Load Balancers");
                lb = null;
            }
            List<String> accepted = new ArrayList<>();
            for (Val<String> a : e.acceptedEndpoints()) {
                String ep = r.ref(a, NetworkResolver.VPCE, "accepted endpoint", label);
                if (ep == null) continue;
                boolean names = r.out.vpcEndpoints.stream().anyMatch(x -> x.id().equals(ep) && x.type() == VpcEndpoint.Type.INTERFACE
                        && e.id().v().equals(x.service()));
                if (!names) {
                    r.problems.add(a.at(), "accepted endpoint '" + ep + "' of " + label + " is not an interface endpoint with service: "
                            + e.id().v());
                    continue;
                }
                accepted.add(ep);
            }
            if (lb == null) continue;
            r.out.add(new EndpointService(e.id().v(), lb, e.acceptanceRequired(), e.allowedPrincipals().stream().map(Val::v).toList(),
                    accepted));
        }
        lattice();
    }

    private void lattice() {
        if (r.raw.lattice.isEmpty()) return;
        Val<String> pl = null;
        for (RawNetwork.LatticeSection l : r.raw.lattice) if (l.prefixList() != null) pl = l.prefixList();
        if (pl != null) {
            latticePrefixList = r.ref(pl, NetworkResolver.PREFIX_LIST, "prefix list", "'lattice'");
        } else {
            latticePrefixList = r.prefixListNamed(latticeName());
        }
        List<Lattice.TargetGroup> groups = new ArrayList<>();
        List<Lattice.Service> services = new ArrayList<>();
        List<Lattice.ServiceNetwork> networks = new ArrayList<>();
        Map<String, Origin> associated = new HashMap<>();
        Map<String, String> associatedWith = new HashMap<>();
        for (RawNetwork.LatticeSection l : r.raw.lattice) {
            for (RawNetwork.TargetGroup g : l.targetGroups()) {
                if (r.duplicate(g.id()) || g.id() == null) continue;
                String label = "Lattice target group '" + g.id().v() + "'";
                NetworkResolver.VpcInfo v = r.vpcOf(g.vpc(), label);
                if (v == null) continue;
                List<Lattice.Target> targets = new ArrayList<>();
                for (RawNetwork.Target t : g.targets()) {
                    if (t.instance() != null && g.type() == Lattice.TargetGroup.TargetType.IP) {
                        r.problems.add(t.at(), "target '" + t.instance().v() + "' of " + label + " is not an IP address (type: ip takes"
                                + " addresses; write type: instance for instance targets)");
                        continue;
                    }
                    if (t.ip() != null && g.type() == Lattice.TargetGroup.TargetType.INSTANCE) {
                        r.problems.add(t.at(), "target " + t.ip().v() + " of " + label + " is an address, but the group has type: instance"
                                + " (write type: ip, or name the instance)");
                        continue;
                    }
                    LoadBalancer.Target b = target(t, label, v.id, 0);
                    if (b != null) targets.add(new Lattice.Target(b.instance(), b.ip(), b.port()));
                }
                groups.add(new Lattice.TargetGroup(g.id().v(), v.id, g.type(), g.protocol(), g.port() == null ? 0 : g.port().v(), targets));
            }
            for (RawNetwork.LatticeService s : l.services()) {
                if (r.duplicate(s.id()) || s.id() == null) continue;
                String label = "Lattice service '" + s.id().v() + "'";
                List<Lattice.Listener> listeners = new ArrayList<>();
                for (RawNetwork.LatticeListener x : s.listeners()) {
                    String tg = r.ref(x.targetGroup(), NetworkResolver.TARGET_GROUP, "target group", label);
                    if (tg != null && x.protocol() != null && x.port() != null) listeners.add(new Lattice.Listener(x.protocol().v(), x.port().v(), tg));
                }
                services.add(new Lattice.Service(s.id().v(), s.authType(), s.authPolicy(), listeners));
            }
            for (RawNetwork.ServiceNetwork sn : l.serviceNetworks()) {
                if (r.duplicate(sn.id()) || sn.id() == null) continue;
                String label = "Lattice service network '" + sn.id().v() + "'";
                List<String> members = new ArrayList<>();
                for (Val<String> s : sn.services()) {
                    String id = r.ref(s, NetworkResolver.LATTICE_SERVICE, "service", label);
                    if (id != null && !members.contains(id)) members.add(id);
                }
                List<Lattice.VpcAssociation> assocs = new ArrayList<>();
                for (RawNetwork.Association a : sn.vpcAssociations()) {
                    NetworkResolver.VpcInfo v = r.vpcOf(a.vpc(), label);
                    if (v == null) continue;
                    // AWS: a VPC can be associated with only one service network.
                    Origin first = associated.putIfAbsent(v.id, a.vpc().at());
                    if (first != null) {
                        r.problems.add(a.vpc().at(), "VPC '" + v.id + "' is already associated with service network '" + associatedWith.get(v.id)
                                + "' (" + first + "): a VPC has at most one service network association");
                        continue;
                    }
                    associatedWith.put(v.id, sn.id().v());
                    List<String> sgs = new ArrayList<>();
                    for (Val<String> g : a.securityGroups()) {
                        String sg = r.sameVpc(g, NetworkResolver.SG, "security group", "the association of VPC '" + v.id + "' with " + label, v);
                        if (sg != null && !sgs.contains(sg)) sgs.add(sg);
                    }
                    assocs.add(new Lattice.VpcAssociation(v.id, sgs));
                }
                networks.add(new Lattice.ServiceNetwork(sn.id().v(), sn.authType(), sn.authPolicy(), members, assocs));
            }
        }
        r.out.lattice(new Lattice(latticePrefixList, networks, services, groups));
    }
}
