package io.reachsim.report.topology;

import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.model.VpcPeering;
import io.reachsim.model.VpnGateway;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Leg;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network as components and labelled links — one graph for the report's topology drawing and for
 * {@code reachsim graph}. VPCs hold their availability zones, which hold their subnets (the regions
 * the drawing shows); route tables, gateways and endpoints belong to their VPC; transit gateways hold
 * their route tables and attachments. Interfaces of an instance, an interface endpoint or a load balancer
 * are drawn as that instance, endpoint or load balancer ({@link #resolve}), so a trace's hops land on
 * what a person recognises.
 */
public final class ComponentGraph {
    /** The top-level node every internet gateway leads to. */
    public static final String INTERNET = "internet";

    private final Map<String, Component> components;
    private final Graph<String, Link> graph;
    private final Map<String, String> aliases;

    private ComponentGraph(Map<String, Component> components, Graph<String, Link> graph, Map<String, String> aliases) {
        this.components = components;
        this.graph = graph;
        this.aliases = aliases;
    }

    public static ComponentGraph of(Network n) {
        return new Builder(n).build();
    }

    /** Every component, parents before their children. */
    public Collection<Component> components() {
        return components.values();
    }

    public Optional<Component> component(String id) {
        return Optional.ofNullable(components.get(id));
    }

    /** The links between components, read-only (a directed multigraph over component ids). */
    public Graph<String, Link> graph() {
        return graph;
    }

    /** The component a trace component id is drawn as (an instance for its interfaces, ...), or null. */
    public String resolve(String id) {
        if (id == null) return null;
        if (components.containsKey(id)) return id;
        return aliases.get(id);
    }

    /**
     * The components one leg of a flow passes, in order, without repeats in a row: each hop's component,
     * or the subnet it happened in when the component itself is not drawn (network ACLs).
     */
    public List<String> path(FlowResult f, Leg leg) {
        List<String> out = new ArrayList<>();
        for (Hop h : f.hops()) {
            if (h.leg() != leg) continue;
            String id = resolve(h.component());
            if (id == null) id = resolve(h.subnet());
            if (id != null && (out.isEmpty() || !out.get(out.size() - 1).equals(id))) out.add(id);
        }
        return out;
    }

    /** Where a dropped flow stopped, as a drawn component (null when delivered or not drawn). */
    public String dropAt(FlowResult f) {
        if (f.drop() == null) return null;
        String id = resolve(f.drop().component());
        if (id != null) return id;
        for (int i = f.hops().size() - 1; i >= 0; i--) {
            Hop h = f.hops().get(i);
            if (!h.passed()) return resolve(h.subnet());
        }
        return null;
    }

    /**
     * Only the given components, with their enclosing regions (so subnets stay inside their VPC) and the
     * links among what is kept.
     */
    public ComponentGraph restrictTo(Set<String> ids) {
        Set<String> keep = new LinkedHashSet<>();
        for (String id : ids) {
            for (String p = resolve(id); p != null; p = components.containsKey(p) ? components.get(p).parent() : null) keep.add(p);
        }
        Map<String, Component> cs = new LinkedHashMap<>();
        components.forEach((id, c) -> { if (keep.contains(id)) cs.put(id, c); });
        Graph<String, Link> g = newGraph();
        cs.keySet().forEach(g::addVertex);
        for (Link l : graph.edgeSet()) {
            if (cs.containsKey(l.source()) && cs.containsKey(l.target())) g.addEdge(l.source(), l.target(), l);
        }
        Map<String, String> al = new HashMap<>();
        aliases.forEach((k, v) -> { if (cs.containsKey(v)) al.put(k, v); });
        return new ComponentGraph(cs, new AsUnmodifiableGraph<>(g), al);
    }

    private static Graph<String, Link> newGraph() {
        return GraphTypeBuilder.<String, Link>directed().allowingMultipleEdges(true).allowingSelfLoops(false)
                .weighted(false).buildGraph();
    }

    /** Walks the model once; ids are unique in a loaded network, the first one wins if not. */
    private static final class Builder {
        private final Network n;
        private final Map<String, Component> cs = new LinkedHashMap<>();
        private final Graph<String, Link> g = newGraph();
        private final Map<String, String> aliases = new HashMap<>();
        private final Map<String, Link> routeLinks = new LinkedHashMap<>();

        Builder(Network n) {
            this.n = n;
        }

        ComponentGraph build() {
            for (Vpc v : n.vpcs()) add(v.id(), Component.Kind.VPC, null, v.id() + "  " + join(v.cidrs()));
            for (Subnet s : n.subnets()) {
                String az = s.vpc() + "/" + s.az();
                add(az, Component.Kind.AVAILABILITY_ZONE, s.vpc(), s.az());
                add(s.id(), Component.Kind.SUBNET, az, s.id() + "  " + s.cidr());
            }
            for (RouteTable rt : n.routeTables()) add(rt.id(), Component.Kind.ROUTE_TABLE, rt.vpc(), rt.id());
            boolean internet = !n.internetGateways().isEmpty() || !n.egressOnlyInternetGateways().isEmpty();
            if (internet) add(INTERNET, Component.Kind.INTERNET, null, INTERNET);
            for (InternetGateway x : n.internetGateways()) {
                add(x.id(), Component.Kind.INTERNET_GATEWAY, x.vpc(), x.id());
                link(x.id(), INTERNET, Link.Kind.ATTACHMENT, "internet");
            }
            n.egressOnlyInternetGateways().forEach(x -> {
                add(x.id(), Component.Kind.EGRESS_ONLY_INTERNET_GATEWAY, x.vpc(), x.id());
                link(x.id(), INTERNET, Link.Kind.ATTACHMENT, "ipv6 out");
            });
            for (NatGateway x : n.natGateways()) add(x.id(), Component.Kind.NAT_GATEWAY, x.subnet(), x.id());
            for (VpnGateway x : n.vpnGateways()) add(x.id(), Component.Kind.VPN_GATEWAY, x.vpc(), x.id());
            for (VpcEndpoint e : n.vpcEndpoints()) {
                boolean gateway = e.type() == VpcEndpoint.Type.GATEWAY || e.subnets().isEmpty();
                add(e.id(), Component.Kind.VPC_ENDPOINT, gateway ? e.vpc() : e.subnets().get(0), e.id());
                e.networkInterfaces().forEach(eni -> aliases.putIfAbsent(eni, e.id()));
                for (int i = gateway ? 0 : 1; i < e.subnets().size(); i++) link(e.id(), e.subnets().get(i), Link.Kind.ATTACHMENT, "subnet");
            }
            for (VpcPeering p : n.vpcPeerings()) {
                add(p.id(), Component.Kind.VPC_PEERING, null, p.id());
                link(p.id(), p.requester(), Link.Kind.ATTACHMENT, "requester");
                link(p.id(), p.accepter(), Link.Kind.ATTACHMENT, "accepter");
            }
            for (TransitGateway t : n.transitGateways()) transitGateway(t);
            for (ExternalNetwork x : n.externals()) {
                add(x.id(), Component.Kind.EXTERNAL, null, x.id() + "  " + (x.cidr() != null ? x.cidr() : x.ip() != null ? x.ip() : ""));
                if (x.via() != null && cs.containsKey(x.via())) link(x.via(), x.id(), Link.Kind.ATTACHMENT, "vpn");
            }
            for (Instance i : n.instances()) {
                add(i.id(), Component.Kind.INSTANCE, i.subnet(), i.id());
                i.networkInterfaces().forEach(eni -> aliases.putIfAbsent(eni, i.id()));
            }
            for (LoadBalancer lb : n.loadBalancers()) {
                add(lb.id(), Component.Kind.LOAD_BALANCER, lb.vpc(), lb.id());
                lb.networkInterfaces().forEach(eni -> aliases.putIfAbsent(eni, lb.id()));
                lb.subnets().forEach(s -> link(lb.id(), s, Link.Kind.ATTACHMENT, "subnet"));
            }
            for (NetworkInterface eni : n.networkInterfaces()) {
                if (eni.instance() != null && cs.containsKey(eni.instance())) aliases.putIfAbsent(eni.id(), eni.instance());
                if (aliases.containsKey(eni.id()) || eni.subnet() == null) continue;
                add(eni.id(), Component.Kind.NETWORK_INTERFACE, eni.subnet(), eni.id());
            }
            for (EksCluster c : n.eksClusters()) cluster(c);
            for (Subnet s : n.subnets()) {
                RouteTable rt = n.routeTableOf(s);
                link(s.id(), rt.id(), Link.Kind.ASSOCIATION, rt.main() && s.routeTable() == null ? "main" : "association");
            }
            for (RouteTable rt : n.routeTables()) {
                for (Route r : rt.routes()) route(rt.id(), r);
            }
            return new ComponentGraph(ordered(), new AsUnmodifiableGraph<>(g), aliases);
        }

        private void transitGateway(TransitGateway t) {
            add(t.id(), Component.Kind.TRANSIT_GATEWAY, null, t.id());
            for (TransitGateway.RouteTable rt : t.routeTables()) add(rt.id(), Component.Kind.TGW_ROUTE_TABLE, t.id(), rt.id());
            for (TransitGateway.Attachment a : t.attachments()) {
                add(a.id(), Component.Kind.TGW_ATTACHMENT, t.id(), a.id());
                for (String s : a.subnets()) link(a.id(), s, Link.Kind.ATTACHMENT, "subnet");
                if (a.subnets().isEmpty() && a.vpc() != null) link(a.id(), a.vpc(), Link.Kind.ATTACHMENT, "vpc");
                if (a.association() != null) link(a.id(), a.association(), Link.Kind.ASSOCIATION, "association");
            }
            for (TransitGateway.RouteTable rt : t.routeTables()) {
                Map<String, List<String>> byTarget = new LinkedHashMap<>();
                for (TransitGateway.TgwRoute r : rt.routes()) {
                    if (r.attachment() != null) byTarget.computeIfAbsent(r.attachment(), k -> new ArrayList<>()).add(r.destination().toString());
                }
                byTarget.forEach((target, dests) -> link(rt.id(), target, Link.Kind.ROUTE, String.join(", ", dests)));
            }
        }

        private void cluster(EksCluster c) {
            add(c.name(), Component.Kind.EKS_CLUSTER, c.vpc(), c.name());
            for (String x : c.crossAccountInterfaces()) link(c.name(), x, Link.Kind.ATTACHMENT, "x-eni");
            for (EksCluster.NodeGroup ng : c.nodeGroups()) {
                String id = c.name() + "/" + ng.name();
                add(id, Component.Kind.NODE_GROUP, c.vpc(), id);
                link(c.name(), id, Link.Kind.ATTACHMENT, "node group");
                for (String eni : ng.nodeInterfaces()) link(id, eni, Link.Kind.ATTACHMENT, "node");
            }
        }

        /** One link per (table, target), labelled with every destination routed there. */
        private void route(String rt, Route r) {
            String target = targetId(r.target());
            String to = target == null ? null : aliases.getOrDefault(target, target);
            if (to == null || !cs.containsKey(to)) return;
            String key = rt + "→" + to;
            Link old = routeLinks.get(key);
            String label = old == null ? r.destination().toString() : old.label() + ", " + r.destination();
            if (old != null) g.removeEdge(old);
            Link l = new Link(rt, to, Link.Kind.ROUTE, label);
            routeLinks.put(key, l);
            g.addEdge(rt, to, l);
        }

        private static String targetId(RouteTarget t) {
            if (t instanceof RouteTarget.InternetGateway x) return x.id();
            if (t instanceof RouteTarget.EgressOnlyInternetGateway x) return x.id();
            if (t instanceof RouteTarget.NatGateway x) return x.id();
            if (t instanceof RouteTarget.VpnGateway x) return x.id();
            if (t instanceof RouteTarget.VpcEndpoint x) return x.id();
            if (t instanceof RouteTarget.NetworkInterface x) return x.id();
            if (t instanceof RouteTarget.Instance x) return x.id();
            if (t instanceof RouteTarget.VpcPeering x) return x.id();
            if (t instanceof RouteTarget.TransitGateway x) return x.id();
            return null; // local, blackhole
        }

        private void add(String id, Component.Kind kind, String parent, String label) {
            if (id == null || cs.containsKey(id)) return;
            cs.put(id, new Component(id, kind, parent != null && cs.containsKey(parent) ? parent : null, label));
            g.addVertex(id);
        }

        private void link(String from, String to, Link.Kind kind, String label) {
            String a = aliases.getOrDefault(from, from), b = aliases.getOrDefault(to, to);
            if (!cs.containsKey(a) || !cs.containsKey(b) || a.equals(b)) return;
            g.addEdge(a, b, new Link(a, b, kind, label));
        }

        /** Parents before children, whatever order the model listed them in. */
        private Map<String, Component> ordered() {
            Map<String, Component> out = new LinkedHashMap<>();
            for (Component c : cs.values()) put(out, c);
            return out;
        }

        private void put(Map<String, Component> out, Component c) {
            if (out.containsKey(c.id())) return;
            if (c.parent() != null) put(out, cs.get(c.parent()));
            out.put(c.id(), c);
        }

        private static String join(List<?> xs) {
            StringBuilder b = new StringBuilder();
            for (Object x : xs) b.append(b.length() == 0 ? "" : ", ").append(x);
            return b.toString();
        }
    }
}
