package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointService;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.PortRange;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.model.VpcPeering;
import io.reachsim.model.VpnGateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the documents of one snapshot into a {@link Network} and an {@link ImportReport}. Field names
 * and values are AWS's (EC2 and ELB PascalCase, EKS and VPC Lattice camelCase), as in the API
 * references of DescribeVpcs, DescribeSubnets, ..., DescribeCluster, ListServiceNetworks.
 *
 * <p>What is wrong in the data (a key holding the wrong JSON type, a CIDR that does not parse, an item
 * without its id) is an error; what is valid AWS data but cannot or need not be modelled (a resource
 * not available, a route to a carrier gateway, a reference to something outside the snapshot) is
 * skipped and reported with the reason.
 */
final class SnapshotReader {
    /** EKS's stand-in public API endpoints for imported clusters: 198.19.254.(10+k), never a real host. */
    private static final Ip PUBLIC_ENDPOINT_BASE = Ip.parse("198.19.254.0");
    private static final Cidr LATTICE_V4 = Cidr.parse("169.254.171.0/24");
    private static final Cidr LATTICE_V6 = Cidr.parse("fd00:ec2:80::/64");

    /** An item of a list key (or a whole get-* document), with the document it came from. */
    private record Item(JsonDoc doc, JsonNode node, String parent) {
        Item(JsonDoc doc, JsonNode node) {
            this(doc, node, null);
        }

        Origin at() {
            return doc.at(node);
        }

        Origin at(String field) {
            JsonNode v = node.get(field);
            return v != null ? doc.at(v) : doc.at(node);
        }

        String str(String field) {
            return SnapshotReader.str(node, field);
        }

        boolean bool(String field, boolean dflt) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? dflt : v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
        }

        List<Item> list(String field) {
            List<Item> l = new ArrayList<>();
            JsonNode v = node.get(field);
            if (v != null && v.isArray()) for (JsonNode n : v) if (n.isObject()) l.add(new Item(doc, n));
            return l;
        }

        Item obj(String field) {
            JsonNode v = node.get(field);
            return v != null && v.isObject() ? new Item(doc, v) : null;
        }

        List<String> strings(String field) {
            List<String> l = new ArrayList<>();
            JsonNode v = node.get(field);
            if (v != null && v.isArray()) for (JsonNode n : v) if (n.isTextual()) l.add(n.asText());
            return l;
        }

