package io.reachsim.load;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Instance;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.Selector;
import io.reachsim.model.Vpc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Parses and checks DESIGN §9 selectors: a selector that selects nothing is bad input naming what exists. */
final class Selectors {
    static final List<String> KINDS = List.of("tag", "name", "sg", "vpc");

    private Selectors() {}

    static EndpointRef parse(String t, String kind, String rest, Network network) {
        Selector s = switch (kind) {
            case "tag" -> {
                int eq = rest.indexOf('=');
                String key = (eq < 0 ? rest : rest.substring(0, eq)).trim();
                if (key.isEmpty()) throw new IllegalArgumentException("'" + t + "' names no tag key: expected tag:KEY=VALUE or tag:KEY");
                yield new Selector.Tag(key, eq < 0 ? null : rest.substring(eq + 1).trim());
            }
            case "name" -> new Selector.Tag("Name", rest);
            case "sg" -> {
                if (network.securityGroup(rest).isEmpty()) {
                    throw new IllegalArgumentException("'" + t + "': security group '" + rest + "' does not exist"
                            + Names.unknown(rest, "security groups", network.securityGroups().stream().map(SecurityGroup::id).toList()));
                }
                yield new Selector.Group(rest);
            }
            case "vpc" -> {
                if (network.vpcs().stream().noneMatch(v -> v.id().equals(rest))) {
                    throw new IllegalArgumentException("'" + t + "': VPC '" + rest + "' does not exist"
                            + Names.unknown(rest, "VPCs", network.vpcs().stream().map(Vpc::id).toList()));
                }
                yield new Selector.InVpc(rest);
            }
            default -> throw new IllegalStateException(kind);
        };
        return check(t, s, network);
    }

    /** The selector as a reference, or an error when it selects nothing. */
    static EndpointRef check(String t, Selector s, Network network) {
        if (!s.members(network).isEmpty()) return new EndpointRef.SelectorRef(t, s);
        String what = s instanceof Selector.Tag ? "; tags in the network: " + tags(network)
                : s instanceof Selector.Group g ? "; no instance or interface carries " + g.id()
                : s instanceof Selector.InVpc v ? "; VPC " + v.id() + " has no instance or interface"
                : "; the network has no instance or interface";
        throw new IllegalArgumentException("'" + t + "' selects nothing" + what);
    }

    /** Every tag key with its values ({@code role=web|db, env=prod}), at most 20 keys. */
    private static String tags(Network network) {
        Map<String, TreeSet<String>> seen = new TreeMap<>();
        for (Instance i : network.instances()) i.tags().forEach((k, v) -> seen.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        for (NetworkInterface e : network.networkInterfaces()) e.tags().forEach((k, v) -> seen.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        if (seen.isEmpty()) return "none (give instances or networkInterfaces 'tags')";
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, TreeSet<String>> e : seen.entrySet()) {
            if (n++ == 20) {
                b.append(", …");
                break;
            }
            if (b.length() > 0) b.append(", ");
            List<String> vs = List.copyOf(e.getValue());
            b.append(e.getKey()).append('=').append(String.join("|", vs.size() > 6 ? vs.subList(0, 6) : vs)).append(vs.size() > 6 ? "|…" : "");
        }
        return b.toString();
    }
}
