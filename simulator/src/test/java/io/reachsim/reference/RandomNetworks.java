package io.reachsim.reference;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
import io.reachsim.model.PortRange;
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
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Packet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Seeded random networks and flows for the agreement properties. Networks are VALID as the loader would
 * accept them: unique ids, subnets inside their VPC's blocks, addresses inside their subnets and unique,
 * routes only to gateways/appliances of the table's own VPC, IPv4 destinations never to an egress-only
 * IGW and IPv6 never to a NAT gateway, public NAT gateways with a public IP, at most one IGW, EIGW and VGW
 * per VPC. Sometimes a VPC also gets an EKS cluster as the loader materialises it (X-ENIs, nodes, pods with
 * or without SNAT, under custom networking, IPv6 pods without a private IPv4; a public endpoint with random
 * access settings), an interface endpoint, and (when the network has the S3 prefix list) a gateway endpoint
 * with its prefix-list routes. Flows then also start at pods and go to pods, to the clusters' public
 * endpoints, to AWS services at prefix-list addresses and to unresolved names. Generation draws from jqwik's seeded {@link Random} (reproducible from the reported seed);
 * values do not shrink, so failures print the whole network compactly instead.
 */
final class RandomNetworks {
    private RandomNetworks() {}

    static Arbitrary<Network> networks() {
        return Arbitraries.randomValue(r -> new Gen(r).network());
    }

    static Arbitrary<Flow> flows(Network network) {
        return Arbitraries.randomValue(r -> flow(network, r));
    }

    // ================================================================== networks

    private static final class VpcInfo {
        final String id;
        final int index;
        final List<Cidr> v4 = new ArrayList<>();
        Cidr v6;
        final List<String> subnets = new ArrayList<>();
        final List<String> tables = new ArrayList<>();
        final List<String> acls = new ArrayList<>();
        final List<String> sgs = new ArrayList<>();
        final List<String> nats = new ArrayList<>();
        final List<RouteTarget> appliances = new ArrayList<>();
        RouteTarget firewall; // a designated appliance (source/dest check off, open groups), or null
        final java.util.Map<String, SubnetInfo> subnetOf = new java.util.HashMap<>(); // NAT/appliance id -> subnet
        String igw, eigw, vgw;
        String publicTable, privateTable;
        String cluster; // the EKS cluster's name, or null
        final Set<String> s3Tables = new HashSet<>(); // tables the gateway endpoint adds its route to
        final List<Cidr> remote = new ArrayList<>();
        /** Peered VPCs and the peering connection to each. */
        final java.util.Map<VpcInfo, String> peers = new java.util.LinkedHashMap<>();
        boolean tgwAttached;

        VpcInfo(String id, int index) {
            this.id = id;
            this.index = index;
        }
    }

    private static final class SubnetInfo {
        final String id;
        final VpcInfo vpc;
        final Cidr cidr;
        final Cidr v6;
        int nextHost = 10;
        int nextNat = 5;
        String table; // explicit association, or null for the main table
        String az = "us-east-1a";

        SubnetInfo(String id, VpcInfo vpc, Cidr cidr, Cidr v6) {
            this.id = id;
            this.vpc = vpc;
            this.cidr = cidr;
            this.v6 = v6;
        }
    }

    private static final class Gen {
        final Random r;
        final Net net = Net.create();
        final List<VpcInfo> vpcs = new ArrayList<>();
        final List<SubnetInfo> subnets = new ArrayList<>();
        final List<String> prefixLists4 = new ArrayList<>();
        final List<String> prefixLists6 = new ArrayList<>();
        final List<Cidr> hostCidrs = new ArrayList<>(); // /32s of generated hosts, for rules
        boolean s3; // the network has the S3 prefix list "pl-s3"
        int publicIps = 0;
        int hosts = 0;

        Gen(Random r) {
            this.r = r;
        }

        boolean chance(double p) {
            return r.nextDouble() < p;
        }

        <T> T pick(List<T> items) {
            return items.get(r.nextInt(items.size()));
        }

        @SafeVarargs
        final <T> T pick(T... items) {
            return items[r.nextInt(items.length)];
        }

        String nextPublicIp() {
            publicIps++;
            return "54.0." + (publicIps / 200) + "." + (10 + publicIps % 200);
        }

        Network network() {
            double shape = r.nextDouble();
            int nVpcs = shape < 0.45 ? 1 : shape < 0.8 ? 2 : 3;
            for (int i = 0; i < nVpcs; i++) vpc(i);
            int nSubnets = Math.max(nVpcs, chance(0.1) ? 1 : 2 + r.nextInt(5)); // 1-6
            for (int k = 0; k < nSubnets; k++) subnet(k < nVpcs ? vpcs.get(k) : pick(vpcs), k);
            for (SubnetInfo s : subnets) {
                if (chance(0.3)) {
                    s.az = "us-east-1b";
                    net.az(s.id, s.az);
                }
            }
            connect();
            for (VpcInfo v : vpcs) gateways(v);
            prefixLists();
            for (VpcInfo v : vpcs) if (chance(0.45)) v.cluster = "eks" + v.index; // before groups: rules may name its group
            for (VpcInfo v : vpcs) securityGroups(v);
            for (SubnetInfo s : subnets) hostsIn(s);
            for (VpcInfo v : vpcs) if (chance(0.3)) interfaceEndpoint(v);
            for (VpcInfo v : vpcs) tables(v);
            for (SubnetInfo s : subnets) {
                s.table = !s.vpc.tables.isEmpty() && chance(0.75) ? pick(s.vpc.tables) : null;
                if (s.table != null) net.associate(s.id, s.table);
            }
            for (VpcInfo v : vpcs) appliance(v);
            for (VpcInfo v : vpcs) natGateways(v);
            for (VpcInfo v : vpcs) if (v.cluster != null) cluster(v); // once subnets have their tables
            for (VpcInfo v : vpcs) if (s3 && chance(0.7)) gatewayEndpoint(v);
            for (VpcInfo v : vpcs) routesAndAcls(v);
            for (SubnetInfo s : subnets) {
                if (!s.vpc.acls.isEmpty() && chance(0.5)) net.useAcl(s.id, pick(s.vpc.acls));
            }
            if (chance(0.4)) net.externalIp("partner", "203.0.113." + (10 + r.nextInt(50)), null);
            return net.build();
        }

        void vpc(int i) {
            VpcInfo v = new VpcInfo("vpc-" + i, i);
            if (i > 0 && chance(0.1)) {
                v.v4.add(vpcs.get(0).v4.get(0)); // overlapping blocks across VPCs are allowed
            } else if (i > 0 && chance(0.06)) {
                // overlapping but not identical (a half of vpc-0's block): a transit gateway propagates neither twice
                Cidr first = vpcs.get(0).v4.get(0);
                v.v4.add(new Cidr(first.base(), first.prefix() + 1));
            } else {
                v.v4.add(Cidr.parse(chance(0.7) ? "10." + i + ".0.0/16" : "172." + (16 + i) + ".0.0/16"));
            }
            if (chance(0.3)) v.v4.add(Cidr.parse(chance(0.5) ? "100.64." + (16 * i) + ".0/20" : "10." + (100 + i) + ".0.0/16"));
            if (chance(0.5)) v.v6 = new Cidr(Ip.v6(0x2600_1f00_0a00_0000L + ((long) i << 16), 0), 56);
            List<String> blocks = new ArrayList<>();
            v.v4.forEach(c -> blocks.add(c.toString()));
            if (v.v6 != null) blocks.add(v.v6.toString());
            net.vpc(v.id, blocks.toArray(String[]::new));
            vpcs.add(v);
        }

        void subnet(VpcInfo v, int k) {
            Cidr cidr = null;
            for (int attempt = 0; attempt < 50 && cidr == null; attempt++) {
                Cidr block = pick(v.v4);
                int slots = (int) Math.min(256, block.size() / 256);
                Cidr c = new Cidr(block.base().plus(256L * r.nextInt(slots)), 24);
                boolean used = false;
                for (SubnetInfo s : subnets) used |= s.vpc == v && s.cidr.overlaps(c);
                if (!used) cidr = c;
            }
            if (cidr == null) return;
            Cidr v6 = null;
            if (v.v6 != null && chance(0.75)) v6 = new Cidr(Ip.v6(v.v6.base().hi() | v.subnets.size(), 0), 64);
            String id = "sub-" + k;
            if (v6 != null) net.subnet(id, v.id, cidr.toString(), v6.toString());
            else net.subnet(id, v.id, cidr.toString());
            v.subnets.add(id);
            subnets.add(new SubnetInfo(id, v, cidr, v6));
        }

        // ---- peering and transit gateways

        static final String TGW = "tgw-0";

        /** Peerings between some VPCs whose blocks do not overlap; a transit gateway attaching most VPCs, sometimes. */
        void connect() {
            if (vpcs.size() < 2) return;
            for (int i = 0; i < vpcs.size(); i++) {
                for (int j = i + 1; j < vpcs.size(); j++) {
                    VpcInfo a = vpcs.get(i), b = vpcs.get(j);
                    boolean overlap = false;
                    for (Cidr x : a.v4) for (Cidr y : b.v4) overlap |= x.overlaps(y);
                    if (overlap || !chance(0.5)) continue;
                    String id = "pcx-" + i + "-" + j;
                    net.peering(id, a.id, b.id);
                    a.peers.put(b, id);
                    b.peers.put(a, id);
                }
            }
            if (chance(0.6)) transitGateway();
        }

