package io.reachsim.reference;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointService;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.ExternalNetwork;
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
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.model.VpcPeering;
import io.reachsim.model.VpnGateway;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Drop;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plain reference implementation of docs/semantics.md, straight from the {@link Network} records:
 * every look-up is a linear scan over the model's lists; nothing is indexed or cached. It is meant to be
 * read side by side with semantics.md — the section each method implements is named in its comment.
 *
 * <p>Readings chosen where the page leaves room (proposed as clarifications of semantics.md):
 * <ul>
 *   <li>Every drop is recorded as a last hop with {@code passed == false}, of the kind of the step that
 *       failed. Its component is the drop's component, except for ENI_SG_RULES_MISMATCH, where the hop is
 *       the interface and the drop names the interface's first group. NO_POSSIBLE_DESTINATION is a
 *       DELIVERED hop whose component is the subnet (nothing at the address in it) or the VPC (no
 *       subnet of the VPC holds the address). (Now written down in semantics.md "Hops recorded".)</li>
 *   <li>"(skipped when N = S)" for NAT gateways and appliances skips both ACL out and ACL in, as for
 *       {@code local}: traffic that never leaves the subnet is not subject to its ACL.</li>
 *   <li>An IPv4 address that is the public IP of an interface/NAT gateway is entered through that VPC's
 *       IGW; if the VPC has none the drop is UNKNOWN_DESTINATION (component {@code internet}) — the only
 *       reading under which "none → UNKNOWN_DESTINATION" can happen.</li>
 *   <li>A virtual host ({@code AtSubnetHost}) appears on hops as its {@link FlowEnd.AtSubnetHost#label()}
 *       ({@code subnet/ip}).</li>
 *   <li>Connection tracking is what the FORWARD leg leaves: interfaces with a passed egress/ingress hop,
 *       NAT translations (a reply uses the latest translation by that NAT), EIGWs left through. A reply
 *       is delivered when it arrives anywhere a leg can end (host, internet, external); it is not checked
 *       that the answering address is the one the client spoke to.</li>
 *   <li>Several matches of equal rank (e.g. two externals holding the address, overlapping VPC blocks
 *       seen from the internet): the first in the network's list order wins.</li>
 *   <li>EKS, pod SNAT: applies to packets the pod sends as the client, i.e. the FORWARD leg of a flow whose
 *       source is the pod (iptables SNATs new connections only). A pod's reply on the RETURN leg (to an
 *       external network that opened the connection, say) is plain host traffic from the pod's interface.</li>
 *   <li>EKS, public endpoint: on the internet, the endpoint's address is looked at first (it is an exact
 *       address, unique in a valid network). Delivery is one passed {@code EKS_API} hop (no {@code INTERNET}
 *       hop); the reply starts on the internet with no hop for the endpoint.</li>
 *   <li>Gateway endpoints: the delivery is the passed {@code VPC_ENDPOINT} hop alone; ICMP echo means ICMP
 *       types 8/0 and ICMPv6 types 128/129; a packet of protocol {@code all} is not TCP, so it is refused.
 *       The reply's "no subnet holds the destination" drop names the endpoint's VPC (as for {@code local}).</li>
 *   <li>An {@code Unresolved} destination: one failed {@code DNS} hop carrying the flow's packet, subnet
 *       null; the drop is on the FORWARD leg, even for a round trip. {@code Unresolved},
 *       {@code EksPublicEndpoint} and {@code AwsService} are refused as sources (IllegalArgumentException).</li>
 * </ul>
 */
public final class ReferenceEvaluator {

    /** semantics.md "Limits": at most this many route-table lookups per leg. */
    static final int MAX_ROUTE_LOOKUPS_PER_LEG = 16;
    static final String INTERNET = "internet";

    private final Network network;

    public ReferenceEvaluator(Network network) {
        this.network = network;
    }

    public FlowResult evaluate(Flow flow) {
        return new Run(flow).run();
    }

    // ------------------------------------------------------------------ hosts

    /**
     * Something owning addresses in a subnet: a network interface, or the virtual host a flow names
     * ({@code AtSubnetHost}), which carries its VPC's default security group.
     */
    private record Host(String id, Subnet subnet, Ip primary, List<Ip> addresses, Ip publicIp, List<String> groups,
                        boolean sourceDestCheck) {
        boolean owns(Ip ip) {
            return addresses.contains(ip);
        }
    }

    private Host hostOf(NetworkInterface e) {
        List<Ip> addrs = new ArrayList<>();
        if (e.privateIp() != null) addrs.add(e.privateIp()); // pods of an IPv6 cluster have none
        addrs.addAll(e.secondaryPrivateIps());
        if (e.ipv6Ip() != null) addrs.add(e.ipv6Ip());
        Subnet s = network.subnet(e.subnet()).orElseThrow();
        return new Host(e.id(), s, e.privateIp(), addrs, e.publicIp(), e.securityGroups(), e.sourceDestCheck());
    }

    private Host virtualHost(FlowEnd.AtSubnetHost h) {
        Subnet s = network.subnet(h.subnet()).orElseThrow();
        Vpc v = vpcOf(s);
        return new Host(h.label(), s, h.ip(), List.of(h.ip()), null, List.of(v.defaultSecurityGroup()), true);
    }

    /** A flow naming a NAT gateway's address means the NAT gateway, not a virtual host there. */
    private boolean isNatAddress(FlowEnd.AtSubnetHost h) {
        for (NatGateway n : network.natGateways()) {
            if (n.subnet().equals(h.subnet()) && (h.ip().equals(n.privateIp()) || n.secondaryPrivateIps().contains(h.ip()))) return true;
        }
        return false;
    }

    /** semantics.md NAT64: 64:ff9b::a.b.c.d → a.b.c.d (the last four bytes), ICMPv6 echo 128/129 → ICMP 8/0. */
    static Packet nat64Out(Packet p, Ip source) {
        byte[] a = address(p.dst());
        Ip dst = Ip.parse((a[12] & 255) + "." + (a[13] & 255) + "." + (a[14] & 255) + "." + (a[15] & 255));
        boolean icmp = p.protocol() == Protocol.ICMPV6;
        int type = !icmp ? p.icmpType() : p.icmpType() == 128 ? 8 : p.icmpType() == 129 ? 0 : p.icmpType();
        return new Packet(source, dst, icmp ? Protocol.ICMP : p.protocol(), p.srcPort(), p.dstPort(), type, p.icmpCode());
    }

    /** semantics.md NAT64, the reply: from 64:ff9b::(the IPv4 source) to the IPv6 client; ICMP 8/0 → ICMPv6 128/129. */
    static Packet nat64Back(Packet p, Ip client) {
        byte[] a = address(p.src());
        Ip src = Ip.parse("64:ff9b::" + (a[0] & 255) + "." + (a[1] & 255) + "." + (a[2] & 255) + "." + (a[3] & 255));
        boolean icmp = p.protocol() == Protocol.ICMP;
        int type = !icmp ? p.icmpType() : p.icmpType() == 8 ? 128 : p.icmpType() == 0 ? 129 : p.icmpType();
        return new Packet(src, client, icmp ? Protocol.ICMPV6 : p.protocol(), p.srcPort(), p.dstPort(), type, p.icmpCode());
    }

