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
    /** The address {@code internet} stands for (TEST-NET-2, never a real host). */
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

    public FlowExpander(Fabric fabric) {
        this.network = fabric.network();
        this.services = new ServiceTargets(fabric);
        for (Instance i : network.instances()) instances.putIfAbsent(i.id(), i);
        for (NetworkInterface e : network.networkInterfaces()) interfaces.putIfAbsent(e.id(), e);
        for (Subnet sn : network.subnets()) subnets.putIfAbsent(sn.id(), sn);
        for (NetworkInterface e : network.networkInterfaces()) {
            if (e.privateIp() != null) taken.add(e.privateIp());
            taken.addAll(e.secondaryPrivateIps());
            if (e.ipv6Ip() != null) taken.add(e.ipv6Ip());
        }
        for (io.reachsim.model.NatGateway n : network.natGateways()) {
            taken.add(n.privateIp());
            taken.addAll(n.secondaryPrivateIps());
        }
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
                Ip dstIp = dst.ip;
                // Seen from outside the destination's VPC, an interface is addressed by its public IPv4 address —
                // except from a VPC joined to it by a peering or a transit gateway (its private address is routed there).
                boolean outside = src.vpc == null || !src.vpc.equals(dst.vpc) && !joined(src.vpc, dst.vpc);
                boolean behindVpn = src.end instanceof FlowEnd.AtExternal x
                        && network.external(x.external()).map(n -> n.via() != null).orElse(false);
                if (outside && !behindVpn && dst.publicIp != null && version == 4) dstIp = dst.publicIp;
                Ip srcIp = src.ip;
                if (dstIp.version() != srcIp.version() && src.ip4 != null && dstIp.isV4()) srcIp = src.ip4;
                flows.add(new Flow(src.end, dst.end, packet(e, srcIp, dstIp), e.roundTrip(), dst.note));
            }
        }
        return flows;
    }

    /** True when a VPC peering connection or a transit gateway attaching both joins the two VPCs. */
    private boolean joined(String a, String b) {
        if (a == null || b == null) return false;
        for (io.reachsim.model.VpcPeering p : network.vpcPeerings()) if (b.equals(p.peerOf(a))) return true;
        for (io.reachsim.model.TransitGateway t : network.transitGateways()) {
            boolean hasA = false, hasB = false;
            for (io.reachsim.model.TransitGateway.Attachment x : t.attachments()) {
                hasA |= a.equals(x.vpc());
                hasB |= b.equals(x.vpc());
            }
            if (hasA && hasB) return true;
        }
        return false;
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
        if (ref instanceof EndpointRef.NodesRef n) {
            EksCluster c = cluster(n.cluster(), ref);
            EksCluster.NodeGroup g = c.nodeGroups().stream().filter(x -> x.name().equals(n.group())).findFirst()
                    .orElseThrow(() -> unknown(ref));
            List<Located> out = new ArrayList<>();
            for (String id : g.nodeInterfaces()) out.add(atInterface(interfaceOf(id, ref), version, ref));
            return out;
        }
        if (ref instanceof EndpointRef.PodsRef pr) {
            List<Located> out = new ArrayList<>();
            for (Pod pod : network.pods()) {
                if (pod.cluster().equals(pr.cluster()) && pod.nodeGroup().equals(pr.group())
                        && java.util.Objects.equals(pod.policy(), pr.policy())) {
                    out.add(atInterface(interfaceOf(pod.id(), ref), version, ref));
                }
            }
            if (out.isEmpty()) throw unknown(ref);
            return out;
        }
        return List.of(locate(ref, version));
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
        Ip placeholder = c.publicEndpointIp() != null ? c.publicEndpointIp() : DEFAULT_INTERNET_V4;
        String component = code == ExplanationCode.EKS_PRIVATE_ENDPOINT_DNS_DISABLED ? vpc.id() : c.name() + "-public-endpoint";
        return List.of(new Located(new FlowEnd.Unresolved(ref.text(), component, code), placeholder, null, null, null, why));
    }

    /**
     * DESIGN §3/§5: with an interface endpoint for the service, private DNS and VPC DNS, the name resolves
     * to the endpoint's interfaces; otherwise to the service's public address.
     */
    private List<Located> awsService(String service, Located src, int version, EndpointRef ref) {
        if (src.vpc != null) {
            Vpc vpc = network.vpc(src.vpc).orElseThrow();
            for (VpcEndpoint ep : network.vpcEndpoints()) {
                if (ep.type() == VpcEndpoint.Type.INTERFACE && ep.vpc().equals(src.vpc) && ep.service().equals(service)
                        && ep.privateDns() && vpc.enableDnsSupport() && vpc.enableDnsHostnames()) {
                    List<Located> out = new ArrayList<>();
                    for (String id : ep.networkInterfaces()) out.add(atInterface(interfaceOf(id, ref), version, ref));
                    if (!out.isEmpty()) return out;
                }
            }
        }
        String region = src.vpc != null ? network.vpc(src.vpc).map(Vpc::region).orElse(network.region()) : network.region();
        String name = "com.amazonaws." + region + "." + service;
        Ip ip = network.prefixLists().stream().filter(p -> p.name().equals(name) && !p.cidrs().isEmpty())
                .map(p -> p.cidrs().get(0).base()).filter(a -> a.version() == version).findFirst()
                .orElse(version == 6 ? DEFAULT_INTERNET_V6 : AWS_SERVICE_STAND_IN);
        return List.of(new Located(new FlowEnd.AwsService(service, ip), ip, null, null, null, null));
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
            Ip ip = n.ip() != null ? n.ip() : version == 6 ? DEFAULT_INTERNET_V6 : DEFAULT_INTERNET_V4;
            return new Located(new FlowEnd.OnInternet(ip), ip, null, null);
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

    /** An address: an interface's, a host in a subnet, an external network's, or the internet's. */
    private Located atAddress(Ip ip) {
        for (NetworkInterface eni : network.networkInterfaces()) {
            if (eni.owns(ip)) {
                String vpc = subnetById(eni.subnet()).map(Subnet::vpc).orElse(null);
                return new Located(new FlowEnd.AtInterface(eni.id()), ip, null, vpc);
            }
        }
        for (Subnet s : network.subnets()) {
            if (s.contains(ip)) return new Located(new FlowEnd.AtSubnetHost(s.id(), ip), ip, null, s.vpc());
        }
        for (ExternalNetwork x : network.externals()) {
            if (x.contains(ip)) return new Located(new FlowEnd.AtExternal(x.id(), ip), ip, null, null);
        }
        return new Located(new FlowEnd.OnInternet(ip), ip, null, null);
    }

    /**
     * A {@code subnet:ID} host: the subnet's first usable address (base + 4) that no interface or NAT
     * gateway holds, so the host is always a new one carrying the VPC's default group, never an existing
     * interface with other groups (docs/semantics.md, Vocabulary).
     */
    Ip firstFreeHost(Subnet subnet, int version) {
        Cidr c = version == 4 ? subnet.cidr() : subnet.ipv6Cidr();
        if (c == null) return null;
        // AWS reserves the first four addresses and the last one of every subnet
        long usable = c.size() - 5;
        for (long i = 0; i < usable && i < 1 << 16; i++) {
            Ip ip = c.address(4 + i);
            if (!taken.contains(ip)) return ip;
        }
        throw new IllegalArgumentException("subnet:" + subnet.id() + " has no free address for a host");
    }

    /** Every address an interface or NAT gateway holds (indexed once; the expander is shared between threads). */
    private final java.util.Set<Ip> taken = new java.util.HashSet<>();

    private static IllegalArgumentException unknown(EndpointRef ref) {
        return new IllegalArgumentException("unknown endpoint " + ref.text());
    }
}