        void transitGateway() {
            int nTables = 1 + r.nextInt(3);
            List<String> tableIds = new ArrayList<>();
            for (int k = 0; k < nTables; k++) tableIds.add("tgw-rt-" + k);
            List<io.reachsim.model.TransitGateway.Attachment> attachments = new ArrayList<>();
            for (VpcInfo v : vpcs) {
                if (v.subnets.isEmpty() || !chance(0.85)) continue;
                List<String> subs = new ArrayList<>();
                for (String az : List.of("us-east-1a", "us-east-1b")) {
                    List<SubnetInfo> inAz = new ArrayList<>();
                    for (SubnetInfo s : subnets) if (s.vpc == v && s.az.equals(az)) inAz.add(s);
                    if (!inAz.isEmpty() && chance(0.85)) subs.add(pick(inAz).id);
                }
                if (subs.isEmpty()) subs.add(pick(v.subnets)); // attached in one AZ at least
                String association = chance(0.1) ? null : pick(tableIds);
                List<String> props = new ArrayList<>();
                for (String t : tableIds) if (chance(0.75)) props.add(t);
                attachments.add(new io.reachsim.model.TransitGateway.Attachment("tgwa-" + v.index,
                        io.reachsim.model.TransitGateway.Attachment.Type.VPC, v.id, subs, association, props, chance(0.2), List.of(),
                        true, chance(0.5)));
                v.tgwAttached = true;
            }
            if (attachments.isEmpty()) return;
            if (chance(0.35)) {
                List<String> props = new ArrayList<>();
                for (String t : tableIds) if (chance(0.6)) props.add(t);
                attachments.add(new io.reachsim.model.TransitGateway.Attachment("tgwa-vpn",
                        io.reachsim.model.TransitGateway.Attachment.Type.VPN, null, List.of(), chance(0.1) ? null : pick(tableIds),
                        props, false, List.of(Cidr.parse("172.20.0.0/16"))));
                if (chance(0.8)) net.external("dc", "172.20.0.0/24", "tgwa-vpn");
            }
            List<io.reachsim.model.TransitGateway.RouteTable> tables = new ArrayList<>();
            for (String t : tableIds) {
                List<io.reachsim.model.TransitGateway.TgwRoute> routes = new ArrayList<>();
                Set<String> dests = new HashSet<>();
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    VpcInfo o = pick(vpcs);
                    Cidr dest = chance(0.5) || o.subnets.isEmpty() ? o.v4.get(0) : chance(0.5) ? subnetInfo(pick(o.subnets)).cidr
                            : Cidr.parse(pick("0.0.0.0/0", "172.20.0.0/16", "10.0.0.0/8"));
                    if (!dests.add(dest.toString())) continue;
                    boolean blackhole = chance(0.35);
                    String to = blackhole ? null : pick(attachments).id();
                    routes.add(new io.reachsim.model.TransitGateway.TgwRoute(new Route.RouteDestination.CidrDestination(dest), to, blackhole));
                }
                if (!prefixLists4.isEmpty() && chance(0.15)) {
                    String pl = pick(prefixLists4);
                    if (dests.add(pl)) {
                        routes.add(new io.reachsim.model.TransitGateway.TgwRoute(new Route.RouteDestination.PrefixListDestination(pl),
                                pick(attachments).id(), false));
                    }
                }
                tables.add(new io.reachsim.model.TransitGateway.RouteTable(t, routes));
            }
            net.transitGateway(new io.reachsim.model.TransitGateway(TGW, "us-east-1", null, tables, attachments));
        }

        /** Routes of {@code table} to other VPCs over a peering or the transit gateway. */
        void crossVpcRoutes(VpcInfo v, String table, List<Route> routes, Set<String> dests) {
            for (VpcInfo o : vpcs) {
                if (o == v) continue;
                String pcx = v.peers.get(o);
                if ((pcx == null && !v.tgwAttached) || !chance(0.75)) continue;
                RouteTarget t = pcx != null && (!v.tgwAttached || chance(0.5)) ? new RouteTarget.VpcPeering(pcx)
                        : new RouteTarget.TransitGateway(TGW);
                Cidr dest = chance(0.8) || o.subnets.isEmpty() ? o.v4.get(0) : subnetInfo(pick(o.subnets)).cidr;
                if (v.v4.contains(dest)) continue; // would repeat a local route (overlapping VPCs)
                add(routes, dests, Net.route(dest.toString(), t));
                if (o.v6 != null && v.v6 != null && chance(0.5)) add(routes, dests, Net.route(o.v6.toString(), t));
            }
            if (v.tgwAttached && chance(0.15)) add(routes, dests, Net.route("10.0.0.0/8", new RouteTarget.TransitGateway(TGW)));
            if (v.tgwAttached && chance(0.15)) add(routes, dests, Net.route("172.20.0.0/16", new RouteTarget.TransitGateway(TGW)));
        }

        RouteTarget anyPeering(VpcInfo v) {
            return v.peers.isEmpty() ? null : new RouteTarget.VpcPeering(pick(new ArrayList<>(v.peers.values())));
        }

        RouteTarget tgwOf(VpcInfo v) {
            return v.tgwAttached ? new RouteTarget.TransitGateway(TGW) : null;
        }

        void gateways(VpcInfo v) {
            if (chance(0.75)) {
                v.igw = "igw-" + v.index;
                net.igw(v.igw, v.id);
            }
            if (chance(v.v6 != null ? 0.5 : 0.1)) {
                v.eigw = "eigw-" + v.index;
                net.eigw(v.eigw, v.id);
            }
            if (chance(0.35)) {
                v.vgw = "vgw-" + v.index;
                v.remote.add(Cidr.parse("192.168." + (10 * v.index) + ".0/24"));
                if (chance(0.5)) v.remote.add(Cidr.parse("172.31." + (10 * v.index) + ".0/24"));
                net.vgw(v.vgw, v.id, v.remote.stream().map(Cidr::toString).toArray(String[]::new));
                if (chance(0.7)) net.external("corp-" + v.index, "192.168." + (10 * v.index) + ".0/25", v.vgw);
                if (chance(0.15)) net.external("branch-" + v.index, "192.168." + (200 + v.index) + ".0/24", v.vgw);
            }
        }

        void prefixLists() {
            int n = r.nextInt(3);
            for (int i = 0; i < n; i++) {
                List<String> cidrs = new ArrayList<>();
                int m = 1 + r.nextInt(3);
                for (int j = 0; j < m; j++) {
                    String c = pick("52.94.0.0/22", "203.0.113.0/24", "8.8.8.0/24", "198.51.100.0/25", "192.168.0.0/16",
                            pick(subnets).cidr.toString(), pick(vpcs).v4.get(0).toString());
                    if (!cidrs.contains(c)) cidrs.add(c);
                }
                net.prefixList("pl-" + i, cidrs.toArray(String[]::new));
                prefixLists4.add("pl-" + i);
            }
            if (chance(0.2)) {
                net.prefixList("pl-v6", "2a05:d000::/32");
                prefixLists6.add("pl-v6");
            }
            if (chance(0.65)) {
                net.awsPrefixList("pl-s3", "com.amazonaws.us-east-1.s3", "52.218.0.0/17", "3.5.0.0/19");
                s3 = true;
                if (chance(0.5)) prefixLists4.add("pl-s3"); // for rules, and routes in tables without the endpoint
            }
        }

        // ---- security groups

        void securityGroups(VpcInfo v) {
            v.sgs.add(Net.defaultSg(v.id));
            int n = 1 + r.nextInt(3);
            for (int j = 0; j < n; j++) v.sgs.add("sg-" + v.index + "-" + j);
            String clusterSg = v.cluster == null ? null : EksCluster.clusterSecurityGroupId(v.cluster);
            if (clusterSg != null) v.sgs.add(clusterSg); // Net.cluster defines it (all in from itself, all out)
            for (int j = 1; j < v.sgs.size(); j++) {
                String id = v.sgs.get(j);
                if (id.equals(clusterSg)) continue;
                List<SgRule> in = new ArrayList<>();
                if (chance(0.6)) in.add(serviceRule(v)); // what the group is for, most of the time
                in.addAll(rules(v, id, r.nextInt(4)));
                if ((!v.peers.isEmpty() || v.tgwAttached) && chance(0.6)) { // open to a connected VPC
                    VpcInfo o = pick(vpcs);
                    in.add(o == v || chance(0.3) ? Net.allProto("10.0.0.0/8") : Net.allProto(o.v4.get(0).toString()));
                }
                Collections.shuffle(in, r);
                net.sg(id, v.id, in, chance(0.65) ? allowAllOut() : rules(v, id, r.nextInt(4)));
            }
            if (chance(0.15)) {
                String d = Net.defaultSg(v.id);
                List<SgRule> in = new ArrayList<>(List.of(Net.allProto(d)));
                in.addAll(rules(v, d, r.nextInt(3)));
                net.defaultSgRules(v.id, in, chance(0.5) ? allowAllOut() : rules(v, d, r.nextInt(3)));
            }
        }

