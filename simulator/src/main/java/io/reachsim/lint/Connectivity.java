package io.reachsim.lint;

import io.reachsim.model.Cidr;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Network;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpnGateway;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which address spaces are joined to which: VPCs and external networks as vertices, one edge per thing
 * that connects two of them directly, labelled by its id. Today the model has one kind of link, an
 * external network behind a VPC's virtual private gateway; VPC peering and transit gateway attachments
 * add {@link Link.Kind} cases and edges between VPCs when the model has them, and every check built on
 * the graph (overlapping CIDRs, "connected networks" of a private endpoint) picks them up unchanged.
 *
 * <p>A multigraph: two VPCs may be joined by a peering and a transit gateway at once.
 */
public final class Connectivity {

    /** An address space: a VPC (all its CIDRs) or an external network (its CIDR, or its host as a /32). */
    public record Site(String id, Kind kind, List<Cidr> cidrs) {
        public enum Kind { VPC, EXTERNAL }

        public Site {
            cidrs = List.copyOf(cidrs);
        }
    }

    /** A direct connection between two sites through {@code via} (a VPN gateway id, later a pcx or tgw id). */
    public record Link(String a, String b, Kind kind, String via) {
        /**
         * VPN: a VPC and an external network behind its virtual private gateway (or behind a transit gateway
         * VPN attachment). PEERING and TRANSIT_GATEWAY join VPCs (a transit gateway as one edge per pair of
         * attached VPCs: it routes between all).
         */
        public enum Kind { VPN, PEERING, TRANSIT_GATEWAY }
    }

    private final Graph<String, Link> graph;
    private final Map<String, Site> sites;

    private Connectivity(Graph<String, Link> graph, Map<String, Site> sites) {
        this.graph = graph;
        this.sites = sites;
    }

    public static Connectivity of(Network network) {
        Graph<String, Link> g = newGraph();
        Map<String, Site> sites = new LinkedHashMap<>();
        for (Vpc v : network.vpcs()) {
            List<Cidr> cidrs = new ArrayList<>(v.cidrs());
            cidrs.addAll(v.ipv6Cidrs());
            sites.put(v.id(), new Site(v.id(), Site.Kind.VPC, cidrs));
            g.addVertex(v.id());
        }
        Map<String, VpnGateway> vgws = new LinkedHashMap<>();
        network.vpnGateways().forEach(x -> vgws.put(x.id(), x));
        for (ExternalNetwork x : network.externals()) {
            Cidr c = x.cidr() != null ? x.cidr() : x.ip() != null ? Cidr.host(x.ip()) : null;
            if (c == null || sites.containsKey(x.id())) continue;
            sites.put(x.id(), new Site(x.id(), Site.Kind.EXTERNAL, List.of(c)));
            g.addVertex(x.id());
            VpnGateway vgw = x.via() == null ? null : vgws.get(x.via());
            if (vgw != null && sites.containsKey(vgw.vpc())) g.addEdge(vgw.vpc(), x.id(), new Link(vgw.vpc(), x.id(), Link.Kind.VPN, vgw.id()));
        }
        for (io.reachsim.model.VpcPeering p : network.vpcPeerings()) {
            if (sites.containsKey(p.requester()) && sites.containsKey(p.accepter()) && !p.requester().equals(p.accepter())) {
                g.addEdge(p.requester(), p.accepter(), new Link(p.requester(), p.accepter(), Link.Kind.PEERING, p.id()));
            }
        }
        for (io.reachsim.model.TransitGateway t : network.transitGateways()) {
            // A transit gateway routes between all it attaches: one edge per pair (VPCs and the externals behind its VPNs).
            List<String> attached = new ArrayList<>();
            for (io.reachsim.model.TransitGateway.Attachment a : t.attachments()) {
                if (a.vpc() != null && sites.containsKey(a.vpc()) && !attached.contains(a.vpc())) attached.add(a.vpc());
                for (ExternalNetwork x : network.externals()) {
                    if (a.id().equals(x.via()) && sites.containsKey(x.id()) && !attached.contains(x.id())) attached.add(x.id());
                }
            }
            for (int i = 0; i < attached.size(); i++) {
                for (int j = i + 1; j < attached.size(); j++) {
                    String a = attached.get(i), b = attached.get(j);
                    boolean vpn = sites.get(a).kind() == Site.Kind.EXTERNAL || sites.get(b).kind() == Site.Kind.EXTERNAL;
                    g.addEdge(a, b, new Link(a, b, vpn ? Link.Kind.VPN : Link.Kind.TRANSIT_GATEWAY, t.id()));
                }
            }
        }
        return new Connectivity(new AsUnmodifiableGraph<>(g), sites);
    }

    /** A copy with one more link between two known sites. */
    public Connectivity withLink(Link link) {
        if (!sites.containsKey(link.a()) || !sites.containsKey(link.b())) {
            throw new IllegalArgumentException("unknown site in " + link + " (known: " + sites.keySet() + ")");
        }
        Graph<String, Link> g = newGraph();
        Graphs.addGraph(g, graph);
        g.addEdge(link.a(), link.b(), link);
        return new Connectivity(new AsUnmodifiableGraph<>(g), sites);
    }

    private static Graph<String, Link> newGraph() {
        return GraphTypeBuilder.<String, Link>undirected().allowingMultipleEdges(true)
                .allowingSelfLoops(false).weighted(false).buildGraph();
    }

    /** The graph itself, read-only: vertices are site ids. */
    public Graph<String, Link> graph() {
        return graph;
    }

    public Optional<Site> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    /** Sites joined to {@code id} by at least one direct link. */
    public List<String> neighbours(String id) {
        return graph.containsVertex(id) ? Graphs.neighborListOf(graph, id) : List.of();
    }

    /** Every site reachable from {@code id} over any number of links, itself included. */
    public Set<String> component(String id) {
        return graph.containsVertex(id) ? new ConnectivityInspector<>(graph).connectedSetOf(id) : Set.of();
    }

    /** Every direct link, in the order they were added. */
    public Set<Link> links() {
        return graph.edgeSet();
    }
}
