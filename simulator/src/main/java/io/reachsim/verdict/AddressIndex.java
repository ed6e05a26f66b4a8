package io.reachsim.verdict;

import io.reachsim.compile.PrefixTrie;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcPeering;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who holds an address, and which VPCs are joined, indexed once per network: an {@code ip:} endpoint is
 * then a few hash and trie look-ups instead of a scan of every interface, subnet, peering and transit
 * gateway (an XL suite resolves 100k expectations against 50k interfaces). Read-only after construction,
 * so one index serves a parallel suite.
 */
final class AddressIndex {
    /** Private, secondary and IPv6 addresses; the first interface in network order wins, as a scan would. */
    private final Map<Ip, NetworkInterface> byAddress = new HashMap<>();
    private final Map<Ip, NetworkInterface> byPublic = new HashMap<>();
    private final Map<Ip, String> natByPublic = new HashMap<>();
    /** Every private address an interface or NAT gateway holds (for subnet:ID hosts). */
    private final Set<Ip> taken = new HashSet<>();
    private final PrefixTrie<Subnet> subnets4 = new PrefixTrie<>(4);
    private final PrefixTrie<Subnet> subnets6 = new PrefixTrie<>(6);
    /** Per VPC: the VPCs peered with it, and the transit gateways attaching it. */
    private final Map<String, Set<String>> peers = new HashMap<>();
    private final Map<String, Set<String>> gateways = new HashMap<>();
    private final Network network;

    AddressIndex(Network network) {
        this.network = network;
        for (NetworkInterface e : network.networkInterfaces()) {
            if (e.privateIp() != null) byAddress.putIfAbsent(e.privateIp(), e);
            if (e.ipv6Ip() != null) byAddress.putIfAbsent(e.ipv6Ip(), e);
            for (Ip a : e.secondaryPrivateIps()) byAddress.putIfAbsent(a, e);
            if (e.publicIp() != null) byPublic.putIfAbsent(e.publicIp(), e);
            if (e.privateIp() != null) taken.add(e.privateIp());
            taken.addAll(e.secondaryPrivateIps());
            if (e.ipv6Ip() != null) taken.add(e.ipv6Ip());
        }
        for (NatGateway n : network.natGateways()) {
            if (n.privateIp() != null) taken.add(n.privateIp());
            taken.addAll(n.secondaryPrivateIps());
            if (n.publicIp() != null) natByPublic.putIfAbsent(n.publicIp(), n.id());
        }
        for (Subnet s : network.subnets()) {
            // Subnets of one VPC never overlap; across VPCs an address in several is refused when the
            // expectation is read, so keeping the first is only a tie-break.
            if (s.cidr() != null) subnets4.put(s.cidr(), s, (a, b) -> a);
            if (s.ipv6Cidr() != null) subnets6.put(s.ipv6Cidr(), s, (a, b) -> a);
        }
        for (VpcPeering p : network.vpcPeerings()) {
            peers.computeIfAbsent(p.requester(), k -> new HashSet<>()).add(p.accepter());
            peers.computeIfAbsent(p.accepter(), k -> new HashSet<>()).add(p.requester());
        }
        for (TransitGateway t : network.transitGateways()) {
            for (TransitGateway.Attachment x : t.attachments()) {
                if (x.vpc() != null) gateways.computeIfAbsent(x.vpc(), k -> new HashSet<>()).add(t.id());
            }
        }
    }

    NetworkInterface interfaceAt(Ip ip) {
        return byAddress.get(ip);
    }

    NetworkInterface interfaceWithPublic(Ip ip) {
        return byPublic.get(ip);
    }

    String natWithPublic(Ip ip) {
        return natByPublic.get(ip);
    }

    boolean taken(Ip ip) {
        return taken.contains(ip);
    }

    /** The most specific subnet whose block holds {@code ip}, or null. */
    Subnet subnetHolding(Ip ip) {
        return ip.isV4() ? subnets4.longestMatch(ip) : subnets6.longestMatch(ip);
    }

    /** True when a VPC peering connection or a transit gateway attaching both joins the two VPCs. */
    boolean joined(String a, String b) {
        if (a == null || b == null) return false;
        if (peers.getOrDefault(a, Set.of()).contains(b)) return true;
        Set<String> ga = gateways.get(a);
        if (ga == null) return false;
        for (String t : gateways.getOrDefault(b, Set.of())) if (ga.contains(t)) return true;
        return false;
    }

    /** What in the network owns or contains {@code ip} (for messages), or null. */
    String ownerOf(Ip ip) {
        NetworkInterface e = byPublic.get(ip);
        if (e != null) return "the public IP of " + e.id();
        if (natByPublic.containsKey(ip)) return "the Elastic IP of NAT gateway " + natByPublic.get(ip);
        e = byAddress.get(ip);
        if (e != null) return e.id();
        for (EksCluster c : network.eksClusters()) {
            if (ip.equals(c.publicEndpointIp())) return "the public endpoint of EKS cluster " + c.name();
        }
        for (Vpc v : network.vpcs()) {
            for (Cidr c : v.cidrs()) if (c.contains(ip)) return "VPC " + v.id() + " (" + c + ")";
            for (Cidr c : v.ipv6Cidrs()) if (c.contains(ip)) return "VPC " + v.id() + " (" + c + ")";
        }
        for (ExternalNetwork x : network.externals()) if (x.contains(ip)) return "external network " + x.id();
        for (PrefixList p : network.prefixLists()) {
            for (Cidr c : p.cidrs()) if (c.contains(ip)) return "prefix list " + p.id() + " (" + c + ")";
        }
        return null;
    }

    /**
     * {@code first}, or the next address up that nothing in the network owns and no VPC or external network
     * holds. Prefix lists and very wide external blocks (a /0 "anywhere") do not count: the internet host must
     * only differ from what the network itself answers at.
     */
    Ip freeInternetAddress(Ip first) {
        Ip a = first;
        for (int i = 0; i < 4_096 && taken(a, true); i++) a = a.plus(1);
        return a;
    }

    private boolean taken(Ip ip, boolean forInternet) {
        if (byPublic.containsKey(ip) || natByPublic.containsKey(ip) || byAddress.containsKey(ip)) return true;
        for (EksCluster c : network.eksClusters()) if (ip.equals(c.publicEndpointIp())) return true;
        for (Vpc v : network.vpcs()) {
            for (Cidr c : v.cidrs()) if (c.contains(ip)) return true;
            for (Cidr c : v.ipv6Cidrs()) if (c.contains(ip)) return true;
        }
        for (ExternalNetwork x : network.externals()) {
            if (x.contains(ip) && (!forInternet || x.cidr() == null || x.cidr().prefix() >= 8)) return true;
        }
        return false;
    }
}
