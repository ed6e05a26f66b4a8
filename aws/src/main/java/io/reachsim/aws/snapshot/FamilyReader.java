package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Route;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared layer of the snapshot readers: what is read so far (by id), the import report, the errors, and
 * the helpers every AWS family uses to read an item of a {@link JsonDoc} with its position. Each family
 * ({@link VpcReader}, {@link GatewayReader}, ...) extends it and shares one instance's state.
 */
abstract class FamilyReader {
    final String source;
    final String defaultRegion;
    final List<JsonDoc> docs;
    final ImportReport.Builder report;
    final List<LoadError> errors;
    final Map<String, List<Item>> lists;
    /** Files whose items belong to a resource named in the file name, by key. */
    final List<Item> lattice;
    final List<Item> clusters;
    final List<Item> nodegroups;
    final List<Item> dnsAttributes;

    /** Where each id was first read; later copies are reported and ignored. */
    final Map<String, Origin> origins;
    final Network.Builder out;

    // what is known so far, by id
    final Map<String, Vpc> vpcs;
    final Map<String, String> vpcAccount;
    final Map<String, Subnet> subnets;
    final Set<String> securityGroups;
    final Set<String> prefixLists;
    final Map<String, String> kinds;
    final Map<String, NetworkInterface> enis;
    final Map<String, String> skippedInstances;

    FamilyReader(String source, String defaultRegion, List<JsonDoc> docs) {
        this.source = source;
        this.defaultRegion = defaultRegion;
        this.docs = docs;
        this.report = new ImportReport.Builder(source);
        this.errors = new ArrayList<>();
        this.lists = new LinkedHashMap<>();
        this.lattice = new ArrayList<>();
        this.clusters = new ArrayList<>();
        this.nodegroups = new ArrayList<>();
        this.dnsAttributes = new ArrayList<>();
        this.origins = new LinkedHashMap<>();
        this.out = Network.builder();
        this.vpcs = new LinkedHashMap<>();
        this.vpcAccount = new HashMap<>();
        this.subnets = new LinkedHashMap<>();
        this.securityGroups = new HashSet<>();
        this.prefixLists = new HashSet<>();
        this.kinds = new HashMap<>();
        this.enis = new LinkedHashMap<>();
        this.skippedInstances = new HashMap<>();
    }

    /** A family reader sharing what {@code s} has read so far. */
    FamilyReader(FamilyReader s) {
        this.source = s.source;
        this.defaultRegion = s.defaultRegion;
        this.docs = s.docs;
        this.report = s.report;
        this.errors = s.errors;
        this.lists = s.lists;
        this.lattice = s.lattice;
        this.clusters = s.clusters;
        this.nodegroups = s.nodegroups;
        this.dnsAttributes = s.dnsAttributes;
        this.origins = s.origins;
        this.out = s.out;
        this.vpcs = s.vpcs;
        this.vpcAccount = s.vpcAccount;
        this.subnets = s.subnets;
        this.securityGroups = s.securityGroups;
        this.prefixLists = s.prefixLists;
        this.kinds = s.kinds;
        this.enis = s.enis;
        this.skippedInstances = s.skippedInstances;
    }

    static String type(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "a string";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        return "null";
    }

    List<Item> items(String key) {
        return lists.getOrDefault(key, List.of());
    }

    static String str(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** The item's id, or null with an error when it is missing. */
    String id(Item i, String field, String what) {
        String id = i.str(field);
        if (id == null || id.isBlank()) {
            errors.add(new LoadError(i.at(), what + " without '" + field + "'"));
            return null;
        }
        return id;
    }

    /** True the first time an id is seen; later copies (the same resource in two accounts' files) are noted. */
    boolean first(String id, String kind, Item i) {
        Origin prev = origins.putIfAbsent(id, i.at());
        if (prev == null) {
            kinds.put(id, kind);
            return true;
        }
        report.note(i.at(), kind + " '" + id + "'", "also read at " + ImportReport.where(prev) + "; the first is used");
        return false;
    }

    String account(Item i) {
        String owner = i.str("OwnerId");
        return owner != null ? owner : i.doc().account;
    }

    Cidr cidr(Item i, String field) {
        String s = i.str(field);
        if (s == null) return null;
        try {
            return Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(i.at(field), "'" + s + "' in " + field + " is not a CIDR: " + e.getMessage()));
            return null;
        }
    }

    Ip ip(Item i, String field) {
        String s = i.str(field);
        if (s == null) return null;
        try {
            return Ip.parse(s);
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(i.at(field), "'" + s + "' in " + field + " is not an IP address: " + e.getMessage()));
            return null;
        }
    }

    static boolean state(Item i, String field, String... ok) {
        String s = i.str(field);
        if (s == null) return true;
        for (String o : ok) if (o.equalsIgnoreCase(s)) return true;
        return false;
    }

    Cidr parseCidr(JsonDoc d, JsonNode n) {
        try {
            return Cidr.parse(n.asText());
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(d.at(n), "'" + n.asText() + "' is not a CIDR: " + e.getMessage()));
            return null;
        }
    }

    /** Items of one list that belong to one resource: one file, or one "Key:parent" of a document. */
    record Group(JsonDoc doc, String parent) {
        Origin at() {
            return doc.at(doc.root);
        }
    }

    static Map<Group, List<Item>> byDoc(List<Item> items) {
        Map<Group, List<Item>> m = new LinkedHashMap<>();
        for (Item i : items) m.computeIfAbsent(new Group(i.doc(), i.parent()), k -> new ArrayList<>()).add(i);
        return m;
    }

    /** The resource a group's items belong to: named by its key, else the longest id in the file name. */
    static String idInFileName(Group g, String regex) {
        if (g.parent() != null) return g.parent();
        String name = java.nio.file.Path.of(g.doc().file).getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(name);
        String best = null;
        while (m.find()) if (best == null || m.group().length() > best.length()) best = m.group();
        return best;
    }

    static Map<String, String> tags(Item i) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Item t : i.list("Tags")) if (t.str("Key") != null) m.put(t.str("Key"), t.str("Value") == null ? "" : t.str("Value"));
        return m;
    }

    /**
     * The networks behind available VPN connections of a gateway (describe-vpn-connections: the static
     * Routes, and the remote network of the tunnel options when it is narrower than everything).
     */
    Set<Cidr> vpnRoutes(String gatewayField, String gateway) {
        return vpnRoutes(gatewayField, gateway, null);
    }

    Set<Cidr> vpnRoutes(String gatewayField, String gateway, String connection) {
        Set<Cidr> out = new LinkedHashSet<>();
        for (Item c : items("VpnConnections")) {
            if (!gateway.equals(c.str(gatewayField)) || !state(c, "State", "available")) continue;
            if (connection != null && !connection.equals(c.str("VpnConnectionId"))) continue;
            for (Item r : c.list("Routes")) {
                if (!state(r, "State", "available")) continue;
                Cidr x = cidr(r, "DestinationCidrBlock");
                if (x != null) out.add(x);
            }
            Item opt = c.obj("Options");
            Cidr remote = opt == null ? null : cidr(opt, "RemoteIpv4NetworkCidr");
            if (remote != null && remote.prefix() > 0) out.add(remote);
        }
        return out;
    }

    static Route.RouteDestination cidrDest(Cidr c) {
        return c == null ? null : new Route.RouteDestination.CidrDestination(c);
    }
}
