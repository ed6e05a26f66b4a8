package io.reachsim.terraform;

import io.reachsim.model.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Terraform resources (AWS provider v5/v6) as the scenario format's {@code network:} section. The simulator
 * then parses and resolves it like any scenario, with AWS's defaults (a VPC's main route table, default
 * security group and default ACL exist unless {@code aws_default_*} redefines them). Rules of a security
 * group or ACL written inline and as separate resources are merged, as AWS holds them in one group.
 * Routing, filtering and gateways here; addresses, endpoints and services in {@link Hosts}.
 */
final class Converter {
    static final Set<String> VPC = Set.of("aws_vpc");
    static final Set<String> SUBNET = Set.of("aws_subnet");
    static final Set<String> RTB = Set.of("aws_route_table", "aws_default_route_table");
    static final Set<String> SG = Set.of("aws_security_group", "aws_default_security_group");
    static final Set<String> ACL = Set.of("aws_network_acl", "aws_default_network_acl");
    static final Set<String> EIP = Set.of("aws_eip");
    static final Set<String> ROUTE_TARGETS = Set.of("aws_internet_gateway", "aws_vpn_gateway", "aws_nat_gateway",
            "aws_ec2_transit_gateway", "aws_vpc_peering_connection", "aws_network_interface", "aws_egress_only_internet_gateway",
            "aws_vpc_endpoint", "aws_instance");

    final Values v;
    final Network below;
    final Report report;
    final List<TfDoc.Res> resources;
    final Map<String, List<TfDoc.Res>> byType = new LinkedHashMap<>();
    final J top;

    // What the sections are built from, by id, merged over every resource that adds to them.
    final Map<String, Y.Map> vpcs = new LinkedHashMap<>();
    final Map<String, List<String>> secondaryCidrs = new HashMap<>();
    final Map<String, Y.Map> subnets = new LinkedHashMap<>();
    final Map<String, Y.Map> routeTables = new LinkedHashMap<>();
    final Map<String, Y.Seq> routes = new HashMap<>();
    final Map<String, Y.Map> sgs = new LinkedHashMap<>();
    final Map<String, Y.Seq[]> sgRules = new HashMap<>();
    final Map<String, Y.Map> acls = new LinkedHashMap<>();
    final Map<String, Y.Seq[]> aclRules = new HashMap<>();
    final Y.Seq igws;
    final Y.Seq eigws;
    /** Each subnet's VPC, and each VPC's main route table. */
    final Map<String, String> subnetVpc = new HashMap<>();
    final Map<String, Boolean> subnetPublicIp = new HashMap<>();
    final Map<String, String> mainTable = new HashMap<>();

    Converter(Values v, List<TfDoc.Res> resources, Network below, Report report) {
        this.v = v;
        this.below = below;
        this.report = report;
        this.resources = resources;
        this.top = v.doc.root;
        this.igws = Y.seq(top);
        this.eigws = Y.seq(top);
        for (TfDoc.Res r : resources) {
            if (r.managed()) byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
        }
    }

    List<TfDoc.Res> all(String type) {
        List<TfDoc.Res> l = byType.getOrDefault(type, List.of());
        if (!l.isEmpty()) report.read(type, l.size());
        return l;
    }

    /** The network section. */
    Y.Map convert() {
        Y.Map net = Y.map(top);
        vpcs();
        subnets();
        routeTables();
        securityGroups();
        networkAcls();
        gateways();
        Hosts hosts = new Hosts(this);
        hosts.convert();
        finish();
        net.put("vpcs", seq(vpcs.values()));
        net.put("subnets", seq(subnets.values()));
        net.put("routeTables", seq(routeTables.values()));
        if (!igws.isEmpty()) net.put("internetGateways", igws);
        if (!eigws.isEmpty()) net.put("egressOnlyInternetGateways", eigws);
        net.put("securityGroups", seq(sgs.values()));
        net.put("networkAcls", seq(acls.values()));
        hosts.into(net);
        Y.Map lattice = LatticeResources.convert(this);
        if (lattice != null) net.put("lattice", lattice);
        return net;
    }

    private Y.Seq seq(Iterable<Y.Map> maps) {
        Y.Seq s = Y.seq(top);
        for (Y.Map m : maps) s.add(m);
        return s;
    }

    /**
     * Groups, tables and ACLs that separate rule resources (aws_security_group_rule, aws_route, aws_network_acl_rule, …)
     * manage, in this plan or its prior state. Their parent's inline attribute is then only AWS's refreshed copy of those
     * rules, stale for a rule the plan deletes: when the configuration does not write it, it is not read.
     */
    private Set<String> separatelyManaged;

