package io.reachsim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a generated {@link Network} as a snapshot folder: the JSON the AWS CLI prints for
 * {@code aws ec2 describe-vpcs}, {@code describe-subnets}, {@code describe-route-tables}, ... (one file per
 * call, 4-space pretty-printed as the CLI does), {@code describe-vpc-attribute} per VPC and attribute,
 * {@code aws eks describe-cluster} / {@code describe-nodegroup} per cluster — the input of the
 * snapshot-folder load benchmark (DESIGN §6).
 *
 * <p>What a snapshot cannot hold is left out: pods (Kubernetes objects, not describe-* output) and
 * external networks (the networks behind a VPN are known from the routes the VPN gateway propagated,
 * which are written). Internet gateway, VPN gateway and VPC endpoint ids get their AWS prefix
 * ({@code igw-}, {@code vgw-}, {@code vpce-}) when the generator's id lacks it, because a route's
 * {@code GatewayId} is recognised by it; every other id is kept.
 */
public final class SnapshotWriter {
    private SnapshotWriter() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static String igw(String id) { return id.startsWith("igw-") ? id : "igw-" + id; }
    static String vgw(String id) { return id.startsWith("vgw-") ? id : "vgw-" + id; }
    static String vpce(String id) { return id.startsWith("vpce-") ? id : "vpce-" + id; }

