package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Protocol;
import io.reachsim.model.Pod;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an expectation into the concrete flows it stands for (DESIGN §2 "Verdict"): one per source
 * location and resolved destination address. Today every endpoint kind resolves to one location; node
 * groups and pods (EKS) will fan out per subnet.
 */
public final class FlowExpander {
    /**
     * The first choice for the address {@code internet} stands for (TEST-NET-2, never a real host); when
     * something in the network owns it (an Elastic IP written in that range), the next free one.
     */
    public static final Ip DEFAULT_INTERNET_V4 = Ip.parse("198.51.100.1");
    public static final Ip DEFAULT_INTERNET_V6 = Ip.parse("2001:db8:ffff::1");
    /** DESIGN §5: an AWS service with no prefix list in the scenario is reached at this stand-in public address. */
    public static final Ip AWS_SERVICE_STAND_IN = Ip.parse("52.94.0.10");

    private final Network network;

    // Indexed once per network: an XL suite resolves 100k expectations' endpoints against 50k interfaces.
    private final java.util.Map<String, Instance> instances = new java.util.HashMap<>();
    private final java.util.Map<String, NetworkInterface> interfaces = new java.util.HashMap<>();
    private final java.util.Map<String, Subnet> subnets = new java.util.HashMap<>();

    private final ServiceTargets services;
    private final AddressIndex addresses;
    /** The addresses {@code internet} stands for here, and why they are not the defaults (null: they are). */
    private final Ip internetV4;
    private final Ip internetV6;
    private final String internetNote;

    public FlowExpander(Fabric fabric) {
        this.network = fabric.network();
        this.services = new ServiceTargets(fabric);
        for (Instance i : network.instances()) instances.putIfAbsent(i.id(), i);
        for (NetworkInterface e : network.networkInterfaces()) interfaces.putIfAbsent(e.id(), e);
        for (Subnet sn : network.subnets()) subnets.putIfAbsent(sn.id(), sn);
        this.addresses = new AddressIndex(network);
        indexOwners();
        this.internetV4 = addresses.freeInternetAddress(DEFAULT_INTERNET_V4);
        this.internetV6 = addresses.freeInternetAddress(DEFAULT_INTERNET_V6);
        this.internetNote = internetV4.equals(DEFAULT_INTERNET_V4) ? null
                : "internet stands for " + internetV4 + " here: " + DEFAULT_INTERNET_V4 + " belongs to "
                + addresses.ownerOf(DEFAULT_INTERNET_V4);
    }

    /**
     * Parts of composite resources, by the id the user writes for the whole (via/viaAny/notVia name what
     * the user wrote): an interface endpoint's interfaces, a load balancer's nodes, a node group's nodes
     * ({@code CLUSTER/GROUP}), an EKS cluster's cross-account interfaces, an instance's interfaces.
     */
    private final java.util.Map<String, List<String>> owners = new java.util.HashMap<>();

    private void indexOwners() {
        for (VpcEndpoint ep : network.vpcEndpoints()) for (String id : ep.networkInterfaces()) own(id, ep.id());
        for (io.reachsim.model.LoadBalancer lb : network.loadBalancers()) for (String id : lb.networkInterfaces()) own(id, lb.id());
        for (EksCluster c : network.eksClusters()) {
            for (String id : c.crossAccountInterfaces()) own(id, c.name());
            for (EksCluster.NodeGroup g : c.nodeGroups()) for (String id : g.nodeInterfaces()) own(id, c.name() + "/" + g.name());
        }
        for (Instance i : network.instances()) for (String id : i.networkInterfaces()) if (!id.equals(i.id())) own(id, i.id());
    }

    private void own(String part, String whole) {
        owners.computeIfAbsent(part, k -> new ArrayList<>(1)).add(whole);
    }

    /** The ids a path crosses, with the composite resources its components are parts of. */
    public java.util.Set<String> pathIds(io.reachsim.trace.FlowResult r) {
        java.util.Set<String> ids = r.pathIds();
        if (owners.isEmpty()) return ids;
        java.util.Set<String> out = new java.util.LinkedHashSet<>(ids);
        for (String id : ids) out.addAll(owners.getOrDefault(id, List.of()));
        return out;
    }