        SgRule serviceRule(VpcInfo v) {
            double p = r.nextDouble();
            if (p < 0.35) return Net.tcp(443, "0.0.0.0/0");
            if (p < 0.5) return Net.allProto(v.v4.get(0).toString());
            if (p < 0.65) return Net.tcp(22, "0.0.0.0/0");
            if (p < 0.75) return Net.allProto("0.0.0.0/0");
            if (p < 0.85) return Net.icmp(-1, "0.0.0.0/0");
            if (p < 0.9) return Net.allProto("::/0");
            return Net.tcp(0, 65535, "0.0.0.0/0");
        }

        List<SgRule> allowAllOut() {
            return List.of(Net.allProto("0.0.0.0/0"), Net.allProto("::/0"));
        }

        List<SgRule> rules(VpcInfo v, String self, int n) {
            List<SgRule> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(rule(v, self));
            return out;
        }

        SgRule rule(VpcInfo v, String self) {
            double p = r.nextDouble();
            Protocol proto = p < 0.4 ? Protocol.TCP : p < 0.5 ? Protocol.UDP : p < 0.65 ? Protocol.ICMP : p < 0.7 ? Protocol.ICMPV6 : Protocol.ALL;
            PortRange ports = proto.hasPorts() ? ports() : null;
            int type = -1;
            if (proto == Protocol.ICMP) type = pick(-1, -1, 8, 0, 3);
            if (proto == Protocol.ICMPV6) type = pick(-1, 128, 129);
            return new SgRule(proto, ports, type, -1, sgPeer(v, self, proto), null);
        }

        PortRange ports() {
            if (chance(0.7)) return PortRange.of(pick(22, 443, 49152, 80));
            return PortRange.parse(pick("0-65535", "1024-65535", "400-500", "32768-60999"));
        }

        SgRule.SgPeer sgPeer(VpcInfo v, String self, Protocol proto) {
            double p = r.nextDouble();
            if (proto == Protocol.ICMPV6 || p < 0.1) return Net.peer(pick("::/0", v.v6 != null ? v.v6.toString() : "::/0"));
            if (p < 0.35) return Net.peer("0.0.0.0/0");
            if (p < 0.5) return Net.peer(v.v4.get(0).toString());
            if (p < 0.6) return Net.peer(pick(subnets).cidr.toString());
            if (p < 0.65 && !hostCidrs.isEmpty()) return new SgRule.SgPeer.CidrPeer(pick(hostCidrs));
            if (p < 0.7) return Net.peer(pick("198.51.100.0/24", "203.0.113.0/24", "192.168.0.0/16"));
            if (p < 0.8 && !prefixLists4.isEmpty()) return Net.peer(pick(prefixLists4));
            if (p < 0.85) return Net.peer(self);
            if (p < 0.9 && !v.peers.isEmpty()) return Net.peer(Net.defaultSg(pick(new ArrayList<>(v.peers.keySet())).id)); // across a peering
            return Net.peer(pick(v.sgs));
        }

        // ---- hosts and NAT gateways

        void hostsIn(SubnetInfo s) {
            int n = r.nextInt(4);
            for (int j = 0; j < n; j++) {
                hosts++;
                boolean instance = chance(0.7);
                String id = (instance ? "i-" : "eni-") + hosts;
                String ip = s.cidr.address(s.nextHost++).toString();
                Net.Eni e = instance ? net.instance(id, s.id, ip) : net.eni(id, s.id, ip);
                hostCidrs.add(Cidr.parse(ip + "/32"));
                if (s.v6 != null && chance(0.75)) e.v6(Ip.v6(s.v6.base().hi(), 0x10 + s.nextHost).toString());
                if (chance(s.vpc.igw != null ? 0.45 : 0.05)) e.pub(nextPublicIp());
                if (chance(0.1)) e.secondary(s.cidr.address(100 + s.nextHost).toString());
                List<String> groups = new ArrayList<>();
                int g = 1 + (chance(0.3) ? 1 : 0);
                for (int k = 0; k < g; k++) {
                    String sg = pick(s.vpc.sgs);
                    if (!groups.contains(sg)) groups.add(sg);
                }
                e.sgs(groups.toArray(String[]::new));
                if (chance(0.15)) e.sdc(false);
                s.vpc.appliances.add(instance && chance(0.5) ? new RouteTarget.Instance(id) : new RouteTarget.NetworkInterface(id));
                s.vpc.subnetOf.put(id, s);
            }
        }

        /** Two VPCs in three get a designated appliance: source/dest check off, groups open both ways. */
        void appliance(VpcInfo v) {
            if (!chance(0.65)) return;
            SubnetInfo s = subnetInfo(pick(v.subnets));
            if (v.publicTable != null && !v.publicTable.equals(s.table) && chance(0.6)) {
                s.table = v.publicTable; // forwards by a table that does not lead back to it
                net.associate(s.id, s.table);
            }
            hosts++;
            boolean instance = chance(0.5);
            String id = (instance ? "fw-" : "eni-fw-") + hosts;
            String sg = "sg-" + v.index + "-fw";
            net.sg(sg, v.id, List.of(Net.allProto("0.0.0.0/0"), Net.allProto("::/0")), allowAllOut());
            String ip = s.cidr.address(s.nextHost++).toString();
            Net.Eni e = instance ? net.instance(id, s.id, ip) : net.eni(id, s.id, ip);
            if (s.v6 != null) e.v6(Ip.v6(s.v6.base().hi(), 0x10 + s.nextHost).toString());
            if (v.igw != null && chance(0.3)) e.pub(nextPublicIp());
            e.sgs(sg).sdc(chance(0.9) ? false : true);
            v.firewall = instance ? new RouteTarget.Instance(id) : new RouteTarget.NetworkInterface(id);
            v.appliances.add(v.firewall);
            v.subnetOf.put(id, s);
        }

        /**
         * An appliance for a route of {@code table}; mostly one whose own subnet uses another table (an
         * appliance forwarding by the very table that sent the packet to it loops until MAX_HOPS).
         */
        RouteTarget applianceTarget(VpcInfo v, String table) {
            if (v.appliances.isEmpty()) return null;
            if (v.firewall != null && chance(0.85) && (!loops(v, v.firewall.id(), table) || chance(0.1))) return v.firewall;
            List<RouteTarget> ok = new ArrayList<>();
            for (RouteTarget t : v.appliances) if (!loops(v, t.id(), table)) ok.add(t);
            if (chance(0.1)) return pick(v.appliances); // now and then a loop
            return ok.isEmpty() ? null : pick(ok);
        }

        /** A NAT gateway for a route of {@code table}, mostly one whose subnet uses another table. */
        RouteTarget natTarget(VpcInfo v, String table) {
            if (v.nats.isEmpty()) return null;
            List<String> ok = new ArrayList<>();
            for (String n : v.nats) if (!loops(v, n, table)) ok.add(n);
            if (chance(0.1)) return Net.toNat(pick(v.nats)); // now and then a loop
            return ok.isEmpty() ? null : Net.toNat(pick(ok));
        }

        boolean loops(VpcInfo v, String target, String table) {
            SubnetInfo s = v.subnetOf.get(target);
            String own = s.table != null ? s.table : Net.mainTableId(v.id);
            return own.equals(table);
        }

        void tables(VpcInfo v) {
            if (v.igw != null && chance(0.85)) {
                v.publicTable = "rt-" + v.index + "-pub";
                net.table(v.publicTable, v.id);
                v.tables.add(v.publicTable);
            }
            if (chance(0.7)) {
                v.privateTable = "rt-" + v.index + "-priv";
                net.table(v.privateTable, v.id);
                v.tables.add(v.privateTable);
            }
            if (chance(0.4)) {
                String id = "rt-" + v.index + "-x";
                net.table(id, v.id);
                v.tables.add(id);
            }
        }

        /** NAT gateways go mostly into subnets whose table leads to the internet gateway. */
        void natGateways(VpcInfo v) {
            int n = v.igw != null && chance(0.7) ? 1 + r.nextInt(2) : r.nextInt(2);
            for (int j = 0; j < n; j++) {
                String id = "nat-" + v.index + "-" + j;
                List<SubnetInfo> candidates = new ArrayList<>();
                for (SubnetInfo s : subnets) {
                    if (s.vpc == v && v.publicTable != null && v.publicTable.equals(s.table)) candidates.add(s);
                }
                SubnetInfo s = !candidates.isEmpty() && chance(0.85) ? pick(candidates) : subnetInfo(pick(v.subnets));
                if (v.publicTable != null && !v.publicTable.equals(s.table) && chance(0.8)) {
                    s.table = v.publicTable; // a public subnet for it
                    net.associate(s.id, s.table);
                }
                String ip = s.cidr.address(s.nextNat++).toString();
                if (chance(0.75)) net.publicNat(id, s.id, ip, nextPublicIp());
                else net.privateNat(id, s.id, ip);
                v.nats.add(id);
                v.subnetOf.put(id, s);
            }
        }

        // ---- EKS and VPC endpoints