    private Set<String> separatelyManaged() {
        if (separatelyManaged != null) return separatelyManaged;
        separatelyManaged = new java.util.HashSet<>();
        Map<String, String> parent = Map.of("aws_security_group_rule", "security_group_id",
                "aws_vpc_security_group_ingress_rule", "security_group_id", "aws_vpc_security_group_egress_rule", "security_group_id",
                "aws_route", "route_table_id", "aws_network_acl_rule", "network_acl_id");
        for (TfDoc.Change ch : v.doc.changes.values()) {
            String attr = parent.get(ch.type());
            if (attr == null) continue;
            for (J side : List.of(ch.before(), ch.after())) if (side.get(attr).str() != null) separatelyManaged.add(side.get(attr).str());
        }
        for (TfDoc.Res r : resources) {
            String attr = parent.get(r.type());
            if (attr == null || !Values.unknown(r, attr)) continue;
            Refs.Target t = v.refs.target(r, List.of(attr), Set.of());
            if (t != null) separatelyManaged.add(v.idOf(t));
        }
        return separatelyManaged;
    }

    /** True when {@code attr} of {@code r} is only a refreshed copy of rules other resources manage (see above). */
    private boolean refreshedOnly(TfDoc.Res r, String attr) {
        J expressions = v.refs.expression(r, List.of());
        if (expressions.isMissing() || !expressions.get(attr).isMissing()) return false; // a state, or written inline
        if (!separatelyManaged().contains(v.id(r))) return false;
        report.note(r.address() + ": " + attr + " not written in the configuration: its rules come from the resources that manage them");
        return true;
    }

    /** Every id this layer defines: an item of the layer below with one of them is replaced. */
    Set<String> emitted() {
        // data sources only read what the layers below hold: they replace nothing
        Set<String> out = new LinkedHashSet<>();
        for (TfDoc.Res r : resources) if (r.managed()) out.add(v.id(r));
        out.addAll(vpcs.keySet());
        out.addAll(subnets.keySet());
        out.addAll(routeTables.keySet());
        out.addAll(sgs.keySet());
        out.addAll(acls.keySet());
        return out;
    }

    // ---------------------------------------------------------------- VPCs and subnets

    private void vpcs() {
        for (TfDoc.Res r : all("aws_vpc")) {
            String id = v.id(r);
            Y.Map m = Y.map(r.node()).put("id", id);
            m.put("cidr", v.required(r, "cidr_block"), r.values().get("cidr_block"));
            String v6 = Values.known(r, "ipv6_cidr_block");
            if (v6 != null) m.put("ipv6Cidr", v6, r.values().get("ipv6_cidr_block"));
            else if (Values.unknown(r, "ipv6_cidr_block") && r.values().get("assign_generated_ipv6_cidr_block").bool(false)) {
                report.note(r.address() + ": its IPv6 CIDR is assigned by AWS at apply: left out (IPv4 only)");
            }
            m.put("enableDnsSupport", String.valueOf(r.values().get("enable_dns_support").bool(true)));
            m.put("enableDnsHostnames", String.valueOf(r.values().get("enable_dns_hostnames").bool(false)));
            vpcs.put(id, m);
            // What AWS creates with the VPC: ids known from a state, else named after the VPC.
            String main = Values.known(r, "main_route_table_id");
            if (main == null) main = Values.known(r, "default_route_table_id");
            part(r, "main_route_table_id", main != null ? main : id + "-main");
            part(r, "default_route_table_id", main != null ? main : id + "-main");
            String sg = Values.known(r, "default_security_group_id");
            part(r, "default_security_group_id", sg != null ? sg : id + "-default");
            String acl = Values.known(r, "default_network_acl_id");
            part(r, "default_network_acl_id", acl != null ? acl : id + "-default-acl");
            var lower = below == null ? null : below.vpc(id).orElse(null);
            if (lower != null) {
                // The VPC replaces one of the layer below: what AWS created with it stays what it was.
                if (main == null) main = lower.mainRouteTable();
                if (sg == null) sg = lower.defaultSecurityGroup();
                if (acl == null) acl = lower.defaultNetworkAcl();
                part(r, "main_route_table_id", main);
                part(r, "default_route_table_id", main);
                part(r, "default_security_group_id", sg);
                part(r, "default_network_acl_id", acl);
            }
            if (sg != null) m.put("defaultSecurityGroup", sg);
            if (acl != null) m.put("defaultNetworkAcl", acl);
            mainTable.put(id, main != null ? main : id + "-main");
        }
        // aws_default_* resources adopt what the VPC implies: they give it their ids (their addresses while unknown).
        String[][] adopted = {{"aws_default_route_table", "default_route_table_id", "main_route_table_id"},
                {"aws_default_network_acl", "default_network_acl_id", ""}, {"aws_default_security_group", "vpc_id", "default_security_group_id"}};
        for (String[] a : adopted) {
            for (TfDoc.Res r : byType.getOrDefault(a[0], List.of())) {
                if (!Values.unknown(r, a[1]) && !Values.unknown(r, "id")) continue;
                Refs.Target t = v.refs.target(r, List.of(a[1]), VPC);
                if (t == null) continue;
                String id = Values.known(r, "id") != null ? Values.known(r, "id") : r.address();
                if (a[0].equals("aws_default_route_table")) {
                    part(t.res(), "default_route_table_id", id);
                    part(t.res(), "main_route_table_id", id);
                    mainTable.put(v.id(t.res()), id);
                } else if (a[0].equals("aws_default_network_acl")) {
                    part(t.res(), "default_network_acl_id", id);
                } else {
                    part(t.res(), "default_security_group_id", id);
                }
            }
        }
        for (TfDoc.Res r : all("aws_vpc_ipv4_cidr_block_association")) {
            String vpc = v.ref(r, "vpc_id", VPC, true);
            String cidr = v.required(r, "cidr_block");
            if (vpc == null || cidr == null) continue;
            secondaryCidrs.computeIfAbsent(vpc, k -> new ArrayList<>()).add(cidr);
        }
        for (TfDoc.Res r : all("aws_vpc_ipv6_cidr_block_association")) {
            String vpc = v.ref(r, "vpc_id", VPC, true);
            String cidr = Values.known(r, "ipv6_cidr_block");
            Y.Map m = vpcs.get(vpc);
            if (cidr == null) report.note(r.address() + ": IPv6 CIDR assigned at apply: left out");
            else if (m != null && !m.has("ipv6Cidr")) m.put("ipv6Cidr", cidr, r.values().get("ipv6_cidr_block"));
        }
    }

