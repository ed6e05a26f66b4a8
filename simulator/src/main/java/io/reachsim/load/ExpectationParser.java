package io.reachsim.load;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.ExplanationCode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a scenario's {@code expect} list against its (resolved) network. */
final class ExpectationParser {
    private static final Set<String> FIELDS = Format.EXPECTATION.names();
    private static final List<String> CODES = Arrays.stream(ExplanationCode.values()).map(Enum::name).toList();

    private ExpectationParser() {}

    static List<Expectation> parse(Node expect, String file, Network network, Problems problems) {
        // Ids that can be on a path: the network's, and each EKS cluster's public API endpoint.
        Set<String> known = new LinkedHashSet<>(network.kindsById().keySet());
        network.eksClusters().forEach(c -> known.add(EksResolver.publicEndpointId(c.name())));
        // Composite resources by the name the user writes for the whole: a node group's nodes, a cluster's X-ENIs.
        network.eksClusters().forEach(c -> {
            known.add(c.name());
            c.nodeGroups().forEach(g -> known.add(c.name() + "/" + g.name()));
        });
        List<Expectation> out = new ArrayList<>();
        if (!(expect instanceof SequenceNode seq)) {
            problems.add(YamlFile.at(file, expect), "'expect' must be a list of expectations, not " + YMap.describe(expect));
            return out;
        }
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Expectation e = one(items.get(i), "expectation #" + (i + 1), file, network, known, problems);
            if (e != null) out.add(e);
        }
        return out;
    }

    private static Expectation one(Node n, String label, String file, Network network, Set<String> known, Problems problems) {
        YMap m = YMap.of(n, file, "expectation", label, FIELDS, problems);
        if (m == null) return null;
        int before = problems.size();
        Val<String> name = m.str("name");
        if (name != null) m.relabel("expectation '" + name.v() + "'");
        m.checkFields();

        Val<String> fromText = m.reqStr("from");
        Val<String> toText = m.reqStr("to");
        EndpointRef from = endpoint(fromText, network, problems);
        EndpointRef to = endpoint(toText, network, problems);
        if (from instanceof EndpointRef.LoadBalancerRef || from instanceof EndpointRef.VpcEndpointRef
                || from instanceof EndpointRef.LatticeServiceRef) {
            m.error(fromText.at(), "'" + fromText.v() + "' can only be a destination: load balancers, PrivateLink endpoints and"
                    + " Lattice services answer connections, they do not open them (name a host as 'from')");
            from = null;
        }

        Val<String> p = m.choice("protocol", List.of("tcp", "udp", "icmp", "all", "any"));
        boolean any = p != null && p.v().equals("any");
        Protocol protocol = p == null || any ? Protocol.TCP : Protocol.parse(p.v());
        if (p == null && m.has("protocol")) protocol = null;

        // DESIGN §9: protocol any, a ports set, or an exact open set make a set expectation.
        boolean hasOpen = m.has("open");
        if (hasOpen && m.has("reachable")) {
            m.error(m.keyAt("open"), m.label() + " has both 'open' and 'reachable': 'open' states exactly what gets through,"
                    + " so it replaces 'reachable' (keep one)");
        }
        if (m.has("ports") && m.has("port")) {
            m.error(m.keyAt("ports"), m.label() + " has both 'port' and 'ports': write one port as 'port: N' or a set as 'ports: [...]'");
        }
        ServiceSet services = SetFields.scope(m, p == null ? null : p.v(), protocol);
        ServiceSet open = hasOpen ? SetFields.open(m) : null;
        boolean setQuestion = any || m.has("ports") || hasOpen;

        Val<Integer> port = m.integer("port", 1, 65535);
        Val<Integer> sourcePort = m.integer("sourcePort", 1, 65535);
        Val<Integer> icmpType = m.integer("icmpType", 0, 255);
        if (protocol != null) {
            if (protocol.hasPorts() && !m.has("port") && !setQuestion) {
                m.error(m.at(), m.label() + " has no 'port' (required for " + protocol + ")");
            }
            if (!protocol.hasPorts() && !any) {
                for (String k : List.of("port", "sourcePort", "ports")) {
                    if (m.has(k)) m.error(m.valueAt(k), "'" + k + "' of " + m.label() + " applies to tcp and udp only, not " + protocol);
                }
            }
            if (protocol != Protocol.ICMP && m.has("icmpType")) {
                m.error(m.valueAt("icmpType"), "'icmpType' of " + m.label() + " applies to icmp only, not " + protocol);
            }
        }

        Val<Integer> ipVersion = m.integer("ipVersion", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (ipVersion != null && ipVersion.v() != 4 && ipVersion.v() != 6) {
            m.error(ipVersion.at(), "'ipVersion' of " + m.label() + " must be 4 or 6, not " + ipVersion.v());
            ipVersion = null;
        }
        int version = ipVersion(m, ipVersion, from, fromText, to, toText, network);

        Val<Boolean> reachable = m.boolVal("reachable");
        if (reachable == null && !m.has("reachable") && !hasOpen) m.error(m.at(), m.label() + " has no 'reachable' (required: true or false)");

        List<String> via = ids(m, "via", known);
        List<String> viaAny = ids(m, "viaAny", known);
        List<String> notVia = ids(m, "notVia", known);
        if (m.value("viaAny") instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt("viaAny"), "'viaAny' of " + m.label() + " is empty: list at least one id");
        }

        Val<String> because = m.str("because");
        ExplanationCode code = null;
        if (because != null) {
            code = CODES.contains(because.v()) ? ExplanationCode.valueOf(because.v()) : null;
            if (code == null) {
                m.error(because.at(), "'" + because.v() + "' is not an explanation code" + Names.didYouMean(because.v(), CODES)
                        + " (known codes: " + String.join(", ", CODES) + ")");
            } else if (reachable != null && reachable.v()) {
                m.error(because.at(), "'because' of " + m.label() + " names why flows are dropped, but the expectation says reachable: true");
            }
        }
        boolean roundTrip = m.bool("roundTrip", true);

        if (problems.size() > before || from == null || to == null || protocol == null || reachable == null && !hasOpen) return null;
        String title = name != null ? name.v()
                : fromText.v() + " → " + toText.v() + " " + (setQuestion ? (hasOpen ? "open " + open : services.toString())
                : protocol + (port != null ? "/" + port.v() : ""));
        Origin at = m.at();
        return new Expectation(title, from, to, protocol,
                protocol.hasPorts() && port != null ? port.v() : null,
                sourcePort != null ? sourcePort.v() : Expectation.DEFAULT_SOURCE_PORT,
                protocol == Protocol.ICMP ? (icmpType != null ? icmpType.v() : 8) : -1,
                version, reachable != null && reachable.v(), via, viaAny, notVia, code, roundTrip, at,
                setQuestion ? services : null, open);
    }

    private static EndpointRef endpoint(Val<String> text, Network network, Problems problems) {
        if (text == null) return null;
        try {
            return EndpointRefs.parse(text.v(), network);
        } catch (IllegalArgumentException e) {
            problems.add(text.at(), e.getMessage());
            return null;
        }
    }

    /**
     * The expectation's IP version: as written, else the family of an address literal among the
     * endpoints, else 6 when an endpoint is the nodes, pods or API of an IPv6 EKS cluster (or an IPv6-only
     * pod's interface), else 4; and both endpoints must have an address of that family.
     */
    private static int ipVersion(YMap m, Val<Integer> written, EndpointRef from, Val<String> fromText, EndpointRef to,
                                 Val<String> toText, Network network) {
        Integer fv = from == null ? null : EndpointRefs.literalVersion(from, network);
        Integer tv = to == null ? null : EndpointRefs.literalVersion(to, network);
        if (fv != null && tv != null && !fv.equals(tv)) {
            m.error(toText.at(), "'from' of " + m.label() + " is IPv" + fv + " but 'to' is IPv" + tv + ": a flow uses one address family");
            return fv;
        }
        Integer literal = fv != null ? fv : tv;
        String reason = literal == null ? null : "its other endpoint is an IPv" + literal + " address";
        Integer derived = null;
        if (literal == null) {
            // Nodes, pods and the API of an IPv6 cluster make the flow IPv6 unless something says otherwise.
            for (EndpointRef ref : new EndpointRef[] {from, to}) {
                Integer cv = ref == null ? null : EndpointRefs.clusterVersion(ref, network);
                if (cv != null && derived == null) {
                    derived = cv;
                    reason = EndpointRefs.clusterVersionReason(ref);
                }
            }
        }
        int version = written != null ? written.v() : literal != null ? literal : derived != null ? derived : 4;
        for (Map.Entry<EndpointRef, Val<String>> e : List.of(entry(from, fromText), entry(to, toText))) {
            if (e.getKey() == null) continue;
            String lack = EndpointRefs.lacks(e.getKey(), network, version);
            if (lack == null) continue;
            if (written != null) {
                m.error(written.at(), m.label() + " says ipVersion " + version + ", but " + lack);
            } else {
                m.error(e.getValue().at(), m.label() + " is an IPv" + version + " flow (" + (reason != null ? reason : "the default")
                        + "), but " + lack);
            }
        }
        return version;
    }

    private static Map.Entry<EndpointRef, Val<String>> entry(EndpointRef ref, Val<String> text) {
        return new AbstractMap.SimpleImmutableEntry<>(ref, text);
    }

    private static List<String> ids(YMap m, String key, Set<String> known) {
        List<Val<String>> items = m.strings(key, true);
        if (items == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Val<String> s : items) {
            String id = s.v().trim();
            if (id.equals("internet") || known.contains(id)) {
                out.add(id);
            } else {
                m.error(s.at(), "'" + id + "' in '" + key + "' of " + m.label() + " names nothing in the network"
                        + Names.unknown(id, "ids", known));
            }
        }
        return out;
    }
}
