package io.reachsim.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.AclEntry;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.model.VpnGateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a generated network as what {@code terraform show -json} prints for a plan that creates it
 * (format 1.2): every resource in {@code planned_values}, its {@code resource_changes} entry with
 * {@code after_unknown} (ids and every reference to another resource are unknown until apply), and the
 * {@code configuration} expressions whose {@code references} name the resources referred to. Whole VPCs
 * are written, in order, until {@code maxResources} is reached. What AWS or EKS creates by itself (default
 * groups and ACLs, cluster security groups, pods) and external networks are not Terraform resources and
 * are left out.
 */
public final class TerraformWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Network n;
    private final ArrayNode planned = F.arrayNode();
    private final ArrayNode changes = F.arrayNode();
    private final ArrayNode config = F.arrayNode();
    private final Map<String, String> address = new HashMap<>();
    /** A VPC's default security group is not a resource: it is the VPC's default_security_group_id. */
    private final Map<String, String> defaultGroupOf = new HashMap<>();
    private int count;

    private TerraformWriter(Network n) {
        this.n = n;
    }

    /** Writes the plan; returns the number of resources written. */
    public static int write(Network n, Path file, int maxResources) throws IOException {
        TerraformWriter w = new TerraformWriter(n);
        w.all(maxResources);
        ObjectNode root = F.objectNode().put("format_version", "1.2").put("terraform_version", "1.9.8");
        root.putObject("planned_values").putObject("root_module").set("resources", w.planned);
        root.set("resource_changes", w.changes);
        ObjectNode cfg = root.putObject("configuration");
        cfg.putObject("provider_config").putObject("aws").put("name", "aws").putObject("expressions")
                .putObject("region").put("constant_value", n.region());
        cfg.putObject("root_module").set("resources", w.config);
        new ObjectMapper().writeValue(file.toFile(), root);
        return w.count;
    }

    private static String name(String id) {
        return "r_" + id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** One resource: values known at plan time, references (attribute → referred ids, null entries kept known). */
    private final class Res {
        final String type;
        final String name;
        final ObjectNode values = F.objectNode();
        final ObjectNode unknown = F.objectNode().put("id", true);
        final ObjectNode expressions = F.objectNode();

        Res(String type, String id) {
            this.type = type;
            this.name = name(id);
            address.put(id, type + "." + name);
        }

        Res ref(String attr, String id) {
            String vpc = defaultGroupOf.get(id);
            if (vpc != null && address.containsKey(vpc)) {
                unknown.put(attr, true);
                expressions.putObject(attr).putArray("references").add(address.get(vpc) + ".default_security_group_id").add(address.get(vpc));
                return this;
            }
            String a = address.get(id);
            if (a == null) {
                values.put(attr, id);
                return this;
            }
            unknown.put(attr, true);
            expressions.putObject(attr).putArray("references").add(a + ".id").add(a);
            return this;
        }

        Res refs(String attr, List<String> ids) {
            ArrayNode v = values.putArray(attr);
            ArrayNode u = unknown.putArray(attr);
            ArrayNode r = expressions.putObject(attr).putArray("references");
            for (String id : ids) {
                String a = address.get(id);
                String vpc = defaultGroupOf.get(id);
                if (vpc != null && address.containsKey(vpc)) {
                    v.addNull();
                    u.add(true);
                    r.add(address.get(vpc) + ".default_security_group_id").add(address.get(vpc));
                } else if (a == null) {
                    v.add(id);
                    u.add(false);
                } else {
                    v.addNull();
                    u.add(true);
                    r.add(a + ".id").add(a);
                }
            }
            return this;
        }

        void done() {
            String addr = type + "." + name;
            planned.addObject().put("address", addr).put("mode", "managed").put("type", type).put("name", name)
                    .put("provider_name", "registry.terraform.io/hashicorp/aws").put("schema_version", 0).set("values", values);
            ObjectNode ch = changes.addObject().put("address", addr).put("mode", "managed").put("type", type).put("name", name)
                    .putObject("change");
            ch.putArray("actions").add("create");
            ch.putNull("before");
            ch.set("after", values);
            ch.set("after_unknown", unknown);
            config.addObject().put("address", addr).put("mode", "managed").put("type", type).put("name", name)
                    .put("provider_config_key", "aws").put("schema_version", 0).set("expressions", expressions);
            count++;
        }
    }

    private void all(int max) {
        Set<String> implicit = new HashSet<>();
        for (Vpc v : n.vpcs()) {
            defaultGroupOf.put(v.defaultSecurityGroup(), v.id());
            implicit.add(v.defaultSecurityGroup());
            implicit.add(v.defaultNetworkAcl());
        }
        for (EksCluster c : n.eksClusters()) {
            implicit.add(c.clusterSecurityGroup());
            c.nodeGroups().forEach(g -> implicit.addAll(g.nodeInterfaces())); // EKS launches the nodes
        }
        // prefix lists first: routes and rules refer to them
        for (PrefixList p : n.prefixLists()) {
            Res r = new Res("aws_ec2_managed_prefix_list", p.id());
            r.values.put("name", p.name()).put("address_family", "IPv4").put("max_entries", Math.max(1, p.cidrs().size()));
            ArrayNode e = r.values.putArray("entry");
            p.cidrs().forEach(c -> e.addObject().put("cidr", c.toString()).put("description", ""));
            r.done();
        }
        for (Vpc v : n.vpcs()) {
            if (count >= max) break;
            vpc(v, implicit);
        }
    }

    private void vpc(Vpc v, Set<String> implicit) {
        String id = v.id();
        Res vr = new Res("aws_vpc", id);
        vr.values.put("cidr_block", v.cidrs().get(0).toString()).put("enable_dns_support", v.enableDnsSupport())
                .put("enable_dns_hostnames", v.enableDnsHostnames());
        vr.unknown.put("default_security_group_id", true).put("default_network_acl_id", true).put("main_route_table_id", true)
                .put("default_route_table_id", true);
        vr.done();
        for (InternetGateway g : n.internetGateways()) if (id.equals(g.vpc())) new Res("aws_internet_gateway", g.id()).ref("vpc_id", id).done();
        for (VpnGateway g : n.vpnGateways()) if (id.equals(g.vpc())) new Res("aws_vpn_gateway", g.id()).ref("vpc_id", id).done();
        List<Subnet> subnets = n.subnets().stream().filter(s -> id.equals(s.vpc())).toList();
        for (Subnet s : subnets) {
            Res r = new Res("aws_subnet", s.id()).ref("vpc_id", id);
            r.values.put("cidr_block", s.cidr().toString()).put("availability_zone", s.az()).put("map_public_ip_on_launch", false);
            ObjectNode tags = r.values.putObject("tags");
            s.tags().forEach(tags::put);
            r.done();
        }
        Set<String> subnetIds = new HashSet<>();
        subnets.forEach(s -> subnetIds.add(s.id()));
        for (NatGateway g : n.natGateways()) {
            if (!subnetIds.contains(g.subnet())) continue;
            String eip = "eip-" + g.id();
            if (g.publicIp() != null) {
                Res e = new Res("aws_eip", eip);
                e.values.put("domain", "vpc").put("public_ip", g.publicIp().toString());
                e.done();
            }
            Res r = new Res("aws_nat_gateway", g.id()).ref("subnet_id", g.subnet());
            r.values.put("connectivity_type", g.connectivity() == NatGateway.Connectivity.PUBLIC ? "public" : "private")
                    .put("private_ip", g.privateIp().toString());
            if (g.publicIp() != null) r.ref("allocation_id", eip);
            r.done();
        }
        for (SecurityGroup g : n.securityGroups()) {
            if (!id.equals(g.vpc()) || implicit.contains(g.id())) continue;
            new Res("aws_security_group", g.id()); // declared first: groups refer to each other
        }
        for (SecurityGroup g : n.securityGroups()) {
            if (!id.equals(g.vpc()) || implicit.contains(g.id())) continue;
            Res r = new Res("aws_security_group", g.id()).ref("vpc_id", id);
            r.values.put("name", g.name() == null ? g.id() : g.name());
            rules(r, "ingress", g.ingress());
            rules(r, "egress", g.egress());
            r.done();
        }
        for (NetworkAcl a : n.networkAcls()) {
            if (!id.equals(a.vpc()) || a.isDefault() || implicit.contains(a.id())) continue;
            Res r = new Res("aws_network_acl", a.id()).ref("vpc_id", id);
            acl(r, "ingress", a.ingress());
            acl(r, "egress", a.egress());
            r.refs("subnet_ids", subnets.stream().filter(s -> a.id().equals(s.networkAcl())).map(Subnet::id).toList());
            r.done();
        }
        for (VpcEndpoint e : n.vpcEndpoints()) {
            if (!id.equals(e.vpc())) continue;
            Res r = new Res("aws_vpc_endpoint", e.id()).ref("vpc_id", id);
            r.values.put("service_name", "com.amazonaws." + n.region() + "." + e.service())
                    .put("vpc_endpoint_type", e.type() == VpcEndpoint.Type.GATEWAY ? "Gateway" : "Interface")
                    .put("private_dns_enabled", e.privateDns());
            routeTableIdsLater.put(e.id(), r);
            r.refs("subnet_ids", e.subnets());
            r.refs("security_group_ids", e.securityGroups());
        }
        for (RouteTable t : n.routeTables()) {
            if (!id.equals(t.vpc())) continue;
            Res r = t.main() ? new Res("aws_default_route_table", t.id()) : new Res("aws_route_table", t.id()).ref("vpc_id", id);
            if (t.main()) {
                r.unknown.put("default_route_table_id", true);
                String a = address.get(id);
                r.expressions.putObject("default_route_table_id").putArray("references").add(a + ".default_route_table_id").add(a);
                r.values.putArray("route");
            } else {
                r.unknown.put("route", true);
            }
            r.refs("propagating_vgws", t.propagatingVgws());
            r.done();
            int i = 0;
            for (Route route : t.routes()) {
                if (route.target() instanceof RouteTarget.Local || route.target() instanceof RouteTarget.VpcEndpoint) continue;
                Res rr = new Res("aws_route", t.id() + "-" + i++).ref("route_table_id", t.id());
                if (route.destination() instanceof Route.RouteDestination.PrefixListDestination p) rr.ref("destination_prefix_list_id", p.prefixListId());
                else rr.values.put(route.destination().toString().contains(":") ? "destination_ipv6_cidr_block" : "destination_cidr_block",
                        route.destination().toString());
                String attr = route.target() instanceof RouteTarget.NatGateway ? "nat_gateway_id"
                        : route.target() instanceof RouteTarget.EgressOnlyInternetGateway ? "egress_only_gateway_id" : "gateway_id";
                rr.ref(attr, route.target().id());
                rr.done();
            }
            for (Subnet s : subnets) {
                if (t.id().equals(s.routeTable()) && !t.main()) {
                    new Res("aws_route_table_association", "rta-" + s.id()).ref("subnet_id", s.id()).ref("route_table_id", t.id()).done();
                }
            }
        }
        routeTableIdsLater.forEach((eid, r) -> {
            VpcEndpoint e = n.vpcEndpoint(eid).orElseThrow();
            r.refs("route_table_ids", e.routeTables());
            r.done();
        });
        routeTableIdsLater.clear();
        for (Instance i : n.instances()) {
            if (!subnetIds.contains(i.subnet()) || i.networkInterfaces().isEmpty()) continue;
            NetworkInterface eni = n.networkInterface(i.networkInterfaces().get(0)).orElse(null);
            if (eni == null || implicit.contains(eni.id())) continue;
            Res r = new Res("aws_instance", i.id()).ref("subnet_id", i.subnet());
            r.values.put("ami", "ami-0abcdef1234567890").put("instance_type", "t3.micro").put("private_ip", eni.privateIp().toString())
                    .put("associate_public_ip_address", eni.publicIp() != null).put("source_dest_check", eni.sourceDestCheck());
            r.unknown.put("public_ip", true);
            r.refs("vpc_security_group_ids", eni.securityGroups());
            r.done();
        }
        for (EksCluster c : n.eksClusters()) {
            if (!id.equals(c.vpc())) continue;
            Res r = new Res("aws_eks_cluster", "eks-" + c.name());
            r.values.put("name", c.name());
            ObjectNode cfg = r.values.putArray("vpc_config").addObject().put("endpoint_public_access", c.endpoint().publicAccess())
                    .put("endpoint_private_access", c.endpoint().privateAccess());
            ArrayNode cidrs = cfg.putArray("public_access_cidrs");
            c.endpoint().publicAccessCidrs().forEach(x -> cidrs.add(x.toString()));
            ArrayNode subs = cfg.putArray("subnet_ids");
            ArrayNode us = r.unknown.putArray("vpc_config").addObject().putArray("subnet_ids");
            ArrayNode refs = r.expressions.putArray("vpc_config").addObject().putObject("subnet_ids").putArray("references");
            for (String s : c.subnets()) {
                subs.addNull();
                us.add(true);
                refs.add(address.get(s) + ".id").add(address.get(s));
            }
            r.done();
            for (EksCluster.NodeGroup g : c.nodeGroups()) {
                Res ng = new Res("aws_eks_node_group", "ng-" + c.name() + "-" + g.name()).ref("cluster_name", c.name());
                ng.values.put("cluster_name", c.name()).put("node_group_name", g.name());
                ng.values.putArray("instance_types").add(g.instanceType());
                ng.values.putArray("scaling_config").addObject().put("desired_size", g.desiredSize()).put("max_size", g.maxSize())
                        .put("min_size", 1);
                ng.unknown.remove("cluster_name");
                ng.refs("subnet_ids", g.subnets());
                ng.done();
            }
        }
    }

    private final Map<String, Res> routeTableIdsLater = new java.util.LinkedHashMap<>();

    private void rules(Res r, String direction, List<SgRule> rules) {
        ArrayNode values = r.values.putArray(direction);
        ArrayNode unknown = F.arrayNode();
        ArrayNode exprs = F.arrayNode();
        boolean anyUnknown = false;
        for (SgRule rule : rules) {
            ObjectNode v = values.addObject();
            ObjectNode u = unknown.addObject();
            ObjectNode x = exprs.addObject();
            String p = rule.protocol() == Protocol.ALL ? "-1" : rule.protocol().toString();
            int from = rule.protocol().isIcmp() ? rule.icmpType() : rule.ports() == null ? 0 : rule.ports().from();
            int to = rule.protocol().isIcmp() ? rule.icmpCode() : rule.ports() == null ? 0 : rule.ports().to();
            v.put("protocol", p).put("from_port", from).put("to_port", to).put("self", false).put("description", "");
            ArrayNode cidrs = v.putArray("cidr_blocks");
            ArrayNode v6 = v.putArray("ipv6_cidr_blocks");
            ArrayNode pls = v.putArray("prefix_list_ids");
            ArrayNode sgs = v.putArray("security_groups");
            if (rule.peer() instanceof SgRule.SgPeer.CidrPeer c) {
                (c.cidr().version() == 6 ? v6 : cidrs).add(c.cidr().toString());
            } else if (rule.peer() instanceof SgRule.SgPeer.PrefixListPeer pl) {
                String a = address.get(pl.prefixListId());
                if (a == null) {
                    pls.add(pl.prefixListId());
                } else {
                    pls.addNull();
                    u.putArray("prefix_list_ids").add(true);
                    x.putObject("prefix_list_ids").putArray("references").add(a + ".id").add(a);
                    anyUnknown = true;
                }
            } else if (rule.peer() instanceof SgRule.SgPeer.GroupPeer g) {
                String a = address.get(g.groupId());
                String vpc = defaultGroupOf.get(g.groupId());
                if (vpc != null && address.containsKey(vpc)) {
                    sgs.addNull();
                    u.putArray("security_groups").add(true);
                    x.putObject("security_groups").putArray("references").add(address.get(vpc) + ".default_security_group_id").add(address.get(vpc));
                    anyUnknown = true;
                } else if (a == null) {
                    sgs.add(g.groupId());
                } else {
                    sgs.addNull();
                    u.putArray("security_groups").add(true);
                    x.putObject("security_groups").putArray("references").add(a + ".id").add(a);
                    anyUnknown = true;
                }
            }
        }
        if (anyUnknown) {
            r.unknown.set(direction, unknown);
            r.expressions.set(direction, exprs);
        }
    }

    private static void acl(Res r, String direction, List<AclEntry> entries) {
        ArrayNode values = r.values.putArray(direction);
        for (AclEntry e : entries) {
            ObjectNode v = values.addObject().put("rule_no", e.ruleNumber()).put("action", e.action().name().toLowerCase())
                    .put("protocol", e.protocol() == Protocol.ALL ? "-1" : e.protocol().toString())
                    .put("from_port", e.ports() == null ? 0 : e.ports().from()).put("to_port", e.ports() == null ? 0 : e.ports().to())
                    .put("icmp_type", e.icmpType()).put("icmp_code", e.icmpCode());
            v.put(e.cidr().version() == 6 ? "ipv6_cidr_block" : "cidr_block", e.cidr().toString());
            v.put(e.cidr().version() == 6 ? "cidr_block" : "ipv6_cidr_block", "");
        }
    }
}