    private void part(TfDoc.Res vpc, String attr, String id) {
        v.vpcParts.put(vpc.address() + "|" + attr, id);
    }

    private void subnets() {
        for (TfDoc.Res r : all("aws_subnet")) {
            String id = v.id(r);
            String vpc = v.ref(r, "vpc_id", VPC, true);
            Y.Map m = Y.map(r.node()).put("id", id).put("vpc", vpc, r.values().get("vpc_id"));
            String az = Values.known(r, "availability_zone");
            if (az != null) m.put("az", az, r.values().get("availability_zone"));
            String azId = Values.known(r, "availability_zone_id");
            if (azId != null) m.put("azId", azId);
            m.put("cidr", v.required(r, "cidr_block"), r.values().get("cidr_block"));
            String v6 = Values.known(r, "ipv6_cidr_block");
            if (v6 != null) m.put("ipv6Cidr", v6, r.values().get("ipv6_cidr_block"));
            J tags = r.values().get("tags");
            if (tags.isObject() && !tags.fields().isEmpty()) {
                Y.Map t = Y.map(tags);
                tags.fields().forEach((k, val) -> t.put(k, val.text() == null ? "" : val.text(), val));
                m.put("tags", t);
            }
            subnets.put(id, m);
            if (vpc != null) subnetVpc.put(id, vpc);
            subnetPublicIp.put(id, r.values().get("map_public_ip_on_launch").bool(false));
        }
    }

    // ---------------------------------------------------------------- route tables