    /** The address {@code internet} (with no address) stands for in this network. */
    public Ip internetAddress(int version) {
        return version == 6 ? internetV6 : internetV4;
    }

    private java.util.Optional<NetworkInterface> iface(String id) {
        return java.util.Optional.ofNullable(interfaces.get(id));
    }

    private java.util.Optional<Subnet> subnetById(String id) {
        return java.util.Optional.ofNullable(subnets.get(id));
    }

    /** A resolved endpoint: where it is, its address, and the VPC it sits in (null outside AWS). */
    record Located(FlowEnd end, Ip ip, Ip publicIp, String vpc, Ip ip4, String note) {
        Located(FlowEnd end, Ip ip, Ip publicIp, String vpc) {
            this(end, ip, publicIp, vpc, ip != null && ip.isV4() ? ip : null, null);
        }
    }

    public List<Flow> expand(Expectation e) {
        int version = e.ipVersion();
        List<Flow> flows = new ArrayList<>();
        for (Located src : sources(e.from(), version)) {
            for (Located dst : destinations(e, src, version)) {
                // DESIGN §9: a selector's member is not asked to reach itself.
                if ((e.from() instanceof EndpointRef.SelectorRef || e.to() instanceof EndpointRef.SelectorRef) && src.end.equals(dst.end)) continue;
                Ip dstIp = dst.ip;
                // Seen from outside the destination's VPC, an interface is addressed by its public IPv4 address —
                // except from a VPC joined to it by a peering or a transit gateway (its private address is routed there).
                boolean outside = src.vpc == null || !src.vpc.equals(dst.vpc) && !joined(src.vpc, dst.vpc);
                boolean behindVpn = src.end instanceof FlowEnd.AtExternal x
                        && network.external(x.external()).map(n -> n.via() != null).orElse(false);
                if (outside && !behindVpn && dst.publicIp != null && version == 4) dstIp = dst.publicIp;
                // ip:PUBLIC names the public address itself: sent there from wherever the source is.
                if (e.to() instanceof EndpointRef.IpRef r && dst.publicIp != null && r.ip().equals(dst.publicIp)) dstIp = dst.publicIp;
                Ip srcIp = src.ip;
                if (dstIp.version() != srcIp.version() && src.ip4 != null && dstIp.isV4()) srcIp = src.ip4;
                String note = note(note(src.note, dst.note), note(assignedNote(srcIp, src.end), assignedNote(dstIp, dst.end)));
                flows.add(new Flow(src.end, dst.end, packet(e, srcIp, dstIp), e.roundTrip(), note));
            }
        }
        return flows;
    }

    /** "10.0.1.4 (assigned to app-1: ...)" when the scenario wrote no privateIp for the address. */
    private String assignedNote(Ip ip, FlowEnd end) {
        if (!network.assigned(ip)) return null;
        return ip + " of " + end.label() + " is assigned (no privateIp written: its subnet's first free address)";
    }

    private static String note(String a, String b) {
        if (a == null) return b;
        return b == null || a.equals(b) ? a : a + "; " + b;
    }

    /** True when a VPC peering connection or a transit gateway attaching both joins the two VPCs. */
    private boolean joined(String a, String b) {
        return addresses.joined(a, b);
    }

    /** True when {@code src} is an external behind a VPN attachment of a transit gateway that attaches {@code vpc}. */
    private boolean behindTgwVpnOf(Located src, String vpc) {
        if (!(src.end instanceof FlowEnd.AtExternal x)) return false;
        String via = network.external(x.external()).map(io.reachsim.model.ExternalNetwork::via).orElse(null);
        if (via == null) return false;
        for (io.reachsim.model.TransitGateway t : network.transitGateways()) {
            boolean hasVia = false, hasVpc = false;
            for (io.reachsim.model.TransitGateway.Attachment a : t.attachments()) {
                hasVia |= a.id().equals(via);
                hasVpc |= vpc.equals(a.vpc());
            }
            if (hasVia && hasVpc) return true;
        }
        return false;
    }

