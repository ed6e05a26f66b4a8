package io.reachsim.terraform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What sits in the subnets and between VPCs: NAT gateways and Elastic IPs, instances and network interfaces
 * (private addresses AWS assigns at apply are assigned here the same way: the subnet's first free address
 * after the four AWS reserves), peering, transit and VPN gateways, endpoints, prefix lists, load balancers
 * and EKS. An unknown public IP exists when the attributes that decide it say so
 * ({@code associate_public_ip_address}, the subnet's {@code map_public_ip_on_launch}, an {@code aws_eip})
 * and takes a stand-in address from 198.18.0.0/15 (RFC 2544, never a real host).
 */
final class Hosts {
    private static final Set<String> SUBNET = Converter.SUBNET;
    private static final Set<String> SG = Converter.SG;
    private static final Set<String> VPC = Converter.VPC;

    private final Converter c;
    private final Values v;
    private final Report report;
    private final Y.Seq nats;
    private final Y.Seq instances;
    private final Y.Seq enis;
    private final Y.Seq peerings;
    private final Y.Seq endpoints;
    private final Y.Seq prefixLists;
    private final Y.Seq vgws;
    private final Y.Seq tgws;
    private final Y.Seq eks;
    private final Y.Seq lbs;
    private final Y.Seq endpointServices;
    /** Elastic IPs: public address by allocation id, and what each is associated with. */
    private final Map<String, String> eipAddress = new HashMap<>();
    private final Map<String, String> eipOf = new HashMap<>();
    private final Map<String, Set<Long>> used = new HashMap<>();
    private int standIns;

    Hosts(Converter c) {
        this.c = c;
        this.v = c.v;
        this.report = c.report;
        J at = c.top;
        nats = Y.seq(at);
        instances = Y.seq(at);
        enis = Y.seq(at);
        peerings = Y.seq(at);
        endpoints = Y.seq(at);
        prefixLists = Y.seq(at);
        vgws = Y.seq(at);
        tgws = Y.seq(at);
        eks = Y.seq(at);
        lbs = Y.seq(at);
        endpointServices = Y.seq(at);
    }

    void into(Y.Map net) {
        put(net, "natGateways", nats);
        put(net, "instances", instances);
        put(net, "networkInterfaces", enis);
        put(net, "vpcPeerings", peerings);
        put(net, "vpcEndpoints", endpoints);
        put(net, "prefixLists", prefixLists);
        put(net, "vpnGateways", vgws);
        put(net, "transitGateways", tgws);
        put(net, "eks", eks);
        put(net, "loadBalancers", lbs);
        put(net, "endpointServices", endpointServices);
    }

    private static void put(Y.Map net, String key, Y.Seq s) {
        if (!s.isEmpty()) net.put(key, s);
    }

    void convert() {
        // A load balancer is known by its name (as in snapshots), not its ARN, once the name is known.
        for (String t : List.of("aws_lb", "aws_alb")) {
            for (TfDoc.Res r : c.byType.getOrDefault(t, List.of())) {
                String name = Values.known(r, "name");
                if (name != null) v.ids.put(r.address(), name);
            }
        }
        reserveKnownAddresses();
        eips();
        prefixLists();
        natGateways();
        instances();
        interfaces();
        peerings();
        vpcEndpoints();
        vpnGateways();
        TransitGateways.convert(c, tgws);
        eksClusters();
        loadBalancers();
        endpointServices();
    }

    // ---------------------------------------------------------------- addresses

    private void reserveKnownAddresses() {
        for (TfDoc.Res r : c.resources) {
            String subnet = Values.known(r, "subnet_id");
            if (subnet == null) continue;
            for (String a : List.of("private_ip")) {
                String ip = Values.known(r, a);
                if (ip != null) used.computeIfAbsent(subnet, k -> new HashSet<>()).add(v4(ip));
            }
        }
        if (c.below != null) {
            c.below.networkInterfaces().forEach(e -> {
                if (e.privateIp() != null && e.privateIp().toString().indexOf(':') < 0) {
                    used.computeIfAbsent(e.subnet(), k -> new HashSet<>()).add(v4(e.privateIp().toString()));
                }
            });
        }
    }

    /** The private address of {@code r}: as known, else the subnet's first free one (as AWS assigns it at apply). */
    private String privateIp(TfDoc.Res r, String attr, String subnet) {
        String known = Values.known(r, attr);
        if (known != null) return known;
        String cidr = subnetCidr(subnet);
        if (cidr == null) {
            v.error(r, attr, "unknown until apply, and subnet " + subnet + " (whose CIDR would give it) is not known");
            return null;
        }
        String[] p = cidr.split("/");
        long base = v4(p[0]);
        int bits = Integer.parseInt(p[1]);
        long size = 1L << (32 - bits);
        Set<Long> taken = used.computeIfAbsent(subnet, k -> new HashSet<>());
        for (long a = base + 4; a < base + size - 1; a++) {
            if (taken.add(a)) {
                report.assigned(r.address(), attr, ip(a));
                return ip(a);
            }
        }
        v.error(r, attr, "subnet " + subnet + " (" + cidr + ") has no free address left");
        return null;
    }

    private String subnetCidr(String subnet) {
        Y.Map m = c.subnets.get(subnet);
        if (m != null) {
            for (var t : m.tuples) {
                if (((org.yaml.snakeyaml.nodes.ScalarNode) t.getKeyNode()).getValue().equals("cidr")) {
                    return ((org.yaml.snakeyaml.nodes.ScalarNode) t.getValueNode()).getValue();
                }
            }
            return null;
        }
        if (c.below != null) return c.below.subnet(subnet).map(s -> s.cidr() == null ? null : s.cidr().toString()).orElse(null);
        return null;
    }

    private String standIn(TfDoc.Res r, String attr) {
        String ip = ip(v4("198.18.0.0") + 1 + standIns++);
        report.assigned(r.address(), attr, ip + " (stand-in public address)");
        return ip;
    }

    static long v4(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) return -1;
        long a = 0;
        for (String x : p) a = a * 256 + Long.parseLong(x.trim());
        return a;
    }

    static String ip(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    // ---------------------------------------------------------------- Elastic IPs and NAT gateways

    private void eips() {
        for (TfDoc.Res r : c.all("aws_eip")) {
            String known = Values.known(r, "public_ip");
            eipAddress.put(v.id(r), known != null ? known : standIn(r, "public_ip"));
            String target = v.ref(r, "instance", Set.of("aws_instance"), false);
            if (target == null) target = v.ref(r, "network_interface", Set.of("aws_network_interface"), false);
            if (target != null) eipOf.put(target, v.id(r));
        }
        for (TfDoc.Res r : c.all("aws_eip_association")) {
            String eip = v.ref(r, "allocation_id", Converter.EIP, false);
            String publicIp = Values.known(r, "public_ip");
            String target = v.ref(r, "instance_id", Set.of("aws_instance"), false);
            if (target == null) target = v.ref(r, "network_interface_id", Set.of("aws_network_interface"), false);
            if (target == null) {
                v.error(r, "instance_id", "an Elastic IP association with neither instance_id nor network_interface_id");
                continue;
            }
            if (eip != null) eipOf.put(target, eip);
            else if (publicIp != null) {
                eipAddress.put(r.address(), publicIp);
                eipOf.put(target, r.address());
            }
        }
    }

    private void natGateways() {
        for (TfDoc.Res r : c.all("aws_nat_gateway")) {
            String subnet = v.ref(r, "subnet_id", SUBNET, true);
            if (subnet == null) continue;
            String connectivity = r.values().get("connectivity_type").str() == null ? "public" : r.values().get("connectivity_type").str();
            Y.Map m = Y.map(r.node()).put("id", v.id(r)).put("subnet", subnet, r.values().get("subnet_id"))
                    .put("connectivity", connectivity);
            String priv = privateIp(r, "private_ip", subnet);
            m.put("privateIp", priv, r.values().get("private_ip"));
            if (connectivity.equals("public")) {
                String pub = Values.known(r, "public_ip");
                if (pub == null) {
                    String eip = v.ref(r, "allocation_id", Converter.EIP, true);
                    pub = eip == null ? null : eipAddress.get(eip);
                    if (pub == null && eip != null) pub = standIn(r, "public_ip");
                }
                m.put("publicIp", pub, r.values().get("allocation_id"));
            }
            nats.add(m);
        }
    }

    // ---------------------------------------------------------------- instances and interfaces

    private void instances() {
        for (TfDoc.Res r : c.all("aws_instance")) {
            // subnet_id not written at all: AWS picks a default-VPC subnet at launch (not modelled, reported below)
            boolean written = !Values.unknown(r, "subnet_id") || !v.refs.expression(r, List.of("subnet_id")).isMissing();
            String subnet = v.ref(r, "subnet_id", SUBNET, written && Values.unknown(r, "subnet_id"));
            if (subnet == null) {
                if (written && Values.unknown(r, "subnet_id")) continue;
                report.skip(r.address(), "an instance without subnet_id (launched in the default VPC's subnet) is not modelled");
                continue;
            }
            String id = v.id(r);
            Y.Map m = Y.map(r.node()).put("id", id).put("subnet", subnet, r.values().get("subnet_id"));
            m.put("privateIp", privateIp(r, "private_ip", subnet), r.values().get("private_ip"));
            String pub = publicIp(r, id, subnet, "associate_public_ip_address");
            if (pub != null) m.put("publicIp", pub);
            List<String> sgs = v.refs(r, "vpc_security_group_ids", SG);
            if (!sgs.isEmpty()) m.put("securityGroups", seq(r, sgs));
            m.put("sourceDestCheck", String.valueOf(r.values().get("source_dest_check").bool(true)));
            instances.add(m);
        }
    }

    /** A public IP: the known one, an EIP's, or a stand-in when the deciding attribute (or the subnet's default) says there is one. */
    private String publicIp(TfDoc.Res r, String id, String subnet, String decidingAttr) {
        String eip = eipOf.get(id);
        if (eip != null) return eipAddress.get(eip);
        String known = Values.known(r, "public_ip");
        if (known != null) return known;
        J decide = r.values().get(decidingAttr);
        boolean has;
        if (!decide.absent() && !Values.unknown(r, decidingAttr)) has = decide.bool(false);
        else has = c.subnetPublicIp.getOrDefault(subnet, false);
        return has && Values.unknown(r, "public_ip") ? standIn(r, "public_ip") : null;
    }

    private Y.Seq seq(TfDoc.Res r, List<String> ids) {
        Y.Seq s = Y.seq(r.node());
        ids.forEach(x -> s.add(x, r.node()));
        return s;
    }

    private void interfaces() {
        Map<String, List<String>> extraSgs = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_network_interface_sg_attachment")) {
            String eni = v.ref(r, "network_interface_id", Set.of("aws_network_interface", "aws_instance"), true);
            String sg = v.ref(r, "security_group_id", SG, true);
            if (eni != null && sg != null) extraSgs.computeIfAbsent(eni, k -> new ArrayList<>()).add(sg);
        }
        c.all("aws_network_interface_attachment").forEach(r -> report.note(r.address()
                + ": the interface is modelled on its own (eni:ID), not as the instance's secondary interface"));
        for (TfDoc.Res r : c.all("aws_network_interface")) {
            String subnet = v.ref(r, "subnet_id", SUBNET, true);
            if (subnet == null) continue;
            String id = v.id(r);
            Y.Map m = Y.map(r.node()).put("id", id).put("subnet", subnet, r.values().get("subnet_id"));
            String priv = Values.known(r, "private_ip");
            if (priv == null && !r.values().get("private_ips").items().isEmpty()) priv = r.values().get("private_ips").get(0).str();
            m.put("privateIp", priv != null ? priv : privateIp(r, "private_ip", subnet), r.values().get("private_ip"));
            String eip = eipOf.get(id);
            if (eip != null) m.put("publicIp", eipAddress.get(eip));
            List<String> sgs = new ArrayList<>(v.refs(r, "security_groups", SG));
            sgs.addAll(extraSgs.getOrDefault(id, List.of()));
            if (!sgs.isEmpty()) m.put("securityGroups", seq(r, sgs));
            m.put("sourceDestCheck", String.valueOf(r.values().get("source_dest_check").bool(true)));
            enis.add(m);
        }
    }

    // ---------------------------------------------------------------- between VPCs

    private void peerings() {
        for (TfDoc.Res r : c.all("aws_vpc_peering_connection")) {
            String a = v.ref(r, "vpc_id", VPC, true);
            String b = v.ref(r, "peer_vpc_id", VPC, true);
            if (a != null && b != null) peerings.add(Y.map(r.node()).put("id", v.id(r)).put("requester", a).put("accepter", b));
        }
        c.all("aws_vpc_peering_connection_accepter");
        c.all("aws_vpc_peering_connection_options");
    }

    private void vpnGateways() {
        Map<String, String> vgwVpc = new LinkedHashMap<>();
        Map<String, TfDoc.Res> vgwRes = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_vpn_gateway")) {
            vgwRes.put(v.id(r), r);
            String vpc = v.ref(r, "vpc_id", VPC, false);
            if (vpc != null) vgwVpc.put(v.id(r), vpc);
        }
        for (TfDoc.Res r : c.all("aws_vpn_gateway_attachment")) {
            String vgw = v.ref(r, "vpn_gateway_id", Set.of("aws_vpn_gateway"), true);
            String vpc = v.ref(r, "vpc_id", VPC, true);
            if (vgw != null && vpc != null) vgwVpc.put(vgw, vpc);
        }
        Map<String, List<String>> remote = new HashMap<>();
        Map<String, String> connectionVgw = new HashMap<>();
        for (TfDoc.Res r : c.all("aws_vpn_connection")) {
            String vgw = v.ref(r, "vpn_gateway_id", Set.of("aws_vpn_gateway"), false);
            if (vgw != null) connectionVgw.put(v.id(r), vgw);
            else report.skip(r.address(), "a VPN connection to a transit gateway is not modelled (only to a VPN gateway)");
            for (J route : r.values().get("routes").items()) {
                if (vgw != null && route.get("destination_cidr_block").str() != null) {
                    remote.computeIfAbsent(vgw, k -> new ArrayList<>()).add(route.get("destination_cidr_block").str());
                }
            }
        }
        c.all("aws_customer_gateway");
        for (TfDoc.Res r : c.all("aws_vpn_connection_route")) {
            String conn = v.ref(r, "vpn_connection_id", Set.of("aws_vpn_connection"), true);
            String vgw = connectionVgw.get(conn);
            String cidr = v.required(r, "destination_cidr_block");
            if (vgw != null && cidr != null && !remote.getOrDefault(vgw, List.of()).contains(cidr)) {
                remote.computeIfAbsent(vgw, k -> new ArrayList<>()).add(cidr);
            }
        }
        vgwRes.forEach((id, r) -> {
            String vpc = vgwVpc.get(id);
            if (vpc == null) {
                report.skip(r.address(), "a VPN gateway attached to no VPC");
                return;
            }
            Y.Map m = Y.map(r.node()).put("id", id).put("vpc", vpc);
            List<String> cidrs = remote.getOrDefault(id, List.of());
            if (!cidrs.isEmpty()) m.put("remoteCidrs", seq(r, cidrs));
            vgws.add(m);
        });
    }

    // ---------------------------------------------------------------- endpoints and prefix lists

    private void prefixLists() {
        Map<String, Y.Seq> entries = new LinkedHashMap<>();
        Map<String, Y.Map> lists = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_ec2_managed_prefix_list")) {
            String id = v.id(r);
            Y.Map m = Y.map(r.node()).put("id", id);
            String name = Values.known(r, "name");
            if (name != null) m.put("name", name);
            Y.Seq cidrs = entries.computeIfAbsent(id, k -> Y.seq(r.node()));
            for (J e : r.values().get("entry").items()) cidrs.add(e.get("cidr").str(), e.get("cidr"));
            lists.put(id, m);
        }
        for (TfDoc.Res r : c.all("aws_ec2_managed_prefix_list_entry")) {
            String pl = v.ref(r, "prefix_list_id", Set.of("aws_ec2_managed_prefix_list"), true);
            String cidr = v.required(r, "cidr");
            Y.Seq s = entries.get(pl);
            if (s != null && cidr != null) s.add(cidr, r.values().get("cidr"));
        }
        lists.forEach((id, m) -> prefixLists.add(m.put("cidrs", entries.get(id))));
    }

    private void vpcEndpoints() {
        Map<String, Y.Map> byId = new LinkedHashMap<>();
        Map<String, List<List<String>>> extra = new HashMap<>();
        for (TfDoc.Res r : c.all("aws_vpc_endpoint")) {
            String id = v.id(r);
            String service = v.required(r, "service_name");
            String vpc = v.ref(r, "vpc_id", VPC, true);
            if (service == null || vpc == null) continue;
            String type = r.values().get("vpc_endpoint_type").str() == null ? "Gateway" : r.values().get("vpc_endpoint_type").str();
            if (type.equalsIgnoreCase("GatewayLoadBalancer")) {
                report.skip(r.address(), "a Gateway Load Balancer endpoint is not modelled");
                continue;
            }
            Y.Map m = Y.map(r.node()).put("id", id).put("vpc", vpc).put("type", type.toLowerCase(Locale.ROOT))
                    .put("service", shortService(service), r.values().get("service_name"));
            byId.put(id, m);
            List<List<String>> lists = List.of(new ArrayList<>(v.refs(r, "route_table_ids", Converter.RTB)),
                    new ArrayList<>(v.refs(r, "subnet_ids", SUBNET)), new ArrayList<>(v.refs(r, "security_group_ids", SG)));
            extra.put(id, lists);
            if (type.equalsIgnoreCase("Interface")) m.put("privateDns", String.valueOf(r.values().get("private_dns_enabled").bool(false)));
        }
        String[][] assoc = {{"aws_vpc_endpoint_route_table_association", "route_table_id", "0"},
                {"aws_vpc_endpoint_subnet_association", "subnet_id", "1"}, {"aws_vpc_endpoint_security_group_association", "security_group_id", "2"}};
        for (String[] a : assoc) {
            for (TfDoc.Res r : c.all(a[0])) {
                String e = v.ref(r, "vpc_endpoint_id", Set.of("aws_vpc_endpoint"), true);
                String x = v.ref(r, a[1], Set.of(), true);
                List<List<String>> lists = extra.get(e);
                if (lists != null && x != null) lists.get(Integer.parseInt(a[2])).add(x);
                else if (e != null) report.skip(r.address(), "VPC endpoint " + e + " is not in this plan");
            }
        }
        byId.forEach((id, m) -> {
            List<List<String>> lists = extra.get(id);
            String[] keys = {"routeTables", "subnets", "securityGroups"};
            for (int i = 0; i < 3; i++) {
                if (lists.get(i).isEmpty()) continue;
                Y.Seq s = Y.seq(m.at);
                lists.get(i).forEach(x -> s.add(x, m.at));
                m.put(keys[i], s);
            }
            endpoints.add(m);
        });
    }

    /** Endpoint services, after the load balancers they front. */
    private void endpointServices() {
        for (TfDoc.Res r : c.all("aws_vpc_endpoint_service")) {
            List<String> nlbs = v.refs(r, "network_load_balancer_arns", Set.of("aws_lb"));
            if (nlbs.isEmpty()) {
                report.skip(r.address(), "an endpoint service without a Network Load Balancer is not modelled");
                continue;
            }
            endpointServices.add(Y.map(r.node()).put("id", v.id(r)).put("loadBalancer", lbId(nlbs.get(0))));
        }
    }

    /** {@code com.amazonaws.us-east-1.s3} → {@code s3}; an endpoint service's name keeps its {@code vpce-svc-} id. */
    static String shortService(String name) {
        int svc = name.indexOf("vpce-svc-");
        if (svc >= 0) return name.substring(svc);
        String[] p = name.split("\\.", 4);
        return p.length == 4 && p[0].equals("com") ? p[3] : name;
    }

    // ---------------------------------------------------------------- load balancers and EKS

    private final Map<String, String> lbArn = new HashMap<>();

    private String lbId(String arnOrId) {
        return lbArn.getOrDefault(arnOrId, arnOrId);
    }

    private void loadBalancers() {
        Map<String, Y.Seq> listeners = new LinkedHashMap<>();
        Map<String, List<Y.Map>> targets = new HashMap<>();
        Map<String, TfDoc.Res> groups = new HashMap<>();
        for (String t : List.of("aws_lb_target_group", "aws_alb_target_group")) {
            for (TfDoc.Res r : c.all(t)) {
                groups.put(v.id(r), r);
                String arn = Values.known(r, "arn");
                if (arn != null) groups.put(arn, r);
            }
        }
        for (String t : List.of("aws_lb_target_group_attachment", "aws_alb_target_group_attachment")) {
            for (TfDoc.Res r : c.all(t)) {
                String tg = v.ref(r, "target_group_arn", Set.of("aws_lb_target_group", "aws_alb_target_group"), true);
                String target = v.ref(r, "target_id", Set.of("aws_instance"), true);
                if (tg == null || target == null) continue;
                TfDoc.Res group = groups.get(tg);
                String key = group == null ? tg : v.id(group);
                Y.Map m = Y.map(r.node()).put(target.matches("[0-9.:a-f]+") && target.contains(".") || target.contains(":") ? "ip" : "instance", target);
                Integer port = r.values().get("port").absent() ? null : v.integer(r, r.values().get("port"), "port");
                if (port == null && group != null && !group.values().get("port").absent()) port = v.integer(group, group.values().get("port"), "port");
                if (port != null) m.put("port", String.valueOf(port));
                targets.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
        }
        for (String t : List.of("aws_lb_listener", "aws_alb_listener")) {
            for (TfDoc.Res r : c.all(t)) {
                String lb = v.ref(r, "load_balancer_arn", Set.of("aws_lb", "aws_alb"), true);
                Integer port = v.integer(r, r.values().get("port"), "port");
                String protocol = r.values().get("protocol").str();
                if (lb == null || port == null) continue;
                Y.Map m = Y.map(r.node()).put("protocol", protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT)).put("port", String.valueOf(port));
                Y.Seq ts = Y.seq(r.node());
                List<J> actions = r.values().get("default_action").items();
                for (int i = 0; i < actions.size(); i++) {
                    if (!"forward".equals(actions.get(i).get("type").str())) continue;
                    String tg = c.attr(r, List.of("default_action", i), actions.get(i), "target_group_arn",
                            Set.of("aws_lb_target_group", "aws_alb_target_group"));
                    TfDoc.Res group = tg == null ? null : groups.get(tg);
                    for (Y.Map target : targets.getOrDefault(group == null ? String.valueOf(tg) : v.id(group), List.of())) ts.add(target);
                }
                m.put("targets", ts);
                listeners.computeIfAbsent(lb, k -> Y.seq(r.node())).add(m);
            }
        }
        for (String t : List.of("aws_lb", "aws_alb")) {
            for (TfDoc.Res r : c.all(t)) {
                String id = v.id(r);
                String arn = Values.known(r, "arn");
                if (arn != null) lbArn.put(arn, id);
                String type = r.values().get("load_balancer_type").str() == null ? "application" : r.values().get("load_balancer_type").str();
                if (!type.equals("network") && !type.equals("application")) {
                    report.skip(r.address(), "a " + type + " load balancer is not modelled");
                    continue;
                }
                Y.Map m = Y.map(r.node()).put("id", id).put("type", type)
                        .put("scheme", r.values().get("internal").bool(false) ? "internal" : "internet-facing");
                List<String> subnets = v.refs(r, "subnets", SUBNET);
                for (J sm : r.values().get("subnet_mapping").items()) if (sm.get("subnet_id").str() != null) subnets.add(sm.get("subnet_id").str());
                m.put("subnets", seq(r, subnets));
                List<String> sgs = v.refs(r, "security_groups", SG);
                if (!sgs.isEmpty()) m.put("securityGroups", seq(r, sgs));
                Y.Seq ls = listeners.get(id);
                if (ls == null && arn != null) ls = listeners.get(arn);
                m.put("listeners", ls == null ? Y.seq(r.node()) : ls);
                lbs.add(m);
            }
        }
    }

    private void eksClusters() {
        Map<String, Y.Seq> groups = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_eks_node_group")) {
            String cluster = v.ref(r, "cluster_name", Set.of("aws_eks_cluster"), true);
            String name = r.values().get("node_group_name").str();
            if (name == null) name = r.name() + (Refs.key(r.index()) == null ? "" : "-" + Refs.key(r.index()));
            if (cluster == null) continue;
            Y.Map m = Y.map(r.node()).put("name", name.replaceAll("[^A-Za-z0-9_-]", "-"))
                    .put("subnets", seq(r, v.refs(r, "subnet_ids", SUBNET)));
            J scaling = r.values().get("scaling_config").get(0);
            if (!scaling.get("desired_size").absent()) m.put("desiredSize", scaling.get("desired_size").text());
            if (!scaling.get("max_size").absent()) m.put("maxSize", scaling.get("max_size").text());
            String type = r.values().get("instance_types").get(0).str();
            if (type != null) m.put("instanceType", type);
            groups.computeIfAbsent(cluster, k -> Y.seq(r.node())).add(m);
        }
        for (TfDoc.Res r : c.all("aws_eks_cluster")) {
            String name = v.required(r, "name");
            if (name == null) continue;
            v.ids.put(r.address(), name); // node groups refer to the cluster by name
            J cfg = r.values().get("vpc_config").get(0);
            List<Object> path = List.of("vpc_config", 0);
            List<String> subnets = v.refsAt(r, Converter.cat(path, "subnet_ids"), cfg.get("subnet_ids"), SUBNET);
            if (subnets.isEmpty()) {
                v.error(r, "vpc_config", "a cluster without subnet_ids (or they are unknown and refer to no aws_subnet in this plan)");
                continue;
            }
            String vpc = c.subnetVpc.get(subnets.get(0));
            if (vpc == null && c.below != null) vpc = c.below.subnet(subnets.get(0)).map(s -> s.vpc()).orElse(null);
            Y.Map m = Y.map(r.node()).put("name", name).put("vpc", vpc).put("subnets", seq(r, subnets));
            Y.Map endpoint = Y.map(cfg).put("publicAccess", String.valueOf(cfg.get("endpoint_public_access").bool(true)))
                    .put("privateAccess", String.valueOf(cfg.get("endpoint_private_access").bool(false)));
            List<String> cidrs = new ArrayList<>();
            for (J x : cfg.get("public_access_cidrs").items()) if (x.str() != null) cidrs.add(x.str());
            if (!cidrs.isEmpty()) endpoint.put("publicAccessCidrs", seq(r, cidrs));
            m.put("endpoint", endpoint);
            List<String> sgs = Values.unknown(r, "vpc_config", 0, "security_group_ids")
                    && v.refs.hits(r, Converter.cat(path, "security_group_ids")).isEmpty() ? List.of()
                    : v.refsAt(r, Converter.cat(path, "security_group_ids"), cfg.get("security_group_ids"), SG);
            if (!sgs.isEmpty()) m.put("securityGroups", seq(r, sgs));
            String family = r.values().get("kubernetes_network_config").get(0).get("ip_family").str();
            if ("ipv6".equals(family)) m.put("ipFamily", "ipv6");
            Y.Seq ng = groups.get(name);
            if (ng != null) m.put("nodeGroups", ng);
            eks.add(m);
        }
    }
}
