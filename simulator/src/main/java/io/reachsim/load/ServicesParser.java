package io.reachsim.load;

import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code loadBalancers}, {@code endpointServices} and {@code lattice} sections of a file's
 * {@code network} (DESIGN §5) into {@link RawNetwork}; {@link ServicesResolver} checks references.
 */
final class ServicesParser {
    static final Set<String> SECTIONS = Set.of("loadBalancers", "endpointServices", "lattice");

    private static final Set<String> LB = Format.LOAD_BALANCER.names();
    private static final Set<String> LB_LISTENER = Format.LB_LISTENER.names();
    private static final Set<String> TARGET = Format.TARGET.names();
    private static final Set<String> ENDPOINT_SERVICE = Format.ENDPOINT_SERVICE.names();
    private static final Set<String> LATTICE = Format.LATTICE.names();
    private static final Set<String> SERVICE_NETWORK = Format.SERVICE_NETWORK.names();
    private static final Set<String> ASSOCIATION = Format.VPC_ASSOCIATION.names();
    private static final Set<String> SERVICE = Format.LATTICE_SERVICE.names();
    private static final Set<String> LATTICE_LISTENER = Format.LATTICE_LISTENER.names();
    private static final Set<String> TARGET_GROUP = Format.TARGET_GROUP.names();

    static final List<String> NLB_PROTOCOLS = List.of("tcp", "udp", "tcp_udp", "tls");
    static final List<String> ALB_PROTOCOLS = List.of("http", "https");
    static final List<String> LATTICE_PROTOCOLS = List.of("http", "https", "tls");
    private static final List<String> ALL_PROTOCOLS = List.of("tcp", "udp", "tcp_udp", "tls", "http", "https");

    private final String file;
    private final Problems problems;
    private final RawNetwork net;

    private ServicesParser(String file, Problems problems, RawNetwork net) {
        this.file = file;
        this.problems = problems;
        this.net = net;
    }

    static void parse(YMap network, String file, Problems problems, RawNetwork net) {
        ServicesParser p = new ServicesParser(file, problems, net);
        List<Node> lbs = network.list("loadBalancers", false);
        for (int i = 0; lbs != null && i < lbs.size(); i++) p.loadBalancer(lbs.get(i), "load balancer #" + (i + 1));
        List<Node> ess = network.list("endpointServices", false);
        for (int i = 0; ess != null && i < ess.size(); i++) p.endpointService(ess.get(i), "endpoint service #" + (i + 1));
        Node l = network.value("lattice");
        if (l != null) p.lattice(l);
    }

    private YMap map(Node n, String kind, String label, Set<String> fields) {
        return YMap.of(n, file, kind, label, fields, problems);
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static void requireNonEmpty(YMap m, String key, List<?> read, String purpose) {
        if (read == null && !m.has(key)) {
            m.error(m.at(), m.label() + " has no '" + key + "' (required: " + purpose + ")");
        } else if (m.value(key) instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt(key), "'" + key + "' of " + m.label() + " is empty: expected " + purpose);
        }
    }