    private void routeTables() {
        for (TfDoc.Res r : all("aws_route_table")) {
            String id = v.id(r);
            String vpc = v.ref(r, "vpc_id", VPC, true);
            routeTables.put(id, Y.map(r.node()).put("id", id).put("vpc", vpc, r.values().get("vpc_id")));
            inlineRoutes(r, id);
            propagating(r, id);
        }
        for (TfDoc.Res r : all("aws_default_route_table")) {
            // Terraform adopts the VPC's main route table and replaces its routes with those written.
            String id = v.ref(r, "default_route_table_id", Set.of("aws_vpc"), true);
            String vpc = Values.known(r, "vpc_id");
            if (vpc == null) vpc = vpcOfPart(r, "default_route_table_id");
            if (id == null) continue;
            v.ids.put(r.address(), id);
            routeTables.put(id, Y.map(r.node()).put("id", id).put("vpc", vpc));
            if (vpc != null) mainTable.put(vpc, id);
            inlineRoutes(r, id);
            propagating(r, id);
        }
        for (TfDoc.Res r : all("aws_main_route_table_association")) {
            String vpc = v.ref(r, "vpc_id", VPC, true);
            String table = v.ref(r, "route_table_id", RTB, true);
            if (vpc != null && table != null) mainTable.put(vpc, table);
        }
        for (TfDoc.Res r : all("aws_route")) {
            String table = v.ref(r, "route_table_id", Set.of("aws_route_table", "aws_default_route_table", "aws_vpc"), true);
            if (table == null) continue;
            Y.Map route = route(r, List.of(), r.values(), "destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id");
            if (route != null) routes.computeIfAbsent(table, k -> Y.seq(r.node())).add(route);
        }
        for (TfDoc.Res r : all("aws_vpn_gateway_route_propagation")) {
            String table = v.ref(r, "route_table_id", RTB, true);
            String vgw = v.ref(r, "vpn_gateway_id", Set.of("aws_vpn_gateway"), true);
            Y.Map t = routeTables.get(table);
            if (t != null && vgw != null) propagations.computeIfAbsent(table, k -> Y.seq(r.node())).add(vgw, r.node());
        }
        for (TfDoc.Res r : all("aws_route_table_association")) {
            String table = v.ref(r, "route_table_id", RTB, true);
            if (r.values().get("gateway_id").str() != null || Values.unknown(r, "gateway_id") && r.values().get("subnet_id").absent()) {
                report.skip(r.address(), "an edge association with a gateway (ingress routing) is not modelled");
                continue;
            }
            String subnet = v.ref(r, "subnet_id", SUBNET, true);
            Y.Map s = subnets.get(subnet);
            if (s != null && table != null) s.put("routeTable", table, r.values().get("route_table_id"));
            else if (table != null && subnet != null) report.skip(r.address(), "subnet " + subnet + " is not in this plan");
        }
    }

    final Map<String, Y.Seq> propagations = new HashMap<>();

    private void propagating(TfDoc.Res r, String table) {
        if (Values.unknown(r, "propagating_vgws")) return;
        for (String vgw : v.refs(r, "propagating_vgws", Set.of("aws_vpn_gateway"))) {
            propagations.computeIfAbsent(table, k -> Y.seq(r.node())).add(vgw, r.values().get("propagating_vgws"));
        }
    }

    private String vpcOfPart(TfDoc.Res r, String attr) {
        Refs.Target t = v.refs.target(r, List.of(attr), VPC);
        return t == null ? null : v.id(t.res());
    }

    private void inlineRoutes(TfDoc.Res r, String table) {
        if (Values.unknown(r, "route") || refreshedOnly(r, "route")) return; // not written: routes come from aws_route resources
        List<J> items = r.values().get("route").items();
        for (int i = 0; i < items.size(); i++) {
            Y.Map route = route(r, List.of("route", i), items.get(i), "cidr_block", "ipv6_cidr_block", "destination_prefix_list_id");
            if (route != null) routes.computeIfAbsent(table, k -> Y.seq(r.node())).add(route);
        }
    }

    /** One route (inline block at {@code path}, or an aws_route's values); null when it is not modelled. */
    private Y.Map route(TfDoc.Res r, List<Object> path, J values, String v4, String v6, String pl) {
        Y.Map m = Y.map(values.isMissing() ? r.node() : values);
        String[] dests = {v4, v6, pl};
        String dest = null;
        String field = null;
        for (String d : dests) {
            String val = attr(r, path, values, d, Set.of("aws_ec2_managed_prefix_list"));
            if (val != null) {
                dest = val;
                field = d.equals(pl) ? "destinationPrefixList" : "destination";
                break;
            }
        }
        if (dest == null) {
            v.error(r, Values.join(cat(path, v4)), "a route without a destination (" + v4 + ", " + v6 + " or " + pl + ")");
            return null;
        }
        m.put(field, dest, values.get(field.equals("destination") ? (values.get(v4).str() != null ? v4 : v6) : pl));
        String[][] targets = {{"gateway_id", "aws_internet_gateway,aws_vpn_gateway"}, {"nat_gateway_id", "aws_nat_gateway"},
                {"transit_gateway_id", "aws_ec2_transit_gateway"}, {"vpc_peering_connection_id", "aws_vpc_peering_connection"},
                {"network_interface_id", "aws_network_interface"}, {"egress_only_gateway_id", "aws_egress_only_internet_gateway"},
                {"vpc_endpoint_id", "aws_vpc_endpoint"}, {"instance_id", "aws_instance"}};
        for (String[] t : targets) {
            String target = attr(r, path, values, t[0], Set.of(t[1].split(",")));
            if (target != null) {
                if (target.equals("local")) return null; // the resolver adds every VPC CIDR's local route
                m.put("target", target, values.get(t[0]));
                return m;
            }
        }
        for (String other : List.of("local_gateway_id", "carrier_gateway_id", "core_network_arn")) {
            if (values.get(other).str() != null || Values.unknown(r, cat(path, other).toArray())) {
                report.skip(r.address(), "a route to " + other.replace("_id", "").replace("_arn", "").replace('_', ' ')
                        + " (" + dest + ") is not modelled");
                return null;
            }
        }
        v.error(r, Values.join(path), "a route to " + dest + " without a target");
        return null;
    }