    /** Where an expectation's {@code from} sends from: one location per node, pod, X-ENI... */
    List<Located> sources(EndpointRef ref, int version) {
        if (ref instanceof EndpointRef.AwsServiceRef) {
            throw new IllegalArgumentException(ref.text() + " can only be a destination");
        }
        if (ref instanceof EndpointRef.EksApiRef a) {
            return crossAccountInterfaces(cluster(a.cluster(), ref), version, ref);
        }
        if (ref instanceof EndpointRef.LoadBalancerRef || ref instanceof EndpointRef.VpcEndpointRef
                || ref instanceof EndpointRef.LatticeServiceRef) {
            throw new IllegalArgumentException(ref.text() + " can only be a destination: load balancers, PrivateLink endpoints and"
                    + " Lattice services answer connections, they do not open them");
        }
        return members(ref, version);
    }

    /** Where a destination resolves for this source (DNS decides for eks-api and aws: names). */
    List<Located> destinations(Expectation e, Located src, int version) {
        EndpointRef ref = e.to();
        if (ref instanceof EndpointRef.EksApiRef a) return eksApi(cluster(a.cluster(), ref), src, version, ref);
        if (ref instanceof EndpointRef.AwsServiceRef s) return awsService(s.service(), src, version, ref);
        if (ref instanceof EndpointRef.LoadBalancerRef || ref instanceof EndpointRef.VpcEndpointRef
                || ref instanceof EndpointRef.LatticeServiceRef) {
            return services.destinations(e, ref, src.vpc, version);
        }
        return members(ref, version);
    }

    /** Endpoints that stand for hosts: one location each (node groups and pods fan out per subnet). */
    private List<Located> members(EndpointRef ref, int version) {
        if (ref instanceof EndpointRef.SelectorRef sel) {
            // DESIGN §9: one flow per member; internet:* is one host here, the set engine splits its addresses.
            if (sel.selector() instanceof io.reachsim.model.Selector.AllInternet) return List.of(locate(new EndpointRef.InternetRef(null), version));
            List<Located> out = new ArrayList<>();
            for (EndpointRef m : sel.selector().members(network)) {
                NetworkInterface eni = iface(m instanceof EndpointRef.InstanceRef i ? i.id() : ((EndpointRef.EniRef) m).id()).orElse(null);
                if (eni == null || (version == 6 ? eni.ipv6Ip() : eni.privateIp()) == null) continue;
                out.addAll(members(m, version));
            }
            return out;
        }
        if (ref instanceof EndpointRef.NodesRef n) {
            EksCluster c = cluster(n.cluster(), ref);
            EksCluster.NodeGroup g = c.nodeGroups().stream().filter(x -> x.name().equals(n.group())).findFirst()
                    .orElseThrow(() -> unknown(ref));
            List<Located> out = new ArrayList<>();
            for (String id : g.nodeInterfaces()) {
                NetworkInterface eni = interfaceOf(id, ref);
                if (inPart(eni, n.part())) out.add(atInterface(eni, version, ref));
            }
            if (out.isEmpty()) throw unknown(ref);
            return out;
        }
        if (ref instanceof EndpointRef.PodsRef pr) {
            List<Located> out = new ArrayList<>();
            for (Pod pod : network.pods()) {
                if (pod.cluster().equals(pr.cluster()) && pod.nodeGroup().equals(pr.group())
                        && java.util.Objects.equals(pod.policy(), pr.policy())) {
                    NetworkInterface eni = interfaceOf(pod.id(), ref);
                    // A pod's part is its node's: with custom networking its own subnet may be another.
                    NetworkInterface node = pod.node() == null ? eni : iface(pod.node()).orElse(eni);
                    if (inPart(node, pr.part()) || inPart(eni, pr.part())) out.add(atInterface(eni, version, ref));
                }
            }
            if (out.isEmpty()) throw unknown(ref);
            return out;
        }
        return List.of(locate(ref, version));
    }

    /** True when {@code part} (a subnet id or an availability zone name or id; null: any) holds the interface. */
    private boolean inPart(NetworkInterface eni, String part) {
        if (part == null) return true;
        if (part.equals(eni.subnet())) return true;
        Subnet s = subnets.get(eni.subnet());
        return s != null && (part.equals(s.az()) || part.equals(s.azId()));
    }