    /** Writes {@code network} into {@code dir} (created if missing); returns the number of files written. */
    public static int write(Network network, Path dir) throws IOException {
        Files.createDirectories(dir);
        int files = 0;
        Map<String, String> vpcOfSubnet = new HashMap<>();
        Map<String, List<String>> subnetsOfAcl = new HashMap<>();
        for (Subnet s : network.subnets()) {
            vpcOfSubnet.put(s.id(), s.vpc());
            if (s.networkAcl() != null) subnetsOfAcl.computeIfAbsent(s.networkAcl(), k -> new java.util.ArrayList<>()).add(s.id());
        }
        Map<String, String> groupNames = new HashMap<>();
        for (SecurityGroup g : network.securityGroups()) groupNames.put(g.id(), g.name());

        // describe-prefix-lists prints the entries inline (Cidrs)
        ArrayNode pls = JSON.createArrayNode();
        for (PrefixList p : network.prefixLists()) {
            ObjectNode o = pls.addObject().put("PrefixListId", p.id()).put("PrefixListName", p.name());
            ArrayNode c = o.putArray("Cidrs");
            p.cidrs().forEach(x -> c.add(x.toString()));
        }
        files += file(dir, "prefix-lists.json", "PrefixLists", pls);

        ArrayNode vpcs = JSON.createArrayNode();
        Path attrs = dir.resolve("vpc-attributes");
        Files.createDirectories(attrs);
        for (Vpc v : network.vpcs()) {
            ObjectNode o = vpcs.addObject().put("VpcId", v.id()).put("State", "available").put("CidrBlock", v.cidrs().get(0).toString());
            ArrayNode a4 = o.putArray("CidrBlockAssociationSet");
            for (Cidr c : v.cidrs()) a4.addObject().put("CidrBlock", c.toString()).putObject("CidrBlockState").put("State", "associated");
            ArrayNode a6 = o.putArray("Ipv6CidrBlockAssociationSet");
            for (Cidr c : v.ipv6Cidrs()) a6.addObject().put("Ipv6CidrBlock", c.toString()).putObject("Ipv6CidrBlockState").put("State", "associated");
            o.put("IsDefault", false);
            // aws ec2 describe-vpc-attribute --attribute enableDnsSupport / enableDnsHostnames, one file each
            ObjectNode sup = JSON.createObjectNode().put("VpcId", v.id());
            sup.putObject("EnableDnsSupport").put("Value", v.enableDnsSupport());
            JSON.writeValue(attrs.resolve(v.id() + "-dns-support.json").toFile(), sup);
            ObjectNode host = JSON.createObjectNode().put("VpcId", v.id());
            host.putObject("EnableDnsHostnames").put("Value", v.enableDnsHostnames());
            JSON.writeValue(attrs.resolve(v.id() + "-dns-hostnames.json").toFile(), host);
            files += 2;
        }
        files += file(dir, "vpcs.json", "Vpcs", vpcs);

        ArrayNode subnets = JSON.createArrayNode();
        for (Subnet s : network.subnets()) {
            ObjectNode o = subnets.addObject().put("SubnetId", s.id()).put("VpcId", s.vpc()).put("State", "available")
                    .put("AvailabilityZone", s.az());
            if (s.cidr() != null) o.put("CidrBlock", s.cidr().toString());
            ArrayNode a6 = o.putArray("Ipv6CidrBlockAssociationSet");
            if (s.ipv6Cidr() != null) {
                a6.addObject().put("Ipv6CidrBlock", s.ipv6Cidr().toString()).putObject("Ipv6CidrBlockState").put("State", "associated");
            }
            tags(o, s.tags());
        }
        files += file(dir, "subnets.json", "Subnets", subnets);

        ArrayNode igws = JSON.createArrayNode();
        for (InternetGateway g : network.internetGateways()) {
            igws.addObject().put("InternetGatewayId", igw(g.id())).putArray("Attachments").addObject().put("State", "available").put("VpcId", g.vpc());
        }
        files += file(dir, "internet-gateways.json", "InternetGateways", igws);

        Map<String, VpnGateway> vgwById = new HashMap<>();
        ArrayNode vgws = JSON.createArrayNode();
        for (VpnGateway g : network.vpnGateways()) {
            vgwById.put(g.id(), g);
            vgws.addObject().put("VpnGatewayId", vgw(g.id())).put("State", "available").put("Type", "ipsec.1")
                    .putArray("VpcAttachments").addObject().put("State", "attached").put("VpcId", g.vpc());
        }
        files += file(dir, "vpn-gateways.json", "VpnGateways", vgws);

        ArrayNode nats = JSON.createArrayNode();
        for (NatGateway n : network.natGateways()) {
            ObjectNode o = nats.addObject().put("NatGatewayId", n.id()).put("SubnetId", n.subnet()).put("VpcId", vpcOfSubnet.get(n.subnet()))
                    .put("State", "available").put("ConnectivityType", n.connectivity() == NatGateway.Connectivity.PRIVATE ? "private" : "public");
            ArrayNode addr = o.putArray("NatGatewayAddresses");
            ObjectNode primary = addr.addObject().put("NetworkInterfaceId", "eni-" + n.id()).put("PrivateIp", n.privateIp().toString())
                    .put("IsPrimary", true);
            if (n.publicIp() != null) primary.put("PublicIp", n.publicIp().toString());
            for (Ip ip : n.secondaryPrivateIps()) addr.addObject().put("PrivateIp", ip.toString()).put("IsPrimary", false);
        }
        files += file(dir, "nat-gateways.json", "NatGateways", nats);

        ArrayNode acls = JSON.createArrayNode();
        for (NetworkAcl a : network.networkAcls()) {
            ObjectNode o = acls.addObject().put("NetworkAclId", a.id()).put("VpcId", a.vpc()).put("IsDefault", a.isDefault());
            ArrayNode assoc = o.putArray("Associations");
            for (String s : subnetsOfAcl.getOrDefault(a.id(), List.of())) assoc.addObject().put("NetworkAclId", a.id()).put("SubnetId", s);
            ArrayNode entries = o.putArray("Entries");
            for (AclEntry e : a.egress()) aclEntry(entries, e, true);
            for (AclEntry e : a.ingress()) aclEntry(entries, e, false);
            // AWS prints its final deny as rule 32767
            for (boolean egress : new boolean[]{true, false}) {
                entries.addObject().put("Egress", egress).put("Protocol", "-1").put("RuleAction", "deny").put("RuleNumber", 32767)
                        .put("CidrBlock", "0.0.0.0/0");
            }
        }
        files += file(dir, "network-acls.json", "NetworkAcls", acls);

        ArrayNode sgs = JSON.createArrayNode();
        for (SecurityGroup g : network.securityGroups()) {
            ObjectNode o = sgs.addObject().put("GroupId", g.id()).put("GroupName", g.name()).put("VpcId", g.vpc())
                    .put("Description", g.name());
            ArrayNode in = o.putArray("IpPermissions");
            for (SgRule r : g.ingress()) permission(in, r);
            ArrayNode out = o.putArray("IpPermissionsEgress");
            for (SgRule r : g.egress()) permission(out, r);
        }
        files += file(dir, "security-groups.json", "SecurityGroups", sgs);

        // Interfaces: everything but pods (Kubernetes objects, not in describe-* output).
        Set<String> pods = new HashSet<>();
        for (Pod p : network.pods()) pods.add(p.id());
        Map<String, String> xeniCluster = new HashMap<>();
        Map<String, String[]> nodeGroupOf = new HashMap<>();
        for (EksCluster c : network.eksClusters()) {
            for (String x : c.crossAccountInterfaces()) xeniCluster.put(x, c.name());
            for (EksCluster.NodeGroup ng : c.nodeGroups()) for (String n : ng.nodeInterfaces()) nodeGroupOf.put(n, new String[]{c.name(), ng.name()});
        }
        Map<String, NetworkInterface> enis = new HashMap<>();
        ArrayNode nis = JSON.createArrayNode();
        for (NetworkInterface e : network.networkInterfaces()) {
            enis.put(e.id(), e);
            if (pods.contains(e.id())) continue;
            ObjectNode o = eni(nis.addObject(), e, vpcOfSubnet, groupNames);
            if (xeniCluster.containsKey(e.id())) o.put("Description", "Amazon EKS " + xeniCluster.get(e.id()));
        }
        files += file(dir, "network-interfaces.json", "NetworkInterfaces", nis);

        ArrayNode reservations = JSON.createArrayNode();
        for (Instance i : network.instances()) {
            ObjectNode inst = reservations.addObject().put("ReservationId", "r-" + i.id()).putArray("Instances").addObject();
            NetworkInterface primary = enis.get(i.networkInterfaces().get(0));
            inst.put("InstanceId", i.id()).put("SubnetId", i.subnet()).put("VpcId", vpcOfSubnet.get(i.subnet()));
            inst.putObject("State").put("Code", 16).put("Name", "running");
            if (primary != null) {
                inst.put("PrivateIpAddress", primary.privateIp() == null ? null : primary.privateIp().toString());
                if (primary.publicIp() != null) inst.put("PublicIpAddress", primary.publicIp().toString());
                ArrayNode g = inst.putArray("SecurityGroups");
                for (String s : primary.securityGroups()) g.addObject().put("GroupId", s).put("GroupName", groupNames.get(s));
                inst.put("SourceDestCheck", primary.sourceDestCheck());
            }
            ArrayNode attached = inst.putArray("NetworkInterfaces");
            for (String id : i.networkInterfaces()) {
                NetworkInterface e = enis.get(id);
                if (e != null) eni(attached.addObject(), e, vpcOfSubnet, groupNames);
            }
            String[] ng = nodeGroupOf.get(i.networkInterfaces().get(0));
            if (ng != null) tags(inst, io.reachsim.model.EksCluster.nodeTags(ng[0], ng[1]));
        }
        files += file(dir, "instances.json", "Reservations", reservations);

        ArrayNode tables = JSON.createArrayNode();
        Map<String, Vpc> vpcById = new HashMap<>();
        for (Vpc v : network.vpcs()) vpcById.put(v.id(), v);
        Map<String, List<String>> subnetsOfTable = new HashMap<>();
        for (Subnet s : network.subnets()) {
            if (s.routeTable() != null) subnetsOfTable.computeIfAbsent(s.routeTable(), k -> new java.util.ArrayList<>()).add(s.id());
        }
        for (RouteTable t : network.routeTables()) {
            ObjectNode o = tables.addObject().put("RouteTableId", t.id()).put("VpcId", t.vpc());
            ArrayNode assoc = o.putArray("Associations");
            if (t.main()) {
                assoc.addObject().put("Main", true).put("RouteTableAssociationId", "rtbassoc-" + t.id()).put("RouteTableId", t.id())
                        .putObject("AssociationState").put("State", "associated");
            }
            for (String s : subnetsOfTable.getOrDefault(t.id(), List.of())) {
                assoc.addObject().put("Main", false).put("RouteTableAssociationId", "rtbassoc-" + s).put("RouteTableId", t.id())
                        .put("SubnetId", s).putObject("AssociationState").put("State", "associated");
            }
            ArrayNode prop = o.putArray("PropagatingVgws");
            for (String g : t.propagatingVgws()) prop.addObject().put("GatewayId", vgw(g));
            ArrayNode routes = o.putArray("Routes");
            Vpc v = vpcById.get(t.vpc());
            for (Cidr c : v.cidrs()) routes.addObject().put("DestinationCidrBlock", c.toString()).put("GatewayId", "local")
                    .put("Origin", "CreateRouteTable").put("State", "active");
            for (Cidr c : v.ipv6Cidrs()) routes.addObject().put("DestinationIpv6CidrBlock", c.toString()).put("GatewayId", "local")
                    .put("Origin", "CreateRouteTable").put("State", "active");
            for (Route r : t.routes()) route(routes.addObject(), r);
            for (String g : t.propagatingVgws()) {
                VpnGateway gw = vgwById.get(g);
                if (gw == null) continue;
                for (Cidr c : gw.remoteCidrs()) {
                    routes.addObject().put("DestinationCidrBlock", c.toString()).put("GatewayId", vgw(g))
                            .put("Origin", "EnableVgwRoutePropagation").put("State", "active");
                }
            }
        }
        files += file(dir, "route-tables.json", "RouteTables", tables);

        ArrayNode endpoints = JSON.createArrayNode();
        for (VpcEndpoint e : network.vpcEndpoints()) {
            ObjectNode o = endpoints.addObject().put("VpcEndpointId", vpce(e.id()))
                    .put("VpcEndpointType", e.type() == VpcEndpoint.Type.GATEWAY ? "Gateway" : "Interface").put("VpcId", e.vpc())
                    .put("ServiceName", "com.amazonaws." + network.region() + "." + e.service()).put("State", "available")
                    .put("PrivateDnsEnabled", e.privateDns());
            ArrayNode rt = o.putArray("RouteTableIds");
            e.routeTables().forEach(rt::add);
            ArrayNode sn = o.putArray("SubnetIds");
            e.subnets().forEach(sn::add);
            ArrayNode g = o.putArray("Groups");
            e.securityGroups().forEach(x -> g.addObject().put("GroupId", x).put("GroupName", groupNames.get(x)));
            ArrayNode ni = o.putArray("NetworkInterfaceIds");
            e.networkInterfaces().forEach(ni::add);
        }
        files += file(dir, "vpc-endpoints.json", "VpcEndpoints", endpoints);

        // aws eks describe-cluster / describe-nodegroup, one file each
        Path eks = dir.resolve("eks");
        for (EksCluster c : network.eksClusters()) {
            Files.createDirectories(eks);
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode cl = doc.putObject("cluster").put("name", c.name()).put("status", "ACTIVE");
            ObjectNode cfg = cl.putObject("resourcesVpcConfig").put("vpcId", c.vpc()).put("clusterSecurityGroupId", c.clusterSecurityGroup())
                    .put("endpointPublicAccess", c.endpoint().publicAccess()).put("endpointPrivateAccess", c.endpoint().privateAccess());
            ArrayNode sn = cfg.putArray("subnetIds");
            c.subnets().forEach(sn::add);
            ArrayNode sg = cfg.putArray("securityGroupIds");
            c.securityGroups().forEach(sg::add);
            ArrayNode pac = cfg.putArray("publicAccessCidrs");
            c.endpoint().publicAccessCidrs().forEach(x -> pac.add(x.toString()));
            cl.putObject("kubernetesNetworkConfig").put("ipFamily", c.ipFamily() == 6 ? "ipv6" : "ipv4");
            JSON.writeValue(eks.resolve(c.name() + ".json").toFile(), doc);
            files++;
            for (EksCluster.NodeGroup ng : c.nodeGroups()) {
                ObjectNode d = JSON.createObjectNode();
                ObjectNode n = d.putObject("nodegroup").put("nodegroupName", ng.name()).put("clusterName", c.name()).put("status", "ACTIVE");
                if (ng.instanceType() != null) n.putArray("instanceTypes").add(ng.instanceType());
                n.putObject("scalingConfig").put("minSize", 1).put("maxSize", ng.maxSize()).put("desiredSize", ng.desiredSize());
                ArrayNode s = n.putArray("subnets");
                ng.subnets().forEach(s::add);
                JSON.writeValue(eks.resolve(c.name() + "-" + ng.name() + ".json").toFile(), d);
                files++;
            }
        }
        return files;
    }

