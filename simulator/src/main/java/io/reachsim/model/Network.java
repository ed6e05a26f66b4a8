package io.reachsim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a scenario or snapshot describes, validated and with AWS's implicit objects made explicit
 * (default security groups and network ACLs, implicit main route tables, instances' primary network
 * interfaces). Immutable; build one with {@link #builder()}.
 */
public record Network(String region,
                      List<Vpc> vpcs,
                      List<Subnet> subnets,
                      List<RouteTable> routeTables,
                      List<InternetGateway> internetGateways,
                      List<EgressOnlyInternetGateway> egressOnlyInternetGateways,
                      List<NatGateway> natGateways,
                      List<VpnGateway> vpnGateways,
                      List<NetworkAcl> networkAcls,
                      List<SecurityGroup> securityGroups,
                      List<PrefixList> prefixLists,
                      List<Instance> instances,
                      List<NetworkInterface> networkInterfaces,
                      List<ExternalNetwork> externals,
                      List<VpcEndpoint> vpcEndpoints,
                      List<EksCluster> eksClusters,
                      List<Pod> pods,
                      List<VpcPeering> vpcPeerings,
                      List<TransitGateway> transitGateways,
                      List<LoadBalancer> loadBalancers,
                      List<EndpointService> endpointServices,
                      Lattice lattice,
                      Set<Ip> assignedAddresses) {

    public Network {
        vpcs = IdList.of(vpcs, Vpc::id);
        subnets = IdList.of(subnets, Subnet::id);
        routeTables = IdList.of(routeTables, RouteTable::id);
        internetGateways = List.copyOf(internetGateways);
        egressOnlyInternetGateways = List.copyOf(egressOnlyInternetGateways);
        natGateways = List.copyOf(natGateways);
        vpnGateways = List.copyOf(vpnGateways);
        networkAcls = IdList.of(networkAcls, NetworkAcl::id);
        securityGroups = IdList.of(securityGroups, SecurityGroup::id);
        prefixLists = List.copyOf(prefixLists);
        instances = IdList.of(instances, Instance::id);
        networkInterfaces = IdList.of(networkInterfaces, NetworkInterface::id);
        externals = List.copyOf(externals);
        vpcEndpoints = List.copyOf(vpcEndpoints);
        eksClusters = List.copyOf(eksClusters);
        pods = IdList.of(pods, Pod::id);
        vpcPeerings = List.copyOf(vpcPeerings);
        transitGateways = List.copyOf(transitGateways);
        loadBalancers = List.copyOf(loadBalancers);
        endpointServices = List.copyOf(endpointServices);
        lattice = lattice == null ? Lattice.NONE : lattice;
        assignedAddresses = assignedAddresses == null ? Set.of() : Set.copyOf(assignedAddresses);
    }

    /**
     * True when reachsim chose {@code ip} because the scenario left a private address out (an instance's,
     * an interface's or a NAT gateway's {@code privateIp}): the subnet's first free address, as AWS assigns.
     */
    public boolean assigned(Ip ip) {
        return ip != null && assignedAddresses.contains(ip);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().region(region);
        b.vpcs.addAll(vpcs);
        b.subnets.addAll(subnets);
        b.routeTables.addAll(routeTables);
        b.internetGateways.addAll(internetGateways);
        b.egressOnlyInternetGateways.addAll(egressOnlyInternetGateways);
        b.natGateways.addAll(natGateways);
        b.vpnGateways.addAll(vpnGateways);
        b.networkAcls.addAll(networkAcls);
        b.securityGroups.addAll(securityGroups);
        b.prefixLists.addAll(prefixLists);
        b.instances.addAll(instances);
        b.networkInterfaces.addAll(networkInterfaces);
        b.externals.addAll(externals);
        b.vpcEndpoints.addAll(vpcEndpoints);
        b.eksClusters.addAll(eksClusters);
        b.pods.addAll(pods);
        b.vpcPeerings.addAll(vpcPeerings);
        b.transitGateways.addAll(transitGateways);
        b.loadBalancers.addAll(loadBalancers);
        b.endpointServices.addAll(endpointServices);
        b.lattice(lattice);
        b.assigned.addAll(assignedAddresses);
        return b;
    }

    // Look-ups by id for loading, reporting and the reference evaluator; the compiled Fabric never uses them.

    public Optional<Vpc> vpc(String id) { return find(vpcs, Vpc::id, id); }
    public Optional<Subnet> subnet(String id) { return find(subnets, Subnet::id, id); }
    public Optional<RouteTable> routeTable(String id) { return find(routeTables, RouteTable::id, id); }
    public Optional<InternetGateway> internetGateway(String id) { return find(internetGateways, InternetGateway::id, id); }
    public Optional<EgressOnlyInternetGateway> egressOnlyInternetGateway(String id) { return find(egressOnlyInternetGateways, EgressOnlyInternetGateway::id, id); }
    public Optional<NatGateway> natGateway(String id) { return find(natGateways, NatGateway::id, id); }
    public Optional<VpnGateway> vpnGateway(String id) { return find(vpnGateways, VpnGateway::id, id); }
    public Optional<NetworkAcl> networkAcl(String id) { return find(networkAcls, NetworkAcl::id, id); }
    public Optional<SecurityGroup> securityGroup(String id) { return find(securityGroups, SecurityGroup::id, id); }
    public Optional<PrefixList> prefixList(String id) { return find(prefixLists, PrefixList::id, id); }
    public Optional<Instance> instance(String id) { return find(instances, Instance::id, id); }
    public Optional<NetworkInterface> networkInterface(String id) { return find(networkInterfaces, NetworkInterface::id, id); }
    public Optional<ExternalNetwork> external(String id) { return find(externals, ExternalNetwork::id, id); }
    public Optional<VpcEndpoint> vpcEndpoint(String id) { return find(vpcEndpoints, VpcEndpoint::id, id); }
    public Optional<EksCluster> eksCluster(String name) { return find(eksClusters, EksCluster::name, name); }
    public Optional<Pod> pod(String id) { return find(pods, Pod::id, id); }
    public Optional<VpcPeering> vpcPeering(String id) { return find(vpcPeerings, VpcPeering::id, id); }
    public Optional<TransitGateway> transitGateway(String id) { return find(transitGateways, TransitGateway::id, id); }
    public Optional<LoadBalancer> loadBalancer(String id) { return find(loadBalancers, LoadBalancer::id, id); }
    public Optional<EndpointService> endpointService(String id) { return find(endpointServices, EndpointService::id, id); }

    /** The route table a subnet uses: its explicit association, else its VPC's main table. */
    public RouteTable routeTableOf(Subnet s) {
        String id = s.routeTable() != null ? s.routeTable() : vpc(s.vpc()).orElseThrow().mainRouteTable();
        return routeTable(id).orElseThrow();
    }

    /** The network ACL a subnet uses: its explicit association, else its VPC's default ACL. */
    public NetworkAcl networkAclOf(Subnet s) {
        String id = s.networkAcl() != null ? s.networkAcl() : vpc(s.vpc()).orElseThrow().defaultNetworkAcl();
        return networkAcl(id).orElseThrow();
    }

    private static <T> Optional<T> find(List<T> items, Function<T, String> id, String wanted) {
        if (items instanceof IdList<T> l) return Optional.ofNullable(l.byId(wanted));
        for (T t : items) if (id.apply(t).equals(wanted)) return Optional.of(t);
        return Optional.empty();
    }

    /** Mutable accumulator; {@link #build()} copies into an immutable {@link Network}. */
    public static final class Builder {
        private String region = "us-east-1";
        public final List<Vpc> vpcs = new ArrayList<>();
        public final List<Subnet> subnets = new ArrayList<>();
        public final List<RouteTable> routeTables = new ArrayList<>();
        public final List<InternetGateway> internetGateways = new ArrayList<>();
        public final List<EgressOnlyInternetGateway> egressOnlyInternetGateways = new ArrayList<>();
        public final List<NatGateway> natGateways = new ArrayList<>();
        public final List<VpnGateway> vpnGateways = new ArrayList<>();
        public final List<NetworkAcl> networkAcls = new ArrayList<>();
        public final List<SecurityGroup> securityGroups = new ArrayList<>();
        public final List<PrefixList> prefixLists = new ArrayList<>();
        public final List<Instance> instances = new ArrayList<>();
        public final List<NetworkInterface> networkInterfaces = new ArrayList<>();
        public final List<ExternalNetwork> externals = new ArrayList<>();
        public final List<VpcEndpoint> vpcEndpoints = new ArrayList<>();
        public final List<EksCluster> eksClusters = new ArrayList<>();
        public final List<Pod> pods = new ArrayList<>();
        public final List<VpcPeering> vpcPeerings = new ArrayList<>();
        public final List<TransitGateway> transitGateways = new ArrayList<>();
        public final List<LoadBalancer> loadBalancers = new ArrayList<>();
        public final List<EndpointService> endpointServices = new ArrayList<>();
        private Lattice lattice = Lattice.NONE;
        /** Private addresses reachsim assigned where the scenario wrote none. */
        public final Set<Ip> assigned = new java.util.LinkedHashSet<>();

        public Builder region(String r) { this.region = r; return this; }
        public String region() { return region; }
        public Builder add(Vpc v) { vpcs.add(v); return this; }
        public Builder add(Subnet s) { subnets.add(s); return this; }
        public Builder add(RouteTable r) { routeTables.add(r); return this; }
        public Builder add(InternetGateway g) { internetGateways.add(g); return this; }
        public Builder add(EgressOnlyInternetGateway g) { egressOnlyInternetGateways.add(g); return this; }
        public Builder add(NatGateway g) { natGateways.add(g); return this; }
        public Builder add(VpnGateway g) { vpnGateways.add(g); return this; }
        public Builder add(NetworkAcl a) { networkAcls.add(a); return this; }
        public Builder add(SecurityGroup g) { securityGroups.add(g); return this; }
        public Builder add(PrefixList p) { prefixLists.add(p); return this; }
        public Builder add(Instance i) { instances.add(i); return this; }
        public Builder add(NetworkInterface e) { networkInterfaces.add(e); return this; }
        public Builder add(ExternalNetwork x) { externals.add(x); return this; }
        public Builder add(VpcEndpoint e) { vpcEndpoints.add(e); return this; }
        public Builder add(EksCluster c) { eksClusters.add(c); return this; }
        public Builder add(Pod p) { pods.add(p); return this; }
        public Builder add(VpcPeering p) { vpcPeerings.add(p); return this; }
        public Builder add(TransitGateway t) { transitGateways.add(t); return this; }
        public Builder add(LoadBalancer l) { loadBalancers.add(l); return this; }
        public Builder add(EndpointService s) { endpointServices.add(s); return this; }
        public Builder lattice(Lattice l) { this.lattice = l == null ? Lattice.NONE : l; return this; }
        public Lattice lattice() { return lattice; }

        public Network build() {
            return new Network(region, vpcs, subnets, routeTables, internetGateways, egressOnlyInternetGateways,
                    natGateways, vpnGateways, networkAcls, securityGroups, prefixLists, instances,
                    networkInterfaces, externals, vpcEndpoints, eksClusters, pods, vpcPeerings, transitGateways,
                    loadBalancers, endpointServices, lattice, assigned);
        }
    }

    /** All ids by kind, for error messages ("known gateways in vpc-main: ..."). */
    public Map<String, ResourceKind> kindsById() {
        Map<String, ResourceKind> m = new LinkedHashMap<>();
        vpcs.forEach(x -> m.put(x.id(), ResourceKind.VPC));
        subnets.forEach(x -> m.put(x.id(), ResourceKind.SUBNET));
        routeTables.forEach(x -> m.put(x.id(), ResourceKind.ROUTE_TABLE));
        internetGateways.forEach(x -> m.put(x.id(), ResourceKind.INTERNET_GATEWAY));
        egressOnlyInternetGateways.forEach(x -> m.put(x.id(), ResourceKind.EGRESS_ONLY_INTERNET_GATEWAY));
        natGateways.forEach(x -> m.put(x.id(), ResourceKind.NAT_GATEWAY));
        vpnGateways.forEach(x -> m.put(x.id(), ResourceKind.VPN_GATEWAY));
        networkAcls.forEach(x -> m.put(x.id(), ResourceKind.NETWORK_ACL));
        securityGroups.forEach(x -> m.put(x.id(), ResourceKind.SECURITY_GROUP));
        prefixLists.forEach(x -> m.put(x.id(), ResourceKind.PREFIX_LIST));
        networkInterfaces.forEach(x -> m.putIfAbsent(x.id(), ResourceKind.NETWORK_INTERFACE));
        instances.forEach(x -> m.put(x.id(), ResourceKind.INSTANCE));
        externals.forEach(x -> m.put(x.id(), ResourceKind.EXTERNAL_NETWORK));
        vpcEndpoints.forEach(x -> m.put(x.id(), ResourceKind.VPC_ENDPOINT));
        vpcPeerings.forEach(x -> m.put(x.id(), ResourceKind.VPC_PEERING));
        for (TransitGateway t : transitGateways) {
            m.put(t.id(), ResourceKind.TRANSIT_GATEWAY);
            t.routeTables().forEach(x -> m.put(x.id(), ResourceKind.TRANSIT_GATEWAY_ROUTE_TABLE));
            t.attachments().forEach(x -> m.put(x.id(), ResourceKind.TRANSIT_GATEWAY_ATTACHMENT));
        }
        loadBalancers.forEach(x -> m.put(x.id(), ResourceKind.LOAD_BALANCER));
        endpointServices.forEach(x -> m.put(x.id(), ResourceKind.ENDPOINT_SERVICE));
        lattice.serviceNetworks().forEach(x -> m.put(x.id(), ResourceKind.LATTICE_SERVICE_NETWORK));
        lattice.services().forEach(x -> m.put(x.id(), ResourceKind.LATTICE_SERVICE));
        lattice.targetGroups().forEach(x -> m.put(x.id(), ResourceKind.LATTICE_TARGET_GROUP));
        return Collections.unmodifiableMap(m);
    }
}