    private List<Located> crossAccountInterfaces(EksCluster c, int version, EndpointRef ref) {
        List<Located> out = new ArrayList<>();
        for (String id : c.crossAccountInterfaces()) out.add(atInterface(interfaceOf(id, ref), version, ref));
        return out;
    }

    /**
     * DESIGN §4: inside the cluster's VPC with private access and VPC DNS, the API name resolves to the
     * X-ENIs; otherwise to the public endpoint when it is enabled; otherwise it does not resolve.
     */
    private List<Located> eksApi(EksCluster c, Located src, int version, EndpointRef ref) {
        Vpc vpc = network.vpc(c.vpc()).orElseThrow();
        boolean inside = c.vpc().equals(src.vpc);
        boolean dns = vpc.enableDnsSupport() && vpc.enableDnsHostnames();
        boolean privateAccess = c.endpoint().privateAccess();
        if (inside && privateAccess && dns) return crossAccountInterfaces(c, version, ref);
        // From a network connected to the VPC (on-premises over its VPN gateway) the name resolves to the
        // X-ENIs only when public access is off: EKS then publishes the private addresses under the public name.
        // With public access on, the private hosted zone is associated with the cluster's VPC only, so a
        // connected network gets the public endpoint (EKS User Guide, "Cluster API server endpoint").
        boolean connected = src.end instanceof FlowEnd.AtExternal x && network.external(x.external())
                .flatMap(n -> n.via() == null ? java.util.Optional.empty() : network.vpnGateway(n.via()))
                .map(g -> g.vpc().equals(c.vpc())).orElse(false);
        // Connected too: a VPC joined to the cluster's by a peering or a transit gateway, and a network behind a
        // VPN attachment of a transit gateway that attaches the cluster's VPC.
        connected |= joined(src.vpc, c.vpc()) || behindTgwVpnOf(src, c.vpc());
        if (connected && privateAccess && !c.endpoint().publicAccess()) return crossAccountInterfaces(c, version, ref);
        String why = null;
        if (privateAccess && inside) {
            why = "private endpoint not used: " + vpc.id() + " has enableDnsSupport=" + vpc.enableDnsSupport()
                    + ", enableDnsHostnames=" + vpc.enableDnsHostnames() + " (both must be true)";
        } else if (privateAccess && connected) {
            why = "private endpoint not used: with public access on, its private hosted zone is associated with " + vpc.id()
                    + " only, so from a connected network the name resolves to the public endpoint";
        } else if (privateAccess) {
            why = "private endpoint not used: it resolves only inside " + vpc.id() + " and networks connected to it";
        }
        if (c.endpoint().publicAccess()) {
            Ip ip = c.publicEndpointIp();
            return List.of(new Located(new FlowEnd.EksPublicEndpoint(c.name(), ip), ip, null, null, null, why));
        }
        ExplanationCode code = privateAccess && inside ? ExplanationCode.EKS_PRIVATE_ENDPOINT_DNS_DISABLED
                : ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED;
        Ip placeholder = c.publicEndpointIp() != null ? c.publicEndpointIp() : internetV4;
        String component = code == ExplanationCode.EKS_PRIVATE_ENDPOINT_DNS_DISABLED ? vpc.id() : c.name() + "-public-endpoint";
        return List.of(new Located(new FlowEnd.Unresolved(ref.text(), component, code), placeholder, null, null, null, why));
    }