        /**
         * An EKS cluster as the loader materialises it: X-ENIs in one or two cluster subnets, one or two node
         * groups with a node per subnet, one pod per node (SNAT on unless externalSnat; under custom
         * networking in another subnet with the ENIConfig's or the node's groups; in an IPv6 cluster an IPv6
         * pod without a private IPv4 and without SNAT), and a public endpoint with random access settings.
         */
        void cluster(VpcInfo v) {
            List<SubnetInfo> mine = new ArrayList<>();
            List<SubnetInfo> dual = new ArrayList<>();
            for (SubnetInfo s : subnets) {
                if (s.vpc != v) continue;
                mine.add(s);
                if (s.v6 != null) dual.add(s);
            }
            boolean v6 = !dual.isEmpty() && chance(0.3);
            List<SubnetInfo> usable = v6 ? dual : mine;
            String clusterSg = EksCluster.clusterSecurityGroupId(v.cluster);
            Net.Cluster c = net.cluster(v.cluster, v.id);
            if (v6) c.ipv6();
            List<String> others = new ArrayList<>(v.sgs);
            others.remove(clusterSg);
            if (chance(0.3)) c.groups(pick(others));
            List<String> cidrs = new ArrayList<>();
            if (chance(0.5)) {
                cidrs.add("0.0.0.0/0");
            } else {
                int k = 1 + r.nextInt(2);
                for (int i = 0; i < k; i++) {
                    String cidr = pick("54.0.0.0/24", "54.0.0.0/28", "203.0.113.0/24", "8.8.8.0/24", "198.51.100.0/24");
                    if (!cidrs.contains(cidr)) cidrs.add(cidr);
                }
            }
            c.access(chance(0.8), chance(0.5), cidrs.toArray(String[]::new));
            c.publicEndpoint("198.19.255." + (10 + v.index));
            for (SubnetInfo s : distinct(mine, 1 + r.nextInt(2))) c.xeni(s.id, s.cidr.address(s.nextHost++).toString());

            boolean customNetworking = chance(0.3);
            SubnetInfo podSubnet = pick(usable);
            String[] podGroups = chance(0.5) ? new String[0] : new String[]{pick(v.sgs)};
            if (customNetworking) c.eniConfig("us-east-1a", podSubnet.id, podGroups);
            boolean externalSnat = chance(0.25);
            c.externalSnat(externalSnat);
            int groups = 1 + (chance(0.35) ? 1 : 0);
            for (int g = 0; g < groups; g++) {
                String group = "ng" + g;
                List<String> sgs = new ArrayList<>();
                if (!chance(0.45)) { // else EKS's default: the cluster group
                    int k = 1 + (chance(0.3) ? 1 : 0);
                    for (int i = 0; i < k; i++) {
                        String sg = pick(v.sgs);
                        if (!sgs.contains(sg)) sgs.add(sg);
                    }
                }
                c.nodeGroup(group, sgs.toArray(String[]::new));
                boolean publicIp = v.igw != null && chance(0.3);
                List<SubnetInfo> preferred = new ArrayList<>(); // nodes mostly sit where their table leads out
                for (SubnetInfo s : usable) {
                    String t = publicIp ? v.publicTable : v.privateTable;
                    if (t != null && t.equals(s.table)) preferred.add(s);
                }
                List<SubnetInfo> where = !preferred.isEmpty() && chance(0.75) ? preferred : usable;
                for (SubnetInfo s : distinct(where, 1 + r.nextInt(2))) {
                    String ip = s.cidr.address(s.nextHost++).toString();
                    String ip6 = v6 ? Ip.v6(s.v6.base().hi(), 0x10 + s.nextHost).toString() : null;
                    String pub = publicIp ? nextPublicIp() : null;
                    c.node(group, s.id, ip, e -> {
                        if (ip6 != null) e.v6(ip6);
                        if (pub != null) e.pub(pub);
                    });
                    String node = c.nodeId(group, s.id);
                    SubnetInfo ps = customNetworking ? podSubnet : s;
                    String[] pg = customNetworking ? podGroups : new String[0];
                    if (v6) {
                        ps.nextHost++;
                        c.pod(node, ps.id, Ip.v6(ps.v6.base().hi(), 0x10 + ps.nextHost).toString(), false, pg);
                    } else {
                        c.pod(node, ps.id, ps.cidr.address(ps.nextHost++).toString(), !externalSnat, pg);
                    }
                }
            }
            c.end();
        }

        /** An interface endpoint (ecr.api) in one or two subnets, with a group open to the VPC on 443. */
        void interfaceEndpoint(VpcInfo v) {
            String id = "vpce-" + v.index + "-ecr";
            String sg = "sg-" + v.index + "-vpce";
            List<SgRule> in = new ArrayList<>(List.of(Net.tcp(443, v.v4.get(0).toString())));
            if (chance(0.3)) in = List.of(Net.tcp(443, pick(v.sgs)));
            net.sg(sg, v.id, in, List.of());
            List<SubnetInfo> mine = new ArrayList<>();
            for (SubnetInfo s : subnets) if (s.vpc == v) mine.add(s);
            List<String> pairs = new ArrayList<>();
            for (SubnetInfo s : distinct(mine, 1 + r.nextInt(2))) pairs.add(s.id + "=" + s.cidr.address(s.nextHost++));
            net.interfaceEndpoint(id, v.id, "ecr.api", chance(0.7), List.of(sg), pairs.toArray(String[]::new));
        }

        /** A gateway endpoint for S3 whose route goes into some of the VPC's tables (the private one mostly). */
        void gatewayEndpoint(VpcInfo v) {
            List<String> all = new ArrayList<>(v.tables);
            all.add(Net.mainTableId(v.id));
            for (String t : all) {
                if (chance(t.equals(v.privateTable) ? 0.85 : 0.5)) v.s3Tables.add(t);
            }
            if (v.s3Tables.isEmpty()) v.s3Tables.add(pick(all));
            List<String> tables = new ArrayList<>();
            for (String t : all) if (v.s3Tables.contains(t)) tables.add(t); // in a stable order
            net.gatewayEndpoint("vpce-" + v.index + "-s3", v.id, "s3", "pl-s3", tables.toArray(String[]::new));
        }

        <T> List<T> distinct(List<T> items, int k) {
            List<T> copy = new ArrayList<>(items);
            Collections.shuffle(copy, r);
            return copy.subList(0, Math.min(k, copy.size()));
        }

        SubnetInfo subnetInfo(String id) {
            for (SubnetInfo s : subnets) if (s.id.equals(id)) return s;
            throw new IllegalStateException(id);
        }

        // ---- route tables and network ACLs

        void routesAndAcls(VpcInfo v) {
            List<String> all = new ArrayList<>(v.tables);
            all.add(Net.mainTableId(v.id));
            for (String t : all) {
                routes(v, t);
                if (v.vgw != null && chance(0.5)) net.propagate(t, v.vgw);
            }
            int nAcls = r.nextInt(3);
            for (int j = 0; j < nAcls; j++) {
                String id = "acl-" + v.index + "-" + j;
                if (chance(0.3)) net.acl(id, v.id, serverAclIn(v), serverAclOut(v));
                else net.acl(id, v.id, aclEntries(v), aclEntries(v));
                v.acls.add(id);
            }
        }

        /** The usual hand-written ACL of a server subnet: services in, ephemeral ports out (maybe too few). */
        List<AclEntry> serverAclIn(VpcInfo v) {
            List<AclEntry> in = new ArrayList<>(List.of(Net.allow(100, Protocol.TCP, "443", "0.0.0.0/0"),
                    Net.allow(110, Protocol.TCP, "22", v.v4.get(0).toString()),
                    Net.allow(120, Protocol.TCP, pick("1024-65535", "32768-60999", "49152"), "0.0.0.0/0")));
            if (chance(0.5)) in.add(Net.allow(130, Protocol.ALL, null, v.v4.get(0).toString()));
            if (chance(0.3)) in.add(Net.deny(90, Protocol.TCP, "22", "0.0.0.0/0"));
            Collections.shuffle(in, r);
            return in;
        }

        List<AclEntry> serverAclOut(VpcInfo v) {
            List<AclEntry> out = new ArrayList<>(List.of(
                    Net.allow(100, Protocol.TCP, pick("1024-65535", "32768-60999", "443", "0-65535"), "0.0.0.0/0"),
                    Net.allow(110, Protocol.TCP, "443", "0.0.0.0/0")));
            if (chance(0.5)) out.add(Net.allow(120, Protocol.ALL, null, v.v4.get(0).toString()));
            if (chance(0.5)) out.add(Net.allow(130, Protocol.ICMP, null, "0.0.0.0/0"));
            Collections.shuffle(out, r);
            return out;
        }