        String region() {
            return doc.region;
        }
    }

    /** Top-level keys of list outputs, and the kind each holds (for the report's unknown-key check). */
    private static final Set<String> LIST_KEYS = Set.of("Vpcs", "Subnets", "RouteTables", "SecurityGroups", "NetworkAcls",
            "InternetGateways", "EgressOnlyInternetGateways", "NatGateways", "NetworkInterfaces", "Reservations", "Addresses",
            "VpcPeeringConnections", "TransitGateways", "TransitGatewayAttachments", "TransitGatewayVpcAttachments",
            "TransitGatewayRouteTables", "Associations", "TransitGatewayRouteTablePropagations", "Routes", "VpcEndpoints",
            "ServiceConfigurations", "PrefixLists", "Entries", "VpnGateways", "VpnConnections", "LoadBalancers", "Listeners", "TargetGroups",
            "TargetHealthDescriptions", "items");
    /**
     * Outputs that list the items of one resource without naming it. In a file the resource's id is in the
     * file name; in a merged document (and in a file, too) the key may name it: "Entries:pl-0123",
     * "Routes:tgw-rtb-0abc", "TargetHealthDescriptions:my-targets", "items:tg-0abc".
     */
    private static final Set<String> PARENTED = Set.of("Entries", "Associations", "TransitGatewayRouteTablePropagations", "Routes",
            "TargetHealthDescriptions", "items");
    /** Keys that carry no resources: pagination and request metadata. */
    private static final Set<String> IGNORED_KEYS = Set.of("NextToken", "nextToken", "ResponseMetadata", "NextMarker",
            "AdditionalRoutesAvailable", "VpcId", "EnableDnsSupport", "EnableDnsHostnames");

    private final String source;
    private final String defaultRegion;
    private final List<JsonDoc> docs;
    private final ImportReport.Builder report;
    private final List<LoadError> errors = new ArrayList<>();
    private final Map<String, List<Item>> lists = new LinkedHashMap<>();
    /** Files whose items belong to a resource named in the file name, by key. */
    private final List<Item> lattice = new ArrayList<>();
    private final List<Item> clusters = new ArrayList<>();
    private final List<Item> nodegroups = new ArrayList<>();
    private final List<Item> dnsAttributes = new ArrayList<>();

    /** Where each id was first read; later copies are reported and ignored. */
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    private final Network.Builder out = Network.builder();

    // what is known so far, by id
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, String> vpcAccount = new HashMap<>();
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Set<String> securityGroups = new HashSet<>();
    private final Set<String> prefixLists = new HashSet<>();
    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, NetworkInterface> enis = new LinkedHashMap<>();
    private final Map<String, String> skippedInstances = new HashMap<>();

    SnapshotReader(String source, String defaultRegion, List<JsonDoc> docs) {
        this.source = source;
        this.defaultRegion = defaultRegion;
        this.docs = docs;
        this.report = new ImportReport.Builder(source);
    }

    Snapshots.Result read() throws LoadException {
        classify();
        out.region(defaultRegion);
        prefixLists();
        Map<String, String> mainTables = new HashMap<>();
        Map<String, String> subnetTables = new HashMap<>();
        Map<String, String> defaultAcls = new HashMap<>();
        Map<String, String> subnetAcls = new HashMap<>();
        Map<String, String> defaultSgs = new HashMap<>();
        scanAssociations(mainTables, subnetTables, defaultAcls, subnetAcls, defaultSgs);
        vpcs(mainTables, defaultAcls, defaultSgs);
        subnets(subnetTables, subnetAcls);
        gateways();
        registerTargets();
        networkAcls();
        securityGroups();
        natGateways();
        Map<String, List<String>> eksInterfaces = new LinkedHashMap<>();
        Map<String, List<String>> elbInterfaces = new LinkedHashMap<>();
        interfacesAndInstances(eksInterfaces, elbInterfaces);
        addresses();
        peerings();
        transitGateways();
        routeTables();
        vpcEndpoints();
        Map<String, String> lbByArn = new HashMap<>();
        loadBalancers(elbInterfaces, lbByArn);
        endpointServices(lbByArn);
        eks(eksInterfaces);
        lattice();
        implicitDefaults(mainTables, defaultAcls, defaultSgs);
        if (!errors.isEmpty()) throw new LoadException(errors);
        Network network = out.build();
        return new Snapshots.Result(network, report.build(), origins);
    }

    // ------------------------------------------------------------------ files and keys

    private void classify() {
        for (JsonDoc d : docs) {
            report.files.add(d.file);
            if (d.account != null) report.accounts.add(d.account);
            if (!d.root.isObject()) {
                errors.add(new LoadError(d.at(d.root), "expected a JSON object with a key such as \"Vpcs\" or \"Subnets\""
                        + " (the output of aws ec2 describe-vpcs, ...), found " + type(d.root)));
                continue;
            }
            boolean known = false;
            var fields = d.root.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                String parent = null;
                int colon = key.indexOf(':');
                if (colon > 0 && PARENTED.contains(key.substring(0, colon)) && colon < key.length() - 1) {
                    parent = key.substring(colon + 1).trim();
                    key = key.substring(0, colon);
                }
                if (key.equals("cluster")) {
                    known = true;
                    if (expectObject(d, key, v)) clusters.add(new Item(d, v));
                } else if (key.equals("nodegroup")) {
                    known = true;
                    if (expectObject(d, key, v)) nodegroups.add(new Item(d, v));
                } else if (key.equals("items")) {
                    known = true;
                    if (expectArray(d, key, v)) for (JsonNode n : v) if (expectObject(d, "an item of 'items'", n)) lattice.add(new Item(d, n, parent));
                } else if (LIST_KEYS.contains(key)) {
                    known = true;
                    if (!expectArray(d, key, v)) continue;
                    for (JsonNode n : v) {
                        if (expectObject(d, "an item of '" + key + "'", n)) lists.computeIfAbsent(key, k -> new ArrayList<>()).add(new Item(d, n, parent));
                    }
                } else if (key.equals("EnableDnsSupport") || key.equals("EnableDnsHostnames")) {
                    known = true;
                    dnsAttributes.add(new Item(d, d.root));
                } else if (key.equals("NextToken") || key.equals("nextToken")) {
                    report.note(d.at(v), "pagination token '" + key + "'", "this file is one page of the output; save the"
                            + " whole output (the AWS CLI pages through it by itself unless --max-items or --no-paginate is given)");
                } else if (key.equals("AdditionalRoutesAvailable")) {
                    if (v.asBoolean(false)) {
                        report.note(d.at(v), "search-transit-gateway-routes output", "AdditionalRoutesAvailable is true: the file"
                                + " holds only the first routes (raise --max-results)");
                    }
                } else if (IGNORED_KEYS.contains(key)) {
                    // request metadata, no resources
                } else if (d.root.has("id") && d.root.has("arn")) {
                    known = true; // a vpc-lattice get-* output: the document is the item
                } else {
                    report.skip(d.at(v), "top-level key '" + key + "'", "not a describe-*/list-* output reachsim reads"
                            + " (known keys: Vpcs, Subnets, RouteTables, SecurityGroups, NetworkAcls, ... ; see README)");
                }
            }
            if (d.root.has("id") && d.root.has("arn")) lattice.add(new Item(d, d.root));
            if (!known && d.root.size() == 0) report.skip(d.at(d.root), "empty JSON object", "nothing to read");
        }
        if (docs.stream().allMatch(d -> d.account == null)) report.accounts.clear();
    }

    private boolean expectArray(JsonDoc d, String key, JsonNode v) {
        if (v.isArray()) return true;
        errors.add(new LoadError(d.at(v), "'" + key + "' must be a JSON array, found " + type(v)));
        return false;
    }

    private boolean expectObject(JsonDoc d, String what, JsonNode v) {
        if (v.isObject()) return true;
        errors.add(new LoadError(d.at(v), what + " must be a JSON object, found " + type(v)));
        return false;
    }

    private static String type(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "a string";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        return "null";
    }

    private List<Item> items(String key) {
        return lists.getOrDefault(key, List.of());
    }

    static String str(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** The item's id, or null with an error when it is missing. */
    private String id(Item i, String field, String what) {
        String id = i.str(field);
        if (id == null || id.isBlank()) {
            errors.add(new LoadError(i.at(), what + " without '" + field + "'"));
            return null;
        }
        return id;
    }

    /** True the first time an id is seen; later copies (the same resource in two accounts' files) are noted. */
    private boolean first(String id, String kind, Item i) {
        Origin prev = origins.putIfAbsent(id, i.at());
        if (prev == null) {
            kinds.put(id, kind);
            return true;
        }
        report.note(i.at(), kind + " '" + id + "'", "also read at " + ImportReport.where(prev) + "; the first is used");
        return false;
    }

    private String account(Item i) {
        String owner = i.str("OwnerId");
        return owner != null ? owner : i.doc.account;
    }

    private Cidr cidr(Item i, String field) {
        String s = i.str(field);
        if (s == null) return null;
        try {
            return Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(i.at(field), "'" + s + "' in " + field + " is not a CIDR: " + e.getMessage()));
            return null;
        }
    }

    private Ip ip(Item i, String field) {
        String s = i.str(field);
        if (s == null) return null;
        try {
            return Ip.parse(s);
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(i.at(field), "'" + s + "' in " + field + " is not an IP address: " + e.getMessage()));
            return null;
        }
    }

    private static boolean state(Item i, String field, String... ok) {
        String s = i.str(field);
        if (s == null) return true;
        for (String o : ok) if (o.equalsIgnoreCase(s)) return true;
        return false;
    }

    // ------------------------------------------------------------------ prefix lists

    private void prefixLists() {
        report.kind("prefix lists");
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<Cidr>> cidrs = new LinkedHashMap<>();
        Map<String, Origin> at = new HashMap<>();
        for (Item p : items("PrefixLists")) {
            String id = id(p, "PrefixListId", "a prefix list");
            if (id == null) continue;
            // describe-managed-prefix-lists: State create-complete/modify-complete/...; describe-prefix-lists: none.
            String st = p.str("State");
            if (st != null && !(st.endsWith("-complete") || st.equals("available"))) {
                if (!st.equals("delete-complete")) {
                    report.skip(p.at(), "prefix list '" + id + "'", "state is " + st);
                    continue;
                }
                report.skip(p.at(), "prefix list '" + id + "'", "state is delete-complete (deleted)");
                continue;
            }
            if (!first(id, "prefix list", p)) continue;
            names.put(id, p.str("PrefixListName") != null ? p.str("PrefixListName") : id);
            List<Cidr> l = new ArrayList<>();
            JsonNode c = p.node.get("Cidrs");
            if (c != null && c.isArray()) {
                for (JsonNode n : c) l.add(parseCidr(p.doc, n));
            }
            cidrs.put(id, l);
            at.put(id, p.at());
        }
        // get-managed-prefix-list-entries prints {"Entries": [...]} without the list's id: the file name carries it.
        Map<Group, List<Item>> entryFiles = byDoc(items("Entries"));
        for (var e : entryFiles.entrySet()) {
            JsonDoc d = e.getKey().doc();
            String id = idInFileName(e.getKey(), "pl-[0-9a-zA-Z]+");
            if (id == null) {
                report.skip(d.at(d.root), "prefix list entries (" + e.getValue().size() + ")", "the file name must contain the"
                        + " prefix list id (e.g. entries-pl-0123abcd.json), or the key name it (\"Entries:pl-0123abcd\"):"
                        + " get-managed-prefix-list-entries does not print it");
                continue;
            }
            if (!names.containsKey(id)) {
                if (!first(id, "prefix list", new Item(d, d.root))) continue;
                names.put(id, id);
                cidrs.put(id, new ArrayList<>());
                at.put(id, d.at(d.root));
                report.note(d.at(d.root), "prefix list '" + id + "'", "known only from its entries (no describe-managed-prefix-lists"
                        + " output names it), so it is called by its id");
            }
            for (Item entry : e.getValue()) {
                Cidr c = cidr(entry, "Cidr");
                if (c != null) cidrs.get(id).add(c);
            }
        }
        for (String id : names.keySet()) {
            List<Cidr> l = cidrs.get(id).stream().filter(java.util.Objects::nonNull).distinct().toList();
            if (l.isEmpty()) {
                report.note(at.get(id), "prefix list '" + id + "' (" + names.get(id) + ")", "no entries were read (save aws ec2"
                        + " get-managed-prefix-list-entries --prefix-list-id " + id + " as entries-" + id + ".json): routes and"
                        + " rules naming it match nothing");
            }
            out.add(new PrefixList(id, names.get(id), l));
            prefixLists.add(id);
            report.count("prefix lists");
        }
    }

    private Cidr parseCidr(JsonDoc d, JsonNode n) {
        try {
            return Cidr.parse(n.asText());
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(d.at(n), "'" + n.asText() + "' is not a CIDR: " + e.getMessage()));
            return null;
        }
    }

    /** Items of one list that belong to one resource: one file, or one "Key:parent" of a document. */
    private record Group(JsonDoc doc, String parent) {
        Origin at() {
            return doc.at(doc.root);
        }
    }

    private static Map<Group, List<Item>> byDoc(List<Item> items) {
        Map<Group, List<Item>> m = new LinkedHashMap<>();
        for (Item i : items) m.computeIfAbsent(new Group(i.doc, i.parent), k -> new ArrayList<>()).add(i);
        return m;
    }

    /** The resource a group's items belong to: named by its key, else the longest id in the file name. */
    private static String idInFileName(Group g, String regex) {
        if (g.parent() != null) return g.parent();
        String name = java.nio.file.Path.of(g.doc().file).getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(name);
        String best = null;
        while (m.find()) if (best == null || m.group().length() > best.length()) best = m.group();
        return best;
    }

    // ------------------------------------------------------------------ VPCs and subnets

    private void scanAssociations(Map<String, String> mainTables, Map<String, String> subnetTables,
                                  Map<String, String> defaultAcls, Map<String, String> subnetAcls, Map<String, String> defaultSgs) {
        for (Item rt : items("RouteTables")) {
            String id = rt.str("RouteTableId");
            String vpc = rt.str("VpcId");
            if (id == null || vpc == null) continue;
            for (Item a : rt.list("Associations")) {
                Item st = a.obj("AssociationState");
                if (st != null && !state(st, "State", "associated")) continue;
                if (a.bool("Main", false)) mainTables.putIfAbsent(vpc, id);
                if (a.str("SubnetId") != null) subnetTables.putIfAbsent(a.str("SubnetId"), id);
                if (a.str("GatewayId") != null) {
                    report.note(a.at(), "gateway route table association of '" + id + "' with '" + a.str("GatewayId") + "'",
                            "edge associations (ingress routing) are not modelled: traffic entering through the gateway is routed"
                                    + " by the destination subnet's table");
                }
            }
        }
        for (Item acl : items("NetworkAcls")) {
            String id = acl.str("NetworkAclId");
            String vpc = acl.str("VpcId");
            if (id == null || vpc == null) continue;
            if (acl.bool("IsDefault", false)) defaultAcls.putIfAbsent(vpc, id);
            for (Item a : acl.list("Associations")) if (a.str("SubnetId") != null) subnetAcls.putIfAbsent(a.str("SubnetId"), id);
        }
        for (Item g : items("SecurityGroups")) {
            if ("default".equals(g.str("GroupName")) && g.str("VpcId") != null && g.str("GroupId") != null) {
                defaultSgs.putIfAbsent(g.str("VpcId"), g.str("GroupId"));
            }
        }
    }

    private void vpcs(Map<String, String> mainTables, Map<String, String> defaultAcls, Map<String, String> defaultSgs) {
        report.kind("VPCs");
        Map<String, Boolean> dnsSupport = new HashMap<>();
        Map<String, Boolean> dnsHostnames = new HashMap<>();
        for (Item a : dnsAttributes) {
            String vpc = a.str("VpcId");
            if (vpc == null) {
                errors.add(new LoadError(a.at(), "describe-vpc-attribute output without 'VpcId'"));
                continue;
            }
            Item s = a.obj("EnableDnsSupport");
            if (s != null) dnsSupport.put(vpc, s.bool("Value", true));
            Item h = a.obj("EnableDnsHostnames");
            if (h != null) dnsHostnames.put(vpc, h.bool("Value", false));
        }
        for (Item v : items("Vpcs")) {
            String id = id(v, "VpcId", "a VPC");
            if (id == null) continue;
            if (!state(v, "State", "available")) {
                report.skip(v.at(), "VPC '" + id + "'", "state is " + v.str("State") + ", not available");
                continue;
            }
            if (!first(id, "VPC", v)) continue;
            List<Cidr> v4 = new ArrayList<>();
            List<Item> assoc = v.list("CidrBlockAssociationSet");
            if (assoc.isEmpty()) {
                Cidr c = cidr(v, "CidrBlock");
                if (c != null) v4.add(c);
            }
            for (Item a : assoc) {
                Item st = a.obj("CidrBlockState");
                Cidr c = cidr(a, "CidrBlock");
                if (c == null) continue;
                if (st != null && !state(st, "State", "associated")) {
                    report.skip(a.at(), "CIDR " + c + " of VPC '" + id + "'", "its state is " + st.str("State") + ", not associated");
                    continue;
                }
                // the primary block first, as AWS lists CidrBlock
                if (c.toString().equals(v.str("CidrBlock"))) v4.add(0, c); else v4.add(c);
            }
            List<Cidr> v6 = new ArrayList<>();
            for (Item a : v.list("Ipv6CidrBlockAssociationSet")) {
                Item st = a.obj("Ipv6CidrBlockState");
                Cidr c = cidr(a, "Ipv6CidrBlock");
                if (c == null) continue;
                if (st != null && !state(st, "State", "associated")) {
                    report.skip(a.at(), "IPv6 CIDR " + c + " of VPC '" + id + "'", "its state is " + st.str("State") + ", not associated");
                    continue;
                }
                v6.add(c);
            }
            if (v4.isEmpty()) {
                report.skip(v.at(), "VPC '" + id + "'", "it has no associated IPv4 CIDR block");
                continue;
            }
            boolean isDefault = v.bool("IsDefault", false);
            // describe-vpcs does not print the DNS attributes (describe-vpc-attribute does); AWS's defaults:
            // a default VPC has both on, another VPC has support on and hostnames off.
            Boolean support = dnsSupport.get(id);
            Boolean hostnames = dnsHostnames.get(id);
            if (support == null || hostnames == null) {
                report.note(v.at(), "DNS attributes of VPC '" + id + "'", "not in the snapshot (aws ec2 describe-vpc-attribute"
                        + " --attribute enableDnsSupport/enableDnsHostnames); AWS's defaults for a" + (isDefault ? " default" : " non-default")
                        + " VPC are assumed");
            }
            boolean s = support != null ? support : true;
            boolean h = hostnames != null ? hostnames : isDefault;
            String sg = defaultSgs.getOrDefault(id, id + "-default");
            String acl = defaultAcls.getOrDefault(id, id + "-default-acl");
            String main = mainTables.getOrDefault(id, id + "-main");
            String account = account(v);
            Vpc vpc = new Vpc(id, v.region(), v4, v6, s, h, sg, acl, main, account).withTags(tags(v));
            vpcs.put(id, vpc);
            vpcAccount.put(id, account);
            if (account != null) report.accounts.add(account);
            report.regions.add(v.region());
            out.add(vpc);
            report.count("VPCs");
        }
    }

    private void subnets(Map<String, String> subnetTables, Map<String, String> subnetAcls) {
        report.kind("subnets");
        for (Item s : items("Subnets")) {
            String id = id(s, "SubnetId", "a subnet");
            if (id == null) continue;
            String vpc = s.str("VpcId");
            if (!state(s, "State", "available")) {
                report.skip(s.at(), "subnet '" + id + "'", "state is " + s.str("State") + ", not available");
                continue;
            }
            if (!vpcs.containsKey(vpc)) {
                report.skip(s.at(), "subnet '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "subnet", s)) continue;
            Cidr v4 = cidr(s, "CidrBlock");
            Cidr v6 = null;
            for (Item a : s.list("Ipv6CidrBlockAssociationSet")) {
                Item st = a.obj("Ipv6CidrBlockState");
                if (st != null && !state(st, "State", "associated")) continue;
                Cidr c = cidr(a, "Ipv6CidrBlock");
                if (c != null && v6 == null) v6 = c;
            }
            Map<String, String> tags = tags(s);
            String owner = s.str("OwnerId");
            String vpcOwner = vpcAccount.get(vpc);
            // A shared subnet (AWS RAM) seen from a participant: the owner is the VPC's account.
            if (owner != null && owner.equals(vpcOwner)) owner = null;
            String rt = subnetTables.get(id);
            String acl = subnetAcls.get(id);
            Subnet subnet = new Subnet(id, vpc, s.str("AvailabilityZone"), v4, v6, rt, acl, tags, s.str("AvailabilityZoneId"),
                    owner, List.of());
            subnets.put(id, subnet);
            out.add(subnet);
            report.count("subnets");
        }
    }

    private static Map<String, String> tags(Item i) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Item t : i.list("Tags")) if (t.str("Key") != null) m.put(t.str("Key"), t.str("Value") == null ? "" : t.str("Value"));
        return m;
    }

    // ------------------------------------------------------------------ gateways

    private void gateways() {
        report.kind("internet gateways");
        for (Item g : items("InternetGateways")) {
            String id = id(g, "InternetGatewayId", "an internet gateway");
            if (id == null) continue;
            String vpc = attachedVpc(g, "Attachments", "internet gateway '" + id + "'", "available", "attached");
            if (vpc == null || !first(id, "internet gateway", g)) continue;
            out.add(new InternetGateway(id, vpc));
            report.count("internet gateways");
        }
        report.kind("egress-only internet gateways");
        for (Item g : items("EgressOnlyInternetGateways")) {
            String id = id(g, "EgressOnlyInternetGatewayId", "an egress-only internet gateway");
            if (id == null) continue;
            String vpc = attachedVpc(g, "Attachments", "egress-only internet gateway '" + id + "'", "attached", "available");
            if (vpc == null || !first(id, "egress-only internet gateway", g)) continue;
            out.add(new EgressOnlyInternetGateway(id, vpc));
            report.count("egress-only internet gateways");
        }
        report.kind("VPN gateways");
        Map<String, Set<Cidr>> propagated = propagatedVgwRoutes();
        for (Item g : items("VpnGateways")) {
            String id = id(g, "VpnGatewayId", "a VPN gateway");
            if (id == null) continue;
            if (!state(g, "State", "available")) {
                report.skip(g.at(), "VPN gateway '" + id + "'", "state is " + g.str("State") + ", not available");
                continue;
            }
            String vpc = attachedVpc(g, "VpcAttachments", "VPN gateway '" + id + "'", "attached");
            if (vpc == null || !first(id, "VPN gateway", g)) continue;
            // The networks behind a VPN are not in describe-vpn-gateways; the routes it propagated into route
            // tables (describe-route-tables, Origin EnableVgwRoutePropagation) name them.
            Set<Cidr> behind = new LinkedHashSet<>(propagated.getOrDefault(id, Set.of()));
            behind.addAll(vpnRoutes("VpnGatewayId", id));
            List<Cidr> remote = new ArrayList<>(behind);
            if (remote.isEmpty()) {
                report.note(g.at(), "VPN gateway '" + id + "'", "no propagated routes name the networks behind it; add them in a"
                        + " scenario as external networks with via: " + id);
            }
            out.add(new VpnGateway(id, vpc, remote));
            report.count("VPN gateways");
        }
    }

    private Map<String, Set<Cidr>> propagatedVgwRoutes() {
        Map<String, Set<Cidr>> m = new HashMap<>();
        for (Item rt : items("RouteTables")) {
            for (Item r : rt.list("Routes")) {
                String gw = r.str("GatewayId");
                if (gw != null && gw.startsWith("vgw-") && "EnableVgwRoutePropagation".equals(r.str("Origin"))) {
                    Cidr c = r.str("DestinationCidrBlock") != null ? cidr(r, "DestinationCidrBlock") : null;
                    if (c != null) m.computeIfAbsent(gw, k -> new LinkedHashSet<>()).add(c);
                }
            }
        }
        return m;
    }

    /**
     * The networks behind available VPN connections of a gateway (describe-vpn-connections: the static
     * Routes, and the remote network of the tunnel options when it is narrower than everything).
     */
    private Set<Cidr> vpnRoutes(String gatewayField, String gateway) {
        return vpnRoutes(gatewayField, gateway, null);
    }

    private Set<Cidr> vpnRoutes(String gatewayField, String gateway, String connection) {
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

    private String attachedVpc(Item g, String field, String what, String... okStates) {
        for (Item a : g.list(field)) {
            if (state(a, "State", okStates) && a.str("VpcId") != null) {
                if (!vpcs.containsKey(a.str("VpcId"))) {
                    report.skip(g.at(), what, "attached to VPC '" + a.str("VpcId") + "', which is not in the snapshot");
                    return null;
                }
                return a.str("VpcId");
            }
        }
        report.skip(g.at(), what, "not attached to a VPC");
        return null;
    }

    /** Ids route targets may name, declared before route tables are read. */
    private void registerTargets() {
        for (Item n : items("NatGateways")) if (n.str("NatGatewayId") != null && state(n, "State", "available")) kinds.putIfAbsent(n.str("NatGatewayId"), "NAT gateway");
    }

    // ------------------------------------------------------------------ network ACLs

    private void networkAcls() {
        report.kind("network ACLs");
        for (Item a : items("NetworkAcls")) {
            String id = id(a, "NetworkAclId", "a network ACL");
            if (id == null) continue;
            String vpc = a.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(a.at(), "network ACL '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "network ACL", a)) continue;
            List<AclEntry> in = new ArrayList<>();
            List<AclEntry> eg = new ArrayList<>();
            for (Item e : a.list("Entries")) {
                AclEntry entry = aclEntry(e, id);
                if (entry == null) continue;
                (e.bool("Egress", false) ? eg : in).add(entry);
            }
            out.add(new NetworkAcl(id, vpc, a.bool("IsDefault", false), in, eg));
            report.count("network ACLs");
        }
    }

    private AclEntry aclEntry(Item e, String acl) {
        JsonNode n = e.node.get("RuleNumber");
        int rule = n == null ? -1 : n.asInt(-1);
        // Rule 32767 is AWS's final implicit deny (printed as an entry): the model's own final deny stands for it.
        if (rule == 32767) return null;
        if (rule < 1 || rule > 32766) {
            errors.add(new LoadError(e.at(), "network ACL '" + acl + "' entry has RuleNumber " + (n == null ? "(none)" : n.asText())
                    + ": expected 1-32766"));
            return null;
        }
        Protocol p = protocol(e, "Protocol", "network ACL '" + acl + "' rule " + rule);
        if (p == null) return null;
        Cidr c = e.str("CidrBlock") != null ? cidr(e, "CidrBlock") : cidr(e, "Ipv6CidrBlock");
        if (c == null) {
            if (e.str("CidrBlock") == null && e.str("Ipv6CidrBlock") == null) {
                errors.add(new LoadError(e.at(), "network ACL '" + acl + "' rule " + rule + " has neither CidrBlock nor Ipv6CidrBlock"));
            }
            return null;
        }
        PortRange ports = null;
        int type = -1;
        int code = -1;
        if (p.hasPorts()) {
            Item pr = e.obj("PortRange");
            ports = pr == null ? PortRange.ALL : range(pr, "From", "To", e);
            if (ports == null) return null;
        } else if (p.isIcmp()) {
            Item tc = e.obj("IcmpTypeCode");
            if (tc != null) {
                type = tc.node.path("Type").asInt(-1);
                code = tc.node.path("Code").asInt(-1);
            }
        }
        String action = e.str("RuleAction");
        AclEntry.Action act = "deny".equalsIgnoreCase(action) ? AclEntry.Action.DENY : AclEntry.Action.ALLOW;
        if (action == null || !(action.equalsIgnoreCase("allow") || action.equalsIgnoreCase("deny"))) {
            errors.add(new LoadError(e.at(), "network ACL '" + acl + "' rule " + rule + " has RuleAction '" + action + "': expected allow or deny"));
            return null;
        }
        return new AclEntry(rule, p, ports, type, code, c, act);
    }

    private PortRange range(Item pr, String from, String to, Item owner) {
        int f = pr.node.path(from).asInt(0);
        int t = pr.node.path(to).asInt(65535);
        try {
            return new PortRange(f, t);
        } catch (IllegalArgumentException ex) {
            errors.add(new LoadError(owner.at(), "port range " + f + "-" + t + ": " + ex.getMessage()));
            return null;
        }
    }

    /** tcp/6, udp/17, icmp/1, icmpv6/58, -1 (all); other IP protocols are skipped with a reason. */
    private Protocol protocol(Item e, String field, String what) {
        String s = e.str(field);
        if (s == null) {
            errors.add(new LoadError(e.at(), what + " has no " + field));
            return null;
        }
        try {
            return Protocol.parse(s);
        } catch (IllegalArgumentException ex) {
            report.skip(e.at(), what, "protocol " + s + " is not modelled (reachsim evaluates tcp, udp, icmp, icmpv6 and all)");
            return null;
        }
    }

    // ------------------------------------------------------------------ security groups

    private void securityGroups() {
        report.kind("security groups");
        List<Item> groups = new ArrayList<>();
        for (Item g : items("SecurityGroups")) {
            String id = id(g, "GroupId", "a security group");
            if (id == null) continue;
            String vpc = g.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(g.at(), "security group '" + id + "'", vpc == null ? "it belongs to no VPC (EC2-Classic)"
                        : "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "security group", g)) continue;
            securityGroups.add(id);
            groups.add(g);
        }
        for (Item g : groups) {
            String id = g.str("GroupId");
            String vpc = g.str("VpcId");
            List<SgRule> in = new ArrayList<>();
            List<SgRule> eg = new ArrayList<>();
            for (Item p : g.list("IpPermissions")) permission(p, id, "inbound", in);
            for (Item p : g.list("IpPermissionsEgress")) permission(p, id, "outbound", eg);
            String owner = g.str("OwnerId");
            if (owner != null && owner.equals(vpcAccount.get(vpc))) owner = null;
            out.add(new SecurityGroup(id, vpc, g.str("GroupName") != null ? g.str("GroupName") : id, in, eg, owner));
            report.count("security groups");
        }
    }

    /** One IpPermission: a rule per CIDR, IPv6 range, prefix list and group pair, in AWS's order. */
    private void permission(Item p, String group, String direction, List<SgRule> into) {
        String what = direction + " rule of security group '" + group + "'";
        Protocol proto = protocol(p, "IpProtocol", what);
        if (proto == null) return;
        PortRange ports = null;
        int type = -1;
        int code = -1;
        JsonNode from = p.node.get("FromPort");
        JsonNode to = p.node.get("ToPort");
        if (proto.hasPorts()) {
            int f = from == null ? 0 : from.asInt(0);
            int t = to == null ? 65535 : to.asInt(65535);
            if (f == -1 && t == -1) {
                ports = PortRange.ALL;
            } else {
                try {
                    ports = new PortRange(f, t);
                } catch (IllegalArgumentException ex) {
                    errors.add(new LoadError(p.at(), what + " has ports " + f + "-" + t + ": " + ex.getMessage()));
                    return;
                }
            }
        } else if (proto.isIcmp()) {
            // For ICMP, FromPort is the type and ToPort the code; -1 means all.
            type = from == null ? -1 : from.asInt(-1);
            code = to == null ? -1 : to.asInt(-1);
        }
        for (Item r : p.list("IpRanges")) {
            Cidr c = cidr(r, "CidrIp");
            if (c != null) into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.CidrPeer(c), r.str("Description")));
        }
        for (Item r : p.list("Ipv6Ranges")) {
            Cidr c = cidr(r, "CidrIpv6");
            if (c != null) into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.CidrPeer(c), r.str("Description")));
        }
        for (Item r : p.list("PrefixListIds")) {
            String pl = r.str("PrefixListId");
            if (pl == null) continue;
            if (!prefixLists.contains(pl)) {
                report.skip(r.at(), what + " from/to prefix list '" + pl + "'", "the prefix list is not in the snapshot (save aws ec2"
                        + " describe-managed-prefix-lists and get-managed-prefix-list-entries)");
                continue;
            }
            into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.PrefixListPeer(pl), r.str("Description")));
        }
        for (Item r : p.list("UserIdGroupPairs")) {
            String g = r.str("GroupId");
            if (g == null) continue;
            if (!securityGroups.contains(g)) {
                report.skip(r.at(), what + " naming security group '" + g + "'" + (r.str("UserId") != null ? " of account " + r.str("UserId") : ""),
                        "that group is not in the snapshot");
                continue;
            }
            if (r.str("PeeringStatus") != null && !"active".equals(r.str("PeeringStatus"))) {
                report.skip(r.at(), what + " naming security group '" + g + "'", "its peering status is " + r.str("PeeringStatus"));
                continue;
            }
            into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.GroupPeer(g), r.str("Description")));
        }
    }

    // ------------------------------------------------------------------ NAT gateways

    private void natGateways() {
        report.kind("NAT gateways");
        for (Item n : items("NatGateways")) {
            String id = id(n, "NatGatewayId", "a NAT gateway");
            if (id == null) continue;
            if (!state(n, "State", "available")) {
                report.skip(n.at(), "NAT gateway '" + id + "'", "state is " + n.str("State") + ", not available");
                kinds.remove(id);
                continue;
            }
            String subnet = n.str("SubnetId");
            if (!subnets.containsKey(subnet)) {
                report.skip(n.at(), "NAT gateway '" + id + "'", "its subnet '" + subnet + "' is not in the snapshot");
                kinds.remove(id);
                continue;
            }
            if (!first(id, "NAT gateway", n)) continue;
            boolean priv = "private".equalsIgnoreCase(n.str("ConnectivityType"));
            Ip privateIp = null;
            Ip publicIp = null;
            List<Ip> secondary = new ArrayList<>();
            List<Item> addresses = n.list("NatGatewayAddresses");
            for (Item a : addresses) {
                boolean primary = a.bool("IsPrimary", a == addresses.get(0));
                Ip pi = ip(a, "PrivateIp");
                if (a.str("NetworkInterfaceId") != null) kinds.put(a.str("NetworkInterfaceId"), "NAT gateway interface");
                if (primary && privateIp == null) {
                    privateIp = pi;
                    if (!priv) publicIp = ip(a, "PublicIp");
                } else if (pi != null) {
                    secondary.add(pi);
                }
            }
            if (privateIp == null) {
                errors.add(new LoadError(n.at(), "NAT gateway '" + id + "' has no NatGatewayAddresses with a PrivateIp"));
                continue;
            }
            if (!priv && publicIp == null) {
                report.note(n.at(), "public NAT gateway '" + id + "'", "has no Elastic IP in NatGatewayAddresses: its traffic cannot"
                        + " leave through an internet gateway");
            }
            out.add(new NatGateway(id, subnet, priv ? NatGateway.Connectivity.PRIVATE : NatGateway.Connectivity.PUBLIC, privateIp,
                    publicIp, secondary));
            report.count("NAT gateways");
        }
    }

    // ------------------------------------------------------------------ interfaces and instances

    private void interfacesAndInstances(Map<String, List<String>> eksInterfaces, Map<String, List<String>> elbInterfaces) {
        report.kind("instances");
        report.kind("network interfaces");
        // Instances first: which are running decides which attached interfaces are kept.
        Map<String, Item> running = new LinkedHashMap<>();
        Map<String, List<Item>> attached = new LinkedHashMap<>();
        for (Item r : items("Reservations")) {
            for (Item i : r.list("Instances")) {
                String id = id(i, "InstanceId", "an instance");
                if (id == null) continue;
                Item st = i.obj("State");
                String state = st == null ? "running" : st.str("Name");
                if (!"running".equals(state)) {
                    report.skip(i.at(), "instance '" + id + "'", "state is " + state + ", not running: it sends and answers nothing");
                    skippedInstances.put(id, state);
                    continue;
                }
                if (!subnets.containsKey(i.str("SubnetId"))) {
                    report.skip(i.at(), "instance '" + id + "'", i.str("SubnetId") == null ? "it has no subnet (EC2-Classic)"
                            : "its subnet '" + i.str("SubnetId") + "' is not in the snapshot");
                    skippedInstances.put(id, "outside the snapshot");
                    continue;
                }
                if (!first(id, "instance", i)) continue;
                running.put(id, i);
                attached.put(id, i.list("NetworkInterfaces"));
            }
        }
        // describe-network-interfaces, then the instances' own copies of interfaces it did not list.
        Map<String, Item> eniItems = new LinkedHashMap<>();
        Map<String, String> eniInstance = new HashMap<>();
        Map<String, Integer> deviceIndex = new HashMap<>();
        Map<String, String> eniSubnet = new HashMap<>();
        for (Item e : items("NetworkInterfaces")) {
            String id = id(e, "NetworkInterfaceId", "a network interface");
            if (id == null) continue;
            String type = e.str("InterfaceType");
            if ("nat_gateway".equals(type) || kinds.getOrDefault(id, "").equals("NAT gateway interface")) {
                report.note(e.at(), "network interface '" + id + "'", "it is a NAT gateway's interface: the NAT gateway stands for it");
                continue;
            }
            if ("transit_gateway".equals(type)) {
                report.note(e.at(), "network interface '" + id + "'", "it is a transit gateway attachment's interface: the"
                        + " attachment stands for it");
                continue;
            }
            if (type != null && type.startsWith("gateway_load_balancer")) {
                report.skip(e.at(), "network interface '" + id + "'", "Gateway Load Balancer (" + type + ") interfaces are not modelled");
                continue;
            }
            Item att = e.obj("Attachment");
            String inst = att == null ? null : att.str("InstanceId");
            if (inst != null && skippedInstances.containsKey(inst)) {
                report.skip(e.at(), "network interface '" + id + "'", "attached to instance '" + inst + "', which is "
                        + skippedInstances.get(inst));
                continue;
            }
            if (!subnets.containsKey(e.str("SubnetId"))) {
                report.skip(e.at(), "network interface '" + id + "'", "its subnet '" + e.str("SubnetId") + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "network interface", e)) continue;
            eniItems.put(id, e);
            if (inst != null && running.containsKey(inst)) {
                eniInstance.put(id, inst);
                deviceIndex.put(id, att.node.path("DeviceIndex").asInt(0));
            }
        }
        for (var en : attached.entrySet()) {
            for (Item e : en.getValue()) {
                String id = e.str("NetworkInterfaceId");
                if (id == null) continue;
                Item att = e.obj("Attachment");
                deviceIndex.putIfAbsent(id, att == null ? 0 : att.node.path("DeviceIndex").asInt(0));
                eniInstance.putIfAbsent(id, en.getKey());
                if (!eniItems.containsKey(id) && !origins.containsKey(id)) {
                    // describe-instances' copy of an interface may leave out its subnet: the instance's then.
                    String subnet = e.str("SubnetId") != null ? e.str("SubnetId") : running.get(en.getKey()).str("SubnetId");
                    if (!subnets.containsKey(subnet)) {
                        report.skip(e.at(), "network interface '" + id + "' of instance '" + en.getKey() + "'",
                                "its subnet '" + subnet + "' is not in the snapshot");
                        continue;
                    }
                    first(id, "network interface", e);
                    eniItems.put(id, e);
                    eniSubnet.put(id, subnet);
                }
            }
        }
        for (var en : eniItems.entrySet()) {
            Item e = en.getValue();
            String id = en.getKey();
            NetworkInterface ni = eni(e, id, eniSubnet.getOrDefault(id, e.str("SubnetId")), eniInstance.get(id));
            if (ni == null) continue;
            enis.put(id, ni);
            String d = e.str("Description");
            if (d != null && d.startsWith("Amazon EKS ")) eksInterfaces.computeIfAbsent(d.substring("Amazon EKS ".length()).trim(), k -> new ArrayList<>()).add(id);
            if (d != null && d.startsWith("ELB ")) {
                String[] parts = d.substring(4).split("/");
                if (parts.length >= 2) elbInterfaces.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(id);
            }
        }
        Map<String, List<String>> byInstance = new HashMap<>();
        eniInstance.forEach((eni, inst) -> {
            if (enis.containsKey(eni)) byInstance.computeIfAbsent(inst, k -> new ArrayList<>()).add(eni);
        });
        // Instances whose primary interface is missing from both outputs get one from their own fields.
        for (var en : running.entrySet()) {
            String id = en.getKey();
            Item i = en.getValue();
            List<String> mine = new ArrayList<>(byInstance.getOrDefault(id, List.of()));
            mine.sort(Comparator.comparingInt(x -> deviceIndex.getOrDefault(x, 0)));
            if (mine.isEmpty()) {
                // describe-instances without NetworkInterfaces: the instance's own addresses make its interface.
                Ip pi = ip(i, "PrivateIpAddress");
                if (pi == null) {
                    report.skip(i.at(), "instance '" + id + "'", "it has no private IP address");
                    continue;
                }
                List<String> groups = new ArrayList<>();
                for (Item g : i.list("SecurityGroups")) if (securityGroups.contains(g.str("GroupId"))) groups.add(g.str("GroupId"));
                NetworkInterface ni = new NetworkInterface(id, i.str("SubnetId"), pi, List.of(), null, ip(i, "PublicIpAddress"),
                        groups, i.bool("SourceDestCheck", true), id);
                enis.put(id, ni);
                mine.add(id);
            }
            out.add(new Instance(id, i.str("SubnetId"), mine, tags(i)));
            report.count("instances");
        }
        for (NetworkInterface ni : enis.values()) {
            out.add(ni);
            report.count("network interfaces");
        }
    }

    private NetworkInterface eni(Item e, String id, String subnet, String instance) {
        Ip primary = null;
        Ip pub = null;
        List<Ip> secondary = new ArrayList<>();
        for (Item a : e.list("PrivateIpAddresses")) {
            Ip ip = ip(a, "PrivateIpAddress");
            if (ip == null) continue;
            Item assoc = a.obj("Association");
            if (a.bool("Primary", false) && primary == null) {
                primary = ip;
                if (assoc != null) pub = ip(assoc, "PublicIp");
            } else {
                secondary.add(ip);
                if (assoc != null && assoc.str("PublicIp") != null) {
                    report.note(a.at(), "public IP " + assoc.str("PublicIp") + " of secondary address " + ip + " of '" + id + "'",
                            "only the primary address's public IP is modelled");
                }
            }
        }
        if (primary == null) primary = ip(e, "PrivateIpAddress");
        if (primary == null) {
            report.skip(e.at(), "network interface '" + id + "'", "it has no private IP address");
            return null;
        }
        if (pub == null) {
            Item assoc = e.obj("Association");
            if (assoc != null) pub = ip(assoc, "PublicIp");
        }
        Ip v6 = null;
        for (Item a : e.list("Ipv6Addresses")) {
            Ip ip = ip(a, "Ipv6Address");
            if (ip == null) continue;
            if (v6 == null) v6 = ip;
            else report.note(a.at(), "IPv6 address " + ip + " of '" + id + "'", "only the first IPv6 address of an interface is modelled");
        }
        List<String> groups = new ArrayList<>();
        for (Item g : e.list("Groups")) {
            String gid = g.str("GroupId");
            if (gid == null) continue;
            if (securityGroups.contains(gid)) {
                groups.add(gid);
            } else {
                report.skip(g.at(), "security group '" + gid + "' of network interface '" + id + "'", "that group is not in the snapshot");
            }
        }
        Subnet s = subnets.get(subnet);
        if (!e.node.has("Groups") && vpcs.containsKey(s.vpc())) {
            // AWS always prints Groups; without it (a trimmed file) the interface gets what AWS gives one launched without groups.
            String dflt = vpcs.get(s.vpc()).defaultSecurityGroup();
            groups.add(dflt);
            report.note(e.at(), "network interface '" + id + "'", "its output has no Groups: the VPC's default security group '"
                    + dflt + "' is assumed");
        }
        String owner = e.str("OwnerId");
        String subnetOwner = s.owner() != null ? s.owner() : vpcAccount.get(s.vpc());
        if (owner != null && owner.equals(subnetOwner)) owner = null;
        // describe-network-interfaces calls an interface's tags TagSet (DESIGN §9 selectors read them).
        Map<String, String> eniTags = new java.util.LinkedHashMap<>(tags(e));
        for (Item t : e.list("TagSet")) if (t.str("Key") != null) eniTags.put(t.str("Key"), t.str("Value") == null ? "" : t.str("Value"));
        return new NetworkInterface(id, subnet, primary, secondary, v6, pub, groups, e.bool("SourceDestCheck", true), instance, owner)
                .withTags(eniTags);
    }

    private void addresses() {
        report.kind("Elastic IPs");
        boolean eipAdded = false;
        for (Item a : items("Addresses")) {
            String ip = a.str("PublicIp");
            if (ip == null) {
                errors.add(new LoadError(a.at(), "an Elastic IP address without 'PublicIp'"));
                continue;
            }
            String eni = a.str("NetworkInterfaceId");
            if (eni == null) {
                report.skip(a.at(), "Elastic IP " + ip, a.str("AssociationId") == null ? "not associated with anything"
                        : "associated with something that is not a network interface");
                continue;
            }
            if ("NAT gateway interface".equals(kinds.get(eni))) {
                report.count("Elastic IPs");
                continue;
            }
            NetworkInterface ni = enis.get(eni);
            if (ni == null) {
                report.skip(a.at(), "Elastic IP " + ip, "its network interface '" + eni + "' is not in the snapshot");
                continue;
            }
            Ip pub = ip(a, "PublicIp");
            Ip priv = ip(a, "PrivateIpAddress");
            if (pub == null) continue;
            if (priv != null && !priv.equals(ni.privateIp())) {
                report.note(a.at(), "Elastic IP " + ip, "it is on secondary address " + priv + " of '" + eni + "': only the primary"
                        + " address's public IP is modelled");
                continue;
            }
            if (ni.publicIp() == null) {
                NetworkInterface with = new NetworkInterface(ni.id(), ni.subnet(), ni.privateIp(), ni.secondaryPrivateIps(), ni.ipv6Ip(), pub,
                        ni.securityGroups(), ni.sourceDestCheck(), ni.instance(), ni.account());
                enis.put(eni, with);
                eipAdded = true;
            } else if (!ni.publicIp().equals(pub)) {
                report.note(a.at(), "Elastic IP " + ip, "network interface '" + eni + "' shows public IP " + ni.publicIp() + "; that is used");
            }
            report.count("Elastic IPs");
        }
        if (eipAdded) out.networkInterfaces.replaceAll(x -> enis.getOrDefault(x.id(), x));
    }

    // ------------------------------------------------------------------ peering and transit gateways

    private void peerings() {
        report.kind("VPC peering connections");
        for (Item p : items("VpcPeeringConnections")) {
            String id = id(p, "VpcPeeringConnectionId", "a VPC peering connection");
            if (id == null) continue;
            Item st = p.obj("Status");
            String code = st == null ? null : st.str("Code");
            if (code != null && !code.equals("active")) {
                report.skip(p.at(), "VPC peering connection '" + id + "'", "status is " + code + ", not active");
                continue;
            }
            Item req = p.obj("RequesterVpcInfo");
            Item acc = p.obj("AccepterVpcInfo");
            String a = req == null ? null : req.str("VpcId");
            String b = acc == null ? null : acc.str("VpcId");
            if (!vpcs.containsKey(a) || !vpcs.containsKey(b)) {
                String missing = !vpcs.containsKey(a) ? a : b;
                report.skip(p.at(), "VPC peering connection '" + id + "'", "VPC '" + missing + "' is not in the snapshot (add the"
                        + " other account's or region's describe-vpcs output)");
                continue;
            }
            if (!first(id, "VPC peering connection", p)) continue;
            out.add(new VpcPeering(id, a, b));
            report.count("VPC peering connections");
        }
    }

    private void transitGateways() {
        report.kind("transit gateways");
        report.kind("transit gateway attachments");
        report.kind("transit gateway route tables");
        Map<String, Item> tgws = new LinkedHashMap<>();
        for (Item t : items("TransitGateways")) {
            String id = id(t, "TransitGatewayId", "a transit gateway");
            if (id == null) continue;
            if (!state(t, "State", "available")) {
                report.skip(t.at(), "transit gateway '" + id + "'", "state is " + t.str("State") + ", not available");
                continue;
            }
            if (!first(id, "transit gateway", t)) continue;
            tgws.put(id, t);
        }
        // Attachments: describe-transit-gateway-attachments (type, association) and -vpc-attachments (subnets).
        Map<String, Item> generic = new LinkedHashMap<>();
        for (Item a : items("TransitGatewayAttachments")) if (a.str("TransitGatewayAttachmentId") != null) generic.putIfAbsent(a.str("TransitGatewayAttachmentId"), a);
        Map<String, Item> vpcAtt = new LinkedHashMap<>();
        for (Item a : items("TransitGatewayVpcAttachments")) if (a.str("TransitGatewayAttachmentId") != null) vpcAtt.putIfAbsent(a.str("TransitGatewayAttachmentId"), a);
        Set<String> ids = new LinkedHashSet<>(generic.keySet());
        ids.addAll(vpcAtt.keySet());
        Map<String, String> association = new HashMap<>();
        Map<String, List<String>> propagations = new HashMap<>();
        for (var e : byDoc(items("Associations")).entrySet()) {
            String rt = idInFileName(e.getKey(), "tgw-rtb-[0-9a-zA-Z]+");
            for (Item a : e.getValue()) {
                if (a.str("TransitGatewayAttachmentId") == null) continue;
                if (rt == null) {
                    report.skip(a.at(), "transit gateway route table association of '" + a.str("TransitGatewayAttachmentId") + "'",
                            "the file name must contain the route table id (e.g. associations-tgw-rtb-0123.json), or the key name it"
                                    + " (\"Associations:tgw-rtb-0123\")");
                    continue;
                }
                if (state(a, "State", "associated")) association.putIfAbsent(a.str("TransitGatewayAttachmentId"), rt);
            }
        }
        for (var e : byDoc(items("TransitGatewayRouteTablePropagations")).entrySet()) {
            String rt = idInFileName(e.getKey(), "tgw-rtb-[0-9a-zA-Z]+");
            for (Item a : e.getValue()) {
                if (a.str("TransitGatewayAttachmentId") == null) continue;
                if (rt == null) {
                    report.skip(a.at(), "transit gateway route table propagation of '" + a.str("TransitGatewayAttachmentId") + "'",
                            "the file name must contain the route table id (e.g. propagations-tgw-rtb-0123.json), or the key name it"
                                    + " (\"TransitGatewayRouteTablePropagations:tgw-rtb-0123\")");
                    continue;
                }
                if (state(a, "State", "enabled")) propagations.computeIfAbsent(a.str("TransitGatewayAttachmentId"), k -> new ArrayList<>()).add(rt);
            }
        }
        Map<String, List<TransitGateway.Attachment>> attachments = new LinkedHashMap<>();
        for (String id : ids) {
            Item g = generic.get(id);
            Item v = vpcAtt.get(id);
            Item any = v != null ? v : g;
            String tgw = any.str("TransitGatewayId");
            String what = "transit gateway attachment '" + id + "'";
            if (!state(any, "State", "available") || (g != null && !state(g, "State", "available"))) {
                report.skip(any.at(), what, "state is " + (state(any, "State", "available") ? g.str("State") : any.str("State")) + ", not available");
                continue;
            }
            if (!tgws.containsKey(tgw)) {
                report.skip(any.at(), what, "its transit gateway '" + tgw + "' is not in the snapshot");
                continue;
            }
            String type = g != null && g.str("ResourceType") != null ? g.str("ResourceType") : "vpc";
            TransitGateway.Attachment.Type t;
            if (type.equals("vpc")) t = TransitGateway.Attachment.Type.VPC;
            else if (type.equals("vpn")) t = TransitGateway.Attachment.Type.VPN;
            else {
                report.skip(any.at(), what, "attachments of type " + type + " are not modelled (vpc and vpn are)");
                continue;
            }
            String vpc = null;
            List<String> subnetIds = new ArrayList<>();
            List<Cidr> remoteCidrs = new ArrayList<>();
            boolean appliance = false;
            boolean ipv6 = false; // Options.Ipv6Support: off unless "enable" (AWS's default)
            boolean sgReferencing = true; // Options.SecurityGroupReferencingSupport: on unless "disable"
            if (t == TransitGateway.Attachment.Type.VPC) {
                vpc = v != null ? v.str("VpcId") : g.str("ResourceId");
                if (!vpcs.containsKey(vpc)) {
                    report.skip(any.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                    continue;
                }
                if (v == null) {
                    report.skip(any.at(), what, "its subnets are only in describe-transit-gateway-vpc-attachments output, which is"
                            + " not in the snapshot");
                    continue;
                }
                for (String s : v.strings("SubnetIds")) {
                    if (subnets.containsKey(s)) subnetIds.add(s);
                    else report.skip(v.at("SubnetIds"), "subnet '" + s + "' of " + what, "not in the snapshot");
                }
                Item opt = v.obj("Options");
                appliance = opt != null && "enable".equals(opt.str("ApplianceModeSupport"));
                ipv6 = opt != null && "enable".equals(opt.str("Ipv6Support"));
                sgReferencing = opt == null || !"disable".equals(opt.str("SecurityGroupReferencingSupport"));
            } else {
                remoteCidrs.addAll(vpnRoutes("TransitGatewayId", tgw, g == null ? null : g.str("ResourceId")));
                if (remoteCidrs.isEmpty()) {
                    report.note(any.at(), "VPN " + what, "no describe-vpn-connections routes name the networks behind it: add them"
                            + " in a scenario as external networks");
                }
            }
            String assoc = association.get(id);
            if (assoc == null && g != null) {
                Item as = g.obj("Association");
                if (as != null && state(as, "State", "associated")) assoc = as.str("TransitGatewayRouteTableId");
            }
            if (!first(id, "transit gateway attachment", any)) continue;
            attachments.computeIfAbsent(tgw, k -> new ArrayList<>()).add(new TransitGateway.Attachment(id, t, vpc, subnetIds, assoc,
                    propagations.getOrDefault(id, List.of()), appliance, remoteCidrs, sgReferencing, ipv6));
            kinds.put(id, "transit gateway attachment");
            report.count("transit gateway attachments");
        }
        // Static routes per table from search-transit-gateway-routes (the file name names the table).
        Map<String, List<TransitGateway.TgwRoute>> routes = new HashMap<>();
        int propagated = 0;
        Origin propagatedAt = null;
        for (var e : byDoc(items("Routes")).entrySet()) {
            String rt = idInFileName(e.getKey(), "tgw-rtb-[0-9a-zA-Z]+");
            if (rt == null) {
                report.skip(e.getKey().at(), "routes (" + e.getValue().size() + ")", "a top-level 'Routes' key is"
                        + " search-transit-gateway-routes output: the file name must contain the route table id (e.g. routes-tgw-rtb-0123.json),"
                        + " or the key name it (\"Routes:tgw-rtb-0123\")");
                continue;
            }
            for (Item r : e.getValue()) {
                if ("propagated".equals(r.str("Type"))) {
                    propagated++;
                    propagatedAt = propagatedAt == null ? r.at() : propagatedAt;
                    continue;
                }
                Route.RouteDestination dest = r.str("DestinationCidrBlock") != null
                        ? cidrDest(cidr(r, "DestinationCidrBlock")) : r.str("PrefixListId") != null ? new Route.RouteDestination.PrefixListDestination(r.str("PrefixListId")) : null;
                if (dest == null) continue;
                if ("blackhole".equals(r.str("State"))) {
                    routes.computeIfAbsent(rt, k -> new ArrayList<>()).add(new TransitGateway.TgwRoute(dest, null, true));
                    continue;
                }
                List<Item> to = r.list("TransitGatewayAttachments");
                String att = to.isEmpty() ? null : to.get(0).str("TransitGatewayAttachmentId");
                if (att == null || !"transit gateway attachment".equals(kinds.get(att))) {
                    report.skip(r.at(), "transit gateway route to " + dest + " in '" + rt + "'", "its attachment '" + att + "' is not in the snapshot");
                    continue;
                }
                routes.computeIfAbsent(rt, k -> new ArrayList<>()).add(new TransitGateway.TgwRoute(dest, att, false));
            }
        }
        if (propagated > 0) {
            report.note(propagatedAt, propagated + " propagated transit gateway routes", "derived from the route tables'"
                    + " propagations (get-transit-gateway-route-table-propagations), not read as static routes");
        }
        Map<String, List<TransitGateway.RouteTable>> tables = new LinkedHashMap<>();
        for (Item rt : items("TransitGatewayRouteTables")) {
            String id = id(rt, "TransitGatewayRouteTableId", "a transit gateway route table");
            if (id == null) continue;
            if (!state(rt, "State", "available")) {
                report.skip(rt.at(), "transit gateway route table '" + id + "'", "state is " + rt.str("State") + ", not available");
                continue;
            }
            String tgw = rt.str("TransitGatewayId");
            if (!tgws.containsKey(tgw)) {
                report.skip(rt.at(), "transit gateway route table '" + id + "'", "its transit gateway '" + tgw + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "transit gateway route table", rt)) continue;
            tables.computeIfAbsent(tgw, k -> new ArrayList<>()).add(new TransitGateway.RouteTable(id, routes.getOrDefault(id, List.of())));
            report.count("transit gateway route tables");
        }
        for (var e : tgws.entrySet()) {
            Item t = e.getValue();
            out.add(new TransitGateway(e.getKey(), t.region(), account(t), tables.getOrDefault(e.getKey(), List.of()),
                    attachments.getOrDefault(e.getKey(), List.of())));
            report.count("transit gateways");
        }
    }

    private static Route.RouteDestination cidrDest(Cidr c) {
        return c == null ? null : new Route.RouteDestination.CidrDestination(c);
    }

    // ------------------------------------------------------------------ route tables

    private void routeTables() {
        report.kind("route tables");
        Map<String, String> gatewayEndpoints = new HashMap<>();
        for (Item e : items("VpcEndpoints")) {
            if ("Gateway".equalsIgnoreCase(e.str("VpcEndpointType")) && e.str("VpcEndpointId") != null && state(e, "State", "available")) {
                gatewayEndpoints.put(e.str("VpcEndpointId"), e.str("VpcId"));
            }
        }
        for (Item rt : items("RouteTables")) {
            String id = id(rt, "RouteTableId", "a route table");
            if (id == null) continue;
            String vpc = rt.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(rt.at(), "route table '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "route table", rt)) continue;
            List<Route> routes = new ArrayList<>();
            for (Item r : rt.list("Routes")) {
                Route route = route(r, id, vpc, gatewayEndpoints);
                if (route != null) routes.add(route);
            }
            List<String> vgws = new ArrayList<>();
            for (Item g : rt.list("PropagatingVgws")) {
                String gw = g.str("GatewayId");
                if (gw != null && "VPN gateway".equals(kinds.get(gw))) vgws.add(gw);
                else if (gw != null) report.skip(g.at(), "route propagation from '" + gw + "' into '" + id + "'", "the VPN gateway is not in the snapshot");
            }
            boolean main = vpcs.get(vpc).mainRouteTable().equals(id);
            out.add(new RouteTable(id, vpc, main, routes, vgws));
            report.count("route tables");
        }
    }

    private Route route(Item r, String table, String vpc, Map<String, String> gatewayEndpoints) {
        Route.RouteDestination dest;
        if (r.str("DestinationCidrBlock") != null) dest = cidrDest(cidr(r, "DestinationCidrBlock"));
        else if (r.str("DestinationIpv6CidrBlock") != null) dest = cidrDest(cidr(r, "DestinationIpv6CidrBlock"));
        else if (r.str("DestinationPrefixListId") != null) dest = new Route.RouteDestination.PrefixListDestination(r.str("DestinationPrefixListId"));
        else {
            errors.add(new LoadError(r.at(), "a route of '" + table + "' has no DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId"));
            return null;
        }
        if (dest == null) return null;
        String what = "route to " + dest + " in '" + table + "'";
        String gw = r.str("GatewayId");
        // Local routes are implicit in the model (one per VPC CIDR).
        if ("local".equals(gw)) return null;
        // Routes a VPN gateway propagated are derived from the table's PropagatingVgws.
        if ("EnableVgwRoutePropagation".equals(r.str("Origin"))) return null;
        if (dest instanceof Route.RouteDestination.PrefixListDestination p && !prefixLists.contains(p.prefixListId())) {
            report.skip(r.at(), what, "prefix list '" + p.prefixListId() + "' is not in the snapshot (save aws ec2"
                    + " describe-managed-prefix-lists and get-managed-prefix-list-entries)");
            return null;
        }
        if ("blackhole".equals(r.str("State"))) return new Route(dest, new RouteTarget.Blackhole());
        RouteTarget target = null;
        String targetId = null;
        String unsupported = null;
        if (r.str("CarrierGatewayId") != null) unsupported = "carrier gateway '" + r.str("CarrierGatewayId") + "' (Wavelength)";
        else if (r.str("LocalGatewayId") != null) unsupported = "local gateway '" + r.str("LocalGatewayId") + "' (Outposts)";
        else if (r.str("CoreNetworkArn") != null) unsupported = "Cloud WAN core network '" + r.str("CoreNetworkArn") + "'";
        else if (r.str("NatGatewayId") != null) {
            targetId = r.str("NatGatewayId");
            target = "NAT gateway".equals(kinds.get(targetId)) ? new RouteTarget.NatGateway(targetId) : null;
        } else if (r.str("EgressOnlyInternetGatewayId") != null) {
            targetId = r.str("EgressOnlyInternetGatewayId");
            target = "egress-only internet gateway".equals(kinds.get(targetId)) ? new RouteTarget.EgressOnlyInternetGateway(targetId) : null;
        } else if (r.str("TransitGatewayId") != null) {
            targetId = r.str("TransitGatewayId");
            target = "transit gateway".equals(kinds.get(targetId)) ? new RouteTarget.TransitGateway(targetId) : null;
        } else if (r.str("VpcPeeringConnectionId") != null) {
            targetId = r.str("VpcPeeringConnectionId");
            target = "VPC peering connection".equals(kinds.get(targetId)) ? new RouteTarget.VpcPeering(targetId) : null;
        } else if (r.str("NetworkInterfaceId") != null || r.str("InstanceId") != null) {
            // An appliance route names both the instance and the interface; the interface is the precise target.
            String eni = r.str("NetworkInterfaceId");
            String inst = r.str("InstanceId");
            if (eni != null && enis.containsKey(eni)) {
                targetId = eni;
                target = new RouteTarget.NetworkInterface(eni);
            } else if (inst != null && "instance".equals(kinds.get(inst))) {
                targetId = inst;
                target = new RouteTarget.Instance(inst);
            } else {
                targetId = eni != null ? eni : inst;
            }
        } else if (gw != null) {
            targetId = gw;
            if (gw.startsWith("igw-") && "internet gateway".equals(kinds.get(gw))) target = new RouteTarget.InternetGateway(gw);
            else if (gw.startsWith("vgw-") && "VPN gateway".equals(kinds.get(gw))) target = new RouteTarget.VpnGateway(gw);
            else if (gw.startsWith("vpce-") && gatewayEndpoints.containsKey(gw)) target = new RouteTarget.VpcEndpoint(gw);
            else if (gw.startsWith("vpce-") && !kinds.containsKey(gw)) unsupported = null;
        } else {
            unsupported = "a target reachsim does not know";
        }
        if (unsupported != null) {
            report.skip(r.at(), what, "routes to a " + unsupported + " are not modelled");
            return null;
        }
        if (target == null) {
            report.skip(r.at(), what, "its target '" + targetId + "' is not in the snapshot (or not available)");
            return null;
        }
        return new Route(dest, target);
    }

    // ------------------------------------------------------------------ endpoints, load balancers

    private void vpcEndpoints() {
        report.kind("VPC endpoints");
        for (Item e : items("VpcEndpoints")) {
            String id = id(e, "VpcEndpointId", "a VPC endpoint");
            if (id == null) continue;
            String what = "VPC endpoint '" + id + "'";
            if (!state(e, "State", "available")) {
                report.skip(e.at(), what, "state is " + e.str("State") + ", not available");
                continue;
            }
            String vpc = e.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(e.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            String type = e.str("VpcEndpointType");
            VpcEndpoint.Type t;
            if ("Gateway".equalsIgnoreCase(type)) t = VpcEndpoint.Type.GATEWAY;
            else if ("Interface".equalsIgnoreCase(type)) t = VpcEndpoint.Type.INTERFACE;
            else {
                report.skip(e.at(), what, "endpoints of type " + type + " are not modelled (Gateway and Interface are)");
                continue;
            }
            if (!first(id, "VPC endpoint", e)) continue;
            String service = serviceName(e.str("ServiceName"));
            List<String> tables = e.strings("RouteTableIds");
            List<String> subnetIds = new ArrayList<>();
            for (String s : e.strings("SubnetIds")) if (subnets.containsKey(s)) subnetIds.add(s);
            List<String> groups = new ArrayList<>();
            for (Item g : e.list("Groups")) if (securityGroups.contains(g.str("GroupId"))) groups.add(g.str("GroupId"));
            List<String> interfaces = new ArrayList<>();
            for (String n : e.strings("NetworkInterfaceIds")) {
                if (enis.containsKey(n)) interfaces.add(n);
                else report.skip(e.at("NetworkInterfaceIds"), "network interface '" + n + "' of " + what, "not in describe-network-interfaces output");
            }
            out.add(new VpcEndpoint(id, vpc, t, service, tables, subnetIds, groups, e.bool("PrivateDnsEnabled", false), interfaces));
            report.count("VPC endpoints");
        }
    }

    /** com.amazonaws.us-east-1.s3 → s3; com.amazonaws.vpce.us-east-1.vpce-svc-0abc → vpce-svc-0abc. */
    static String serviceName(String full) {
        if (full == null) return null;
        java.util.regex.Matcher svc = java.util.regex.Pattern.compile(".*\\.(vpce-svc-[0-9a-f]+)$").matcher(full);
        if (svc.matches()) return svc.group(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("com\\.amazonaws\\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d\\.(.+)").matcher(full);
        return m.matches() ? m.group(2) : full;
    }

    private void loadBalancers(Map<String, List<String>> elbInterfaces, Map<String, String> lbByArn) {
        report.kind("load balancers");
        Map<String, Item> groupsByArn = new LinkedHashMap<>();
        for (Item g : items("TargetGroups")) if (g.str("TargetGroupArn") != null) groupsByArn.putIfAbsent(g.str("TargetGroupArn"), g);
        // describe-target-health prints only targets: the file name carries the target group's name.
        Map<String, List<Item>> targets = new HashMap<>();
        for (var e : byDoc(items("TargetHealthDescriptions")).entrySet()) {
            String fileName = e.getKey().parent() != null ? e.getKey().parent()
                    : java.nio.file.Path.of(e.getKey().doc().file).getFileName().toString();
            String best = null;
            for (Item g : groupsByArn.values()) {
                String n = g.str("TargetGroupName");
                if (n != null && fileName.contains(n) && (best == null || n.length() > best.length())) best = n;
            }
            if (best == null) {
                report.skip(e.getKey().at(), "target health descriptions (" + e.getValue().size() + ")", "the file name"
                        + " must contain the target group's name (e.g. targets-my-targets.json): describe-target-health does not print it");
                continue;
            }
            targets.computeIfAbsent(best, k -> new ArrayList<>()).addAll(e.getValue());
        }
        Map<String, List<Item>> listeners = new HashMap<>();
        for (Item l : items("Listeners")) if (l.str("LoadBalancerArn") != null) listeners.computeIfAbsent(l.str("LoadBalancerArn"), k -> new ArrayList<>()).add(l);
        for (Item lb : items("LoadBalancers")) {
            String name = id(lb, "LoadBalancerName", "a load balancer");
            if (name == null) continue;
            String what = "load balancer '" + name + "'";
            Item st = lb.obj("State");
            if (st != null && !state(st, "Code", "active")) {
                report.skip(lb.at(), what, "state is " + st.str("Code") + ", not active");
                continue;
            }
            String type = lb.str("Type");
            LoadBalancer.Type t = "network".equals(type) ? LoadBalancer.Type.NETWORK : "application".equals(type) ? LoadBalancer.Type.APPLICATION : null;
            if (t == null) {
                report.skip(lb.at(), what, "load balancers of type " + type + " are not modelled (network and application are)");
                continue;
            }
            String vpc = lb.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(lb.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            List<String> lbSubnets = new ArrayList<>();
            for (Item az : lb.list("AvailabilityZones")) if (subnets.containsKey(az.str("SubnetId"))) lbSubnets.add(az.str("SubnetId"));
            List<String> interfaces = elbInterfaces.getOrDefault(name, List.of());
            if (interfaces.isEmpty()) {
                report.skip(lb.at(), what, "its network interfaces (description 'ELB " + (t == LoadBalancer.Type.NETWORK ? "net" : "app")
                        + "/" + name + "/...') are not in describe-network-interfaces output");
                continue;
            }
            List<LoadBalancer.Listener> ls = new ArrayList<>();
            for (Item l : listeners.getOrDefault(lb.str("LoadBalancerArn"), List.of())) {
                LoadBalancer.Listener built = listener(l, what, groupsByArn, targets);
                if (built != null) ls.add(built);
            }
            if (!first(name, "load balancer", lb)) continue;
            List<String> groups = new ArrayList<>();
            for (String g : lb.strings("SecurityGroups")) if (securityGroups.contains(g)) groups.add(g);
            String enforce = lb.str("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic");
            out.add(new LoadBalancer(name, t, "internet-facing".equals(lb.str("Scheme")) ? LoadBalancer.Scheme.INTERNET_FACING
                    : LoadBalancer.Scheme.INTERNAL, vpc, lbSubnets, groups, ls, interfaces, !"off".equals(enforce)));
            lbByArn.put(lb.str("LoadBalancerArn"), name);
            report.count("load balancers");
        }
    }

    private LoadBalancer.Listener listener(Item l, String lb, Map<String, Item> groups, Map<String, List<Item>> targets) {
        ListenerProtocol p;
        try {
            p = ListenerProtocol.valueOf(String.valueOf(l.str("Protocol")));
        } catch (IllegalArgumentException e) {
            report.skip(l.at(), "listener of " + lb, "protocol " + l.str("Protocol") + " is not modelled");
            return null;
        }
        int port = l.node.path("Port").asInt(0);
        String tgArn = null;
        for (Item a : l.list("DefaultActions")) {
            if (!"forward".equals(a.str("Type"))) continue;
            tgArn = a.str("TargetGroupArn");
            Item fc = a.obj("ForwardConfig");
            if (tgArn == null && fc != null && !fc.list("TargetGroups").isEmpty()) tgArn = fc.list("TargetGroups").get(0).str("TargetGroupArn");
        }
        if (tgArn == null || !groups.containsKey(tgArn)) {
            report.skip(l.at(), "listener " + p + ":" + port + " of " + lb, tgArn == null ? "its default action does not forward to a target group"
                    : "its target group is not in describe-target-groups output");
            return null;
        }
        Item g = groups.get(tgArn);
        int tgPort = g.node.path("Port").asInt(port);
        List<LoadBalancer.Target> ts = new ArrayList<>();
        for (Item d : targets.getOrDefault(g.str("TargetGroupName"), List.of())) {
            Item t = d.obj("Target");
            Item h = d.obj("TargetHealth");
            if (t == null || t.str("Id") == null) continue;
            String hs = h == null ? null : h.str("State");
            if ("draining".equals(hs) || "unused".equals(hs)) {
                report.skip(d.at(), "target " + t.str("Id") + " of " + g.str("TargetGroupName"), "its health state is " + hs + ": it gets no new connections");
                continue;
            }
            int tp = t.node.path("Port").asInt(tgPort);
            String id = t.str("Id");
            if (id.startsWith("i-")) {
                if (!"instance".equals(kinds.get(id))) {
                    report.skip(d.at(), "target " + id + " of " + g.str("TargetGroupName"), "the instance is not in the snapshot (or not running)");
                    continue;
                }
                ts.add(new LoadBalancer.Target(id, null, tp));
            } else {
                Ip ip = ip(t, "Id");
                if (ip != null) ts.add(new LoadBalancer.Target(null, ip, tp));
            }
        }
        if (ts.isEmpty()) {
            report.note(l.at(), "listener " + p + ":" + port + " of " + lb, "its target group " + g.str("TargetGroupName") + " has no targets"
                    + " in the snapshot (save aws elbv2 describe-target-health as targets-" + g.str("TargetGroupName") + ".json)");
        }
        return new LoadBalancer.Listener(p, port, ts);
    }

    private void endpointServices(Map<String, String> lbByArn) {
        report.kind("endpoint services");
        Map<String, List<String>> accepted = new HashMap<>();
        for (VpcEndpoint e : out.vpcEndpoints) if (e.service() != null && e.service().startsWith("vpce-svc-")) accepted.computeIfAbsent(e.service(), k -> new ArrayList<>()).add(e.id());
        for (Item s : items("ServiceConfigurations")) {
            String id = id(s, "ServiceId", "an endpoint service");
            if (id == null) continue;
            String what = "endpoint service '" + id + "'";
            if (!state(s, "ServiceState", "Available")) {
                report.skip(s.at(), what, "state is " + s.str("ServiceState") + ", not Available");
                continue;
            }
            List<String> nlbs = s.strings("NetworkLoadBalancerArns");
            String lb = nlbs.isEmpty() ? null : lbByArn.get(nlbs.get(0));
            if (lb == null) {
                report.skip(s.at(), what, nlbs.isEmpty() ? "it is not backed by a network load balancer (Gateway Load Balancer services are not modelled)"
                        : "its network load balancer is not in the snapshot");
                continue;
            }
            if (!first(id, "endpoint service", s)) continue;
            report.note(s.at(), what, "allowed principals are not in describe-vpc-endpoint-service-configurations output: not enforced");
            out.add(new EndpointService(id, lb, s.bool("AcceptanceRequired", false), List.of(), accepted.getOrDefault(id, List.of())));
            report.count("endpoint services");
        }
    }

    // ------------------------------------------------------------------ EKS

    private void eks(Map<String, List<String>> eksInterfaces) {
        report.kind("EKS clusters");
        Map<String, Item> groupFiles = new HashMap<>();
        for (Item g : nodegroups) if (g.str("clusterName") != null && g.str("nodegroupName") != null) groupFiles.putIfAbsent(g.str("clusterName") + "/" + g.str("nodegroupName"), g);
        int index = 0;
        for (Item c : clusters) {
            String name = id(c, "name", "an EKS cluster");
            if (name == null) continue;
            String what = "EKS cluster '" + name + "'";
            if (!state(c, "status", "ACTIVE", "UPDATING")) {
                report.skip(c.at(), what, "status is " + c.str("status") + ", not ACTIVE");
                continue;
            }
            Item cfg = c.obj("resourcesVpcConfig");
            if (cfg == null) {
                errors.add(new LoadError(c.at(), what + " has no resourcesVpcConfig"));
                continue;
            }
            String vpc = cfg.str("vpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(c.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            List<String> clusterSubnets = new ArrayList<>();
            for (String s : cfg.strings("subnetIds")) {
                if (subnets.containsKey(s)) clusterSubnets.add(s);
                else report.skip(cfg.at("subnetIds"), "subnet '" + s + "' of " + what, "not in the snapshot");
            }
            List<String> extra = new ArrayList<>();
            for (String g : cfg.strings("securityGroupIds")) if (securityGroups.contains(g)) extra.add(g);
            String clusterSg = cfg.str("clusterSecurityGroupId");
            if (clusterSg == null || !securityGroups.contains(clusterSg)) {
                report.skip(c.at(), what, "its cluster security group '" + clusterSg + "' is not in describe-security-groups output");
                continue;
            }
            List<Cidr> cidrs = new ArrayList<>();
            JsonNode pac = cfg.node.get("publicAccessCidrs");
            if (pac != null && pac.isArray()) for (JsonNode n : pac) {
                Cidr x = parseCidr(c.doc, n);
                if (x != null) cidrs.add(x);
            }
            if (cidrs.isEmpty()) cidrs.add(Cidr.ANY_V4);
            Item knc = c.obj("kubernetesNetworkConfig");
            int family = knc != null && "ipv6".equalsIgnoreCase(knc.str("ipFamily")) ? 6 : 4;
            List<String> xenis = eksInterfaces.getOrDefault(name, List.of());
            if (xenis.isEmpty()) {
                report.note(c.at(), what, "no network interfaces described 'Amazon EKS " + name + "' (its X-ENIs) are in"
                        + " describe-network-interfaces output: its private endpoint has no address");
            }
            List<EksCluster.NodeGroup> groups = nodeGroups(name, clusterSg, groupFiles);
            if (!first(name, "EKS cluster", c)) continue;
            out.add(new EksCluster(name, vpc, clusterSubnets, family,
                    new EksCluster.EndpointAccess(cfg.bool("endpointPublicAccess", true), cfg.bool("endpointPrivateAccess", false), cidrs),
                    extra, clusterSg, groups, new EksCluster.PodNetworking(Map.of(), false, List.of(), "strict"), xenis,
                    PUBLIC_ENDPOINT_BASE.plus(10 + index++)));
            report.count("EKS clusters");
            report.note(c.at(), what, "pods, ENIConfigs and security groups for pods are Kubernetes objects, not in describe-* output:"
                    + " pods:" + name + "/... endpoints need them written in a scenario");
        }
    }

    private Map<String, Map<String, List<Instance>>> nodesByCluster;

    /** Managed node groups from their nodes' tags (eks:cluster-name, eks:nodegroup-name); sizes from describe-nodegroup. */
    private List<EksCluster.NodeGroup> nodeGroups(String cluster, String clusterSg, Map<String, Item> files) {
        // Nodes are grouped by their tags once for all clusters (per cluster, it was quadratic: 100 clusters x 50k instances).
        if (nodesByCluster == null) {
            Map<String, Map<String, String>> tagsOf = new HashMap<>();
            for (Item r : items("Reservations")) for (Item i : r.list("Instances")) tagsOf.put(i.str("InstanceId"), tags(i));
            nodesByCluster = new HashMap<>();
            for (Instance i : out.instances) {
                Map<String, String> t = tagsOf.getOrDefault(i.id(), Map.of());
                if (t.get("eks:cluster-name") != null && t.get("eks:nodegroup-name") != null) {
                    nodesByCluster.computeIfAbsent(t.get("eks:cluster-name"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(t.get("eks:nodegroup-name"), k -> new ArrayList<>()).add(i);
                }
            }
        }
        Map<String, List<Instance>> byGroup = nodesByCluster.getOrDefault(cluster, Map.of());
        List<EksCluster.NodeGroup> groups = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            // One node per subnet stands for the group (a node group's flows fan out per subnet/AZ).
            Map<String, String> perSubnet = new LinkedHashMap<>();
            for (Instance i : e.getValue()) perSubnet.putIfAbsent(i.subnet(), i.networkInterfaces().get(0));
            List<String> nodes = new ArrayList<>(perSubnet.values());
            NetworkInterface first = enis.get(nodes.get(0));
            List<String> sgs = first == null || first.securityGroups().isEmpty() ? List.of(clusterSg) : first.securityGroups();
            boolean publicIp = first != null && first.publicIp() != null;
            Item f = files.get(cluster + "/" + e.getKey());
            String type = null;
            int desired = e.getValue().size();
            int max = e.getValue().size();
            if (f != null) {
                List<String> types = f.strings("instanceTypes");
                type = types.isEmpty() ? null : types.get(0);
                Item sc = f.obj("scalingConfig");
                if (sc != null) {
                    desired = sc.node.path("desiredSize").asInt(desired);
                    max = sc.node.path("maxSize").asInt(max);
                }
            }
            groups.add(new EksCluster.NodeGroup(e.getKey(), new ArrayList<>(perSubnet.keySet()), sgs, publicIp, type, desired, max, nodes));
        }
        return groups;
    }

    // ------------------------------------------------------------------ VPC Lattice

    private void lattice() {
        if (lattice.isEmpty()) return;
        report.kind("Lattice service networks");
        report.kind("Lattice services");
        report.kind("Lattice target groups");
        // list-* items and get-* documents of one resource are merged by id (get-* has more fields).
        Map<String, Map<String, JsonNode>> byId = new LinkedHashMap<>();
        Map<String, Item> firstSeen = new HashMap<>();
        List<Item> targetItems = new ArrayList<>();
        for (Item i : lattice) {
            String id = i.str("id");
            if (id == null) {
                errors.add(new LoadError(i.at(), "a vpc-lattice item without 'id'"));
                continue;
            }
            if (!id.matches("(sn|snva|snsa|svc|listener|tg)-[0-9a-zA-Z]+")) {
                targetItems.add(i);
                continue;
            }
            Map<String, JsonNode> merged = byId.computeIfAbsent(id, k -> new LinkedHashMap<>());
            i.node.fields().forEachRemaining(f -> merged.putIfAbsent(f.getKey(), f.getValue()));
            firstSeen.putIfAbsent(id, i);
        }
        Map<String, List<Lattice.Target>> targets = new HashMap<>();
        for (var e : byDoc(targetItems).entrySet()) {
            String tg = idInFileName(e.getKey(), "tg-[0-9a-zA-Z]+");
            for (Item t : e.getValue()) {
                if (tg == null) {
                    report.skip(t.at(), "vpc-lattice item '" + t.str("id") + "'", "not a Lattice id (sn-, snva-, snsa-, svc-, listener-, tg-);"
                            + " if it is a list-targets target, the file name must contain the target group id (e.g. targets-tg-0123.json)");
                    continue;
                }
                if (state(t, "status", "DRAINING", "UNUSED")) {
                    if (t.str("status") != null) {
                        report.skip(t.at(), "Lattice target " + t.str("id") + " of " + tg, "status is " + t.str("status"));
                        continue;
                    }
                }
                int port = t.node.path("port").asInt(0);
                String id = t.str("id");
                if (id.startsWith("i-")) targets.computeIfAbsent(tg, k -> new ArrayList<>()).add(new Lattice.Target(id, null, port));
                else {
                    Ip ip = ip(t, "id");
                    if (ip != null) targets.computeIfAbsent(tg, k -> new ArrayList<>()).add(new Lattice.Target(null, ip, port));
                }
            }
        }
        Map<String, List<String>> servicesOf = new LinkedHashMap<>();
        Map<String, List<Lattice.VpcAssociation>> vpcsOf = new LinkedHashMap<>();
        Map<String, List<Lattice.Listener>> listenersOf = new LinkedHashMap<>();
        for (var e : byId.entrySet()) {
            String id = e.getKey();
            Map<String, JsonNode> m = e.getValue();
            Item at = firstSeen.get(id);
            if (id.startsWith("snsa-")) {
                if (!active(m, at, "service network service association '" + id + "'")) continue;
                if (text(m, "serviceNetworkId") == null || text(m, "serviceId") == null) {
                    report.skip(at.at(), "service network service association '" + id + "'", "it names no serviceNetworkId or serviceId");
                    continue;
                }
                servicesOf.computeIfAbsent(text(m, "serviceNetworkId"), k -> new ArrayList<>()).add(text(m, "serviceId"));
            } else if (id.startsWith("snva-")) {
                if (!active(m, at, "service network VPC association '" + id + "'")) continue;
                String vpc = text(m, "vpcId");
                if (!vpcs.containsKey(vpc)) {
                    report.skip(at.at(), "service network VPC association '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                    continue;
                }
                List<String> sgs = new ArrayList<>();
                JsonNode g = m.get("securityGroupIds");
                if (g != null && g.isArray()) for (JsonNode n : g) if (securityGroups.contains(n.asText())) sgs.add(n.asText());
                if (g == null) {
                    report.note(at.at(), "service network VPC association '" + id + "'", "its security groups are only in"
                            + " get-service-network-vpc-association output; none are assumed");
                }
                if (text(m, "serviceNetworkId") == null) {
                    report.skip(at.at(), "service network VPC association '" + id + "'", "it names no serviceNetworkId");
                    continue;
                }
                vpcsOf.computeIfAbsent(text(m, "serviceNetworkId"), k -> new ArrayList<>()).add(new Lattice.VpcAssociation(vpc, sgs));
            } else if (id.startsWith("listener-")) {
                ListenerProtocol p;
                try {
                    // Lattice's TLS_PASSTHROUGH listener carries TLS to the targets unterminated.
                    String proto = String.valueOf(text(m, "protocol"));
                    p = ListenerProtocol.valueOf(proto.equals("TLS_PASSTHROUGH") ? "TLS" : proto);
                } catch (IllegalArgumentException ex) {
                    report.skip(at.at(), "Lattice listener '" + id + "'", "protocol " + text(m, "protocol") + " is not modelled");
                    continue;
                }
                String tg = null;
                JsonNode fwd = m.containsKey("defaultAction") ? m.get("defaultAction").path("forward").path("targetGroups") : null;
                if (fwd != null && fwd.isArray() && fwd.size() > 0) tg = fwd.get(0).path("targetGroupIdentifier").asText(null);
                if (tg == null) {
                    report.skip(at.at(), "Lattice listener '" + id + "'", "its default action does not forward to a target group"
                            + " (or only list-listeners output was saved: get-listener prints the action)");
                    continue;
                }
                if (tg.contains("/")) tg = tg.substring(tg.lastIndexOf('/') + 1);
                // list-listeners items carry no serviceId; their ARN (.../service/svc-…/listener/listener-…) names it.
                String service = text(m, "serviceId");
                String arn = text(m, "arn");
                if (service == null && arn != null) {
                    java.util.regex.Matcher sm = java.util.regex.Pattern.compile("/(svc-[0-9a-zA-Z]+)/").matcher(arn);
                    if (sm.find()) service = sm.group(1);
                }
                if (service == null) {
                    report.skip(at.at(), "Lattice listener '" + id + "'", "it names no serviceId (and its ARN no service)");
                    continue;
                }
                listenersOf.computeIfAbsent(service, k -> new ArrayList<>())
                        .add(new Lattice.Listener(p, m.containsKey("port") ? m.get("port").asInt() : 0, tg));
            }
        }
        List<Lattice.ServiceNetwork> networks = new ArrayList<>();
        List<Lattice.Service> services = new ArrayList<>();
        List<Lattice.TargetGroup> groups = new ArrayList<>();
        for (var e : byId.entrySet()) {
            String id = e.getKey();
            Map<String, JsonNode> m = e.getValue();
            Item at = firstSeen.get(id);
            if (id.startsWith("sn-")) {
                if (!first(id, "Lattice service network", at)) continue;
                networks.add(new Lattice.ServiceNetwork(id, auth(m, at, id), false, servicesOf.getOrDefault(id, List.of()),
                        vpcsOf.getOrDefault(id, List.of())));
                report.count("Lattice service networks");
            } else if (id.startsWith("svc-")) {
                if (!active(m, at, "Lattice service '" + id + "'") || !first(id, "Lattice service", at)) continue;
                services.add(new Lattice.Service(id, auth(m, at, id), false, listenersOf.getOrDefault(id, List.of())));
                report.count("Lattice services");
            } else if (id.startsWith("tg-")) {
                String type = text(m, "type");
                Lattice.TargetGroup.TargetType t = "IP".equals(type) ? Lattice.TargetGroup.TargetType.IP
                        : "INSTANCE".equals(type) ? Lattice.TargetGroup.TargetType.INSTANCE : null;
                if (t == null) {
                    report.skip(at.at(), "Lattice target group '" + id + "'", "targets of type " + type + " are not modelled (IP and INSTANCE are)");
                    continue;
                }
                JsonNode config = m.get("config");
                String vpc = config == null ? text(m, "vpcIdentifier") : config.path("vpcIdentifier").asText(null);
                if (!vpcs.containsKey(vpc)) {
                    report.skip(at.at(), "Lattice target group '" + id + "'", vpc == null ? "its config (get-target-group output) is not in the snapshot"
                            : "its VPC '" + vpc + "' is not in the snapshot");
                    continue;
                }
                ListenerProtocol p;
                try {
                    p = ListenerProtocol.valueOf(config == null ? text(m, "protocol") : config.path("protocol").asText("HTTP"));
                } catch (IllegalArgumentException | NullPointerException ex) {
                    p = ListenerProtocol.HTTP;
                }
                int port = config == null ? (m.containsKey("port") ? m.get("port").asInt() : 0) : config.path("port").asInt(0);
                if (!first(id, "Lattice target group", at)) continue;
                groups.add(new Lattice.TargetGroup(id, vpc, t, p, port, targets.getOrDefault(id, List.of())));
                report.count("Lattice target groups");
            }
        }
        String pl = null;
        String wanted = "com.amazonaws." + defaultRegion + ".vpc-lattice";
        for (PrefixList p : out.prefixLists) if (p.name().equals(wanted)) pl = p.id();
        if (pl == null) {
            pl = "pl-vpc-lattice";
            out.add(new PrefixList(pl, wanted, List.of(LATTICE_V4, LATTICE_V6)));
            report.note(new Origin(source, 0, 0), "Lattice prefix list", "no prefix list named " + wanted + " was read; "
                    + pl + " with " + LATTICE_V4 + " and " + LATTICE_V6 + " stands for it");
        }
        boolean iam = networks.stream().anyMatch(n -> n.authType() == Lattice.AuthType.AWS_IAM)
                || services.stream().anyMatch(s -> s.authType() == Lattice.AuthType.AWS_IAM);
        if (iam) {
            report.note(new Origin(source, 0, 0), "Lattice auth policies", "not read (get-auth-policy): AWS_IAM service networks and"
                    + " services are treated as having no policy, which denies every request");
        }
        out.lattice(new Lattice(pl, networks, services, groups));
    }

    private boolean active(Map<String, JsonNode> m, Item at, String what) {
        String s = text(m, "status");
        if (s == null || s.equals("ACTIVE")) return true;
        report.skip(at.at(), what, "status is " + s + ", not ACTIVE");
        return false;
    }

    private Lattice.AuthType auth(Map<String, JsonNode> m, Item at, String id) {
        String a = text(m, "authType");
        if (a == null) {
            report.note(at.at(), "auth type of '" + id + "'", "only in get-* output; NONE is assumed");
            return Lattice.AuthType.NONE;
        }
        return "AWS_IAM".equals(a) ? Lattice.AuthType.AWS_IAM : Lattice.AuthType.NONE;
    }

    private static String text(Map<String, JsonNode> m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    // ------------------------------------------------------------------ AWS's objects the data did not show

    /**
     * Every VPC has a main route table, a default security group and a default network ACL. When the
     * snapshot lacks them (a describe-* output was not saved), AWS's defaults stand in, and the report says so.
     */
    private void implicitDefaults(Map<String, String> mainTables, Map<String, String> defaultAcls, Map<String, String> defaultSgs) {
        Set<String> tables = new HashSet<>();
        out.routeTables.forEach(t -> tables.add(t.id()));
        Set<String> acls = new HashSet<>();
        out.networkAcls.forEach(a -> acls.add(a.id()));
        for (Vpc v : vpcs.values()) {
            Origin at = origins.get(v.id());
            if (!tables.contains(v.mainRouteTable())) {
                out.add(new RouteTable(v.mainRouteTable(), v.id(), true, List.of(), List.of()));
                report.note(at, "main route table of VPC '" + v.id() + "'", "not in the snapshot (describe-route-tables); '"
                        + v.mainRouteTable() + "' with only the local routes stands for it");
            }
            if (!acls.contains(v.defaultNetworkAcl())) {
                List<AclEntry> all = List.of(new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW),
                        new AclEntry(101, Protocol.ALL, null, -1, -1, Cidr.ANY_V6, AclEntry.Action.ALLOW));
                out.add(new NetworkAcl(v.defaultNetworkAcl(), v.id(), true, all, all));
                report.note(at, "default network ACL of VPC '" + v.id() + "'", "not in the snapshot (describe-network-acls); '"
                        + v.defaultNetworkAcl() + "' allowing all stands for it");
            }
            if (!securityGroups.contains(v.defaultSecurityGroup())) {
                List<SgRule> in = List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer(v.defaultSecurityGroup()), null));
                List<SgRule> eg = List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null),
                        new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), null));
                out.add(new SecurityGroup(v.defaultSecurityGroup(), v.id(), "default", in, eg));
                securityGroups.add(v.defaultSecurityGroup());
                report.note(at, "default security group of VPC '" + v.id() + "'", "not in the snapshot (describe-security-groups); '"
                        + v.defaultSecurityGroup() + "' with AWS's default rules stands for it");
            }
        }
        // Subnets may name a table or ACL that was skipped: then AWS's association rule (main/default) applies.
        out.subnets.replaceAll(s -> {
            boolean rtOk = s.routeTable() == null || tables.contains(s.routeTable());
            boolean aclOk = s.networkAcl() == null || acls.contains(s.networkAcl());
            if (rtOk && aclOk) return s;
            return new Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), rtOk ? s.routeTable() : null, aclOk ? s.networkAcl() : null,
                    s.tags(), s.azId(), s.owner(), s.sharedWith());
        });
    }
}