    /** A value of an inline block or of the resource itself: known, or resolved through the configuration. */
    String attr(TfDoc.Res r, List<Object> path, J values, String name, Set<String> types) {
        List<Object> p = cat(path, name);
        if (Values.unknown(r, p.toArray())) return v.refAt(r, p, values.get(name), types, true);
        return values.get(name).str();
    }

    static List<Object> cat(List<Object> path, Object last) {
        List<Object> l = new ArrayList<>(path);
        l.add(last);
        return l;
    }

    // ---------------------------------------------------------------- security groups

    private void securityGroups() {
        for (TfDoc.Res r : all("aws_security_group")) {
            String id = v.id(r);
            String vpc = v.ref(r, "vpc_id", VPC, false);
            if (vpc == null) {
                report.skip(r.address(), "a security group without vpc_id (the default VPC's) is not modelled; give vpc_id");
                continue;
            }
            Y.Map m = Y.map(r.node()).put("id", id).put("vpc", vpc, r.values().get("vpc_id"));
            String name = Values.known(r, "name");
            if (name != null) m.put("name", name);
            sgs.put(id, m);
            Y.Seq[] rules = rules(id, r);
            // Terraform removes the allow-all egress rule AWS puts in a new group: no egress block, no egress.
            inlineSgRules(r, id, "ingress", rules[0]);
            inlineSgRules(r, id, "egress", rules[1]);
        }
        for (TfDoc.Res r : all("aws_default_security_group")) {
            String vpc = v.ref(r, "vpc_id", VPC, true);
            if (vpc == null) continue;
            String known = Values.known(r, "id");
            String id = known != null ? known : r.address();
            v.ids.put(r.address(), id);
            Y.Map vm = vpcs.get(vpc);
            if (vm != null && !vm.has("defaultSecurityGroup")) vm.put("defaultSecurityGroup", id);
            sgs.put(id, Y.map(r.node()).put("id", id).put("vpc", vpc));
            Y.Seq[] rules = rules(id, r);
            // Terraform strips the default group's rules and keeps only those written.
            inlineSgRules(r, id, "ingress", rules[0]);
            inlineSgRules(r, id, "egress", rules[1]);
        }
        for (TfDoc.Res r : all("aws_security_group_rule")) {
            String sg = v.ref(r, "security_group_id", SG, true);
            String type = v.required(r, "type");
            if (sg == null || type == null) continue;
            Y.Seq[] rules = sgRules.get(sg) != null ? sgRules.get(sg) : Lower.group(this, sg, r);
            if (rules == null) continue;
            boolean in = type.equals("ingress");
            List<String> peers = new ArrayList<>();
            peers.addAll(v.refs(r, "cidr_blocks", Set.of()));
            peers.addAll(v.refs(r, "ipv6_cidr_blocks", Set.of()));
            peers.addAll(v.refs(r, "prefix_list_ids", Set.of("aws_ec2_managed_prefix_list")));
            if (r.values().get("self").bool(false)) peers.add(sg);
            String source = v.ref(r, "source_security_group_id", SG, false);
            if (source != null) peers.add(source);
            sgRule(r, r.values(), r.values().get("protocol"), "from_port", "to_port", peers, in, rules[in ? 0 : 1]);
        }
        for (String type : List.of("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")) {
            boolean in = type.endsWith("ingress_rule");
            for (TfDoc.Res r : all(type)) {
                String sg = v.ref(r, "security_group_id", SG, true);
                if (sg == null) continue;
                Y.Seq[] rules = sgRules.get(sg) != null ? sgRules.get(sg) : Lower.group(this, sg, r);
                if (rules == null) continue;
                List<String> peers = new ArrayList<>();
                for (String a : List.of("cidr_ipv4", "cidr_ipv6")) {
                    String c = Values.unknown(r, a) ? v.required(r, a) : r.values().get(a).str();
                    if (c != null) peers.add(c);
                }
                String pl = v.ref(r, "prefix_list_id", Set.of("aws_ec2_managed_prefix_list"), false);
                if (pl != null) peers.add(pl);
                String ref = v.ref(r, "referenced_security_group_id", SG, false);
                if (ref != null) peers.add(ref);
                sgRule(r, r.values(), r.values().get("ip_protocol"), "from_port", "to_port", peers, in, rules[in ? 0 : 1]);
            }
        }
    }