    private static int file(Path dir, String name, String key, ArrayNode items) throws IOException {
        ObjectNode doc = JSON.createObjectNode();
        doc.set(key, items);
        JSON.writeValue(dir.resolve(name).toFile(), doc);
        return 1;
    }

    private static void tags(ObjectNode o, Map<String, String> tags) {
        ArrayNode t = o.putArray("Tags");
        tags.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> t.addObject().put("Key", e.getKey()).put("Value", e.getValue()));
    }

    private static String protocol(Protocol p) {
        return p == Protocol.ALL ? "-1" : p.label();
    }

    private static void aclEntry(ArrayNode into, AclEntry e, boolean egress) {
        ObjectNode o = into.addObject().put("Egress", egress).put("Protocol", String.valueOf(e.protocol().number()))
                .put("RuleAction", e.action() == AclEntry.Action.ALLOW ? "allow" : "deny").put("RuleNumber", e.ruleNumber());
        if (e.cidr().version() == 4) o.put("CidrBlock", e.cidr().toString());
        else o.put("Ipv6CidrBlock", e.cidr().toString());
        if (e.protocol().hasPorts() && e.ports() != null) o.putObject("PortRange").put("From", e.ports().from()).put("To", e.ports().to());
        if (e.protocol().isIcmp()) o.putObject("IcmpTypeCode").put("Type", e.icmpType()).put("Code", e.icmpCode());
    }

    /** One rule as one IpPermission (AWS groups rules with equal protocol and ports; one each is equally valid). */
    private static void permission(ArrayNode into, SgRule r) {
        ObjectNode o = into.addObject().put("IpProtocol", protocol(r.protocol()));
        if (r.protocol().hasPorts()) {
            o.put("FromPort", r.ports() == null ? 0 : r.ports().from()).put("ToPort", r.ports() == null ? 65535 : r.ports().to());
        } else if (r.protocol().isIcmp()) {
            o.put("FromPort", r.icmpType()).put("ToPort", r.icmpCode());
        }
        ArrayNode v4 = o.putArray("IpRanges");
        ArrayNode v6 = o.putArray("Ipv6Ranges");
        ArrayNode pl = o.putArray("PrefixListIds");
        ArrayNode groups = o.putArray("UserIdGroupPairs");
        if (r.peer() instanceof SgRule.SgPeer.CidrPeer c) {
            ObjectNode x = c.cidr().version() == 4 ? v4.addObject().put("CidrIp", c.cidr().toString()) : v6.addObject().put("CidrIpv6", c.cidr().toString());
            if (r.description() != null) x.put("Description", r.description());
        } else if (r.peer() instanceof SgRule.SgPeer.PrefixListPeer p) {
            pl.addObject().put("PrefixListId", p.prefixListId());
        } else if (r.peer() instanceof SgRule.SgPeer.GroupPeer g) {
            groups.addObject().put("GroupId", g.groupId());
        }
    }

    private static ObjectNode eni(ObjectNode o, NetworkInterface e, Map<String, String> vpcOfSubnet, Map<String, String> groupNames) {
        o.put("NetworkInterfaceId", e.id()).put("SubnetId", e.subnet()).put("VpcId", vpcOfSubnet.get(e.subnet()))
                .put("InterfaceType", "interface").put("Status", "in-use").put("SourceDestCheck", e.sourceDestCheck());
        if (e.instance() != null) o.putObject("Attachment").put("InstanceId", e.instance()).put("DeviceIndex", 0).put("Status", "attached");
        if (e.privateIp() != null) o.put("PrivateIpAddress", e.privateIp().toString());
        ArrayNode ips = o.putArray("PrivateIpAddresses");
        if (e.privateIp() != null) {
            ObjectNode p = ips.addObject().put("Primary", true).put("PrivateIpAddress", e.privateIp().toString());
            if (e.publicIp() != null) p.putObject("Association").put("PublicIp", e.publicIp().toString());
        }
        for (Ip ip : e.secondaryPrivateIps()) ips.addObject().put("Primary", false).put("PrivateIpAddress", ip.toString());
        ArrayNode v6 = o.putArray("Ipv6Addresses");
        if (e.ipv6Ip() != null) v6.addObject().put("Ipv6Address", e.ipv6Ip().toString());
        if (e.publicIp() != null) o.putObject("Association").put("PublicIp", e.publicIp().toString());
        ArrayNode g = o.putArray("Groups");
        for (String s : e.securityGroups()) g.addObject().put("GroupId", s).put("GroupName", groupNames.get(s));
        return o;
    }

    private static void route(ObjectNode o, Route r) {
        if (r.destination() instanceof Route.RouteDestination.CidrDestination d) {
            o.put(d.cidr().version() == 4 ? "DestinationCidrBlock" : "DestinationIpv6CidrBlock", d.cidr().toString());
        } else if (r.destination() instanceof Route.RouteDestination.PrefixListDestination d) {
            o.put("DestinationPrefixListId", d.prefixListId());
        }
        RouteTarget t = r.target();
        o.put("Origin", "CreateRoute").put("State", "active");
        if (t instanceof RouteTarget.Blackhole) {
            o.put("State", "blackhole");
        } else if (t instanceof RouteTarget.InternetGateway g) {
            o.put("GatewayId", igw(g.id()));
        } else if (t instanceof RouteTarget.VpnGateway g) {
            o.put("GatewayId", vgw(g.id()));
        } else if (t instanceof RouteTarget.VpcEndpoint g) {
            o.put("GatewayId", vpce(g.id()));
        } else if (t instanceof RouteTarget.NatGateway g) {
            o.put("NatGatewayId", g.id());
        } else if (t instanceof RouteTarget.EgressOnlyInternetGateway g) {
            o.put("EgressOnlyInternetGatewayId", g.id());
        } else if (t instanceof RouteTarget.NetworkInterface g) {
            o.put("NetworkInterfaceId", g.id());
        } else if (t instanceof RouteTarget.Instance g) {
            o.put("InstanceId", g.id());
        } else {
            throw new IllegalArgumentException("route target not written to snapshots yet: " + t);
        }
    }
}
