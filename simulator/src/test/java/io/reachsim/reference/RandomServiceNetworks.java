package io.reachsim.reference;

import io.reachsim.compile.FLattice;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointService;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PortRange;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Packet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@link RandomNetworks} with PrivateLink and VPC Lattice on top: a Network Load Balancer (random
 * security groups, enforcement, listeners and targets — instances, interface addresses, empty addresses)
 * behind an endpoint service (random acceptance) with an interface endpoint in a random VPC; and Lattice
 * with the implicit prefix list, service networks associated with random VPCs (random association groups
 * and auth), services (random listeners and auth) and target groups whose targets are new interfaces
 * whose groups allow the Lattice prefix list or only the VPC. Flows go from VPC hosts to the load
 * balancer nodes, the endpoint interfaces and the Lattice services, with a chosen or no target.
 */
final class RandomServiceNetworks {
    private RandomServiceNetworks() {}

    static Arbitrary<Network> networks() {
        return RandomNetworks.networks().flatMap(n -> Arbitraries.randomValue(r -> new Gen(n, r).build()));
    }

    static Arbitrary<Flow> flows(Network network) {
        Fabric fabric = Fabric.compile(network);
        return Arbitraries.randomValue(r -> flow(network, fabric, r));
    }

    private static final class Gen {
        final Network n;
        final Random r;
        final Network.Builder b;
        final Set<Ip> taken = new HashSet<>();
        int ids;

        Gen(Network n, Random r) {
            this.n = n;
            this.r = r;
            this.b = n.toBuilder();
            for (NetworkInterface e : n.networkInterfaces()) {
                if (e.privateIp() != null) taken.add(e.privateIp());
                taken.addAll(e.secondaryPrivateIps());
            }
            for (NatGateway g : n.natGateways()) {
                taken.add(g.privateIp());
                taken.addAll(g.secondaryPrivateIps());
            }
        }

        boolean chance(double p) {
            return r.nextDouble() < p;
        }

        <T> T pick(List<T> l) {
            return l.get(r.nextInt(l.size()));
        }

        List<Subnet> subnetsOf(String vpc) {
            return n.subnets().stream().filter(s -> vpc.equals(s.vpc()) && s.cidr() != null && s.cidr().prefix() <= 28).toList();
        }

        /** A free address of the subnet from base+200 (base+5 in small blocks) up; null when none. */
        Ip free(Subnet s) {
            long start = s.cidr().size() > 256 ? 200 : Math.min(200, s.cidr().size() / 2);
            for (long k = start; k < s.cidr().size() - 1; k++) {
                Ip a = s.cidr().address(k);
                // overlapping VPCs: an address is unique per VPC, but keep it unique everywhere (simpler, still valid)
                if (taken.add(a)) return a;
            }
            return null;
        }

        List<String> someGroups(String vpc) {
            List<String> all = n.securityGroups().stream().filter(g -> vpc.equals(g.vpc())).map(SecurityGroup::id).toList();
            List<String> out = new ArrayList<>();
            if (all.isEmpty()) return out;
            int k = 1 + r.nextInt(Math.min(2, all.size()));
            for (int i = 0; i < k; i++) {
                String g = pick(all);
                if (!out.contains(g)) out.add(g);
            }
            return out;
        }

        Network build() {
            // two availability zones, so load balancers without cross-zone load balancing matter
            for (int i = 0; i < b.subnets.size(); i++) {
                Subnet s = b.subnets.get(i);
                if (chance(0.5)) {
                    b.subnets.set(i, new Subnet(s.id(), s.vpc(), "us-east-1b", s.cidr(), s.ipv6Cidr(), s.routeTable(), s.networkAcl(), s.tags()));
                }
            }
            List<Vpc> vpcs = n.vpcs().stream().filter(v -> !subnetsOf(v.id()).isEmpty()).toList();
            if (vpcs.isEmpty()) return n;
            if (chance(0.8)) privateLink(vpcs);
            if (chance(0.8)) lattice(vpcs);
            return b.build();
        }