    private static byte[] address(Ip ip) {
        try {
            return java.net.InetAddress.getByName(ip.toString()).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The NAT gateway holding {@code ip} (its private or a secondary address) in subnet {@code subnet}, or null. */
    private NatGateway natAt(String subnet, Ip ip) {
        for (NatGateway n : network.natGateways()) {
            if (n.subnet().equals(subnet) && (ip.equals(n.privateIp()) || n.secondaryPrivateIps().contains(ip))) return n;
        }
        return null;
    }

    /** semantics.md "On the internet": the VPC whose CIDR holding {@code ip} is the most specific (the first on a tie). */
    private Vpc vpcHolding(Ip ip) {
        Vpc best = null;
        int bestPrefix = -1;
        for (Vpc v : network.vpcs()) {
            for (Cidr c : ip.isV4() ? v.cidrs() : v.ipv6Cidrs()) {
                if (c.contains(ip) && c.prefix() > bestPrefix) {
                    best = v;
                    bestPrefix = c.prefix();
                }
            }
        }
        return best;
    }

    private Vpc vpcOf(Subnet s) {
        return network.vpc(s.vpc()).orElseThrow();
    }

    /** Sender of a packet being routed: a host or a NAT gateway (decides IGW source translation). */
    private sealed interface Sender {
        record OfHost(Host host) implements Sender {}

        record OfNat(NatGateway nat) implements Sender {}
    }

    /** Where a leg ended (the reply starts there). */
    private sealed interface End {
        record AtHost(Host host) implements End {}

        record OnInternet() implements End {}

        /** Delivered to a network behind VPN gateway {@code vgw}. */
        record BehindVgw(String vgw) implements End {}

        /** Delivered to the AWS service behind gateway endpoint {@code endpoint}. */
        record AtGatewayEndpoint(VpcEndpoint endpoint) implements End {}

        /** Delivered to a network behind transit gateway VPN attachment {@code attachment}. */
        record BehindTgwVpn(String attachment) implements End {}
    }

    private static final class Dropped extends RuntimeException {
        final Drop drop;

        Dropped(Drop drop) {
            super(null, null, false, false);
            this.drop = drop;
        }
    }

    private record NatEntry(String nat, Ip originalSource) {}

    /** EKS: the forward leg SNATed pod {@code pod} (address {@code podIp}) to node interface {@code node}. */
    private record SnatEntry(String node, String pod, Ip podIp) {}

    // ------------------------------------------------------------------ one flow

    private final class Run {
        final Flow flow;
        final List<Hop> hops = new ArrayList<>();
        final List<Host> virtualHosts = new ArrayList<>();
        Leg leg = Leg.FORWARD;
        int routeLookups = 0; // in this leg
        // Connection tracking left by the forward leg.
        final List<String> crossedInterfaces = new ArrayList<>();
        final List<NatEntry> natEntries = new ArrayList<>();
        final List<String> eigwsUsed = new ArrayList<>();
        final List<SnatEntry> snatEntries = new ArrayList<>();
        /** semantics.md "Peering and transit gateways": the VPC the packet entered from a transit gateway, or null. */
        String enteredFromTgwVpc;
        /** Appliance mode: attachment id -> the subnet the forward leg entered it by. */
        final List<String[]> applianceEntries = new ArrayList<>();
        // Load balancer / PrivateLink and Lattice connections opened by the forward leg.
        String lbTargetId;
        String lbNodeId;
        String lbId;
        String lbEndpointId;
        String lbEndpointInterfaceId;
        Packet lbRequest;
        String latticeTargetId;
        String latticeGroupId;
        Host latticeClient;
        Subnet latticeClientSubnet;
        Packet latticeRequest;
        /** While a load balancer target's inbound rules are evaluated: the node that forwarded the packet. */
        Host lbNodeAsPeer;

        Run(Flow flow) {
            this.flow = flow;
            if (flow.source() instanceof FlowEnd.AtSubnetHost h && !isNatAddress(h)) virtualHosts.add(virtualHost(h));
            if (flow.destination() instanceof FlowEnd.AtSubnetHost h && !isNatAddress(h)) virtualHosts.add(virtualHost(h));
        }

        FlowResult run() {
            if (flow.destination() instanceof FlowEnd.Unresolved u) return unresolved(u);
            End end;
            try {
                end = start(flow.source(), flow.packet());
            } catch (Dropped d) {
                return new FlowResult(flow, Disposition.DROPPED, hops, d.drop);
            }
            if (!flow.roundTrip()) return new FlowResult(flow, Disposition.DELIVERED, hops, null);
            Packet reply = lastPacket().reply();
            if (reply == null) return new FlowResult(flow, Disposition.DELIVERED, hops, null); // no reply type: one way
            leg = Leg.RETURN;
            routeLookups = 0;
            enteredFromTgwVpc = null;
            try {
                replyFrom(end, reply);
            } catch (Dropped d) {
                return new FlowResult(flow, Disposition.DROPPED, hops, d.drop);
            }
            // semantics.md "The reply": the client takes the reply only from the address it sent to.
            Hop last = hops.get(hops.size() - 1);
            if (!last.packet().src().equals(flow.packet().dst())) {
                Detail why = new Detail.AddressCheck(last.packet().src());
                hops.set(hops.size() - 1, new Hop(last.leg(), last.kind(), last.component(), last.subnet(), false, why, last.packet()));
                return new FlowResult(flow, Disposition.DROPPED, hops,
                        new Drop(ExplanationCode.REPLY_SOURCE_MISMATCH, last.component(), Leg.RETURN, why));
            }
            return new FlowResult(flow, Disposition.DELIVERED, hops, null);
        }

        /** semantics.md "EKS", unresolved destination: one failed DNS hop, no packet moves. */
        FlowResult unresolved(FlowEnd.Unresolved u) {
            Dropped d = drop(HopKind.DNS, u.component(), null, new Detail.AddressCheck(flow.packet().src()), flow.packet(), u.code());
            return new FlowResult(flow, Disposition.DROPPED, hops, d.drop);
        }

        Packet lastPacket() {
            return hops.get(hops.size() - 1).packet();
        }

        // ---- hop recording

        void hop(HopKind kind, String component, String subnet, Detail detail, Packet p) {
            hops.add(new Hop(leg, kind, component, subnet, true, detail, p));
        }

        Dropped drop(HopKind kind, String component, String subnet, Detail detail, Packet p, ExplanationCode code) {
            return drop(kind, component, subnet, detail, p, code, component);
        }

        /** A failed hop at {@code component}; the drop names {@code dropComponent} (e.g. a security group). */
        Dropped drop(HopKind kind, String component, String subnet, Detail detail, Packet p, ExplanationCode code,
                     String dropComponent) {
            hops.add(new Hop(leg, kind, component, subnet, false, detail, p));
            return new Dropped(new Drop(code, dropComponent, leg, detail));
        }

        // ---- where legs start ("Sources outside the VPCs", "The reply")

        End start(FlowEnd source, Packet p) {
            if (source instanceof FlowEnd.AtInterface i) {
                NetworkInterface e = network.networkInterface(i.networkInterface()).orElseThrow();
                Pod pod = podWithInterface(e.id());
                if (pod != null && pod.snat() && p.dst().isV4() && !vpcOf(hostOf(e).subnet()).contains(p.dst())) {
                    return podSnat(pod, p);
                }
                return fromHost(hostOf(e), p, false);
            }
            if (source instanceof FlowEnd.AtSubnetHost h && isNatAddress(h)) {
                // semantics.md "Sources outside the VPCs": a NAT gateway's own address means the NAT gateway sends.
                NatGateway n = natAt(h.subnet(), h.ip());
                hop(HopKind.NAT_GATEWAY, n.id(), n.subnet(), new Detail.AddressCheck(p.src()), p);
                return fromSubnet(new Sender.OfNat(n), network.subnet(n.subnet()).orElseThrow(), p);
            }
            if (source instanceof FlowEnd.AtSubnetHost h) {
                return fromHost(virtualHosts.get(0), p, false);
            }
            if (source instanceof FlowEnd.AtExternal x) {
                ExternalNetwork ext = network.external(x.external()).orElseThrow();
                if (ext.via() != null && network.vpnGateway(ext.via()).isPresent()) {
                    return fromVpnGateway(network.vpnGateway(ext.via()).orElseThrow(), p);
                }
                if (ext.via() != null) return fromTgwVpn(ext.via(), p);
                return onInternet(p);
            }
            if (source instanceof FlowEnd.OnInternet) return onInternet(p);
            // EKS public endpoints, AWS services and unresolved names are destinations only (semantics.md gives
            // them no meaning as sources; the expander resolves eks-api:CLUSTER as a source to its X-ENIs).
            throw new IllegalArgumentException("not a flow source: " + source);
        }

        End replyFrom(End end, Packet reply) {
            if (end instanceof End.AtHost h) return fromHost(h.host(), reply, false);
            if (end instanceof End.AtGatewayEndpoint g) return fromGatewayEndpoint(g.endpoint(), reply);
            if (end instanceof End.BehindVgw v) return fromVpnGateway(network.vpnGateway(v.vgw()).orElseThrow(), reply);
            if (end instanceof End.BehindTgwVpn t) return fromTgwVpn(t.attachment(), reply);
            return onInternet(reply);
        }

        // ---- semantics.md "EKS": pods with SNAT

        /**
         * A pod's packet for an IPv4 address outside its VPC leaves as its node: hop SNAT at the node (pod
         * source to the node's primary IP), the pod's groups are not evaluated, step 1 at the node.
         */
        End podSnat(Pod pod, Packet p) {
            Host node = hostOf(network.networkInterface(pod.node()).orElseThrow());
            Packet out = p.withSrc(node.primary());
            hop(HopKind.SNAT, node.id(), node.subnet().id(), new Detail.Translation(true, p.src(), node.primary()), out);
            snatEntries.add(new SnatEntry(node.id(), pod.id(), p.src()));
            return fromHost(node, out, false);
        }

        /** The reply for a node's primary IP, at the node, of a connection its pod opened: back to the pod. */
        SnatEntry snatEntryFor(Host node, Packet p) {
            if (leg != Leg.RETURN || !p.dst().equals(node.primary())) return null;
            for (SnatEntry e : snatEntries) if (e.node().equals(node.id())) return e;
            return null;
        }

        End reverseSnat(Host node, SnatEntry entry, Packet p) {
            Host pod = hostOf(network.networkInterface(entry.pod()).orElseThrow());
            Packet back = p.withDst(entry.podIp());
            hop(HopKind.SNAT, node.id(), node.subnet().id(), new Detail.Translation(false, p.dst(), entry.podIp()), back);
            hop(HopKind.DELIVERED, pod.id(), pod.subnet().id(), new Detail.Arrival(entry.podIp()), back);
            return new End.AtHost(pod);
        }

        // ---- Forward leg step 1: interface egress

        End fromHost(Host h, Packet p, boolean forwarding) {
            if (leg == Leg.RETURN && !forwarding) {
                // semantics.md "PrivateLink and VPC Lattice": the targets' replies go back to the proxy.
                if (h.id().equals(lbTargetId)) return loadBalancerTargetReply(h, p);
                if (h.id().equals(latticeTargetId)) return latticeTargetReply(h, p);
            }
            String sub = h.subnet().id();
            if (forwarding && h.sourceDestCheck() && !h.owns(p.src())) {
                throw drop(HopKind.INTERFACE_EGRESS, h.id(), sub, new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION);
            }
            if (leg == Leg.RETURN) {
                hop(HopKind.INTERFACE_EGRESS, h.id(), sub,
                        new Detail.SecurityGroupCheck(h.groups(), false, p.dst(), null, 0, null, true), p);
            } else {
                Detail.SecurityGroupCheck check = securityGroups(h, false, p, p.dst());
                if (check.matchedGroup() == null) {
                    throw drop(HopKind.INTERFACE_EGRESS, h.id(), sub, check, p, ExplanationCode.ENI_SG_RULES_MISMATCH,
                            firstGroup(h));
                }
                hop(HopKind.INTERFACE_EGRESS, h.id(), sub, check, p);
                crossedInterfaces.add(h.id());
            }
            return fromSubnet(new Sender.OfHost(h), h.subnet(), p);
        }

        // ---- steps 2-4: same subnet, route, target

        End fromSubnet(Sender sender, Subnet s, Packet p) {
            if (leg == Leg.FORWARD && sender instanceof Sender.OfHost oh && inLatticePrefixList(p.dst())) {
                return latticeClient(oh.host(), s, p);
            }
            if (s.contains(p.dst())) return arriveInSubnet(s, p); // step 2: no route table, no ACL
            RouteTable rt = network.routeTableOf(s);
            if (routeLookups == MAX_ROUTE_LOOKUPS_PER_LEG) { // a loop: the 17th lookup is not made, no hop
                throw new Dropped(new Drop(ExplanationCode.MAX_HOPS_EXCEEDED, rt.id(), leg, new Detail.AddressCheck(p.dst())));
            }
            routeLookups++;
            Candidate best = bestRoute(rt, p.dst());
            if (best == null) {
                throw drop(HopKind.ROUTE, rt.id(), s.id(), new Detail.RouteLookup(rt.id(), p.dst(), null, null, null), p,
                        ExplanationCode.NO_ROUTE_TO_DESTINATION);
            }
            Detail.RouteLookup lookup = new Detail.RouteLookup(rt.id(), p.dst(), best.cidr(), best.prefixList(), best.target());
            if (best.target() instanceof RouteTarget.Blackhole) {
                throw drop(HopKind.ROUTE, rt.id(), s.id(), lookup, p, ExplanationCode.BAD_STATE_ROUTE);
            }
            hop(HopKind.ROUTE, rt.id(), s.id(), lookup, p);
            RouteTarget t = best.target();
            if (t instanceof RouteTarget.Local) {
                Vpc v = network.vpc(rt.vpc()).orElseThrow();
                Subnet d = subnetHolding(v, p.dst());
                if (d == null) throw noPossibleDestination(v.id(), null, p);
                if (!d.id().equals(s.id())) {
                    aclOut(s, p);
                    aclIn(d, p);
                }
                return arriveInSubnet(d, p);
            }
            if (t instanceof RouteTarget.InternetGateway g) {
                aclOut(s, p);
                return internetGatewayEgress(network.internetGateway(g.id()).orElseThrow(), sender, p);
            }
            if (t instanceof RouteTarget.EgressOnlyInternetGateway e) {
                aclOut(s, p);
                hop(HopKind.EGRESS_ONLY_INTERNET_GATEWAY, e.id(), null, new Detail.AddressCheck(p.src()), p); // IPv6 from src out
                if (leg == Leg.FORWARD) eigwsUsed.add(e.id());
                return onInternet(p);
            }
            if (t instanceof RouteTarget.NatGateway n) {
                NatGateway nat = network.natGateway(n.id()).orElseThrow();
                Subnet ns = network.subnet(nat.subnet()).orElseThrow();
                if (!ns.id().equals(s.id())) {
                    aclOut(s, p);
                    aclIn(ns, p);
                }
                return natGatewayForward(nat, ns, p, sender, lookup);
            }
            if (t instanceof RouteTarget.VpnGateway v) {
                aclOut(s, p);
                return vpnGatewayEgress(network.vpnGateway(v.id()).orElseThrow(), p);
            }
            if (t instanceof RouteTarget.VpcEndpoint e) {
                aclOut(s, p);
                return gatewayEndpoint(network.vpcEndpoint(e.id()).orElseThrow(), p);
            }
            if (t instanceof RouteTarget.NetworkInterface || t instanceof RouteTarget.Instance) {
                Host a = hostOf(applianceInterface(t));
                if (!a.subnet().id().equals(s.id())) {
                    aclOut(s, p);
                    aclIn(a.subnet(), p);
                }
                return atHost(a, p);
            }
            if (t instanceof RouteTarget.VpcPeering x) {
                aclOut(s, p);
                return acrossPeering(network.vpcPeering(x.id()).orElseThrow(), s, p);
            }
            if (t instanceof RouteTarget.TransitGateway g) {
                return toTransitGateway(network.transitGateway(g.id()).orElseThrow(), s, p);
            }
            throw new IllegalStateException("route target not handled: " + t);
        }

        // ---- semantics.md "Peering and transit gateways"

        End acrossPeering(VpcPeering x, Subnet s, Packet p) {
            Vpc from = vpcOf(s);
            Vpc to = network.vpc(x.peerOf(from.id())).orElseThrow();
            if (!from.contains(p.src())) { // not transitive: only the VPC's own addresses cross
                throw drop(HopKind.VPC_PEERING, x.id(), null, new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR);
            }
            if (!to.contains(p.dst())) {
                throw drop(HopKind.VPC_PEERING, x.id(), null, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR);
            }
            hop(HopKind.VPC_PEERING, x.id(), null, new Detail.AddressCheck(p.dst()), p);
            enteredFromTgwVpc = null;
            return enterSubnetOf(to, p);
        }

        End toTransitGateway(TransitGateway g, Subnet s, Packet p) {
            Vpc v = vpcOf(s);
            TransitGateway.Attachment a = null;
            for (TransitGateway.Attachment x : g.attachments()) {
                if (a == null && x.type() == TransitGateway.Attachment.Type.VPC && v.id().equals(x.vpc())) a = x;
            }
            String zone = zoneOf(s);
            Subnet t = null;
            if (a != null) {
                for (String sid : a.subnets()) {
                    Subnet x = network.subnet(sid).orElseThrow();
                    if (t == null && zoneOf(x).equals(zone)) t = x;
                }
            }
            if (t == null) {
                String component = a == null ? g.id() : a.id();
                throw drop(HopKind.TGW_ATTACHMENT, component, null,
                        new Detail.TgwAttachmentCross(g.id(), a == null ? null : a.id(), zone, true), p,
                        ExplanationCode.TGW_ROUTE_AZ_RESTRICTION);
            }
            if (p.dst().version() == 6 && !a.ipv6Support()) { // semantics.md: VPC attachments carry IPv6 only with ipv6Support
                throw drop(HopKind.TGW_ATTACHMENT, a.id(), null, new Detail.TgwAttachmentCross(g.id(), a.id(), zone, true), p,
                        ExplanationCode.TGW_ATTACHMENT_IPV6_NOT_SUPPORTED);
            }
            aclOut(s, p); // both, even when s is the attachment subnet itself (AWS: Network ACLs for transit gateways)
            aclIn(t, p);
            hop(HopKind.TGW_ATTACHMENT, a.id(), t.id(), new Detail.TgwAttachmentCross(g.id(), a.id(), zone, true), p);
            return inTransitGateway(g, a, zone, p);
        }

        End fromTgwVpn(String attachmentId, Packet p) {
            for (TransitGateway g : network.transitGateways()) {
                for (TransitGateway.Attachment a : g.attachments()) {
                    if (a.id().equals(attachmentId)) {
                        hop(HopKind.TGW_ATTACHMENT, a.id(), null, new Detail.TgwAttachmentCross(g.id(), a.id(), null, true), p);
                        return inTransitGateway(g, a, null, p);
                    }
                }
            }
            throw new IllegalStateException("no attachment " + attachmentId);
        }

        /** In the gateway, from attachment {@code from} (left in {@code zone}; null for a VPN). */
        End inTransitGateway(TransitGateway g, TransitGateway.Attachment from, String zone, Packet p) {
            if (from.association() == null) {
                throw drop(HopKind.TGW_ATTACHMENT, from.id(), null, new Detail.TgwAttachmentCross(g.id(), from.id(), zone, true), p,
                        ExplanationCode.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION);
            }
            TransitGateway.RouteTable rt = null;
            for (TransitGateway.RouteTable x : g.routeTables()) if (x.id().equals(from.association())) rt = x;
            if (routeLookups == MAX_ROUTE_LOOKUPS_PER_LEG) {
                throw new Dropped(new Drop(ExplanationCode.MAX_HOPS_EXCEEDED, rt.id(), leg, new Detail.AddressCheck(p.dst())));
            }
            routeLookups++;
            TgwCandidate best = bestTgwRoute(g, rt, p.dst());
            Detail.TgwRouteLookup lookup = new Detail.TgwRouteLookup(g.id(), rt.id(), p.dst(), best == null ? null : best.cidr(),
                    best == null ? null : best.prefixList(), best == null ? null : best.attachment(), best != null && best.blackhole(),
                    best != null && best.rank() >= 3);
            if (best == null) {
                throw drop(HopKind.TRANSIT_GATEWAY, rt.id(), null, lookup, p, ExplanationCode.TGW_RTB_CANNOT_ROUTE);
            }
            if (best.blackhole()) {
                throw drop(HopKind.TRANSIT_GATEWAY, rt.id(), null, lookup, p, ExplanationCode.TGW_RTB_BAD_STATE_ROUTE);
            }
            hop(HopKind.TRANSIT_GATEWAY, rt.id(), null, lookup, p);
            TransitGateway.Attachment out = null;
            for (TransitGateway.Attachment x : g.attachments()) if (x.id().equals(best.attachment())) out = x;
            if (out.type() == TransitGateway.Attachment.Type.VPN) {
                String behind = null;
                for (ExternalNetwork x : network.externals()) {
                    if (behind == null && out.id().equals(x.via()) && x.contains(p.dst())) behind = x.id();
                }
                for (Cidr c : out.remoteCidrs()) if (behind == null && c.contains(p.dst())) behind = out.id();
                if (behind == null) {
                    throw drop(HopKind.TGW_ATTACHMENT, out.id(), null, new Detail.AddressCheck(p.dst()), p,
                            ExplanationCode.NO_ROUTE_TO_DESTINATION);
                }
                hop(HopKind.TGW_ATTACHMENT, out.id(), null, new Detail.TgwAttachmentCross(g.id(), out.id(), null, false), p);
                hop(HopKind.EXTERNAL, behind, null, new Detail.Arrival(p.dst()), p);
                return new End.BehindTgwVpn(out.id());
            }
            if (p.dst().version() == 6 && !out.ipv6Support()) {
                throw drop(HopKind.TGW_ATTACHMENT, out.id(), null, new Detail.TgwAttachmentCross(g.id(), out.id(), null, false), p,
                        ExplanationCode.TGW_ATTACHMENT_IPV6_NOT_SUPPORTED);
            }
            Subnet entry = null;
            if (leg == Leg.RETURN && out.applianceMode()) { // the reply keeps the zone the request entered by
                for (String[] e : applianceEntries) {
                    if (entry == null && e[0].equals(out.id())) entry = network.subnet(e[1]).orElseThrow();
                }
            }
            for (String sid : out.subnets()) {
                Subnet x = network.subnet(sid).orElseThrow();
                if (entry == null && zone != null && zoneOf(x).equals(zone)) entry = x;
            }
            if (entry == null && !out.subnets().isEmpty()) entry = network.subnet(out.subnets().get(0)).orElseThrow();
            if (entry != null && leg == Leg.FORWARD && out.applianceMode()) applianceEntries.add(new String[]{out.id(), entry.id()});
            if (entry == null) {
                throw drop(HopKind.TGW_ATTACHMENT, out.id(), null, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.NO_POSSIBLE_DESTINATION);
            }
            hop(HopKind.TGW_ATTACHMENT, out.id(), entry.id(), new Detail.TgwAttachmentCross(g.id(), out.id(), zoneOf(entry), false), p);
            enteredFromTgwVpc = out.vpc();
            return fromSubnet(null, entry, p); // the attachment subnet's route table decides
        }

        // ---- step 5: interface ingress (or NAT reply handling)

        End arriveInSubnet(Subnet d, Packet p) {
            Host h = hostAt(d, p.dst());
            if (h != null) return atHost(h, p);
            NatGateway nat = natAt(d.id(), p.dst());
            if (nat != null) return natGatewayReply(nat, d, p);
            throw noPossibleDestination(d.id(), d.id(), p);
        }

        End atHost(Host h, Packet p) {
            if (leg == Leg.FORWARD && loadBalancerOfNode(h.id()) != null) return loadBalancerNode(h, p);
            String sub = h.subnet().id();
            boolean own = h.owns(p.dst());
            if (!own && h.sourceDestCheck()) {
                throw drop(HopKind.INTERFACE_INGRESS, h.id(), sub, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION);
            }
            Detail.SecurityGroupCheck check;
            if (leg == Leg.RETURN && crossedInterfaces.contains(h.id())) {
                check = new Detail.SecurityGroupCheck(h.groups(), true, p.src(), null, 0, null, true);
            } else {
                // semantics.md "Load balancer forward": the target admits the load balancer node's groups, whatever the source
                lbNodeAsPeer = leg == Leg.FORWARD && h.id().equals(lbTargetId) && lbNodeId != null
                        ? hostOf(network.networkInterface(lbNodeId).orElseThrow()) : null;
                try {
                    check = securityGroups(h, true, p, p.src());
                } finally {
                    lbNodeAsPeer = null;
                }
                if (check.matchedGroup() == null) {
                    throw drop(HopKind.INTERFACE_INGRESS, h.id(), sub, check, p, ExplanationCode.ENI_SG_RULES_MISMATCH,
                            firstGroup(h));
                }
            }
            hop(HopKind.INTERFACE_INGRESS, h.id(), sub, check, p);
            if (leg == Leg.FORWARD) crossedInterfaces.add(h.id());
            if (own) {
                SnatEntry snat = snatEntryFor(h, p);
                if (snat != null) return reverseSnat(h, snat, p);
                if (leg == Leg.FORWARD && endpointServiceOf(h.id()) != null) return privateLinkEndpoint(h, p);
                hop(HopKind.DELIVERED, h.id(), sub, new Detail.Arrival(p.dst()), p);
                return new End.AtHost(h);
            }
            return fromHost(h, p, true); // an appliance forwards it
        }

        /** Nothing takes the address: a failed DELIVERED hop at the subnet (subnet set) or the VPC. */
        Dropped noPossibleDestination(String component, String subnet, Packet p) {
            // an Arrival that failed (as the tracer records it): "nothing has the address" in reports
            return drop(HopKind.DELIVERED, component, subnet, new Detail.Arrival(p.dst()), p,
                    ExplanationCode.NO_POSSIBLE_DESTINATION);
        }

        // ---- internet gateway, egress (step 4)

        End internetGatewayEgress(InternetGateway g, Sender sender, Packet p) {
            if (p.dst().isV4()) {
                if (isRfc1918(p.dst())) {
                    throw drop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(p.dst()), p,
                            ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS);
                }
                if (Cidr.parse("100.64.0.0/10").contains(p.dst())) {
                    throw drop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(p.dst()), p,
                            ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS);
                }
                Ip publicSource = null;
                if (sender instanceof Sender.OfHost h && h.host().publicIp() != null && p.src().equals(h.host().primary())) {
                    publicSource = h.host().publicIp();
                } else if (sender instanceof Sender.OfNat n && n.nat().connectivity() == NatGateway.Connectivity.PUBLIC
                        && n.nat().publicIp() != null && p.src().equals(n.nat().privateIp())) {
                    publicSource = n.nat().publicIp();
                }
                if (publicSource == null) {
                    throw drop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(p.src()), p,
                            ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS);
                }
                Packet out = p.withSrc(publicSource);
                hop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.Translation(true, p.src(), publicSource), out);
                return onInternet(out);
            }
            if (!network.vpc(g.vpc()).orElseThrow().contains(p.src())) { // IPv6 from a peer or transit gateway: no edge-to-edge
                throw drop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS);
            }
            hop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(p.src()), p); // IPv6: no translation, src checked
            return onInternet(p);
        }

        // ---- NAT gateway (step 4 and "NAT reply handling")

        End natGatewayForward(NatGateway n, Subnet ns, Packet p, Sender sender, Detail.RouteLookup lookup) {
            if (sender instanceof Sender.OfNat self && self.nat().id().equals(n.id())) {
                // semantics.md step 4: the NAT gateway's own subnet routes its traffic back to it
                throw drop(HopKind.NAT_GATEWAY, n.id(), ns.id(), lookup, p, ExplanationCode.NGW_ROUTES_TO_ITSELF);
            }
            Vpc v = vpcOf(ns);
            // the source must be inside V's CIDRs, or the packet entered V from a transit gateway (centralized egress)
            if (!v.contains(p.src()) && !v.id().equals(enteredFromTgwVpc)) {
                throw drop(HopKind.NAT_GATEWAY, n.id(), ns.id(), new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.NGW_REQUIRES_SOURCE_IN_VPC);
            }
            Packet out = p.dst().version() == 6 ? nat64Out(p, n.privateIp()) : p.withSrc(n.privateIp());
            hop(HopKind.NAT_GATEWAY, n.id(), ns.id(), new Detail.Translation(true, p.src(), n.privateIp()), out);
            if (leg == Leg.FORWARD) natEntries.add(new NatEntry(n.id(), p.src()));
            return fromSubnet(new Sender.OfNat(n), ns, out);
        }

        End natGatewayReply(NatGateway n, Subnet ns, Packet p) {
            NatEntry entry = null;
            if (leg == Leg.RETURN) {
                for (NatEntry e : natEntries) if (e.nat().equals(n.id())) entry = e; // the latest translation by n
            }
            if (entry == null && leg == Leg.RETURN && flow.source() instanceof FlowEnd.AtSubnetHost h && isNatAddress(h)
                    && p.dst().equals(h.ip())) {
                hop(HopKind.DELIVERED, n.id(), ns.id(), new Detail.Arrival(p.dst()), p); // the reply to the NAT gateway's own flow
                return new End.OnInternet(); // (unused: the reply leg ends here)
            }
            if (entry == null) {
                throw drop(HopKind.NAT_GATEWAY, n.id(), ns.id(), new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.NAT_GATEWAY_NO_INBOUND);
            }
            Packet back = entry.originalSource().version() == 6 ? nat64Back(p, entry.originalSource()) : p.withDst(entry.originalSource());
            hop(HopKind.NAT_GATEWAY, n.id(), ns.id(), new Detail.Translation(false, p.dst(), entry.originalSource()), back);
            return fromSubnet(new Sender.OfNat(n), ns, back);
        }

        // ---- semantics.md "VPC endpoints": gateway endpoint

        End gatewayEndpoint(VpcEndpoint e, Packet p) {
            if (!gatewayEndpointCarries(p)) {
                throw drop(HopKind.VPC_ENDPOINT, e.id(), null, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION);
            }
            Vpc v = network.vpc(e.vpc()).orElseThrow();
            if (!v.contains(p.src())) {
                throw drop(HopKind.VPC_ENDPOINT, e.id(), null, new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION);
            }
            hop(HopKind.VPC_ENDPOINT, e.id(), null, new Detail.Arrival(p.dst()), p);
            return new End.AtGatewayEndpoint(e);
        }

        /** The reply of the service starts at the endpoint and enters the endpoint's VPC. */
        End fromGatewayEndpoint(VpcEndpoint e, Packet p) {
            hop(HopKind.VPC_ENDPOINT, e.id(), null, new Detail.AddressCheck(p.dst()), p);
            return enterSubnetOf(network.vpc(e.vpc()).orElseThrow(), p);
        }

        // ---- VPN gateway

        End vpnGatewayEgress(VpnGateway v, Packet p) {
            if (!network.vpc(v.vpc()).orElseThrow().contains(p.src())) { // no edge-to-edge routing
                throw drop(HopKind.VPN_GATEWAY, v.id(), null, new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS);
            }
            String arrivedAt = null; // the external holding the destination, else the gateway for its remote CIDRs
            for (ExternalNetwork x : network.externals()) {
                if (arrivedAt == null && v.id().equals(x.via()) && x.contains(p.dst())) arrivedAt = x.id();
            }
            for (Cidr c : v.remoteCidrs()) {
                if (arrivedAt == null && c.contains(p.dst())) arrivedAt = v.id();
            }
            if (arrivedAt == null) {
                throw drop(HopKind.VPN_GATEWAY, v.id(), null, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.NO_ROUTE_TO_DESTINATION);
            }
            hop(HopKind.VPN_GATEWAY, v.id(), null, new Detail.AddressCheck(p.dst()), p);
            hop(HopKind.EXTERNAL, arrivedAt, null, new Detail.Arrival(p.dst()), p);
            return new End.BehindVgw(v.id());
        }

        End fromVpnGateway(VpnGateway v, Packet p) {
            Vpc vpc = network.vpc(v.vpc()).orElseThrow();
            if (!vpc.contains(p.dst())) {
                throw drop(HopKind.VPN_GATEWAY, v.id(), null, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS);
            }
            hop(HopKind.VPN_GATEWAY, v.id(), null, new Detail.AddressCheck(p.dst()), p);
            return enterSubnetOf(vpc, p);
        }

        // ---- "On the internet"

        End onInternet(Packet p) {
            Ip dst = p.dst();
            for (EksCluster c : network.eksClusters()) {
                if (dst.equals(c.publicEndpointIp())) return eksPublicEndpoint(c, p);
            }
            if (dst.isV4()) {
                // The public IP of an interface or a NAT gateway: enter its VPC through its IGW.
                NetworkInterface owner = null;
                for (NetworkInterface e : network.networkInterfaces()) {
                    if (dst.equals(e.publicIp())) { owner = e; break; }
                }
                NatGateway natOwner = null;
                if (owner == null) {
                    for (NatGateway n : network.natGateways()) {
                        if (dst.equals(n.publicIp())) { natOwner = n; break; }
                    }
                }
                if (owner != null || natOwner != null) {
                    Subnet s = network.subnet(owner != null ? owner.subnet() : natOwner.subnet()).orElseThrow();
                    Ip privateIp = owner != null ? owner.privateIp() : natOwner.privateIp();
                    Vpc v = vpcOf(s);
                    InternetGateway g = igwOf(v);
                    if (g == null) {
                        throw drop(HopKind.INTERNET, INTERNET, null, new Detail.AddressCheck(dst), p,
                                ExplanationCode.UNKNOWN_DESTINATION);
                    }
                    Packet in = p.withDst(privateIp);
                    hop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.Translation(false, dst, privateIp), in);
                    aclIn(s, in);
                    return arriveInSubnet(s, in);
                }
                Vpc holder = vpcHolding(dst);
                for (Vpc v : holder == null ? List.<Vpc>of() : List.of(holder)) {
                    if (v.contains(dst)) {
                        InternetGateway g = igwOf(v);
                        if (g != null) {
                            throw drop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(dst), p,
                                    ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS);
                        }
                        throw drop(HopKind.INTERNET, INTERNET, null, new Detail.AddressCheck(dst), p,
                                ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS);
                    }
                }
            } else {
                for (Vpc v : network.vpcs()) {
                    if (v.contains(dst)) return enterFromInternetV6(v, p);
                }
            }
            for (ExternalNetwork x : network.externals()) {
                if (x.via() == null && x.contains(dst)) {
                    hop(HopKind.INTERNET, x.id(), null, new Detail.Arrival(dst), p);
                    return new End.OnInternet();
                }
            }
            hop(HopKind.INTERNET, INTERNET, null, new Detail.Arrival(dst), p);
            return new End.OnInternet();
        }

        /** semantics.md "EKS", public API endpoint: access on, and the source inside publicAccessCidrs. */
        End eksPublicEndpoint(EksCluster c, Packet p) {
            String component = c.name() + "-public-endpoint";
            if (!c.endpoint().publicAccess()) {
                throw drop(HopKind.EKS_API, component, null, new Detail.AddressCheck(p.src()), p, // "not reachable from src"
                        ExplanationCode.EKS_PUBLIC_ENDPOINT_DISABLED);
            }
            boolean allowed = false;
            for (Cidr cidr : c.endpoint().publicAccessCidrs()) allowed |= cidr.contains(p.src());
            if (!allowed) {
                throw drop(HopKind.EKS_API, component, null, new Detail.AddressCheck(p.src()), p,
                        ExplanationCode.EKS_PUBLIC_ACCESS_CIDR_RESTRICTION);
            }
            hop(HopKind.EKS_API, component, null, new Detail.Arrival(p.dst()), p);
            return new End.OnInternet();
        }

        End enterFromInternetV6(Vpc v, Packet p) {
            InternetGateway g = igwOf(v);
            if (g != null) {
                hop(HopKind.INTERNET_GATEWAY, g.id(), null, new Detail.AddressCheck(p.dst()), p);
                return enterSubnetOf(v, p);
            }
            EgressOnlyInternetGateway e = eigwOf(v);
            if (e != null) {
                if (leg == Leg.RETURN && eigwsUsed.contains(e.id())) {
                    hop(HopKind.EGRESS_ONLY_INTERNET_GATEWAY, e.id(), null, new Detail.AddressCheck(p.dst()), p);
                    return enterSubnetOf(v, p);
                }
                throw drop(HopKind.EGRESS_ONLY_INTERNET_GATEWAY, e.id(), null, new Detail.AddressCheck(p.dst()), p,
                        ExplanationCode.EIGW_NO_INBOUND);
            }
            throw drop(HopKind.INTERNET, INTERNET, null, new Detail.AddressCheck(p.dst()), p,
                    ExplanationCode.UNKNOWN_DESTINATION);
        }

        /** A gateway delivers into VPC v: ACL in of the subnet holding the destination, then step 5. */
        End enterSubnetOf(Vpc v, Packet p) {
            Subnet d = subnetHolding(v, p.dst());
            if (d == null) throw noPossibleDestination(v.id(), null, p);
            aclIn(d, p);
            return arriveInSubnet(d, p);
        }

        // ---- network ACLs

        void aclOut(Subnet s, Packet p) {
            acl(s, false, p, p.dst());
        }

        void aclIn(Subnet s, Packet p) {
            acl(s, true, p, p.src());
        }

        void acl(Subnet s, boolean inbound, Packet p, Ip peer) {
            NetworkAcl acl = network.networkAclOf(s);
            AclEntry decided = aclDecision(inbound ? acl.ingress() : acl.egress(), p, peer);
            boolean allowed = decided != null && decided.action() == AclEntry.Action.ALLOW;
            Detail.AclCheck check = new Detail.AclCheck(acl.id(), s.id(), inbound, peer, decided, allowed);
            HopKind kind = inbound ? HopKind.ACL_IN : HopKind.ACL_OUT;
            if (!allowed) throw drop(kind, acl.id(), s.id(), check, p, ExplanationCode.SUBNET_ACL_RESTRICTION);
            hop(kind, acl.id(), s.id(), check, p);
        }

        // ---- security groups

        Detail.SecurityGroupCheck securityGroups(Host h, boolean ingress, Packet p, Ip peer) {
            Vpc vpc = vpcOf(h.subnet());
            for (String gid : h.groups()) {
                SecurityGroup g = network.securityGroup(gid).orElse(null);
                if (g == null) continue;
                List<SgRule> rules = ingress ? g.ingress() : g.egress();
                for (int i = 0; i < rules.size(); i++) {
                    SgRule r = rules.get(i);
                    if (sgRuleMatches(r, p, peer, vpc)) {
                        return new Detail.SecurityGroupCheck(h.groups(), ingress, peer, gid, i + 1, r, false);
                    }
                }
            }
            return new Detail.SecurityGroupCheck(h.groups(), ingress, peer, null, 0, null, false);
        }

        String firstGroup(Host h) {
            return h.groups().isEmpty() ? h.id() : h.groups().get(0);
        }

        boolean sgRuleMatches(SgRule r, Packet p, Ip peer, Vpc vpc) {
            if (!protocolMatches(r.protocol(), r.ports(), r.icmpType(), r.icmpCode(), p)) return false;
            SgRule.SgPeer sp = r.peer();
            if (sp instanceof SgRule.SgPeer.CidrPeer c) return c.cidr().contains(peer);
            if (sp instanceof SgRule.SgPeer.PrefixListPeer pl) return prefixListContains(pl.prefixListId(), peer);
            if (sp instanceof SgRule.SgPeer.GroupPeer gp) {
                // the referenced group's own VPC (the rule's, or a peer VPC's across a same-region peering)
                SecurityGroup g = network.securityGroup(gp.groupId()).orElse(null);
                Vpc where = g == null ? vpc : network.vpc(g.vpc()).orElse(vpc);
                if (lbNodeAsPeer != null && lbNodeAsPeer.groups().contains(gp.groupId()) && where.id().equals(vpc.id())) return true;
                return hostInVpcCarrying(where, gp.groupId(), peer);
            }
            return false;
        }

        /** Is {@code ip} a private/IPv6 address of a host in {@code vpc} carrying group {@code group}? */
        boolean hostInVpcCarrying(Vpc vpc, String group, Ip ip) {
            for (NetworkInterface e : network.networkInterfaces()) {
                Host h = hostOf(e);
                if (h.subnet().vpc().equals(vpc.id()) && h.groups().contains(group) && h.owns(ip)) return true;
            }
            for (Host h : virtualHosts) {
                if (h.subnet().vpc().equals(vpc.id()) && h.groups().contains(group) && h.owns(ip)) return true;
            }
            return false;
        }

        // ---- look-ups (linear scans)

        Host hostAt(Subnet d, Ip ip) {
            for (NetworkInterface e : network.networkInterfaces()) {
                if (e.subnet().equals(d.id()) && e.owns(ip)) return hostOf(e);
            }
            for (Host h : virtualHosts) {
                if (h.subnet().id().equals(d.id()) && h.owns(ip)) return h;
            }
            return null;
        }
        // ---- semantics.md "PrivateLink and VPC Lattice"

        /** The chosen target when the flow's destination names this entry, else null. */
        FlowEnd.ServiceTarget chosenFor(String entry) {
            if (flow.destination() instanceof FlowEnd.ServiceTarget t && t.entry().equals(entry)) return t;
            return null;
        }

        /** A load balancer node reached directly: its groups (if any), then the load balancer. */
        End loadBalancerNode(Host node, Packet p) {
            if (!node.groups().isEmpty()) {
                Detail.SecurityGroupCheck check = securityGroups(node, true, p, p.src());
                if (check.matchedGroup() == null) {
                    throw drop(HopKind.INTERFACE_INGRESS, node.id(), node.subnet().id(), check, p, ExplanationCode.ENI_SG_RULES_MISMATCH,
                            firstGroup(node));
                }
                hop(HopKind.INTERFACE_INGRESS, node.id(), node.subnet().id(), check, p);
                crossedInterfaces.add(node.id());
            }
            return loadBalancerForward(loadBalancerOfNode(node.id()), node, p, null, null);
        }

        /** An interface endpoint of an endpoint service: acceptance, the node in its zone, the node's inbound rules. */
        End privateLinkEndpoint(Host endpointInterface, Packet p) {
            EndpointService es = endpointServiceOf(endpointInterface.id());
            VpcEndpoint ep = endpointOfInterface(endpointInterface.id());
            LoadBalancer lb = network.loadBalancer(es.loadBalancer()).orElseThrow();
            boolean accepted = es.acceptedEndpoints().contains(ep.id());
            Detail.Acceptance acceptance = new Detail.Acceptance(es.id(), lb.id(), es.acceptanceRequired(), accepted, es.allowedPrincipals());
            String sub = endpointInterface.subnet().id();
            if (es.acceptanceRequired() && !accepted) {
                throw drop(HopKind.PRIVATELINK, ep.id(), sub, acceptance, p, ExplanationCode.PRIVATELINK_ENDPOINT_NOT_ACCEPTED);
            }
            if (p.protocol() != Protocol.TCP) { // interface endpoints carry TCP only
                throw drop(HopKind.PRIVATELINK, ep.id(), sub, acceptance, p, ExplanationCode.PRIVATELINK_PROTOCOL_RESTRICTION);
            }
            hop(HopKind.PRIVATELINK, ep.id(), sub, acceptance, p);
            Host node = null;
            for (String n : lb.networkInterfaces()) {
                Host candidate = hostOf(network.networkInterface(n).orElseThrow());
                String az = endpointInterface.subnet().az();
                if (node == null && az != null && az.equals(candidate.subnet().az())) node = candidate;
            }
            if (node == null) node = hostOf(network.networkInterface(lb.networkInterfaces().get(0)).orElseThrow());
            if (!node.groups().isEmpty() && lb.enforceSecurityGroupsOnPrivateLink()) {
                Detail.SecurityGroupCheck check = securityGroupsWithoutReferences(node, p, p.src());
                if (check.matchedGroup() == null) {
                    throw drop(HopKind.INTERFACE_INGRESS, node.id(), node.subnet().id(), check, p, ExplanationCode.ENI_SG_RULES_MISMATCH,
                            firstGroup(node));
                }
                hop(HopKind.INTERFACE_INGRESS, node.id(), node.subnet().id(), check, p);
            }
            return loadBalancerForward(lb, node, p, endpointInterface, ep.id());
        }

        End loadBalancerForward(LoadBalancer lb, Host node, Packet p, Host endpointInterface, String endpointId) {
            FlowEnd.ServiceTarget chosen = chosenFor(endpointInterface != null ? endpointInterface.id() : node.id());
            String sub = node.subnet().id();
            int listener = -1;
            if (chosen != null) {
                listener = chosen.listener();
            } else {
                for (int i = 0; i < lb.listeners().size() && listener < 0; i++) {
                    LoadBalancer.Listener l = lb.listeners().get(i);
                    if (l.port() == p.dstPort() && l.protocol().carries(p.protocol())) listener = i;
                }
            }
            if (listener < 0) {
                throw drop(HopKind.LOAD_BALANCER, lb.id(), sub, new Detail.ListenerMatch(null, null, null, 0, null, false), p,
                        ExplanationCode.LB_LISTENER_NO_MATCH);
            }
            LoadBalancer.Listener l = lb.listeners().get(listener);
            String name = l.protocol() + ":" + l.port();
            int index = -1;
            if (chosen != null) {
                index = chosen.target();
            } else {
                // the first target the node forwards to: any with cross-zone load balancing, else one in the node's zone
                for (int i = 0; i < l.targets().size() && index < 0; i++) {
                    // the target group's cross-zone setting when it has one, else the load balancer's
                    boolean crossZone = l.crossZone() != null ? l.crossZone() : lb.crossZone();
                    if (crossZone || sameZone(node.subnet().az(), targetZone(lb, l.targets().get(i)))) index = i;
                }
            }
            if (index < 0 || index >= l.targets().size()) {
                ExplanationCode code = !l.targets().isEmpty() && index < 0 ? ExplanationCode.LB_NO_TARGET_IN_AVAILABILITY_ZONE
                        : ExplanationCode.LB_NO_TARGETS;
                throw drop(HopKind.LOAD_BALANCER, lb.id(), sub, new Detail.ListenerMatch(name, null, null, 0, null, false), p, code);
            }
            LoadBalancer.Target t = l.targets().get(index);
            Ip targetIp = t.instance() != null ? instancePrimaryIp(t.instance()) : t.ip();
            int port = t.port() > 0 ? t.port() : l.port();
            // Client IP preservation: never through PrivateLink or an ALB; NLB instance targets, and IP targets of UDP listeners.
            boolean preserved = endpointInterface == null && lb.type() == LoadBalancer.Type.NETWORK
                    && (t.instance() != null || l.protocol() == ListenerProtocol.UDP || l.protocol() == ListenerProtocol.TCP_UDP);
            Ip source = preserved ? p.src() : node.primary();
            Packet q = new Packet(source, targetIp, p.protocol(), p.srcPort(), port, p.icmpType(), p.icmpCode());
            String label = t.instance() != null ? t.instance() : String.valueOf(t.ip());
            hop(HopKind.LOAD_BALANCER, lb.id(), sub, new Detail.ListenerMatch(name, label, targetIp, port, source, preserved), q);
            lbId = lb.id();
            lbNodeId = node.id();
            lbEndpointId = endpointId;
            lbEndpointInterfaceId = endpointInterface == null ? null : endpointInterface.id();
            lbRequest = p;
            Subnet ts = subnetHolding(network.vpc(lb.vpc()).orElseThrow(), targetIp);
            if (ts == null) throw noPossibleDestination(lb.vpc(), null, q);
            lbTargetId = interfaceIdAt(ts, targetIp);
            if (!node.groups().isEmpty()) {
                Detail.SecurityGroupCheck check = securityGroups(node, false, q, targetIp);
                if (check.matchedGroup() == null) {
                    throw drop(HopKind.INTERFACE_EGRESS, node.id(), sub, check, q, ExplanationCode.ENI_SG_RULES_MISMATCH, firstGroup(node));
                }
                hop(HopKind.INTERFACE_EGRESS, node.id(), sub, check, q);
                crossedInterfaces.add(node.id());
            }
            if (!ts.id().equals(sub)) {
                aclOut(node.subnet(), q);
                aclIn(ts, q);
            }
            return arriveInSubnet(ts, q);
        }

        End loadBalancerTargetReply(Host target, Packet p) {
            hop(HopKind.INTERFACE_EGRESS, target.id(), target.subnet().id(),
                    new Detail.SecurityGroupCheck(target.groups(), false, p.dst(), null, 0, null, true), p);
            Host node = hostOf(network.networkInterface(lbNodeId).orElseThrow());
            if (!target.subnet().id().equals(node.subnet().id())) {
                aclOut(target.subnet(), p);
                aclIn(node.subnet(), p);
            }
            Packet back = new Packet(lbRequest.dst(), lbRequest.src(), p.protocol(), lbRequest.dstPort(), lbRequest.srcPort(),
                    p.icmpType(), p.icmpCode());
            if (lbEndpointInterfaceId == null) {
                hop(HopKind.LOAD_BALANCER, lbId, node.subnet().id(), new Detail.Translation(true, p.src(), back.src()), back);
                return fromHost(node, back, false);
            }
            Host endpointInterface = hostOf(network.networkInterface(lbEndpointInterfaceId).orElseThrow());
            Packet atNode = back.withSrc(node.primary());
            hop(HopKind.LOAD_BALANCER, lbId, node.subnet().id(), new Detail.Translation(true, p.src(), node.primary()), atNode);
            hop(HopKind.PRIVATELINK, lbEndpointId, endpointInterface.subnet().id(),
                    new Detail.Translation(true, node.primary(), back.src()), back);
            return fromHost(endpointInterface, back, false);
        }

        /** A host sends to a Lattice address: ACL out, service network, service, target group, target. */
        End latticeClient(Host client, Subnet s, Packet p) {
            Lattice lattice = network.lattice();
            Lattice.Service svc = latticeServiceAt(p.dst());
            if (svc == null) {
                throw drop(HopKind.LATTICE, lattice.prefixList(), null, new Detail.Arrival(p.dst()), p, ExplanationCode.NO_POSSIBLE_DESTINATION);
            }
            aclOut(s, p);
            String vpc = s.vpc();
            Lattice.ServiceNetwork sn = null;
            Lattice.VpcAssociation association = null;
            for (Lattice.ServiceNetwork n : lattice.serviceNetworks()) {
                for (Lattice.VpcAssociation a : n.vpcAssociations()) {
                    if (a.vpc().equals(vpc)) {
                        sn = n;
                        association = a;
                    }
                }
            }
            if (sn == null || !sn.services().contains(svc.id())) {
                throw drop(HopKind.LATTICE, svc.id(), null, new Detail.LatticeAccess(sn == null ? null : sn.id(), vpc, svc.id(), null, false), p,
                        ExplanationCode.LATTICE_SERVICE_NOT_ASSOCIATED);
            }
            if (!association.securityGroups().isEmpty()) {
                Host gate = new Host(sn.id() + "@" + vpc, s, null, List.of(), null, association.securityGroups(), false);
                Detail.SecurityGroupCheck check = securityGroups(gate, true, p, p.src());
                if (check.matchedGroup() == null) {
                    throw drop(HopKind.LATTICE, sn.id(), null, check, p, ExplanationCode.LATTICE_ASSOCIATION_SG_RESTRICTION,
                            association.securityGroups().get(0));
                }
                hop(HopKind.LATTICE, sn.id(), null, check, p);
            }
            Detail.LatticeAccess snAccess = new Detail.LatticeAccess(sn.id(), vpc, svc.id(), sn.authType(), sn.authPolicy());
            if (sn.authType() == Lattice.AuthType.AWS_IAM && !sn.authPolicy()) {
                throw drop(HopKind.LATTICE, sn.id(), null, snAccess, p, ExplanationCode.LATTICE_AUTH_POLICY_MISSING);
            }
            hop(HopKind.LATTICE, sn.id(), null, snAccess, p);
            FlowEnd.ServiceTarget chosen = chosenFor(svc.id());
            int listener = -1;
            if (chosen != null) {
                listener = chosen.listener();
            } else {
                for (int i = 0; i < svc.listeners().size() && listener < 0; i++) {
                    Lattice.Listener l = svc.listeners().get(i);
                    if (l.port() == p.dstPort() && l.protocol().carries(p.protocol())) listener = i;
                }
            }
            if (listener < 0) {
                throw drop(HopKind.LATTICE, svc.id(), null, new Detail.ListenerMatch(null, null, null, 0, null, false), p,
                        ExplanationCode.LATTICE_NO_LISTENER);
            }
            Detail.LatticeAccess svcAccess = new Detail.LatticeAccess(sn.id(), vpc, svc.id(), svc.authType(), svc.authPolicy());
            if (svc.authType() == Lattice.AuthType.AWS_IAM && !svc.authPolicy()) {
                throw drop(HopKind.LATTICE, svc.id(), null, svcAccess, p, ExplanationCode.LATTICE_AUTH_POLICY_MISSING);
            }
            hop(HopKind.LATTICE, svc.id(), null, svcAccess, p);
            Lattice.Listener l = svc.listeners().get(listener);
            String name = l.protocol() + ":" + l.port();
            Lattice.TargetGroup tg = null;
            for (Lattice.TargetGroup g : lattice.targetGroups()) if (g.id().equals(l.targetGroup())) tg = g;
            int index = chosen != null ? chosen.target() : 0;
            if (index < 0 || index >= tg.targets().size()) {
                throw drop(HopKind.LATTICE, tg.id(), null, new Detail.ListenerMatch(name, null, null, 0, null, false), p,
                        ExplanationCode.LATTICE_NO_TARGETS);
            }
            Lattice.Target t = tg.targets().get(index);
            Ip targetIp = t.instance() != null ? instancePrimaryIp(t.instance()) : t.ip();
            int port = t.port() > 0 ? t.port() : tg.port();
            Ip proxy = latticeProxyAddress(targetIp.version());
            if (proxy == null) {
                throw drop(HopKind.LATTICE, tg.id(), null, new Detail.Arrival(targetIp), p, ExplanationCode.NO_POSSIBLE_DESTINATION);
            }
            Packet q = new Packet(proxy, targetIp, p.protocol(), p.srcPort(), port, p.icmpType(), p.icmpCode());
            String label = t.instance() != null ? t.instance() : String.valueOf(t.ip());
            hop(HopKind.LATTICE, tg.id(), null, new Detail.ListenerMatch(name, label, targetIp, port, proxy, false), q);
            latticeGroupId = tg.id();
            latticeClient = client;
            latticeClientSubnet = s;
            latticeRequest = p;
            Subnet ts = subnetHolding(network.vpc(tg.vpc()).orElseThrow(), targetIp);
            if (ts == null) throw noPossibleDestination(tg.vpc(), null, q);
            latticeTargetId = interfaceIdAt(ts, targetIp);
            aclIn(ts, q);
            return arriveInSubnet(ts, q);
        }

        End latticeTargetReply(Host target, Packet p) {
            hop(HopKind.INTERFACE_EGRESS, target.id(), target.subnet().id(),
                    new Detail.SecurityGroupCheck(target.groups(), false, p.dst(), null, 0, null, true), p);
            aclOut(target.subnet(), p);
            Packet back = new Packet(latticeRequest.dst(), latticeRequest.src(), p.protocol(), latticeRequest.dstPort(),
                    latticeRequest.srcPort(), p.icmpType(), p.icmpCode());
            hop(HopKind.LATTICE, latticeGroupId, null, new Detail.Translation(false, p.dst(), latticeRequest.src()), back);
            aclIn(latticeClientSubnet, back);
            return atHost(latticeClient, back);
        }

        /** Security groups of a host for a peer outside its VPC: group references never match. */
        Detail.SecurityGroupCheck securityGroupsWithoutReferences(Host h, Packet p, Ip peer) {
            for (String gid : h.groups()) {
                SecurityGroup g = network.securityGroup(gid).orElse(null);
                if (g == null) continue;
                for (int i = 0; i < g.ingress().size(); i++) {
                    SgRule r = g.ingress().get(i);
                    if (r.peer() instanceof SgRule.SgPeer.GroupPeer) continue;
                    if (sgRuleMatches(r, p, peer, vpcOf(h.subnet()))) {
                        return new Detail.SecurityGroupCheck(h.groups(), true, peer, gid, i + 1, r, false);
                    }
                }
            }
            return new Detail.SecurityGroupCheck(h.groups(), true, peer, null, 0, null, false);
        }

        /** The id of the network interface (not a virtual host) owning {@code ip} in {@code d}, or null. */
        String interfaceIdAt(Subnet d, Ip ip) {
            for (NetworkInterface e : network.networkInterfaces()) {
                if (e.subnet().equals(d.id()) && e.owns(ip)) return e.id();
            }
            return null;
        }
    }

    // ------------------------------------------------------------------ PrivateLink and Lattice look-ups

    private LoadBalancer loadBalancerOfNode(String interfaceId) {
        for (LoadBalancer lb : network.loadBalancers()) if (lb.networkInterfaces().contains(interfaceId)) return lb;
        return null;
    }

    private VpcEndpoint endpointOfInterface(String interfaceId) {
        for (VpcEndpoint ep : network.vpcEndpoints()) {
            if (ep.type() == VpcEndpoint.Type.INTERFACE && ep.networkInterfaces().contains(interfaceId)) return ep;
        }
        return null;
    }

    /** The endpoint service behind an interface endpoint's interface, or null when it is not PrivateLink. */
    private EndpointService endpointServiceOf(String interfaceId) {
        VpcEndpoint ep = endpointOfInterface(interfaceId);
        if (ep == null) return null;
        for (EndpointService es : network.endpointServices()) {
            if (es.id().equals(ep.service()) && network.loadBalancer(es.loadBalancer()).isPresent()) return es;
        }
        return null;
    }

    /** The availability zone of the subnet of the load balancer's VPC holding the target, or null. */
    private String targetZone(LoadBalancer lb, LoadBalancer.Target t) {
        Ip ip = t.instance() != null ? instancePrimaryIp(t.instance()) : t.ip();
        Subnet s = subnetHolding(network.vpc(lb.vpc()).orElseThrow(), ip);
        return s == null ? null : s.az();
    }

    /** Unknown zones match every zone. */
    private static boolean sameZone(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    private Ip instancePrimaryIp(String instanceId) {
        io.reachsim.model.Instance i = network.instance(instanceId).orElseThrow();
        String primary = i.networkInterfaces().isEmpty() ? i.id() : i.networkInterfaces().get(0);
        return network.networkInterface(primary).orElseThrow().privateIp();
    }

    private List<Cidr> latticeCidrs() {
        String id = network.lattice().prefixList();
        if (id == null) return List.of();
        return network.prefixList(id).map(PrefixList::cidrs).orElse(List.of());
    }

    private boolean inLatticePrefixList(Ip ip) {
        for (Cidr c : latticeCidrs()) if (c.contains(ip)) return true;
        return false;
    }

    /** Service i is at address i+1 of the prefix list's first block of the family (wrapping in small blocks). */
    private Lattice.Service latticeServiceAt(Ip ip) {
        List<Lattice.Service> services = network.lattice().services();
        for (int i = 0; i < services.size(); i++) {
            for (Cidr c : latticeCidrs()) {
                if (c.version() != ip.version()) continue;
                long size = c.size();
                Ip address = size <= 1 ? c.base() : c.address(1 + (i % (size - 1)));
                if (address.equals(ip)) return services.get(i);
                break; // only the first block of the family
            }
        }
        return null;
    }

    private Ip latticeProxyAddress(int version) {
        for (Cidr c : latticeCidrs()) if (c.version() == version) return c.base();
        return null;
    }

    // ------------------------------------------------------------------ routes

    /** One candidate route; rank: 0 local, 1 static, 2 prefix-list, 3 propagated (lower wins a tie). */
    private record Candidate(Cidr cidr, int rank, String prefixList, RouteTarget target) {}

    /** Step 3: scan every candidate route of the table and keep the best (longest prefix, then rank). */
    private Candidate bestRoute(RouteTable rt, Ip dst) {
        List<Candidate> all = new ArrayList<>();
        Vpc v = network.vpc(rt.vpc()).orElseThrow();
        for (Cidr c : v.cidrs()) all.add(new Candidate(c, 0, null, new RouteTarget.Local()));
        for (Cidr c : v.ipv6Cidrs()) all.add(new Candidate(c, 0, null, new RouteTarget.Local()));
        for (Route r : rt.routes()) {
            if (r.destination() instanceof Route.RouteDestination.CidrDestination cd) {
                all.add(new Candidate(cd.cidr(), 1, null, r.target()));
            } else if (r.destination() instanceof Route.RouteDestination.PrefixListDestination pd) {
                PrefixList pl = network.prefixList(pd.prefixListId()).orElse(null);
                if (pl != null) for (Cidr c : pl.cidrs()) all.add(new Candidate(c, 2, pl.id(), r.target()));
            }
        }
        for (String vgwId : rt.propagatingVgws()) {
            VpnGateway vgw = network.vpnGateway(vgwId).orElse(null);
            if (vgw != null) for (Cidr c : vgw.remoteCidrs()) all.add(new Candidate(c, 3, null, new RouteTarget.VpnGateway(vgwId)));
        }
        // A destination inside a VPC CIDR: the local route beats every propagated route, however specific (AWS,
        // Site-to-Site VPN route priority).
        boolean local = false;
        for (Candidate c : all) local |= c.rank() == 0 && c.cidr().contains(dst);
        Candidate best = null;
        for (Candidate c : all) {
            if (!c.cidr().contains(dst)) continue; // also filters the other address family
            if (local && c.rank() == 3) continue;
            if (best == null || c.cidr().prefix() > best.cidr().prefix()
                    || (c.cidr().prefix() == best.cidr().prefix() && c.rank() < best.rank())) {
                best = c;
            }
        }
        return best;
    }

    /** A transit gateway route candidate; rank: 1 static, 2 prefix list, 3 VPC-propagated, 4 VPN-propagated. */
    private record TgwCandidate(Cidr cidr, int rank, String prefixList, String attachment, boolean blackhole) {}

    /** Every route of a TGW route table, static then propagated (attachment order); longest prefix, then rank, then first. */
    private TgwCandidate bestTgwRoute(TransitGateway g, TransitGateway.RouteTable rt, Ip dst) {
        List<TgwCandidate> all = new ArrayList<>();
        for (TransitGateway.TgwRoute r : rt.routes()) {
            if (r.destination() instanceof Route.RouteDestination.CidrDestination cd) {
                all.add(new TgwCandidate(cd.cidr(), 1, null, r.attachment(), r.blackhole()));
            } else if (r.destination() instanceof Route.RouteDestination.PrefixListDestination pd) {
                PrefixList pl = network.prefixList(pd.prefixListId()).orElse(null);
                if (pl != null) for (Cidr c : pl.cidrs()) all.add(new TgwCandidate(c, 2, pl.id(), r.attachment(), r.blackhole()));
            }
        }
        for (TransitGateway.Attachment a : g.attachments()) {
            if (!a.propagations().contains(rt.id())) continue;
            if (a.type() == TransitGateway.Attachment.Type.VPN) {
                for (Cidr c : a.remoteCidrs()) all.add(new TgwCandidate(c, 4, null, a.id(), false));
            } else {
                // semantics.md: a VPC CIDR overlapping one propagated before it (identical or not) is not propagated;
                // IPv6 CIDRs only from attachments with ipv6Support
                Vpc v = network.vpc(a.vpc()).orElseThrow();
                List<Cidr> cidrs = new ArrayList<>(v.cidrs());
                if (a.ipv6Support()) cidrs.addAll(v.ipv6Cidrs());
                for (Cidr c : cidrs) {
                    boolean overlaps = false;
                    for (TgwCandidate o : all) overlaps |= o.rank() == 3 && o.cidr().overlaps(c);
                    if (!overlaps) all.add(new TgwCandidate(c, 3, null, a.id(), false));
                }
            }
        }
        TgwCandidate best = null;
        for (TgwCandidate c : all) {
            if (!c.cidr().contains(dst)) continue;
            if (best == null || c.cidr().prefix() > best.cidr().prefix()
                    || (c.cidr().prefix() == best.cidr().prefix() && c.rank() < best.rank())) {
                best = c;
            }
        }
        return best;
    }

    /** The zone of a subnet for transit gateway attachments: its AZ ID, else its AZ name, else "". */
    static String zoneOf(Subnet s) {
        return s.azId() != null ? s.azId() : s.az() != null ? s.az() : "";
    }

    private NetworkInterface applianceInterface(RouteTarget t) {
        if (t instanceof RouteTarget.NetworkInterface n) return network.networkInterface(n.id()).orElseThrow();
        String instance = ((RouteTarget.Instance) t).id();
        for (NetworkInterface e : network.networkInterfaces()) {
            if (e.id().equals(instance)) return e; // the primary interface carries the instance's id
        }
        throw new IllegalStateException("instance without primary interface: " + instance);
    }

    // ------------------------------------------------------------------ rule matching

    /** The ACL entry that decides for this packet and peer, or null for the implicit deny ("*"). */
    static AclEntry aclDecision(List<AclEntry> entries, Packet p, Ip peer) {
        List<AclEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(AclEntry::ruleNumber));
        for (AclEntry e : sorted) {
            if (!e.cidr().contains(peer)) continue; // also filters the other address family
            if (p.protocol() == Protocol.ALL) {
                if (e.protocol() == Protocol.ALL) return e;
                if (e.action() == AclEntry.Action.DENY) return e; // some of "all" is denied
                continue; // an allow for one protocol does not allow "all"
            }
            if (protocolMatches(e.protocol(), e.ports(), e.icmpType(), e.icmpCode(), p)) return e;
        }
        return null;
    }

    /** Protocol, port and ICMP part of a security group rule or ACL entry. */
    static boolean protocolMatches(Protocol ruleProtocol, io.reachsim.model.PortRange ports, int icmpType, int icmpCode,
                                   Packet p) {
        if (ruleProtocol == Protocol.ALL) return true;
        if (ruleProtocol != p.protocol()) return false; // a packet of protocol "all" only matches "all"
        if (p.protocol().hasPorts()) return ports == null || ports.contains(p.dstPort());
        if (p.protocol().isIcmp()) {
            return (icmpType == -1 || icmpType == p.icmpType()) && (icmpCode == -1 || icmpCode == p.icmpCode());
        }
        return true;
    }

    private boolean prefixListContains(String id, Ip ip) {
        for (PrefixList pl : network.prefixLists()) {
            if (pl.id().equals(id)) {
                for (Cidr c : pl.cidrs()) if (c.contains(ip)) return true;
            }
        }
        return false;
    }

    private Subnet subnetHolding(Vpc v, Ip ip) {
        for (Subnet s : network.subnets()) {
            if (s.vpc().equals(v.id()) && s.contains(ip)) return s;
        }
        return null;
    }

    private InternetGateway igwOf(Vpc v) {
        for (InternetGateway g : network.internetGateways()) if (g.vpc().equals(v.id())) return g;
        return null;
    }

    private EgressOnlyInternetGateway eigwOf(Vpc v) {
        for (EgressOnlyInternetGateway g : network.egressOnlyInternetGateways()) if (g.vpc().equals(v.id())) return g;
        return null;
    }

    /** The pod whose interface this is, or null. */
    private Pod podWithInterface(String interfaceId) {
        for (Pod p : network.pods()) if (p.id().equals(interfaceId)) return p;
        return null;
    }

    /** Gateway endpoints carry TCP and ICMP echo request/reply only. */
    static boolean gatewayEndpointCarries(Packet p) {
        if (p.protocol() == Protocol.TCP) return true;
        if (p.protocol() == Protocol.ICMP) return p.icmpType() == 8 || p.icmpType() == 0;
        if (p.protocol() == Protocol.ICMPV6) return p.icmpType() == 128 || p.icmpType() == 129;
        return false;
    }

    static boolean isRfc1918(Ip ip) {
        return Cidr.parse("10.0.0.0/8").contains(ip) || Cidr.parse("172.16.0.0/12").contains(ip)
                || Cidr.parse("192.168.0.0/16").contains(ip);
    }
}
