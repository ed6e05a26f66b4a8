package io.reachsim.load;

import io.reachsim.model.ResourceKind;
import io.reachsim.model.Cidr;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.Origin;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses part of {@link NetworkResolver}: who holds each private address (per VPC) and each public
 * one, so that an address used twice, outside its subnet or reserved by AWS is an error; and the addresses
 * reachsim assigns — written ones left out, and what it materialises (EKS, endpoints, load balancers).
 */
abstract class AddressBook extends ResolverCore {
    /** Private addresses per VPC and public addresses everywhere: who holds each, for "used twice". */
    final Map<String, Map<Ip, String>> privateAddresses = new HashMap<>();
    final Map<Ip, String> publicAddresses = new HashMap<>();
    /** Every private address the scenario writes: an assigned address never takes one, even one written later. */
    final java.util.Set<Ip> written = new java.util.HashSet<>();

    // ---------------------------------------------------------------- addresses

    /** Checks {@code ip} is a usable host address of {@code subnet} and not taken in its VPC. */
    boolean hostAddress(Val<Ip> ip, Subnet subnet, String owner, String what) {
        if (ip == null || subnet == null) return false;
        Ip a = ip.v();
        Cidr block = a.isV4() ? subnet.cidr() : subnet.ipv6Cidr();
        if (block == null) {
            // An IPv4 block missing here failed to parse and has its own error.
            if (!a.isV4()) {
                problems.add(ip.at(), what + " " + a + " of " + owner + " is IPv6, but subnet '" + subnet.id() + "' has no ipv6Cidr");
            }
            return false;
        }
        if (!block.contains(a)) {
            problems.add(ip.at(), what + " " + a + " of " + owner + " is outside its subnet '" + subnet.id() + "' (" + block + ")");
            return false;
        }
        if (block.isSubnetReserved(a)) {
            problems.add(ip.at(), what + " " + a + " of " + owner + " is reserved by AWS in subnet '" + subnet.id() + "' ("
                    + block + ": the first four addresses and the last one are reserved)");
            return false;
        }
        Map<Ip, String> taken = privateAddresses.computeIfAbsent(subnet.vpc(), k -> new HashMap<>());
        String holder = taken.putIfAbsent(a, owner + " (" + ip.at() + ")");
        if (holder != null) {
            problems.add(ip.at(), "address " + a + " of " + owner + " is already used by " + holder);
            return false;
        }
        return true;
    }