    private Y.Seq[] rules(String id, TfDoc.Res r) {
        return sgRules.computeIfAbsent(id, k -> new Y.Seq[] {Y.seq(r.node()), Y.seq(r.node())});
    }

    private void inlineSgRules(TfDoc.Res r, String self, String direction, Y.Seq into) {
        if (Values.unknown(r, direction) || refreshedOnly(r, direction)) return;
        List<J> items = r.values().get(direction).items();
        for (int i = 0; i < items.size(); i++) {
            J rule = items.get(i);
            List<Object> path = List.of(direction, i);
            List<String> peers = new ArrayList<>();
            for (String a : List.of("cidr_blocks", "ipv6_cidr_blocks")) for (J c : rule.get(a).items()) if (c.str() != null) peers.add(c.str());
            peers.addAll(listAt(r, path, rule, "prefix_list_ids", Set.of("aws_ec2_managed_prefix_list")));
            peers.addAll(listAt(r, path, rule, "security_groups", SG));
            if (rule.get("self").bool(false)) peers.add(self);
            sgRule(r, rule, rule.get("protocol"), "from_port", "to_port", peers, direction.equals("ingress"), into);
        }
    }

    /** A list inside an inline block: known items, unknown ones from the block's references. */
    private List<String> listAt(TfDoc.Res r, List<Object> path, J block, String name, Set<String> types) {
        return v.refsAt(r, cat(path, name), block.get(name), types);
    }

    /** One rule per peer (CIDR, prefix list or group), as the scenario format writes them. */
    private void sgRule(TfDoc.Res r, J values, J protocolValue, String fromAttr, String toAttr, List<String> peers, boolean in, Y.Seq into) {
        String protocol = protocolValue.text();
        if (protocol == null) {
            v.error(r, "protocol", "missing (required)");
            return;
        }
        Protocol p = protocol(protocol);
        Y.Map match = Y.map(values);
        if (p == null) {
            report.skip(r.address(), "a rule for IP protocol " + protocol + " is not modelled (tcp, udp, icmp, icmpv6 and all are)");
            return;
        }
        match.put("protocol", p.label, protocolValue);
        Integer from = values.get(fromAttr).absent() ? null : v.integer(r, values.get(fromAttr), fromAttr);
        Integer to = values.get(toAttr).absent() ? null : v.integer(r, values.get(toAttr), toAttr);
        if (p == Protocol.ICMP || p == Protocol.ICMPV6) {
            if (from != null && from >= 0) match.put("icmpType", String.valueOf(from));
            if (from != null && from >= 0 && to != null && to >= 0) match.put("icmpCode", String.valueOf(to));
        } else if (p != Protocol.ALL && from != null && to != null && from >= 0) {
            match.put("ports", from.equals(to) ? String.valueOf(from) : from + "-" + to, values.get(fromAttr));
        }
        if (peers.isEmpty()) return; // a rule with no peer admits nothing
        for (String peer : peers) {
            Y.Map m = Y.map(values);
            m.tuples.addAll(match.tuples);
            m.put(in ? "source" : "destination", peer);
            into.add(m);
        }
    }

    enum Protocol {
        TCP("tcp"), UDP("udp"), ICMP("icmp"), ICMPV6("icmpv6"), ALL("all");
        final String label;

        Protocol(String label) {
            this.label = label;
        }
    }

