package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.Protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon VPC Lattice compiled: the prefix list whose link-local addresses clients connect to, each
 * service's address there, the service network associated with each VPC (with its security groups as
 * a gate interface), and each target group's target addresses.
 */
public final class FLattice {
    public final String prefixList;
    final Cidr[] cidrs;
    final Map<Ip, Service> byAddress = new HashMap<>();
    final Map<String, Service> byId = new HashMap<>();
    final Map<String, Association> byVpc = new HashMap<>();

    FLattice(String prefixList, Cidr[] cidrs) {
        this.prefixList = prefixList;
        this.cidrs = cidrs;
    }

    /** A service: its record, its addresses (IPv4, IPv6; null without a prefix-list block of that family), listeners. */
    public static final class Service {
        public final Lattice.Service service;
        public final Ip address4;
        public final Ip address6;
        public final TargetGroup[] targetGroups;
        /** Per listener: its name as hops show it ({@code HTTPS:443}), built once here rather than per trace. */
        public final String[] listenerNames;

        Service(Lattice.Service service, Ip address4, Ip address6, TargetGroup[] targetGroups) {
            this.service = service;
            this.address4 = address4;
            this.address6 = address6;
            this.targetGroups = targetGroups;
            this.listenerNames = service.listeners().stream().map(l -> l.protocol() + ":" + l.port()).toArray(String[]::new);
        }

        public String id() {
            return service.id();
        }

        /** The first listener taking {@code protocol}/{@code port}, or -1. */
        public int listenerFor(Protocol protocol, int port) {
            List<Lattice.Listener> ls = service.listeners();
            for (int i = 0; i < ls.size(); i++) {
                if (ls.get(i).port() == port && ls.get(i).protocol().carries(protocol)) return i;
            }
            return -1;
        }
    }

    /** A target group: its VPC and, per target, address, label and port (the target's, else the group's). */
    public static final class TargetGroup {
        public final Lattice.TargetGroup group;
        public final FVpc vpc;
        public final Ip[] targetIps;
        public final String[] targetLabels;
        public final int[] targetPorts;

        TargetGroup(Lattice.TargetGroup group, FVpc vpc, Ip[] targetIps, String[] targetLabels, int[] targetPorts) {
            this.group = group;
            this.vpc = vpc;
            this.targetIps = targetIps;
            this.targetLabels = targetLabels;
            this.targetPorts = targetPorts;
        }
    }

    /** A VPC's association with a service network; {@code gate} carries its security groups (null: none). */
    public static final class Association {
        public final Lattice.ServiceNetwork serviceNetwork;
        public final String vpc;
        public final FInterface gate;

        Association(Lattice.ServiceNetwork serviceNetwork, String vpc, FInterface gate) {
            this.serviceNetwork = serviceNetwork;
            this.vpc = vpc;
            this.gate = gate;
        }
    }

    /** True when {@code ip} is inside the Lattice prefix list. */
    public boolean contains(Ip ip) {
        for (Cidr c : cidrs) if (c.contains(ip)) return true;
        return false;
    }

    /** The service at {@code ip}, or null. */
    public Service serviceAt(Ip ip) {
        return byAddress.get(ip);
    }

    public Service service(String id) {
        return byId.get(id);
    }

    /** The service network association of {@code vpc}, or null. */
    public Association associationOf(String vpc) {
        return byVpc.get(vpc);
    }

    /**
     * The address the Lattice proxy uses as the source towards targets (and clients see replies come
     * back to): the prefix list's first block of that family, its first address; null when it has none.
     */
    public Ip proxyAddress(int version) {
        for (Cidr c : cidrs) if (c.version() == version) return c.base();
        return null;
    }

    /** Service {@code index}'s address in the first block of family {@code version}: the block's address index+1. */
    static Ip serviceAddress(Cidr[] cidrs, int index, int version) {
        for (Cidr c : cidrs) {
            if (c.version() != version) continue;
            long size = c.size();
            return size <= 1 ? c.base() : c.address(1 + (index % Math.max(1, size - 1)));
        }
        return null;
    }
}