    private static Val<ListenerProtocol> protocol(YMap m, List<String> allowed, String why) {
        Val<String> raw = m.str("protocol");
        if (raw == null) {
            if (!m.has("protocol")) m.error(m.at(), m.label() + " has no 'protocol' (required: " + String.join(", ", allowed) + ")");
            return null;
        }
        String t = raw.v().trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!allowed.contains(t)) {
            String hint = ALL_PROTOCOLS.contains(t) ? " (" + why + ")" : Names.didYouMean(t, allowed);
            m.error(raw.at(), "'protocol' of " + m.label() + " must be one of " + String.join(", ", allowed) + ", not '" + raw.v() + "'" + hint);
            return null;
        }
        return new Val<>(ListenerProtocol.valueOf(t.toUpperCase(Locale.ROOT)), raw.at());
    }

    private static Val<Integer> port(YMap m, boolean required) {
        Val<Integer> port = m.integer("port", 1, 65535);
        if (port == null && required && !m.has("port")) m.error(m.at(), m.label() + " has no 'port' (required: 1-65535)");
        return port;
    }

    private static Lattice.AuthType authType(YMap m) {
        Val<String> a = m.choice("authType", List.of("none", "aws_iam"));
        return a != null && a.v().equals("aws_iam") ? Lattice.AuthType.AWS_IAM : Lattice.AuthType.NONE;
    }

    /** {@code authPolicy}: true/false, or the policy document itself (a mapping: attached). */
    private static boolean authPolicy(YMap m) {
        if (m.value("authPolicy") instanceof MappingNode) return true;
        return m.bool("authPolicy", false);
    }

    // ---------------------------------------------------------------- load balancers

    private void loadBalancer(Node n, String label) {
        YMap m = map(n, "load balancer", label, LB);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> t = m.choice("type", List.of("network", "application"));
        if (t == null && !m.has("type")) m.error(m.at(), m.label() + " has no 'type' (required: network or application)");
        LoadBalancer.Type type = t == null ? null : t.v().equals("network") ? LoadBalancer.Type.NETWORK : LoadBalancer.Type.APPLICATION;
        Val<String> sc = m.choice("scheme", List.of("internal", "internet-facing"));
        LoadBalancer.Scheme scheme = sc != null && sc.v().equals("internet-facing") ? LoadBalancer.Scheme.INTERNET_FACING
                : LoadBalancer.Scheme.INTERNAL;
        List<Val<String>> subnets = m.strings("subnets", false);
        requireNonEmpty(m, "subnets", subnets, "the subnets of its nodes, at most one per availability zone");
        List<Val<String>> sgs = m.strings("securityGroups", false);
        if (m.value("securityGroups") instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt("securityGroups"), "'securityGroups' of " + m.label() + " is empty: omit it for a load balancer without"
                    + " security groups (Network Load Balancers only)");
        }
        boolean enforce = m.bool("enforceSecurityGroupInboundRulesOnPrivateLinkTraffic", true);
        // AWS: always on for Application Load Balancers; off by default for Network Load Balancers.
        Val<Boolean> crossZone = m.boolVal("crossZoneLoadBalancing");
        if (crossZone != null && !crossZone.v() && type == LoadBalancer.Type.APPLICATION) {
            m.error(crossZone.at(), "crossZoneLoadBalancing of " + m.label() + " cannot be turned off: Application Load Balancers always"
                    + " balance across zones (a listener's target group can: crossZoneLoadBalancing: false on the listener)");
        }
        List<RawNetwork.LbListener> listeners = new ArrayList<>();
        List<Node> items = m.list("listeners", false);
        requireNonEmpty(m, "listeners", items, "its listeners: protocol, port and targets");
        List<String> allowed = type == LoadBalancer.Type.APPLICATION ? ALB_PROTOCOLS : NLB_PROTOCOLS;
        String why = type == LoadBalancer.Type.APPLICATION ? "an application load balancer listens on HTTP or HTTPS"
                : "a network load balancer listens on TCP, UDP, TCP_UDP or TLS";
        Map<Integer, Integer> portLine = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            YMap l = map(items.get(i), "listener", "listener #" + (i + 1) + " of " + m.label(), LB_LISTENER);
            if (l == null) continue;
            l.checkFields();
            Val<ListenerProtocol> protocol = type == null ? null : protocol(l, allowed, why);
            Val<Integer> port = port(l, true);
            if (port != null) {
                Integer first = portLine.putIfAbsent(port.v(), port.at().line());
                if (first != null) {
                    l.error(port.at(), "port " + port.v() + " has two listeners in " + m.label() + " (first at line " + first + ")");
                    continue;
                }
            }
            // the listener's target group attribute load_balancing.cross_zone.enabled (null: the load balancer's setting)
            Val<Boolean> tgCrossZone = l.boolVal("crossZoneLoadBalancing");
            listeners.add(new RawNetwork.LbListener(l.at(), protocol, port, targets(l, true), tgCrossZone == null ? null : tgCrossZone.v()));
        }
        net.loadBalancers.add(new RawNetwork.Lb(id, m.at(), type, scheme, orEmpty(subnets), sgs, listeners, enforce,
                crossZone != null ? crossZone.v() : type == LoadBalancer.Type.APPLICATION));
    }

    /** {@code targets}: mappings {instance|ip, port}; with {@code scalars}, plain ids or addresses too (Lattice). */
    private List<RawNetwork.Target> targets(YMap owner, boolean mappingsOnly) {
        List<RawNetwork.Target> out = new ArrayList<>();
        List<Node> items = owner.list("targets", false);
        for (int i = 0; items != null && i < items.size(); i++) {
            Node n = items.get(i);
            String label = "target #" + (i + 1) + " of " + owner.label();
            if (!mappingsOnly && n instanceof ScalarNode) {
                Val<String> v = owner.scalar(n, label);
                if (v == null) continue;
                boolean looksLikeIp = v.v().matches("[0-9a-fA-F:.]+") && (v.v().contains(".") || v.v().contains(":"));
                if (looksLikeIp) {
                    Val<Ip> ip = owner.ip(v);
                    if (ip != null) out.add(new RawNetwork.Target(v.at(), null, ip, null));
                } else {
                    out.add(new RawNetwork.Target(v.at(), v, null, null));
                }
                continue;
            }
            YMap t = map(n, "target", label, TARGET);
            if (t == null) continue;
            t.checkFields();
            Val<String> instance = t.str("instance");
            Val<Ip> ip = t.ip("ip");
            if (t.has("instance") == t.has("ip")) {
                t.error(t.at(), label + (t.has("ip") ? " has both 'instance' and 'ip'" : " has neither 'instance' nor 'ip'") + ": expected one");
                continue;
            }
            Val<Integer> port = t.integer("port", 1, 65535);
            if (instance != null || ip != null) out.add(new RawNetwork.Target(t.at(), instance, ip, port));
        }
        return out;
    }

    // ---------------------------------------------------------------- endpoint services

    private void endpointService(Node n, String label) {
        YMap m = map(n, "endpoint service", label, ENDPOINT_SERVICE);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        if (id != null && !AwsServices.isEndpointService(id.v())) {
            m.error(id.at(), "the id '" + id.v() + "' of " + m.label() + " must start with vpce-svc- (AWS's form: interface endpoints name"
                    + " the service by it)");
            id = null;
        }
        Val<String> lb = m.reqStr("loadBalancer");
        boolean acceptance = m.bool("acceptanceRequired", false);
        net.endpointServices.add(new RawNetwork.EndpointSvc(id, m.at(), lb, acceptance,
                orEmpty(m.strings("allowedPrincipals", false)), orEmpty(m.strings("acceptedEndpoints", false))));
    }

    // ---------------------------------------------------------------- Lattice

    private void lattice(Node n) {
        YMap m = map(n, "lattice", "'lattice'", LATTICE);
        if (m == null) return;
        m.checkFields();
        Val<String> pl = m.str("prefixList");
        List<RawNetwork.ServiceNetwork> sns = new ArrayList<>();
        List<Node> items = m.list("serviceNetworks", false);
        for (int i = 0; items != null && i < items.size(); i++) {
            YMap s = map(items.get(i), "service network", "service network #" + (i + 1), SERVICE_NETWORK);
            if (s == null) continue;
            Val<String> id = s.id();
            s.checkFields();
            List<RawNetwork.Association> assocs = new ArrayList<>();
            List<Node> as = s.list("vpcAssociations", false);
            for (int k = 0; as != null && k < as.size(); k++) {
                YMap a = map(as.get(k), "VPC association", "VPC association #" + (k + 1) + " of " + s.label(), ASSOCIATION);
                if (a == null) continue;
                a.checkFields();
                Val<String> vpc = a.reqStr("vpc");
                assocs.add(new RawNetwork.Association(a.at(), vpc, orEmpty(a.strings("securityGroups", false))));
            }
            sns.add(new RawNetwork.ServiceNetwork(id, s.at(), authType(s), authPolicy(s), orEmpty(s.strings("services", false)), assocs));
        }
        List<RawNetwork.LatticeService> services = new ArrayList<>();
        items = m.list("services", false);
        for (int i = 0; items != null && i < items.size(); i++) {
            YMap s = map(items.get(i), "Lattice service", "Lattice service #" + (i + 1), SERVICE);
            if (s == null) continue;
            Val<String> id = s.id();
            s.checkFields();
            List<RawNetwork.LatticeListener> listeners = new ArrayList<>();
            List<Node> ls = s.list("listeners", false);
            requireNonEmpty(s, "listeners", ls, "its listeners: protocol (HTTP, HTTPS or TLS), port and targetGroup");
            Map<Integer, Integer> portLine = new HashMap<>();
            for (int k = 0; ls != null && k < ls.size(); k++) {
                YMap l = map(ls.get(k), "listener", "listener #" + (k + 1) + " of " + s.label(), LATTICE_LISTENER);
                if (l == null) continue;
                l.checkFields();
                Val<ListenerProtocol> protocol = protocol(l, LATTICE_PROTOCOLS, "Lattice services listen on HTTP, HTTPS or TLS");
                Val<Integer> port = port(l, true);
                if (port != null) {
                    Integer first = portLine.putIfAbsent(port.v(), port.at().line());
                    if (first != null) {
                        l.error(port.at(), "port " + port.v() + " has two listeners in " + s.label() + " (first at line " + first + ")");
                        continue;
                    }
                }
                listeners.add(new RawNetwork.LatticeListener(l.at(), protocol, port, l.reqStr("targetGroup")));
            }
            services.add(new RawNetwork.LatticeService(id, s.at(), authType(s), authPolicy(s), listeners));
        }
        List<RawNetwork.TargetGroup> groups = new ArrayList<>();
        items = m.list("targetGroups", false);
        for (int i = 0; items != null && i < items.size(); i++) {
            YMap g = map(items.get(i), "Lattice target group", "Lattice target group #" + (i + 1), TARGET_GROUP);
            if (g == null) continue;
            Val<String> id = g.id();
            g.checkFields();
            Val<String> vpc = g.reqStr("vpc");
            Val<String> t = g.choice("type", List.of("ip", "instance"));
            Lattice.TargetGroup.TargetType type = t != null && t.v().equals("instance") ? Lattice.TargetGroup.TargetType.INSTANCE
                    : Lattice.TargetGroup.TargetType.IP;
            Val<ListenerProtocol> protocol = g.has("protocol") ? protocol(g, ALL_PROTOCOLS, "") : null;
            Val<Integer> port = port(g, true);
            groups.add(new RawNetwork.TargetGroup(id, g.at(), vpc, type, protocol == null ? ListenerProtocol.HTTP : protocol.v(), port,
                    targets(g, false)));
        }
        net.lattice.add(new RawNetwork.LatticeSection(m.at(), pl, sns, services, groups));
    }
}