        void privateLink(List<Vpc> vpcs) {
            Vpc provider = pick(vpcs);
            List<Subnet> subnets = new ArrayList<>(subnetsOf(provider.id()));
            List<String> nodes = new ArrayList<>();
            List<String> nodeSubnets = new ArrayList<>();
            List<String> groups = chance(0.5) ? someGroups(provider.id()) : List.of();
            int k = 1 + r.nextInt(Math.min(2, subnets.size()));
            for (int i = 0; i < k; i++) {
                Subnet s = subnets.remove(r.nextInt(subnets.size()));
                Ip ip = free(s);
                if (ip == null) continue;
                String id = "nlb-" + s.id();
                b.add(new NetworkInterface(id, s.id(), ip, List.of(), null, null, groups, true, null));
                nodes.add(id);
                nodeSubnets.add(s.id());
            }
            if (nodes.isEmpty()) return;
            List<LoadBalancer.Listener> listeners = new ArrayList<>();
            int[] ports = {80, 443, 8080};
            ListenerProtocol[] protocols = {ListenerProtocol.TCP, ListenerProtocol.TCP, ListenerProtocol.UDP, ListenerProtocol.TCP_UDP,
                    ListenerProtocol.TLS};
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 1 + r.nextInt(2); i++) {
                int port = ports[r.nextInt(ports.length)];
                if (!used.add(port)) continue;
                // the target group's own cross-zone setting, sometimes (null: the load balancer's)
                Boolean tgCrossZone = chance(0.3) ? Boolean.valueOf(chance(0.5)) : null;
                listeners.add(new LoadBalancer.Listener(protocols[r.nextInt(protocols.length)], port, targets(provider.id()), tgCrossZone));
            }
            if (!groups.isEmpty() && chance(0.6)) {
                // targets admitting the load balancer's group (AWS: works even with client IP preservation)
                b.add(new SecurityGroup("sg-from-nlb", provider.id(), "from-nlb",
                        List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer(groups.get(0)), null)), List.of()));
                for (int i = 0; i < b.networkInterfaces.size(); i++) {
                    NetworkInterface e = b.networkInterfaces.get(i);
                    if (nodes.contains(e.id()) || !n.subnet(e.subnet()).map(x -> provider.id().equals(x.vpc())).orElse(false)
                            || !chance(0.6)) continue;
                    List<String> sgs = new ArrayList<>(e.securityGroups());
                    sgs.add(0, "sg-from-nlb");
                    b.networkInterfaces.set(i, new NetworkInterface(e.id(), e.subnet(), e.privateIp(), e.secondaryPrivateIps(), e.ipv6Ip(),
                            e.publicIp(), sgs, e.sourceDestCheck(), e.instance(), e.account()));
                }
            }
            b.add(new LoadBalancer("nlb", LoadBalancer.Type.NETWORK, LoadBalancer.Scheme.INTERNAL, provider.id(), nodeSubnets, groups,
                    listeners, nodes, chance(0.6), chance(0.5)));
            Vpc consumer = pick(vpcs);
            Subnet es = pick(subnetsOf(consumer.id()));
            Ip ip = free(es);
            if (ip == null) return;
            boolean required = chance(0.3);
            boolean accepted = chance(0.5);
            b.add(new EndpointService("vpce-svc-x", "nlb", required, List.of("*"), accepted ? List.of("vpce-x") : List.of()));
            List<String> epGroups = chance(0.8) ? someGroups(consumer.id()) : List.of(consumer.defaultSecurityGroup());
            b.add(new NetworkInterface("vpce-x-" + es.id(), es.id(), ip, List.of(), null, null, epGroups, true, null));
            b.add(new VpcEndpoint("vpce-x", consumer.id(), VpcEndpoint.Type.INTERFACE, "vpce-svc-x", List.of(), List.of(es.id()),
                    epGroups, false, List.of("vpce-x-" + es.id())));
        }

        List<LoadBalancer.Target> targets(String vpc) {
            List<LoadBalancer.Target> out = new ArrayList<>();
            List<Instance> instances = n.instances().stream().filter(i -> i.subnet() != null
                    && n.subnet(i.subnet()).map(s -> vpc.equals(s.vpc())).orElse(false)).toList();
            List<NetworkInterface> enis = n.networkInterfaces().stream().filter(e -> e.privateIp() != null
                    && n.subnet(e.subnet()).map(s -> vpc.equals(s.vpc())).orElse(false)).toList();
            int k = r.nextInt(3);
            for (int i = 0; i < k; i++) {
                int port = chance(0.5) ? 0 : new int[]{22, 443, 8080}[r.nextInt(3)];
                double p = r.nextDouble();
                if (p < 0.4 && !instances.isEmpty()) {
                    out.add(new LoadBalancer.Target(pick(instances).id(), null, port));
                } else if (p < 0.85 && !enis.isEmpty()) {
                    out.add(new LoadBalancer.Target(null, pick(enis).privateIp(), port));
                } else {
                    Subnet s = pick(subnetsOf(vpc));
                    Ip a = free(s);
                    if (a != null) out.add(new LoadBalancer.Target(null, a, port)); // nothing there
                }
            }
            return out;
        }

        void lattice(List<Vpc> vpcs) {
            b.add(new PrefixList("pl-vpc-lattice", "com.amazonaws.us-east-1.vpc-lattice",
                    List.of(Cidr.parse("169.254.171.0/24"), Cidr.parse("fd00:ec2:80::/64"))));
            List<Lattice.TargetGroup> groups = new ArrayList<>();
            for (int g = 0; g < 1 + r.nextInt(2); g++) {
                Vpc v = pick(vpcs);
                String sg = "sg-lattice-targets-" + g;
                SgRule rule = chance(0.7)
                        ? new SgRule(Protocol.TCP, chance(0.7) ? null : PortRange.of(8080), -1, -1, new SgRule.SgPeer.PrefixListPeer("pl-vpc-lattice"), null)
                        : new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(v.cidrs().get(0)), null);
                b.add(new SecurityGroup(sg, v.id(), sg, List.of(rule), RandomServiceNetworks.allOut()));
                List<Lattice.Target> targets = new ArrayList<>();
                for (int t = 0; t < r.nextInt(3); t++) {
                    Subnet s = pick(subnetsOf(v.id()));
                    Ip a = free(s);
                    if (a == null) continue;
                    if (chance(0.85)) {
                        String id = "lt-" + g + "-" + t;
                        b.add(new NetworkInterface(id, s.id(), a, List.of(), null, null, List.of(sg), true, null));
                    }
                    targets.add(new Lattice.Target(null, a, chance(0.5) ? 0 : 9090));
                }
                groups.add(new Lattice.TargetGroup("tg-" + g, v.id(), Lattice.TargetGroup.TargetType.IP, ListenerProtocol.HTTP, 8080, targets));
            }
            List<Lattice.Service> services = new ArrayList<>();
            ListenerProtocol[] protocols = {ListenerProtocol.HTTP, ListenerProtocol.HTTPS, ListenerProtocol.TLS};
            for (int s = 0; s < 1 + r.nextInt(3); s++) {
                List<Lattice.Listener> listeners = new ArrayList<>();
                listeners.add(new Lattice.Listener(protocols[r.nextInt(3)], chance(0.6) ? 443 : 80, pick(groups).id()));
                if (chance(0.3)) listeners.add(new Lattice.Listener(ListenerProtocol.HTTP, 8080, pick(groups).id()));
                services.add(new Lattice.Service("svc-" + s, auth(), chance(0.5), listeners));
            }
            List<Lattice.ServiceNetwork> networks = new ArrayList<>();
            Set<String> associated = new HashSet<>();
            for (int k = 0; k < 1 + r.nextInt(2); k++) {
                List<String> members = new ArrayList<>();
                for (Lattice.Service svc : services) if (chance(0.7)) members.add(svc.id());
                List<Lattice.VpcAssociation> assocs = new ArrayList<>();
                for (Vpc v : vpcs) {
                    if (chance(0.6) && associated.add(v.id())) {
                        assocs.add(new Lattice.VpcAssociation(v.id(), chance(0.5) ? someGroups(v.id()) : List.of()));
                    }
                }
                networks.add(new Lattice.ServiceNetwork("sn-" + k, auth(), chance(0.5), members, assocs));
            }
            b.lattice(new Lattice("pl-vpc-lattice", networks, services, groups));
        }

        Lattice.AuthType auth() {
            return chance(0.3) ? Lattice.AuthType.AWS_IAM : Lattice.AuthType.NONE;
        }
    }

    static List<SgRule> allOut() {
        return List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null));
    }

    // ================================================================== flows

    static Flow flow(Network n, Fabric fabric, Random r) {
        List<NetworkInterface> sources = n.networkInterfaces().stream()
                .filter(e -> e.privateIp() != null && !e.id().startsWith("nlb-") && !e.id().startsWith("lt-")).toList();
        FlowEnd from;
        Ip srcIp;
        NetworkInterface src = sources.isEmpty() ? null : sources.get(r.nextInt(sources.size()));
        if (src == null || chance(r, 0.15)) {
            // a virtual host of a subnet (carries its VPC's default group)
            List<Subnet> subnets = n.subnets().stream().filter(x -> x.cidr() != null).toList();
            Subnet s = subnets.get(r.nextInt(subnets.size()));
            srcIp = s.cidr().address(4);
            from = new FlowEnd.AtSubnetHost(s.id(), srcIp);
        } else {
            from = new FlowEnd.AtInterface(src.id());
            srcIp = src.privateIp();
        }
        double p = r.nextDouble();
        FlowEnd to;
        Ip dstIp;
        LoadBalancer lb = n.loadBalancer("nlb").orElse(null);
        VpcEndpoint ep = n.vpcEndpoint("vpce-x").orElse(null);
        FLattice lattice = fabric.lattice();
        if (p < 0.35 && lb != null) {
            String node = lb.networkInterfaces().get(r.nextInt(lb.networkInterfaces().size()));
            dstIp = n.networkInterface(node).orElseThrow().privateIp();
            to = chance(r, 0.8) ? serviceTarget(r, "lb:nlb", node, lb.listeners().stream().map(l -> l.targets().size()).toList())
                    : new FlowEnd.AtInterface(node);
        } else if (p < 0.65 && ep != null && lb != null) {
            String eni = ep.networkInterfaces().get(0);
            dstIp = n.networkInterface(eni).orElseThrow().privateIp();
            to = chance(r, 0.8) ? serviceTarget(r, "vpce:vpce-x", eni, lb.listeners().stream().map(l -> l.targets().size()).toList())
                    : new FlowEnd.AtInterface(eni);
        } else if (lattice != null && !n.lattice().services().isEmpty()) {
            Lattice.Service svc = n.lattice().services().get(r.nextInt(n.lattice().services().size()));
            dstIp = lattice.service(svc.id()).address4;
            List<Integer> sizes = new ArrayList<>();
            for (Lattice.Listener l : svc.listeners()) {
                sizes.add(n.lattice().targetGroups().stream().filter(g -> g.id().equals(l.targetGroup())).findFirst().orElseThrow().targets().size());
            }
            to = chance(r, 0.85) ? serviceTarget(r, "lattice:" + svc.id(), svc.id(), sizes) : new FlowEnd.OnInternet(dstIp);
        } else {
            List<NetworkInterface> all = n.networkInterfaces().stream().filter(e -> e.privateIp() != null).toList();
            if (all.isEmpty()) {
                to = new FlowEnd.OnInternet(Ip.parse("8.8.8.8"));
                dstIp = Ip.parse("8.8.8.8");
            } else {
                NetworkInterface d = all.get(r.nextInt(all.size()));
                to = new FlowEnd.AtInterface(d.id());
                dstIp = d.privateIp();
            }
        }
        int port = new int[]{80, 443, 443, 8080, 53}[r.nextInt(5)];
        Protocol protocol = chance(r, 0.8) ? Protocol.TCP : chance(r, 0.7) ? Protocol.UDP : Protocol.ICMP;
        Packet packet = protocol == Protocol.ICMP ? new Packet(srcIp, dstIp, Protocol.ICMP, 0, 0, 8, 0)
                : new Packet(srcIp, dstIp, protocol, 49152, port, -1, -1);
        return new Flow(from, to, packet, chance(r, 0.9));
    }

    private static boolean chance(Random r, double p) {
        return r.nextDouble() < p;
    }

    /** A chosen listener (sometimes none, -1) and target (sometimes none, -1) of {@code targets} per listener. */
    private static FlowEnd serviceTarget(Random r, String ref, String entry, List<Integer> targets) {
        int l = targets.isEmpty() || chance(r, 0.1) ? -1 : r.nextInt(targets.size());
        // -1 with targets: what the expander writes for a node with no target in its zone
        int t = l < 0 || targets.get(l) == 0 || chance(r, 0.1) ? -1 : r.nextInt(targets.get(l));
        return new FlowEnd.ServiceTarget(ref, entry, l, t, null);
    }
}
