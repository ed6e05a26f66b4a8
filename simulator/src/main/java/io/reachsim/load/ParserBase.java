package io.reachsim.load;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