    /** AWS's protocol names and numbers (tcp/6, udp/17, icmp/1, icmpv6/58, all/-1); null for other IP protocols. */
    static Protocol protocol(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "tcp", "6" -> Protocol.TCP;
            case "udp", "17" -> Protocol.UDP;
            case "icmp", "1" -> Protocol.ICMP;
            case "icmpv6", "58" -> Protocol.ICMPV6;
            case "-1", "all" -> Protocol.ALL;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- network ACLs

    private void networkAcls() {
        for (TfDoc.Res r : all("aws_network_acl")) {
            String id = v.id(r);
            String vpc = v.ref(r, "vpc_id", VPC, true);
            acls.put(id, Y.map(r.node()).put("id", id).put("vpc", vpc, r.values().get("vpc_id")));
            Y.Seq[] rules = aclRules.computeIfAbsent(id, k -> new Y.Seq[] {Y.seq(r.node()), Y.seq(r.node())});
            inlineAclRules(r, "ingress", rules[0]);
            inlineAclRules(r, "egress", rules[1]);
            for (String s : Values.unknown(r, "subnet_ids") && r.unknown().get("subnet_ids").kind == J.Kind.BOOLEAN
                    && v.refs.hits(r, List.of("subnet_ids")).isEmpty() ? List.<String>of() : v.refs(r, "subnet_ids", SUBNET)) {
                associateAcl(r, s, id);
            }
        }
        for (TfDoc.Res r : all("aws_default_network_acl")) {
            String id = v.ref(r, "default_network_acl_id", Set.of("aws_vpc"), true);
            if (id == null) continue;
            String vpc = Values.known(r, "vpc_id");
            if (vpc == null) vpc = vpcOfPart(r, "default_network_acl_id");
            v.ids.put(r.address(), id);
            Y.Map vm = vpcs.get(vpc);
            if (vm != null && !vm.has("defaultNetworkAcl")) vm.put("defaultNetworkAcl", id);
            acls.put(id, Y.map(r.node()).put("id", id).put("vpc", vpc));
            Y.Seq[] rules = aclRules.computeIfAbsent(id, k -> new Y.Seq[] {Y.seq(r.node()), Y.seq(r.node())});
            // Terraform strips the default ACL's rules and keeps only those written.
            inlineAclRules(r, "ingress", rules[0]);
            inlineAclRules(r, "egress", rules[1]);
            if (!Values.unknown(r, "subnet_ids")) for (String s : v.refs(r, "subnet_ids", SUBNET)) associateAcl(r, s, id);
        }
        for (TfDoc.Res r : all("aws_network_acl_rule")) {
            String acl = v.ref(r, "network_acl_id", ACL, true);
            if (acl == null) continue;
            Y.Seq[] rules = aclRules.get(acl);
            if (rules == null) {
                report.skip(r.address(), "network ACL " + acl + " is not in this plan");
                continue;
            }
            aclRule(r, r.values(), "rule_number", "rule_action", rules[r.values().get("egress").bool(false) ? 1 : 0]);
        }
        for (TfDoc.Res r : all("aws_network_acl_association")) {
            String acl = v.ref(r, "network_acl_id", ACL, true);
            String subnet = v.ref(r, "subnet_id", SUBNET, true);
            if (acl != null && subnet != null) associateAcl(r, subnet, acl);
        }
    }

    private void associateAcl(TfDoc.Res r, String subnet, String acl) {
        Y.Map s = subnets.get(subnet);
        if (s == null) {
            report.skip(r.address(), "subnet " + subnet + " is not in this plan");
            return;
        }
        s.tuples.removeIf(t -> ((org.yaml.snakeyaml.nodes.ScalarNode) t.getKeyNode()).getValue().equals("networkAcl"));
        s.put("networkAcl", acl, r.node());
    }

    private void inlineAclRules(TfDoc.Res r, String direction, Y.Seq into) {
        if (Values.unknown(r, direction) || refreshedOnly(r, direction)) return;
        for (J rule : r.values().get(direction).items()) aclRule(r, rule, "rule_no", "action", into);
    }

    private void aclRule(TfDoc.Res r, J values, String numberAttr, String actionAttr, Y.Seq into) {
        Y.Map m = Y.map(values);
        Integer n = v.integer(r, values.get(numberAttr), numberAttr);
        String protocol = values.get("protocol").text();
        String action = values.get(actionAttr).str();
        if (n == null || protocol == null || action == null) {
            if (n != null) v.error(r, protocol == null ? "protocol" : actionAttr, "missing (required)");
            return;
        }
        Protocol p = protocol(protocol);
        if (p == null) {
            report.skip(r.address(), "ACL rule " + n + " for IP protocol " + protocol + " is not modelled");
            return;
        }
        m.put("rule", String.valueOf(n), values.get(numberAttr)).put("protocol", p.label, values.get("protocol"));
        if (p == Protocol.TCP || p == Protocol.UDP) {
            Integer from = v.integer(r, values.get("from_port"), "from_port");
            Integer to = v.integer(r, values.get("to_port"), "to_port");
            if (from != null && to != null) m.put("ports", from.equals(to) ? String.valueOf(from) : from + "-" + to, values.get("from_port"));
        } else if (p == Protocol.ICMP || p == Protocol.ICMPV6) {
            Integer type = values.get("icmp_type").absent() ? null : v.integer(r, values.get("icmp_type"), "icmp_type");
            Integer code = values.get("icmp_code").absent() ? null : v.integer(r, values.get("icmp_code"), "icmp_code");
            if (type != null && type >= 0) m.put("icmpType", String.valueOf(type));
            if (type != null && type >= 0 && code != null && code >= 0) m.put("icmpCode", String.valueOf(code));
        }
        String v4 = values.get("cidr_block").str();
        String v6 = values.get("ipv6_cidr_block").str();
        if (v4 != null) m.put("cidr", v4, values.get("cidr_block"));
        else if (v6 != null) m.put("ipv6Cidr", v6, values.get("ipv6_cidr_block"));
        else {
            v.error(r, "cidr_block", "an ACL rule without cidr_block or ipv6_cidr_block (or it is unknown until apply)");
            return;
        }
        m.put("action", action.toLowerCase(java.util.Locale.ROOT), values.get(actionAttr));
        into.add(m);
    }

    // ---------------------------------------------------------------- gateways

    private void gateways() {
        Map<String, String> igwVpc = new LinkedHashMap<>();
        Map<String, TfDoc.Res> igwRes = new LinkedHashMap<>();
        for (TfDoc.Res r : all("aws_internet_gateway")) {
            igwRes.put(v.id(r), r);
            String vpc = v.ref(r, "vpc_id", VPC, false);
            if (vpc != null) igwVpc.put(v.id(r), vpc);
        }
        for (TfDoc.Res r : all("aws_internet_gateway_attachment")) {
            String igw = v.ref(r, "internet_gateway_id", Set.of("aws_internet_gateway"), true);
            String vpc = v.ref(r, "vpc_id", VPC, true);
            if (igw != null && vpc != null) igwVpc.put(igw, vpc);
        }
        igwRes.forEach((id, r) -> {
            String vpc = igwVpc.get(id);
            if (vpc == null) report.skip(r.address(), "an internet gateway attached to no VPC");
            else igws.add(Y.map(r.node()).put("id", id).put("vpc", vpc));
        });
        for (TfDoc.Res r : all("aws_egress_only_internet_gateway")) {
            eigws.add(Y.map(r.node()).put("id", v.id(r)).put("vpc", v.ref(r, "vpc_id", VPC, true), r.values().get("vpc_id")));
        }
    }

    // ---------------------------------------------------------------- the sections, complete

    private void finish() {
        secondaryCidrs.forEach((vpc, cidrs) -> {
            Y.Map m = vpcs.get(vpc);
            if (m == null) return;
            Y.Seq s = Y.seq(m.at);
            cidrs.forEach(c -> s.add(c, m.at));
            m.put("secondaryCidrs", s);
        });
        // Each VPC's main route table: AWS creates one; its routes are those Terraform adds to it.
        Set<String> mains = new LinkedHashSet<>(mainTable.values());
        Set<String> wanted = new LinkedHashSet<>(routes.keySet());
        wanted.addAll(propagations.keySet());
        for (String table : wanted) {
            if (!routeTables.containsKey(table) && !mains.contains(table)) Lower.routeTable(this, table);
        }
        for (Map.Entry<String, Y.Map> e : vpcs.entrySet()) {
            String main = mainTable.get(e.getKey());
            Y.Map t = routeTables.get(main);
            if (t == null && below != null && below.routeTable(main).isPresent()) t = Lower.routeTable(this, main);
            if (t == null) {
                t = Y.map(e.getValue().at).put("id", main).put("vpc", e.getKey());
                routeTables.put(main, t);
            }
        }
        routeTables.forEach((id, t) -> {
            if (mains.contains(id)) t.put("main", "true");
            t.put("routes", routes.getOrDefault(id, Y.seq(t.at)).dedupe());
            Y.Seq p = propagations.get(id);
            if (p != null) t.put("propagatingVgws", p);
        });
        sgRules.forEach((id, rules) -> {
            Y.Map g = sgs.get(id);
            if (g != null) g.put("ingress", rules[0].dedupe()).put("egress", rules[1].dedupe());
        });
        aclRules.forEach((id, rules) -> {
            Y.Map a = acls.get(id);
            if (a != null) a.put("ingress", rules[0].dedupe()).put("egress", rules[1].dedupe());
        });
    }

}