    /**
     * DESIGN §3/§5: with an interface endpoint for the service, private DNS and VPC DNS, the name resolves
     * to the endpoint's interfaces; otherwise to the service's public address.
     */
    private List<Located> awsService(String service, Located src, int version, EndpointRef ref) {
        String notPrivate = null;
        if (src.vpc != null) {
            Vpc vpc = network.vpc(src.vpc).orElseThrow();
            for (VpcEndpoint ep : network.vpcEndpoints()) {
                if (ep.type() != VpcEndpoint.Type.INTERFACE || !ep.vpc().equals(src.vpc) || !ep.service().equals(service)) continue;
                if (ep.privateDns() && vpc.enableDnsSupport() && vpc.enableDnsHostnames()) {
                    String why = ref.text() + " resolves to interface endpoint " + ep.id() + " (its private DNS name answers inside "
                            + vpc.id() + ")";
                    List<Located> out = new ArrayList<>();
                    for (String id : ep.networkInterfaces()) {
                        Located l = atInterface(interfaceOf(id, ref), version, ref);
                        out.add(new Located(l.end, l.ip, l.publicIp, l.vpc, l.ip4, why));
                    }
                    if (!out.isEmpty()) return out;
                }
                notPrivate = "interface endpoint " + ep.id() + " not used: " + (!ep.privateDns() ? "its privateDns is off"
                        : vpc.id() + " has enableDnsSupport=" + vpc.enableDnsSupport() + ", enableDnsHostnames=" + vpc.enableDnsHostnames()
                        + " (both must be true)");
            }
        }
        String region = src.vpc != null ? network.vpc(src.vpc).map(Vpc::region).orElse(network.region()) : network.region();
        String name = "com.amazonaws." + region + "." + service;
        io.reachsim.model.PrefixList list = network.prefixLists().stream()
                .filter(p -> p.name().equals(name) && p.cidrs().stream().anyMatch(c -> c.version() == version)).findFirst().orElse(null);
        Ip ip;
        String why;
        if (list != null) {
            ip = list.cidrs().stream().filter(c -> c.version() == version).findFirst().orElseThrow().base();
            why = ref.text() + " resolves to " + ip + ", the first block of prefix list " + list.id() + " (" + name + ")";
        } else {
            ip = version == 6 ? internetV6 : AWS_SERVICE_STAND_IN;
            why = ref.text() + " stands at " + ip + ": no interface endpoint with private DNS for it"
                    + (src.vpc == null ? "" : " in " + src.vpc) + " and no prefix list named " + name;
        }
        return List.of(new Located(new FlowEnd.AwsService(service, ip), ip, null, null, null, note(notPrivate, why)));
    }

    private EksCluster cluster(String name, EndpointRef ref) {
        return network.eksCluster(name).orElseThrow(() -> unknown(ref));
    }

    private NetworkInterface interfaceOf(String id, EndpointRef ref) {
        return iface(id).orElseThrow(() -> unknown(ref));
    }

    static Packet packet(Expectation e, Ip src, Ip dst) {
        Protocol p = e.protocol();
        if (p == Protocol.ICMP && dst.version() == 6) p = Protocol.ICMPV6;
        if (p.hasPorts()) return new Packet(src, dst, p, e.sourcePort(), e.port(), -1, -1);
        if (p.isIcmp()) {
            int type = e.icmpType();
            // The expectation speaks ICMP; on IPv6 echo request/reply are 128/129.
            if (p == Protocol.ICMPV6 && type == 8) type = 128;
            else if (p == Protocol.ICMPV6 && type == 0) type = 129;
            return new Packet(src, dst, p, 0, 0, type, 0);
        }
        return new Packet(src, dst, p, 0, 0, -1, -1);
    }

    Located locate(EndpointRef ref, int version) {
        if (ref instanceof EndpointRef.InstanceRef i) {
            Instance inst = java.util.Optional.ofNullable(instances.get(i.id())).orElseThrow(() -> unknown(ref));
            String primary = inst.networkInterfaces().isEmpty() ? inst.id() : inst.networkInterfaces().get(0);
            return atInterface(iface(primary).orElseThrow(() -> unknown(ref)), version, ref);
        } else if (ref instanceof EndpointRef.EniRef x) {
            return atInterface(iface(x.id()).orElseThrow(() -> unknown(ref)), version, ref);
        } else if (ref instanceof EndpointRef.SubnetRef s) {
            Subnet subnet = subnetById(s.id()).orElseThrow(() -> unknown(ref));
            Ip ip = firstFreeHost(subnet, version);
            if (ip == null) throw new IllegalArgumentException(ref.text() + " has no IPv" + version + " CIDR");
            return new Located(new FlowEnd.AtSubnetHost(subnet.id(), ip), ip, null, subnet.vpc());
        } else if (ref instanceof EndpointRef.IpRef a) {
            return atAddress(a.ip());
        } else if (ref instanceof EndpointRef.InternetRef n) {
            if (n.ip() != null) return new Located(new FlowEnd.OnInternet(n.ip()), n.ip(), null, null);
            Ip ip = internetAddress(version);
            return new Located(new FlowEnd.OnInternet(ip), ip, null, null, null, version == 4 ? internetNote : null);
        } else if (ref instanceof EndpointRef.ExternalRef x) {
            ExternalNetwork ext = network.external(x.id()).orElseThrow(() -> unknown(ref));
            return new Located(new FlowEnd.AtExternal(ext.id(), ext.address()), ext.address(), null, null);
        }
        throw new IllegalArgumentException("endpoint kind not supported: " + ref.text());
    }