    boolean publicAddress(Val<Ip> ip, String owner) {
        if (ip == null) return false;
        Ip a = ip.v();
        for (Cidr c : NOT_PUBLIC) {
            if (c.contains(a)) {
                problems.add(ip.at(), "public IP " + a + " of " + owner + " is not a public address (it is in " + c
                        + "): expected a public IPv4 address or Elastic IP");
                return false;
            }
        }
        for (VpcInfo v : inSomeVpc(a) ? vpcs.values() : List.<VpcInfo>of()) {
            if (v.v4.stream().anyMatch(c -> c.contains(a))) {
                problems.add(ip.at(), "public IP " + a + " of " + owner + " is inside the CIDRs of VPC '" + v.id
                        + "': expected a public IPv4 address or Elastic IP");
                return false;
            }
        }
        String holder = publicAddresses.putIfAbsent(a, owner + " (" + ip.at() + ")");
        if (holder != null) {
            problems.add(ip.at(), "public IP " + a + " of " + owner + " is already used by " + holder);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- what the loader materialises

    /** The first public address handed to nodes with {@code publicIp: true} (198.18.0.0/15: benchmarking, never real). */
    static final Ip FIRST_NODE_PUBLIC_IP = Ip.parse("198.18.0.1");

    /**
     * Registers the id of something the loader creates (an EKS or interface-endpoint network interface,
     * a node). False, with an error at {@code at} naming {@code what}, when the id is already taken.
     */
    boolean claim(String id, ResourceKind kind, String vpc, Origin at, String what) {
        Decl d = ids.get(id);
        if (d != null) {
            problems.add(at, what + " gets the id '" + id + "', but that is already the id of the " + d.kind() + " at " + d.at());
            return false;
        }
        ids.put(id, new Decl(kind, at, vpc));
        return true;
    }

    /**
     * The lowest free host address of {@code subnet}'s IPv{@code version} block — from the network
     * address + 4 (AWS reserves the first four) up to the one before the last (reserved too) — now held
     * by {@code owner}. Free: no written interface or NAT gateway, and nothing materialised before, uses
     * it. Null when the subnet has no such block (its own error, if any, is reported) or, with an error at
     * {@code at}, when every address is taken.
     */
    Ip allocate(Subnet subnet, int version, String owner, Origin at) {
        Cidr block = version == 4 ? subnet.cidr() : subnet.ipv6Cidr();
        if (block == null || subnet.vpc() == null) return null;
        Map<Ip, String> taken = privateAddresses.computeIfAbsent(subnet.vpc(), k -> new HashMap<>());
        Ip end = block.lastAddress();
        if (block.subnetHostCount() > 0) {
            for (Ip a = block.firstSubnetHost(); a.compareTo(end) < 0; a = a.plus(1)) {
                if (!taken.containsKey(a)) {
                    taken.put(a, owner);
                    return a;
                }
            }
        }
        problems.add(at, "subnet '" + subnet.id() + "' (" + block + ") has no free IPv" + version + " address left for " + owner);
        return null;
    }

    void collectWritten() {
        for (RawNetwork.Nat n : raw.natGateways) {
            if (n.privateIp() != null) written.add(n.privateIp().v());
            n.secondaryPrivateIps().forEach(a -> written.add(a.v()));
        }
        List<RawNetwork.Eni> enis = new ArrayList<>(raw.networkInterfaces);
        for (RawNetwork.Instance i : raw.instances) {
            enis.add(i.primary());
            enis.addAll(i.secondary());
        }
        for (RawNetwork.Eni e : enis) {
            if (e.privateIp() != null) written.add(e.privateIp().v());
            e.secondaryPrivateIps().forEach(a -> written.add(a.v()));
        }
    }

    /**
     * The private address AWS would assign to {@code owner}, written without one: the subnet's lowest free
     * host address (base + 4 up, AWS reserves the first four and the last) that nothing holds and the
     * scenario writes nowhere; in file order, so a file always gets the same addresses. Null without a subnet.
     */
    Ip assign(Subnet subnet, String owner, Origin at) {
        if (subnet == null || subnet.cidr() == null || subnet.vpc() == null) return null;
        Map<Ip, String> taken = privateAddresses.computeIfAbsent(subnet.vpc(), k -> new HashMap<>());
        Cidr block = subnet.cidr();
        Ip end = block.lastAddress();
        if (block.subnetHostCount() > 0) {
            for (Ip a = block.firstSubnetHost(); a.compareTo(end) < 0; a = a.plus(1)) {
                if (!taken.containsKey(a) && !written.contains(a)) {
                    taken.put(a, owner + " (assigned)");
                    out.assigned.add(a);
                    return a;
                }
            }
        }
        problems.add(at, "subnet '" + subnet.id() + "' (" + block + ") has no free address left to assign to " + owner
                + " (write its privateIp)");
        return null;
    }

    /** The next unused public IPv4 address from 198.18.0.1 up, now held by {@code owner}. */
    Ip allocatePublic(String owner) {
        Ip a = FIRST_NODE_PUBLIC_IP;
        while (publicAddresses.containsKey(a) || inSomeVpc(a)) a = a.plus(1);
        publicAddresses.put(a, owner);
        return a;
    }

    /** Holds a fixed public address for {@code owner}; false, with an error at {@code at}, when it is taken. */
    boolean claimPublic(Ip a, String owner, Origin at) {
        String holder = publicAddresses.putIfAbsent(a, owner);
        if (holder != null) {
            problems.add(at, "the address " + a + " reachsim gives " + owner + " is already used by " + holder);
            return false;
        }
        return true;
    }

    boolean inSomeVpc(Ip a) {
        if (!a.isV4()) return false;
        // Asked for every public address: look the address up per VPC prefix length, not per VPC (linear
        // load). Built on first use; every VPC is resolved by then (vpcs() runs first).
        if (vpcV4 == null) {
            vpcV4 = new java.util.TreeMap<>();
            for (VpcInfo v : vpcs.values()) {
                for (Cidr c : v.v4) vpcV4.computeIfAbsent(c.prefix(), k -> new java.util.HashSet<>()).add(c.base().lo());
            }
        }
        for (Map.Entry<Integer, java.util.Set<Long>> e : vpcV4.entrySet()) {
            int len = e.getKey();
            long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
            if (e.getValue().contains(a.lo() & mask)) return true;
        }
        return false;
    }

    java.util.SortedMap<Integer, java.util.Set<Long>> vpcV4;

    AddressBook(RawNetwork raw, String region, Problems problems) {
        super(raw, region, problems);
    }
}
