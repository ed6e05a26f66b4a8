package io.reachsim.load;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * What the parsers of a file's {@code network} sections share ({@link NetworkParser}, {@link EksParser},
 * {@link CrossVpcParser}): the file, its problems and the {@link RawNetwork} they fill, and the checks
 * every section makes (required and non-empty lists, address families, account ids, names).
 */
abstract class ParserBase {
    /** An AWS account id: twelve digits. */
    static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Set<String> SG_INGRESS = Format.SG_INGRESS.names();
    private static final Set<String> SG_EGRESS = Format.SG_EGRESS.names();

    final String file;
    final Problems problems;
    final String fileRegion;
    final RawNetwork net;

    void each(YMap m, String key, String kind, BiConsumer<Node, String> item) {
        List<Node> items = m.list(key, false);
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) item.accept(items.get(i), kind + " #" + (i + 1));
    }

    YMap map(Node n, String kind, String label, Set<String> fields) {
        return YMap.of(n, file, kind, label, fields, problems);
    }

    static boolean requireFamily(YMap m, Val<Cidr> c, int version, String what) {
        if (c.v().version() == version) return true;
        m.error(c.at(), what + " of " + m.label() + " must be an IPv" + version + " CIDR, not " + c.v());
        return false;
    }

    static boolean requireFamilyIp(YMap m, Val<Ip> ip, int version, String what) {
        if (ip.v().version() == version) return true;
        m.error(ip.at(), what + " of " + m.label() + " must be an IPv" + version + " address, not " + ip.v());
        return false;
    }

    /** Reports a required list field that is missing or written empty ({@code purpose}: what it lists). */
    static void requireNonEmpty(YMap m, String key, List<Val<String>> read, String purpose) {
        if (read == null && !m.has(key)) {
            m.error(m.at(), m.label() + " has no '" + key + "' (required: " + purpose + ")");
        } else if (m.value(key) instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt(key), "'" + key + "' of " + m.label() + " is empty: expected " + purpose);
        }
    }

    /** Reports an optional list field written empty; {@code why}: why empty is not allowed. */
    static void forbidEmpty(YMap m, String key, String why) {
        if (m.value(key) instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt(key), "'" + key + "' of " + m.label() + " is empty: " + why);
        }
    }

    // ---------------------------------------------------------------- rules (ACL entries, security groups)

    record RuleMatch(Protocol protocol, PortRange ports, int icmpType, int icmpCode) {}

    /** protocol + ports (tcp/udp, omitted = all) + icmpType/icmpCode (icmp, omitted = all). */
    RuleMatch ruleMatch(YMap m) {
        Val<String> p = m.str("protocol");
        if (p == null) {
            if (!m.has("protocol")) m.error(m.at(), m.label() + " has no 'protocol' (tcp, udp, icmp, icmpv6 or all)");
            return null;
        }
        Protocol protocol;
        try {
            protocol = Protocol.parse(p.v());
        } catch (IllegalArgumentException e) {
            m.error(p.at(), "'" + p.v() + "' is not a protocol: " + e.getMessage());
            return null;
        }
        PortRange ports = null;
        if (protocol.hasPorts()) {
            ports = PortRange.ALL;
            Val<String> s = m.str("ports");
            if (s != null) {
                try {
                    ports = PortRange.parse(s.v());
                } catch (IllegalArgumentException e) {
                    m.error(s.at(), "'" + s.v() + "' is not a port range: " + e.getMessage());
                    return null;
                }
            }
        } else if (m.has("ports")) {
            m.error(m.valueAt("ports"), "'ports' of " + m.label() + " applies to tcp and udp only, not " + protocol);
            return null;
        }
        int type = -1;
        int code = -1;
        if (protocol.isIcmp()) {
            Val<Integer> t = m.integer("icmpType", -1, 255);
            Val<Integer> c = m.integer("icmpCode", -1, 255);
            if (t != null) type = t.v();
            if (c != null) code = c.v();
        } else {
            for (String k : List.of("icmpType", "icmpCode")) {
                if (m.has(k)) {
                    m.error(m.valueAt(k), "'" + k + "' of " + m.label() + " applies to icmp and icmpv6 only, not " + protocol);
                    return null;
                }
            }
        }
        return new RuleMatch(protocol, ports, type, code);
    }

    /** The {@code ingress} or {@code egress} rules of a group; null when the field is omitted (which means something different from {@code []} for egress). */
    List<RawNetwork.SgRule> sgRules(YMap sg, String direction) {
        boolean in = direction.equals("ingress");
        String peerField = in ? "source" : "destination";
        Set<String> fields = in ? SG_INGRESS : SG_EGRESS;
        List<Node> items = sg.list(direction, false);
        if (items == null) return sg.has(direction) ? List.of() : null;
        List<RawNetwork.SgRule> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YMap m = map(items.get(i), "rule", direction + " rule #" + (i + 1) + " of " + sg.label(), fields);
            if (m == null) continue;
            m.checkFields();
            RuleMatch match = ruleMatch(m);
            Val<String> peer = m.reqStr(peerField);
            Val<String> description = m.str("description");
            if (match != null && peer != null) {
                out.add(new RawNetwork.SgRule(m.at(), match.protocol(), match.ports(), match.icmpType(), match.icmpCode(), peer,
                        description == null ? null : description.v()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- accounts, peering, transit gateways (cross-VPC)

    /** An optional account id field: twelve digits (AWS's form), as a string. */
    static Val<String> account(YMap m, String key) {
        Val<String> a = m.str(key);
        return a == null || checkAccount(m, a, "'" + key + "'") ? a : null;
    }

    static boolean checkAccount(YMap m, Val<String> a, String what) {
        if (ACCOUNT.matcher(a.v().trim()).matches()) return true;
        m.error(a.at(), what + " of " + m.label() + " must be an AWS account id (12 digits), not '" + a.v() + "'");
        return false;
    }

    /**
     * Reads the required {@code name} of a named item (clusters, node groups, policies) and from then on
     * names the item by it. Returns null (error recorded) when missing or not a valid name.
     */
    static Val<String> name(YMap m, String kind, String suffix, Pattern valid, String rule) {
        Val<String> name = m.reqStr("name");
        if (name == null) return null;
        String label = m.label();
        m.relabel(kind + " '" + name.v() + "'" + suffix);
        if (!valid.matcher(name.v()).matches()) {
            m.error(name.at(), "'" + name.v() + "' is not a valid name for " + label + ": " + rule);
            return null;
        }
        return name;
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    ParserBase(String file, String fileRegion, Problems problems, RawNetwork net) {
        this.file = file;
        this.fileRegion = fileRegion;
        this.problems = problems;
        this.net = net;
    }
}