    private Located atInterface(NetworkInterface eni, int version, EndpointRef ref) {
        Ip ip = version == 6 ? eni.ipv6Ip() : eni.privateIp();
        if (ip == null) throw new IllegalArgumentException(ref.text() + " has no IPv" + version + " address");
        String vpc = subnetById(eni.subnet()).map(Subnet::vpc).orElse(null);
        return new Located(new FlowEnd.AtInterface(eni.id()), ip, eni.publicIp(), vpc, eni.privateIp(), null);
    }

    /**
     * An address, looked up in indexes built once (not by scanning every interface and subnet): an
     * interface's; a public or Elastic IP — its owner, reached from outside; a host in a subnet; an
     * external network's; else a host on the internet, said in the flow's note.
     */
    private Located atAddress(Ip ip) {
        NetworkInterface eni = addresses.interfaceAt(ip);
        if (eni != null) {
            String vpc = subnetById(eni.subnet()).map(Subnet::vpc).orElse(null);
            return new Located(new FlowEnd.AtInterface(eni.id()), ip, null, vpc);
        }
        NetworkInterface owner = addresses.interfaceWithPublic(ip);
        if (owner != null && owner.privateIp() != null) {
            // Its public address: the owner as the internet sees it (the packet is sent to the public address).
            String vpc = subnetById(owner.subnet()).map(Subnet::vpc).orElse(null);
            return new Located(new FlowEnd.AtInterface(owner.id()), owner.privateIp(), ip, vpc, owner.privateIp(),
                    "ip:" + ip + " is the public IP of " + owner.id() + ": reached from outside its VPC");
        }
        Subnet s = addresses.subnetHolding(ip);
        if (s != null) return new Located(new FlowEnd.AtSubnetHost(s.id(), ip), ip, null, s.vpc());
        for (ExternalNetwork x : network.externals()) {
            if (x.contains(ip)) return new Located(new FlowEnd.AtExternal(x.id(), ip), ip, null, null);
        }
        String nat = addresses.natWithPublic(ip);
        String why = nat != null ? "ip:" + ip + " is the Elastic IP of NAT gateway " + nat + ": reached from the internet"
                : "ip:" + ip + " is in no subnet and nothing in the network owns it: a host on the internet";
        return new Located(new FlowEnd.OnInternet(ip), ip, null, null, null, why);
    }

    /**
     * A {@code subnet:ID} host: the subnet's first usable address ({@link Cidr#firstSubnetHost()}) that no interface or NAT
     * gateway holds, so the host is always a new one carrying the VPC's default group, never an existing
     * interface with other groups (docs/semantics.md, Vocabulary).
     */
    Ip firstFreeHost(Subnet subnet, int version) {
        Cidr c = version == 4 ? subnet.cidr() : subnet.ipv6Cidr();
        if (c == null) return null;
        long usable = c.subnetHostCount();
        Ip first = c.firstSubnetHost();
        for (long i = 0; i < usable && i < 1 << 16; i++) {
            Ip ip = first.plus(i);
            if (!addresses.taken(ip)) return ip;
        }
        throw new IllegalArgumentException("subnet:" + subnet.id() + " has no free address for a host");
    }


    private static IllegalArgumentException unknown(EndpointRef ref) {
        return new IllegalArgumentException("unknown endpoint " + ref.text());
    }
}
