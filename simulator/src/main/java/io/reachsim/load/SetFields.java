package io.reachsim.load;

import io.reachsim.model.Protocol;
import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;

/** DESIGN §9 fields of an expectation: {@code ports:} sets and {@code open:} lists, with every bad item reported. */
final class SetFields {
    private SetFields() {}

    /**
     * The protocol/port set an expectation asks about: {@code protocol: any} (every protocol) or one protocol,
     * narrowed by {@code ports:} (which narrows TCP and UDP; with {@code protocol: any} it keeps only TCP and UDP).
     */
    static ServiceSet scope(YMap m, String protocolText, Protocol protocol) {
        Ranges ports = ports(m);
        boolean any = protocolText == null || protocolText.equals("any");
        if (any) {
            if (ports == null) return ServiceSet.ALL;
            return new ServiceSet(ports, ports, Ranges.EMPTY, false);
        }
        if (protocol == null) return ServiceSet.ALL;
        Ranges all = ports != null ? ports : Ranges.of(0, ServiceSet.MAX_PORT);
        return switch (protocol) {
            case TCP -> ServiceSet.tcp(all);
            case UDP -> ServiceSet.udp(all);
            case ICMP, ICMPV6 -> m.has("icmpType") ? ServiceSet.icmp(Ranges.of(icmpType(m))) : ServiceSet.icmp(Ranges.of(0, ServiceSet.MAX_ICMP_TYPE));
            case ALL, OTHER -> ServiceSet.ALL;
        };
    }

    private static long icmpType(YMap m) {
        Val<Integer> t = m.integer("icmpType", 0, 255);
        return t == null ? 8 : t.v();
    }

    /** {@code ports: 22}, {@code ports: 1024-65535}, {@code ports: [22, 80, 8000-8100]}, {@code ports: any}; null when absent. */
    private static Ranges ports(YMap m) {
        List<Node> items = m.list("ports", true);
        if (items == null) return null;
        if (items.isEmpty()) {
            m.error(m.valueAt("ports"), "'ports' of " + m.label() + " is empty: list ports (22), ranges (8000-8100) or write 'any'");
            return null;
        }
        Ranges.Builder b = new Ranges.Builder();
        for (Node n : items) {
            Val<String> s = m.scalar(n, "an item of 'ports' of " + m.label());
            if (s == null) continue;
            try {
                b.addAll(ServiceSet.parsePorts(s.v()));
            } catch (IllegalArgumentException e) {
                m.error(s.at(), "'" + s.v() + "' in 'ports' of " + m.label() + " is not a port set: " + e.getMessage()
                        + " (e.g. 22, 1024-65535, [22, 80, 8000-8100] or any)");
            }
        }
        return b.build();
    }

    /** {@code open: [tcp/443, udp/53, icmp/8, icmp, proto/50, all]} or {@code open: []}. */
    static ServiceSet open(YMap m) {
        Node v = m.value("open");
        if (!(v instanceof SequenceNode seq)) {
            if (v != null && !(v instanceof ScalarNode s && s.getValue().isBlank())) {
                m.error(m.valueAt("open"), "'open' of " + m.label() + " must be a list such as [tcp/443, udp/53] ([] for nothing), not "
                        + YMap.describe(v));
            }
            return ServiceSet.NONE;
        }
        ServiceSet out = ServiceSet.NONE;
        for (Node n : seq.getValue()) {
            Val<String> s = m.scalar(n, "an item of 'open' of " + m.label());
            if (s == null) continue;
            try {
                out = out.union(ServiceSet.parseItem(s.v()));
            } catch (IllegalArgumentException e) {
                m.error(s.at(), "'" + s.v() + "' in 'open' of " + m.label() + " is not a protocol/port: " + e.getMessage());
            }
        }
        return out;
    }
}
