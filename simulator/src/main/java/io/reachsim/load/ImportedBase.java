package io.reachsim.load;

import io.reachsim.model.ResourceKind;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Vpc;

import java.util.HashMap;
import java.util.Map;

/**
 * The snapshot part of {@link NetworkResolver}: a snapshot's network the written items add to — its ids and
 * addresses declared first, its items copied into the result — so written items may refer to its AWS ids.
 */
abstract class ImportedBase extends AddressBook {

    /** A snapshot's network the written items add to (null: none), and where its ids were read. */
    final Network base;
    final Map<String, Origin> baseOrigins;

    // ---------------------------------------------------------------- an imported snapshot

    /** Declares the snapshot's ids, addresses and VPCs, and copies its items into the result first. */
    void seed() {
        if (base == null) return;
        Map<String, String> vpcOfSubnet = new HashMap<>();
        base.subnets().forEach(s -> vpcOfSubnet.put(s.id(), s.vpc()));
        for (Vpc v : base.vpcs()) {
            seedId(v.id(), VPC, null);
            VpcInfo info = new VpcInfo();
            info.id = v.id();
            info.v4.addAll(v.cidrs());
            info.v6.addAll(v.ipv6Cidrs());
            info.defaultSg = v.defaultSecurityGroup();
            info.defaultAcl = v.defaultNetworkAcl();
            info.mainRouteTable = v.mainRouteTable();
            info.imported = v;
            vpcs.put(v.id(), info);
        }
        base.internetGateways().forEach(g -> {
            seedId(g.id(), IGW, g.vpc());
            if (vpcs.containsKey(g.vpc())) vpcs.get(g.vpc()).igw = g.id();
        });
        base.vpnGateways().forEach(g -> {
            seedId(g.id(), VGW, g.vpc());
            if (g.vpc() != null && vpcs.containsKey(g.vpc())) vpcs.get(g.vpc()).vgw = g.id();
        });
        base.subnets().forEach(s -> {
            seedId(s.id(), SUBNET, s.vpc());
            subnets.put(s.id(), s);
        });
        base.routeTables().forEach(t -> seedId(t.id(), ROUTE_TABLE, t.vpc()));
        base.egressOnlyInternetGateways().forEach(g -> seedId(g.id(), EIGW, g.vpc()));
        base.networkAcls().forEach(a -> seedId(a.id(), ACL, a.vpc()));
        base.securityGroups().forEach(g -> seedId(g.id(), SG, g.vpc()));
        base.prefixLists().forEach(p -> {
            seedId(p.id(), PREFIX_LIST, null);
            prefixLists.put(p.id(), p);
        });
        base.instances().forEach(i -> seedId(i.id(), INSTANCE, vpcOfSubnet.get(i.subnet())));
        base.vpcEndpoints().forEach(e -> seedId(e.id(), VPCE, e.vpc()));
        base.externals().forEach(x -> seedId(x.id(), EXTERNAL, null));
        base.eksClusters().forEach(c -> seedId(EksResolver.publicEndpointId(c.name()), EKS_PUBLIC_ENDPOINT, null));
        for (io.reachsim.model.NatGateway n : base.natGateways()) {
            String vpc = vpcOfSubnet.get(n.subnet());
            seedId(n.id(), NAT, vpc);
            if (vpc != null) {
                Map<Ip, String> taken = privateAddresses.computeIfAbsent(vpc, k -> new HashMap<>());
                if (n.privateIp() != null) taken.putIfAbsent(n.privateIp(), seenAt(NAT, n.id()));
                n.secondaryPrivateIps().forEach(a -> taken.putIfAbsent(a, seenAt(NAT, n.id())));
            }
            if (n.publicIp() != null) publicAddresses.putIfAbsent(n.publicIp(), seenAt(NAT, n.id()));
        }
        for (NetworkInterface e : base.networkInterfaces()) {
            String vpc = vpcOfSubnet.get(e.subnet());
            if (!ids.containsKey(e.id())) seedId(e.id(), ENI, vpc);
            if (vpc != null) {
                Map<Ip, String> taken = privateAddresses.computeIfAbsent(vpc, k -> new HashMap<>());
                if (e.privateIp() != null) taken.putIfAbsent(e.privateIp(), seenAt(ENI, e.id()));
                if (e.ipv6Ip() != null) taken.putIfAbsent(e.ipv6Ip(), seenAt(ENI, e.id()));
                e.secondaryPrivateIps().forEach(a -> taken.putIfAbsent(a, seenAt(ENI, e.id())));
            }
            if (e.publicIp() != null) publicAddresses.putIfAbsent(e.publicIp(), seenAt(ENI, e.id()));
        }
        // Kinds the resolver does not handle itself (peering, transit gateways, load balancers, Lattice):
        // declared so that a written item cannot take their ids.
        base.kindsById().forEach((id, kind) -> {
            if (!ids.containsKey(id)) seedId(id, kind, null);
        });
        Network.Builder b = base.toBuilder();
        out.vpcs.addAll(b.vpcs);
        out.subnets.addAll(b.subnets);
        out.routeTables.addAll(b.routeTables);
        out.internetGateways.addAll(b.internetGateways);
        out.egressOnlyInternetGateways.addAll(b.egressOnlyInternetGateways);
        out.natGateways.addAll(b.natGateways);
        out.vpnGateways.addAll(b.vpnGateways);
        out.networkAcls.addAll(b.networkAcls);
        out.securityGroups.addAll(b.securityGroups);
        out.prefixLists.addAll(b.prefixLists);
        out.instances.addAll(b.instances);
        out.networkInterfaces.addAll(b.networkInterfaces);
        out.externals.addAll(b.externals);
        out.vpcEndpoints.addAll(b.vpcEndpoints);
        out.eksClusters.addAll(b.eksClusters);
        out.pods.addAll(b.pods);
        out.vpcPeerings.addAll(b.vpcPeerings);
        out.transitGateways.addAll(b.transitGateways);
        out.loadBalancers.addAll(b.loadBalancers);
        out.endpointServices.addAll(b.endpointServices);
        out.lattice(base.lattice());
    }

    void seedId(String id, ResourceKind kind, String vpc) {
        ids.putIfAbsent(id, new Decl(kind, baseOrigins.getOrDefault(id, Origin.UNKNOWN), vpc));
    }

    String seenAt(ResourceKind kind, String id) {
        Origin at = baseOrigins.get(id);
        return "the " + kind + " '" + id + "'" + (at == null ? "" : " (" + at + ")");
    }

    ImportedBase(RawNetwork raw, Network base, Map<String, Origin> baseOrigins, String region, Problems problems) {
        super(raw, region, problems);
        this.base = base;
        this.baseOrigins = baseOrigins;
    }
}