        void routes(VpcInfo v, String table) {
            Set<String> dests = new HashSet<>();
            if (v.s3Tables.contains(table)) dests.add("pl-s3"); // the gateway endpoint's route is there already
            List<Route> routes = new ArrayList<>();
            crossVpcRoutes(v, table, routes, dests);
            boolean isPublic = table.equals(v.publicTable), isPrivate = table.equals(v.privateTable);
            if (isPublic && chance(0.95)) {
                add(routes, dests, Net.route("0.0.0.0/0", Net.toIgw(v.igw)));
                if (v.v6 != null && chance(0.7)) add(routes, dests, Net.route("::/0", Net.toIgw(v.igw)));
            } else if (isPrivate && chance(0.9)) {
                RouteTarget t = weighted(w(() -> natTarget(v, table), 70),
                        w(() -> applianceTarget(v, table), 20), w(() -> v.vgw == null ? null : Net.toVgw(v.vgw), 10),
                        w(() -> tgwOf(v), 25)); // centralized egress through the transit gateway
                add(routes, dests, Net.route("0.0.0.0/0", t));
                if (v.v6 != null && chance(0.7)) {
                    add(routes, dests, Net.route("::/0", weighted(
                            w(() -> v.eigw == null ? null : Net.toEigw(v.eigw), 80),
                            w(() -> applianceTarget(v, table), 20))));
                }
                if (v.v6 != null && chance(0.5)) { // NAT64 for a DNS64 subnet
                    RouteTarget nat = natTarget(v, table);
                    if (nat != null) add(routes, dests, Net.route("64:ff9b::/96", nat));
                }
            } else {
                if (chance(0.6)) {
                    RouteTarget t = weighted(
                            w(() -> v.igw == null ? null : Net.toIgw(v.igw), 45),
                            w(() -> natTarget(v, table), 25),
                            w(() -> applianceTarget(v, table), 15),
                            w(() -> v.vgw == null ? null : Net.toVgw(v.vgw), 5),
                            w(Net::blackhole, 10),
                            w(() -> anyPeering(v), 15), // never delivers: edge-to-edge through a peer
                            w(() -> tgwOf(v), 15));
                    add(routes, dests, Net.route("0.0.0.0/0", t));
                }
                if (v.v6 != null && chance(0.6)) {
                    RouteTarget t = weighted(
                            w(() -> v.igw == null ? null : Net.toIgw(v.igw), 35),
                            w(() -> v.eigw == null ? null : Net.toEigw(v.eigw), 45),
                            w(() -> applianceTarget(v, table), 10),
                            w(Net::blackhole, 10));
                    add(routes, dests, Net.route("::/0", t));
                }
            }
            if (v.subnets.size() > 1 && chance(0.4)) { // east-west inspection: another subnet through the appliance
                SubnetInfo s = subnetInfo(pick(v.subnets));
                add(routes, dests, Net.route(s.cidr.toString(), applianceTarget(v, table)));
            }
            int extra = r.nextInt(4);
            for (int i = 0; i < extra; i++) {
                double p = r.nextDouble();
                if (p < 0.3) { // a more specific route inside the VPC (middlebox routing)
                    SubnetInfo s = subnetInfo(pick(v.subnets));
                    RouteTarget t = weighted(
                            w(() -> applianceTarget(v, table), 65),
                            w(() -> natTarget(v, table), 15),
                            w(Net::blackhole, 20));
                    add(routes, dests, Net.route(s.cidr.toString(), t));
                } else if (p < 0.4 && vpcs.size() > 1) { // another VPC's block: no path there
                    VpcInfo o = pick(vpcs);
                    if (o == v || v.v4.contains(o.v4.get(0))) continue; // (overlapping VPCs: not a repeat of the local route)
                    RouteTarget t = weighted(
                            w(Net::blackhole, 40),
                            w(() -> v.vgw == null ? null : Net.toVgw(v.vgw), 20),
                            w(() -> v.igw == null ? null : Net.toIgw(v.igw), 20),
                            w(() -> natTarget(v, table), 20));
                    add(routes, dests, Net.route(o.v4.get(0).toString(), t));
                } else if (p < 0.55 && v.vgw != null) {
                    add(routes, dests, Net.route(pick(v.remote).toString(), chance(0.8) ? Net.toVgw(v.vgw) : Net.blackhole()));
                } else if (p < 0.7 && !prefixLists4.isEmpty()) {
                    RouteTarget t = weighted(
                            w(() -> v.igw == null ? null : Net.toIgw(v.igw), 30),
                            w(() -> natTarget(v, table), 20),
                            w(() -> v.vgw == null ? null : Net.toVgw(v.vgw), 15),
                            w(() -> applianceTarget(v, table), 10),
                            w(Net::blackhole, 25));
                    add(routes, dests, Net.plRoute(pick(prefixLists4), t));
                } else if (p < 0.75 && !prefixLists6.isEmpty()) {
                    RouteTarget t = weighted(
                            w(() -> v.eigw == null ? null : Net.toEigw(v.eigw), 50),
                            w(Net::blackhole, 50));
                    add(routes, dests, Net.plRoute(pick(prefixLists6), t));
                } else if (p < 0.9) {
                    RouteTarget t = weighted(
                            w(Net::blackhole, 40),
                            w(() -> v.igw == null ? null : Net.toIgw(v.igw), 30),
                            w(() -> natTarget(v, table), 15),
                            w(() -> v.vgw == null ? null : Net.toVgw(v.vgw), 15));
                    add(routes, dests, Net.route(pick("8.8.8.0/24", "52.94.0.0/24", "203.0.113.0/24", "192.168.0.0/16",
                            "100.64.0.0/10"), t));
                } else if (v.v6 != null) {
                    RouteTarget t = weighted(
                            w(() -> v.eigw == null ? null : Net.toEigw(v.eigw), 40),
                            w(() -> v.igw == null ? null : Net.toIgw(v.igw), 30),
                            w(Net::blackhole, 30));
                    add(routes, dests, Net.route("2a05:d000::/32", t));
                }
            }
            net.routes(table, routes.toArray(Route[]::new));
        }

        void add(List<Route> routes, Set<String> dests, Route route) {
            if (route.target() == null) return;
            if (dests.add(route.destination().toString())) routes.add(route);
        }

        record Weighted(Supplier<RouteTarget> target, int weight) {}

        static Weighted w(Supplier<RouteTarget> target, int weight) {
            return new Weighted(target, weight);
        }

        /** Picks a target by weight; suppliers returning null (no such gateway in the VPC) are skipped. */
        RouteTarget weighted(Weighted... options) {
            List<RouteTarget> bag = new ArrayList<>();
            for (Weighted o : options) {
                RouteTarget t = o.target().get();
                if (t != null) for (int i = 0; i < o.weight(); i++) bag.add(t);
            }
            return bag.isEmpty() ? null : pick(bag);
        }

        List<AclEntry> aclEntries(VpcInfo v) {
            List<AclEntry> entries = new ArrayList<>();
            Set<Integer> numbers = new HashSet<>();
            if (chance(0.55)) {
                entries.add(Net.allow(100, Protocol.ALL, null, "0.0.0.0/0"));
                numbers.add(100);
                if (v.v6 != null && chance(0.8)) {
                    entries.add(Net.allow(101, Protocol.ALL, null, "::/0"));
                    numbers.add(101);
                }
            }
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                int number = 10 * (1 + r.nextInt(30));
                if (!numbers.add(number)) continue;
                double p = r.nextDouble();
                Protocol proto = p < 0.45 ? Protocol.TCP : p < 0.55 ? Protocol.UDP : p < 0.7 ? Protocol.ICMP : p < 0.75 ? Protocol.ICMPV6 : Protocol.ALL;
                String cidr = proto == Protocol.ICMPV6 ? "::/0"
                        : pick("0.0.0.0/0", "0.0.0.0/0", v.v4.get(0).toString(), pick(subnets).cidr.toString(), "8.8.8.0/24",
                        "192.168.0.0/16", v.v6 != null ? "::/0" : "0.0.0.0/0");
                PortRange ports = proto.hasPorts()
                        ? PortRange.parse(pick("22", "443", "1024-65535", "49152", "0-65535", "32768-60999", "80")) : null;
                int type = proto == Protocol.ICMP ? pick(-1, 8, 0) : proto == Protocol.ICMPV6 ? pick(-1, 128, 129) : -1;
                AclEntry.Action action = chance(0.7) ? AclEntry.Action.ALLOW : AclEntry.Action.DENY;
                entries.add(new AclEntry(number, proto, ports, type, -1, Cidr.parse(cidr), action));
            }
            Collections.shuffle(entries, r);
            return entries;
        }
    }

    // ================================================================== flows

    private static final List<String> INTERNET_V4 = List.of("8.8.8.8", "1.1.1.1", "203.0.113.7", "198.51.100.20", "52.94.0.10");
    private static final List<String> INTERNET_V6 = List.of("2a05:d000::1", "2001:4860::8888", "64:ff9b::808:808",
            "64:ff9b::cb00:7107");

    /** A flow endpoint with the address the packet uses. */
    private record End(FlowEnd end, Ip ip) {}

    static Flow flow(Network n, Random r) {
        boolean hasV6 = false;
        for (NetworkInterface e : n.networkInterfaces()) hasV6 |= e.ipv6Ip() != null;
        int version = hasV6 && r.nextDouble() < 0.25 ? 6 : 4;
        if ((!n.vpcPeerings().isEmpty() || !n.transitGateways().isEmpty()) && r.nextDouble() < 0.3) {
            Flow across = acrossVpcs(n, r);
            if (across != null) return across;
        }
        for (int attempt = 0; ; attempt++) {
            End src = source(n, r, version);
            End dst = src == null ? null : fromOutside(n, src.end()) ? destinationFromOutside(n, r, version)
                    : snatPod(n, src.end()) && r.nextDouble() < 0.5 ? outside(n, r, version) : destination(n, r, version);
            if (src == null || dst == null || src.ip().equals(dst.ip())) {
                if (attempt > 50) version = 4;
                continue;
            }
            Ip from = src.ip();
            if (version == 4 && src.end() instanceof FlowEnd.AtInterface && r.nextDouble() < 0.1) {
                // a source address the host does not own (an appliance's own traffic, or spoofed): gateways that carry
                // only their VPC's addresses refuse it (NGW_REQUIRES_SOURCE_IN_VPC, VGW_/VPCE_..._EGRESS rules)
                from = Ip.parse(SPOOFED.get(r.nextInt(SPOOFED.size())));
            }
            return new Flow(src.end(), dst.end(), packet(r, from, dst.ip()), r.nextDouble() < 0.9);
        }
    }

    private static final List<String> SPOOFED = List.of("172.31.200.9", "10.250.0.7", "192.168.77.1");

    /** Interface to interface in another VPC (over a peering or the transit gateway, when routes allow), IPv4. */
    private static Flow acrossVpcs(Network n, Random r) {
        List<NetworkInterface> all = new ArrayList<>();
        for (NetworkInterface e : n.networkInterfaces()) if (e.privateIp() != null) all.add(e);
        if (all.size() < 2) return null;
        for (int attempt = 0; attempt < 20; attempt++) {
            NetworkInterface a = all.get(r.nextInt(all.size())), b = all.get(r.nextInt(all.size()));
            String va = n.subnet(a.subnet()).orElseThrow().vpc(), vb = n.subnet(b.subnet()).orElseThrow().vpc();
            if (va.equals(vb)) continue;
            // now and then IPv6 (transit gateway attachments carry it only with ipv6Support)
            boolean v6 = a.ipv6Ip() != null && b.ipv6Ip() != null && r.nextDouble() < 0.8;
            Packet p = v6 ? packet(r, a.ipv6Ip(), b.ipv6Ip()) : packet(r, a.privateIp(), b.privateIp());
            return new Flow(new FlowEnd.AtInterface(a.id()), new FlowEnd.AtInterface(b.id()), p, r.nextDouble() < 0.9);
        }
        return null;
    }

    /** Is this source a pod whose packets for outside the VPC are SNATed? */
    private static boolean snatPod(Network n, FlowEnd source) {
        return source instanceof FlowEnd.AtInterface i && n.pod(i.networkInterface()).map(Pod::snat).orElse(false);
    }

    /** A destination outside every VPC, where SNAT applies: the internet, a public EKS endpoint, an AWS service. */
    private static End outside(Network n, Random r, int version) {
        double p = r.nextDouble();
        if (p < 0.4) return anInternetHost(r, version);
        if (p < 0.7) return anEksEndpoint(n, r, version);
        return anAwsService(n, r, version);
    }

    private static End source(Network n, Random r, int version) {
        if (!n.pods().isEmpty() && r.nextDouble() < 0.2) {
            End pod = aPod(n, r, version);
            if (pod != null) return pod;
        }
        double p = r.nextDouble();
        if (p < 0.5) return anInterface(n, r, version);
        if (p < 0.6) return aSubnetHost(n, r, version);
        if (p < 0.65) return aNatGatewayAsSource(n, r, version);
        if (p < 0.85) return anInternetHost(r, version);
        return anExternal(n, r, version);
    }

    /** {@code ip:} of a NAT gateway's own address as a source (semantics.md: the NAT gateway sends). */
    private static End aNatGatewayAsSource(Network n, Random r, int version) {
        if (version == 6 || n.natGateways().isEmpty()) return aSubnetHost(n, r, version);
        NatGateway g = n.natGateways().get(r.nextInt(n.natGateways().size()));
        return new End(new FlowEnd.AtSubnetHost(g.subnet(), g.privateIp()), g.privateIp());
    }

    /** Is this source outside every VPC, sending from the internet or through a VPN? */
    private static boolean fromOutside(Network n, FlowEnd source) {
        return source instanceof FlowEnd.OnInternet || source instanceof FlowEnd.AtExternal;
    }

    private static End destinationFromOutside(Network n, Random r, int version) {
        double q = r.nextDouble();
        if (q < 0.08) return anEksEndpoint(n, r, version);
        if (q < 0.12 && !n.pods().isEmpty()) return aPod(n, r, version);
        double p = r.nextDouble();
        if (p < 0.5) return version == 4 ? aPublicIpOfTheNetwork(n, r, 4) : anInterface(n, r, 6);
        if (p < 0.75) return anInterface(n, r, version);
        if (p < 0.85) return aSubnetHost(n, r, version);
        if (p < 0.93) return anInternetHost(r, version);
        return anExternal(n, r, version);
    }

    private static End destination(Network n, Random r, int version) {
        double q = r.nextDouble();
        if (q < 0.08) return anEksEndpoint(n, r, version);
        if (q < 0.18) return anAwsService(n, r, version);
        if (q < 0.2) return anUnresolvedName(n, r, version);
        if (q < 0.24 && !n.pods().isEmpty()) return aPod(n, r, version);
        double p = r.nextDouble();
        if (p < 0.33) return anInterface(n, r, version);
        if (p < 0.41) return aSubnetHost(n, r, version);
        if (p < 0.63) return anInternetHost(r, version);
        if (p < 0.77) return aPublicIpOfTheNetwork(n, r, version);
        if (p < 0.87) return anExternal(n, r, version);
        if (p < 0.93) return aNatPrivateIp(n, r, version);
        return anEmptyAddress(n, r, version);
    }

    private static End anInterface(Network n, Random r, int version) {
        List<NetworkInterface> candidates = new ArrayList<>();
        for (NetworkInterface e : n.networkInterfaces()) if (version == 4 ? e.privateIp() != null : e.ipv6Ip() != null) candidates.add(e);
        if (candidates.isEmpty()) return null;
        NetworkInterface e = candidates.get(r.nextInt(candidates.size()));
        return new End(new FlowEnd.AtInterface(e.id()), version == 4 ? e.privateIp() : e.ipv6Ip());
    }

    /** A pod's interface with an address of this version (IPv6 pods have no private IPv4). */
    private static End aPod(Network n, Random r, int version) {
        List<NetworkInterface> candidates = new ArrayList<>();
        for (Pod p : n.pods()) {
            NetworkInterface e = n.networkInterface(p.id()).orElseThrow();
            if (version == 4 ? e.privateIp() != null : e.ipv6Ip() != null) candidates.add(e);
        }
        if (candidates.isEmpty()) return null;
        NetworkInterface e = candidates.get(r.nextInt(candidates.size()));
        return new End(new FlowEnd.AtInterface(e.id()), version == 4 ? e.privateIp() : e.ipv6Ip());
    }

    /** A cluster's public API endpoint (IPv4 only; an internet host when there is none). */
    private static End anEksEndpoint(Network n, Random r, int version) {
        List<EksCluster> candidates = new ArrayList<>();
        for (EksCluster c : n.eksClusters()) if (c.publicEndpointIp() != null) candidates.add(c);
        if (version == 6 || candidates.isEmpty()) return anInternetHost(r, version);
        EksCluster c = candidates.get(r.nextInt(candidates.size()));
        return new End(new FlowEnd.EksPublicEndpoint(c.name(), c.publicEndpointIp()), c.publicEndpointIp());
    }

    /** An AWS service at an address of its prefix list (S3), or at the stand-in public address. */
    private static End anAwsService(Network n, Random r, int version) {
        if (version == 6) return anInternetHost(r, 6);
        for (PrefixList pl : n.prefixLists()) {
            if (pl.name().endsWith(".s3") && r.nextDouble() < 0.85) {
                Cidr c = pl.cidrs().get(r.nextInt(pl.cidrs().size()));
                Ip ip = c.address(new int[]{0, 1, 10, 300}[r.nextInt(4)]);
                return new End(new FlowEnd.AwsService("s3", ip), ip);
            }
        }
        Ip stand = Ip.parse("52.94.0.10");
        return new End(new FlowEnd.AwsService("sts", stand), stand);
    }

    /** A name that does not resolve from here (the expander decides that; here: any cluster, either code). */
    private static End anUnresolvedName(Network n, Random r, int version) {
        if (n.eksClusters().isEmpty()) return anInternetHost(r, version);
        EksCluster c = n.eksClusters().get(r.nextInt(n.eksClusters().size()));
        ExplanationCode code = r.nextBoolean() ? ExplanationCode.EKS_PRIVATE_ENDPOINT_DNS_DISABLED : ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED;
        Ip placeholder = version == 4 ? Ip.parse("198.19.255.1") : Ip.parse("2a05:d000::1");
        return new End(new FlowEnd.Unresolved("eks-api:" + c.name(), c.name(), code), placeholder);
    }

    private static End aSubnetHost(Network n, Random r, int version) {
        List<Subnet> candidates = new ArrayList<>();
        for (Subnet s : n.subnets()) if (s.firstHost(version) != null) candidates.add(s);
        if (candidates.isEmpty()) return null;
        Subnet s = candidates.get(r.nextInt(candidates.size()));
        Ip ip = s.firstHost(version);
        for (NetworkInterface e : n.networkInterfaces()) if (e.owns(ip)) return null; // only a free address
        return new End(new FlowEnd.AtSubnetHost(s.id(), ip), ip);
    }

    private static End anInternetHost(Random r, int version) {
        List<String> pool = version == 4 ? INTERNET_V4 : INTERNET_V6;
        Ip ip = Ip.parse(pool.get(r.nextInt(pool.size())));
        return new End(new FlowEnd.OnInternet(ip), ip);
    }

    private static End aPublicIpOfTheNetwork(Network n, Random r, int version) {
        if (version == 6) return anInternetHost(r, 6);
        List<Ip> ips = new ArrayList<>();
        for (NetworkInterface e : n.networkInterfaces()) if (e.publicIp() != null) ips.add(e.publicIp());
        for (NatGateway g : n.natGateways()) if (g.publicIp() != null) ips.add(g.publicIp());
        if (ips.isEmpty()) return anInternetHost(r, 4);
        Ip ip = ips.get(r.nextInt(ips.size()));
        return new End(new FlowEnd.OnInternet(ip), ip);
    }

    private static End anExternal(Network n, Random r, int version) {
        if (version == 6 || n.externals().isEmpty()) return anInternetHost(r, version);
        ExternalNetwork x = n.externals().get(r.nextInt(n.externals().size()));
        return new End(new FlowEnd.AtExternal(x.id(), x.address()), x.address());
    }

    private static End aNatPrivateIp(Network n, Random r, int version) {
        if (version == 6 || n.natGateways().isEmpty()) return anInterface(n, r, version);
        NatGateway g = n.natGateways().get(r.nextInt(n.natGateways().size()));
        return new End(new FlowEnd.OnInternet(g.privateIp()), g.privateIp());
    }

    /** An address inside a subnet where nothing lives (or in a VPC block no subnet holds). */
    private static End anEmptyAddress(Network n, Random r, int version) {
        if (version == 6 || n.subnets().isEmpty()) return anInterface(n, r, version);
        Ip ip;
        if (r.nextBoolean()) {
            ip = n.subnets().get(r.nextInt(n.subnets().size())).cidr().address(250);
        } else {
            Vpc v = n.vpcs().get(r.nextInt(n.vpcs().size()));
            ip = v.cidrs().get(0).address(255L * 256 + 7); // x.y.255.7: no generated subnet uses the last /24
        }
        return new End(new FlowEnd.OnInternet(ip), ip);
    }

    private static Packet packet(Random r, Ip src, Ip dst) {
        double p = r.nextDouble();
        int dstPort = new int[]{22, 443, 443, 49152, 80, 8080}[r.nextInt(6)];
        int srcPort = r.nextDouble() < 0.8 ? 49152 : new int[]{1024, 33000, 61000}[r.nextInt(3)];
        if (p < 0.55) return new Packet(src, dst, Protocol.TCP, srcPort, dstPort, -1, -1);
        if (p < 0.67) return new Packet(src, dst, Protocol.UDP, srcPort, dstPort, -1, -1);
        if (p < 0.85) {
            boolean v4 = src.isV4();
            int type = r.nextDouble() < 0.9 ? (v4 ? 8 : 128) : (v4 ? 3 : 1); // mostly echo, some without reply
            return new Packet(src, dst, v4 ? Protocol.ICMP : Protocol.ICMPV6, 0, 0, type, 0);
        }
        return new Packet(src, dst, Protocol.ALL, 0, 0, -1, -1);
    }

    // ================================================================== validity

    /** Problems that would make the loader refuse {@code n}; empty when the network is valid. */
    static List<String> problems(Network n) {
        List<String> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        n.vpcs().forEach(x -> all.add(x.id()));
        n.subnets().forEach(x -> all.add(x.id()));
        n.routeTables().forEach(x -> all.add(x.id()));
        n.internetGateways().forEach(x -> all.add(x.id()));
        n.egressOnlyInternetGateways().forEach(x -> all.add(x.id()));
        n.natGateways().forEach(x -> all.add(x.id()));
        n.vpnGateways().forEach(x -> all.add(x.id()));
        n.networkAcls().forEach(x -> all.add(x.id()));
        n.securityGroups().forEach(x -> all.add(x.id()));
        n.prefixLists().forEach(x -> all.add(x.id()));
        n.networkInterfaces().forEach(x -> all.add(x.id()));
        n.externals().forEach(x -> all.add(x.id()));
        n.vpcEndpoints().forEach(x -> all.add(x.id()));
        for (String id : all) if (!ids.add(id)) out.add("duplicate id " + id);
        for (Subnet s : n.subnets()) {
            Vpc v = n.vpc(s.vpc()).orElse(null);
            if (v == null) { out.add(s.id() + ": no vpc"); continue; }
            if (v.cidrs().stream().noneMatch(c -> c.contains(s.cidr()))) out.add(s.id() + " outside its VPC");
            if (s.ipv6Cidr() != null && v.ipv6Cidrs().stream().noneMatch(c -> c.contains(s.ipv6Cidr()))) out.add(s.id() + " v6 outside its VPC");
            for (Subnet o : n.subnets()) {
                if (o != s && o.vpc().equals(s.vpc()) && o.cidr().overlaps(s.cidr())) out.add(s.id() + " overlaps " + o.id());
            }
        }
        // private addresses are unique per VPC (VPC blocks may overlap), public ones everywhere
        Set<String> addresses = new HashSet<>();
        for (NetworkInterface e : n.networkInterfaces()) {
            Subnet s = n.subnet(e.subnet()).orElseThrow();
            if (e.privateIp() == null) { // only an IPv6 cluster's pod has no private IPv4
                Pod pod = n.pod(e.id()).orElse(null);
                EksCluster c = pod == null ? null : n.eksCluster(pod.cluster()).orElse(null);
                if (c == null || c.ipFamily() != 6 || e.ipv6Ip() == null) out.add(e.id() + " has no private IPv4");
            } else if (!s.contains(e.privateIp())) {
                out.add(e.id() + " address outside its subnet");
            }
            if (e.ipv6Ip() != null && !s.contains(e.ipv6Ip())) out.add(e.id() + " v6 outside its subnet");
            for (Ip a : e.secondaryPrivateIps()) if (!s.contains(a)) out.add(e.id() + " secondary outside its subnet");
            List<Ip> mine = new ArrayList<>(e.secondaryPrivateIps());
            if (e.privateIp() != null) mine.add(e.privateIp());
            if (e.ipv6Ip() != null) mine.add(e.ipv6Ip());
            for (Ip a : mine) if (!addresses.add(s.vpc() + " " + a)) out.add("address used twice: " + a);
            if (e.publicIp() != null && !addresses.add("public " + e.publicIp())) out.add("address used twice: " + e.publicIp());
            if (e.securityGroups().isEmpty()) out.add(e.id() + " has no security group");
            for (String g : e.securityGroups()) {
                SecurityGroup sg = n.securityGroup(g).orElse(null);
                if (sg == null || !sg.vpc().equals(s.vpc())) out.add(e.id() + ": group " + g + " not in its VPC");
            }
        }
        for (NatGateway g : n.natGateways()) {
            Subnet s = n.subnet(g.subnet()).orElseThrow();
            if (!s.contains(g.privateIp())) out.add(g.id() + " address outside its subnet");
            if (!addresses.add(s.vpc() + " " + g.privateIp())) out.add("address used twice: " + g.privateIp());
            if (g.connectivity() == NatGateway.Connectivity.PUBLIC && g.publicIp() == null) out.add(g.id() + " public without EIP");
            if (g.publicIp() != null && !addresses.add("public " + g.publicIp())) out.add("address used twice: " + g.publicIp());
        }
        for (Vpc v : n.vpcs()) {
            if (n.internetGateways().stream().filter(g -> g.vpc().equals(v.id())).count() > 1) out.add(v.id() + ": two IGWs");
            if (n.vpnGateways().stream().filter(g -> g.vpc().equals(v.id())).count() > 1) out.add(v.id() + ": two VGWs");
        }
        for (RouteTable t : n.routeTables()) {
            for (Route route : t.routes()) {
                String owner = targetVpc(n, route.target());
                if (owner != null && !owner.equals(t.vpc())) out.add(t.id() + ": " + route.target().id() + " is in another VPC");
                List<Cidr> dests = new ArrayList<>();
                if (route.destination() instanceof Route.RouteDestination.CidrDestination c) dests.add(c.cidr());
                if (route.destination() instanceof Route.RouteDestination.PrefixListDestination pd) {
                    PrefixList pl = n.prefixList(pd.prefixListId()).orElse(null);
                    if (pl == null) out.add(t.id() + ": unknown prefix list " + pd.prefixListId());
                    else dests.addAll(pl.cidrs());
                }
                if (route.target() instanceof RouteTarget.VpcEndpoint ve) {
                    VpcEndpoint e = n.vpcEndpoint(ve.id()).orElse(null);
                    if (e == null || e.type() != VpcEndpoint.Type.GATEWAY) out.add(t.id() + ": " + ve.id() + " is no gateway endpoint");
                    if (!(route.destination() instanceof Route.RouteDestination.PrefixListDestination)) {
                        out.add(t.id() + ": a gateway endpoint's route is a prefix-list route");
                    }
                }
                for (Cidr c : dests) {
                    if (c.version() == 4 && route.target() instanceof RouteTarget.EgressOnlyInternetGateway) out.add(t.id() + ": IPv4 to an EIGW");
                    if (c.version() == 6 && route.target() instanceof RouteTarget.NatGateway && !Cidr.NAT64.contains(c)) {
                        out.add(t.id() + ": IPv6 outside 64:ff9b::/96 to a NAT");
                    }
                }
            }
            for (String vgw : t.propagatingVgws()) {
                VpnGateway g = n.vpnGateway(vgw).orElse(null);
                if (g == null || !g.vpc().equals(t.vpc())) out.add(t.id() + ": propagation from " + vgw);
            }
        }
        out.addAll(eksAndEndpointProblems(n, addresses));
        out.addAll(crossVpcProblems(n));
        return out;
    }

    /** What the loader guarantees of peerings and transit gateways (CrossVpcResolver). */
    private static List<String> crossVpcProblems(Network n) {
        List<String> out = new ArrayList<>();
        for (io.reachsim.model.VpcPeering p : n.vpcPeerings()) {
            Vpc a = n.vpc(p.requester()).orElse(null), b = n.vpc(p.accepter()).orElse(null);
            if (a == null || b == null || a == b) { out.add(p.id() + ": bad VPCs"); continue; }
            for (Cidr x : a.cidrs()) for (Cidr y : b.cidrs()) if (x.overlaps(y)) out.add(p.id() + ": overlapping VPCs");
        }
        for (io.reachsim.model.TransitGateway g : n.transitGateways()) {
            Set<String> tables = new HashSet<>();
            g.routeTables().forEach(t -> tables.add(t.id()));
            Set<String> attachments = new HashSet<>();
            Set<String> attachedVpcs = new HashSet<>();
            for (io.reachsim.model.TransitGateway.Attachment a : g.attachments()) {
                attachments.add(a.id());
                if (a.association() != null && !tables.contains(a.association())) out.add(a.id() + ": unknown association");
                for (String t : a.propagations()) if (!tables.contains(t)) out.add(a.id() + ": unknown propagation " + t);
                if (a.type() == io.reachsim.model.TransitGateway.Attachment.Type.VPN) continue;
                if (!attachedVpcs.add(a.vpc())) out.add(a.id() + ": VPC attached twice");
                Set<String> zones = new HashSet<>();
                for (String sid : a.subnets()) {
                    Subnet s = n.subnet(sid).orElse(null);
                    if (s == null || !s.vpc().equals(a.vpc())) out.add(a.id() + ": subnet " + sid + " not in its VPC");
                    else if (!zones.add(s.az())) out.add(a.id() + ": two subnets in " + s.az());
                }
                if (a.subnets().isEmpty()) out.add(a.id() + ": no subnets");
            }
            for (io.reachsim.model.TransitGateway.RouteTable t : g.routeTables()) {
                for (io.reachsim.model.TransitGateway.TgwRoute r : t.routes()) {
                    if (!r.blackhole() && !attachments.contains(r.attachment())) out.add(t.id() + ": unknown attachment " + r.attachment());
                }
            }
        }
        for (RouteTable t : n.routeTables()) {
            for (Route route : t.routes()) {
                if (route.target() instanceof RouteTarget.VpcPeering x) {
                    io.reachsim.model.VpcPeering p = n.vpcPeering(x.id()).orElse(null);
                    if (p == null || p.peerOf(t.vpc()) == null) out.add(t.id() + ": " + x.id() + " is not a peering of its VPC");
                }
                if (route.target() instanceof RouteTarget.TransitGateway x) {
                    boolean attached = n.transitGateway(x.id()).map(g -> g.attachments().stream()
                            .anyMatch(a -> t.vpc().equals(a.vpc()))).orElse(false);
                    if (!attached) out.add(t.id() + ": its VPC is not attached to " + x.id());
                }
                if (route.destination() instanceof Route.RouteDestination.CidrDestination c
                        && n.vpc(t.vpc()).map(v -> v.cidrs().contains(c.cidr())).orElse(false)) {
                    out.add(t.id() + ": a route repeats a local route " + c.cidr());
                }
            }
        }
        return out;
    }

    /** What the loader guarantees of materialised clusters, pods and endpoints. */
    private static List<String> eksAndEndpointProblems(Network n, Set<String> addresses) {
        List<String> out = new ArrayList<>();
        for (EksCluster c : n.eksClusters()) {
            Vpc v = n.vpc(c.vpc()).orElse(null);
            if (v == null) { out.add(c.name() + ": no vpc"); continue; }
            SecurityGroup sg = n.securityGroup(c.clusterSecurityGroup()).orElse(null);
            if (sg == null || !sg.vpc().equals(v.id()) || !c.clusterSecurityGroup().equals(EksCluster.clusterSecurityGroupId(c.name()))) {
                out.add(c.name() + ": cluster security group " + c.clusterSecurityGroup());
            }
            for (String x : c.crossAccountInterfaces()) {
                NetworkInterface e = n.networkInterface(x).orElse(null);
                if (e == null || !c.subnets().contains(e.subnet()) || !x.startsWith(c.name() + "-xeni-")
                        || !e.securityGroups().contains(c.clusterSecurityGroup())) out.add(c.name() + ": X-ENI " + x);
            }
            for (EksCluster.NodeGroup g : c.nodeGroups()) {
                for (int i = 0; i < g.nodeInterfaces().size(); i++) {
                    String id = g.nodeInterfaces().get(i);
                    NetworkInterface e = n.networkInterface(id).orElse(null);
                    if (e == null || !e.subnet().equals(g.subnets().get(i)) || !id.equals(c.name() + "-" + g.name() + "-" + e.subnet())) {
                        out.add(c.name() + ": node " + id);
                    } else if (c.ipFamily() == 6 && e.ipv6Ip() == null) {
                        out.add(c.name() + ": node " + id + " of an IPv6 cluster without IPv6");
                    }
                }
            }
            if (c.publicEndpointIp() != null) {
                if (!addresses.add("public " + c.publicEndpointIp())) out.add("address used twice: " + c.publicEndpointIp());
                for (Vpc o : n.vpcs()) if (o.contains(c.publicEndpointIp())) out.add(c.name() + ": public endpoint inside " + o.id());
            }
        }
        for (Pod p : n.pods()) {
            NetworkInterface e = n.networkInterface(p.id()).orElse(null);
            NetworkInterface node = n.networkInterface(p.node()).orElse(null);
            EksCluster c = n.eksCluster(p.cluster()).orElse(null);
            if (e == null || node == null || c == null) { out.add(p.id() + ": pod without interface, node or cluster"); continue; }
            if (!p.id().equals(p.node() + "-pod")) out.add(p.id() + ": not named after its node");
            String podVpc = n.subnet(e.subnet()).orElseThrow().vpc(), nodeVpc = n.subnet(node.subnet()).orElseThrow().vpc();
            if (!podVpc.equals(c.vpc()) || !nodeVpc.equals(c.vpc())) out.add(p.id() + ": outside its cluster's VPC");
            if (p.snat() && (c.ipFamily() != 4 || e.privateIp() == null || c.pods().externalSnat())) out.add(p.id() + ": SNAT where the CNI does none");
            if (node.privateIp() == null) out.add(p.id() + ": node without a primary IPv4");
        }
        for (VpcEndpoint e : n.vpcEndpoints()) {
            if (n.vpc(e.vpc()).isEmpty()) { out.add(e.id() + ": no vpc"); continue; }
            for (String t : e.routeTables()) {
                RouteTable rt = n.routeTable(t).orElse(null);
                if (rt == null || !rt.vpc().equals(e.vpc())) out.add(e.id() + ": route table " + t);
                else if (rt.routes().stream().noneMatch(r -> r.target().equals(new RouteTarget.VpcEndpoint(e.id())))) {
                    out.add(e.id() + ": no route in " + t);
                }
            }
            for (String x : e.networkInterfaces()) {
                NetworkInterface i = n.networkInterface(x).orElse(null);
                if (i == null || !n.subnet(i.subnet()).orElseThrow().vpc().equals(e.vpc()) || !i.securityGroups().equals(e.securityGroups())) {
                    out.add(e.id() + ": interface " + x);
                }
            }
        }
        return out;
    }

    private static String targetVpc(Network n, RouteTarget t) {
        if (t instanceof RouteTarget.InternetGateway g) return n.internetGateway(g.id()).map(x -> x.vpc()).orElse("?");
        if (t instanceof RouteTarget.EgressOnlyInternetGateway g) return n.egressOnlyInternetGateway(g.id()).map(x -> x.vpc()).orElse("?");
        if (t instanceof RouteTarget.VpnGateway g) return n.vpnGateway(g.id()).map(x -> x.vpc()).orElse("?");
        if (t instanceof RouteTarget.NatGateway g) {
            return n.natGateway(g.id()).flatMap(x -> n.subnet(x.subnet())).map(Subnet::vpc).orElse("?");
        }
        if (t instanceof RouteTarget.NetworkInterface e) {
            return n.networkInterface(e.id()).flatMap(x -> n.subnet(x.subnet())).map(Subnet::vpc).orElse("?");
        }
        if (t instanceof RouteTarget.VpcEndpoint e) return n.vpcEndpoint(e.id()).map(VpcEndpoint::vpc).orElse("?");
        if (t instanceof RouteTarget.Instance i) {
            return n.networkInterface(i.id()).flatMap(x -> n.subnet(x.subnet())).map(Subnet::vpc).orElse("?");
        }
        return null;
    }
}
