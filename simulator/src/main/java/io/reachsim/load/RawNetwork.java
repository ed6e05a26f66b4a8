package io.reachsim.load;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Origin;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network as written, before references are resolved: every value keeps its position. A field that
 * was missing or did not parse is null (its error is already recorded), so the resolver checks what it
 * can and reports each problem once. Items of imported files come first, in import order.
 */
final class RawNetwork {
    /** AWS tags of VPCs, instances and network interfaces by id (DESIGN §9); subnets carry theirs in {@link Subnet}. */
    final java.util.Map<String, java.util.Map<String, String>> tags = new java.util.HashMap<>();
    final List<Vpc> vpcs = new ArrayList<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<RouteTable> routeTables = new ArrayList<>();
    final List<Gateway> internetGateways = new ArrayList<>();
    final List<Gateway> egressOnlyInternetGateways = new ArrayList<>();
    final List<Nat> natGateways = new ArrayList<>();
    final List<Vgw> vpnGateways = new ArrayList<>();
    final List<Acl> networkAcls = new ArrayList<>();
    final List<Sg> securityGroups = new ArrayList<>();
    final List<PrefixList> prefixLists = new ArrayList<>();
    final List<Instance> instances = new ArrayList<>();
    final List<Eni> networkInterfaces = new ArrayList<>();
    final List<External> externals = new ArrayList<>();
    final List<Endpoint> vpcEndpoints = new ArrayList<>();
    final List<Eks> eks = new ArrayList<>();
    final List<Peering> vpcPeerings = new ArrayList<>();
    final List<Tgw> transitGateways = new ArrayList<>();
    // PrivateLink, load balancers and VPC Lattice (ServicesParser / ServicesResolver)
    final List<Lb> loadBalancers = new ArrayList<>();
    final List<EndpointSvc> endpointServices = new ArrayList<>();
    final List<LatticeSection> lattice = new ArrayList<>();

    void addAll(RawNetwork o) {
        tags.putAll(o.tags);
        vpcs.addAll(o.vpcs);
        subnets.addAll(o.subnets);
        routeTables.addAll(o.routeTables);
        internetGateways.addAll(o.internetGateways);
        egressOnlyInternetGateways.addAll(o.egressOnlyInternetGateways);
        natGateways.addAll(o.natGateways);
        vpnGateways.addAll(o.vpnGateways);
        networkAcls.addAll(o.networkAcls);
        securityGroups.addAll(o.securityGroups);
        prefixLists.addAll(o.prefixLists);
        instances.addAll(o.instances);
        networkInterfaces.addAll(o.networkInterfaces);
        externals.addAll(o.externals);
        vpcEndpoints.addAll(o.vpcEndpoints);
        eks.addAll(o.eks);
        vpcPeerings.addAll(o.vpcPeerings);
        transitGateways.addAll(o.transitGateways);
        loadBalancers.addAll(o.loadBalancers);
        endpointServices.addAll(o.endpointServices);
        lattice.addAll(o.lattice);
    }

    /** {@code fileRegion}: the {@code region} of the file the VPC was written in (null if none). */
    record Vpc(Val<String> id, Origin at, String region, String fileRegion, Val<Cidr> cidr, List<Val<Cidr>> secondaryCidrs,
               Val<Cidr> ipv6Cidr, boolean enableDnsSupport, boolean enableDnsHostnames,
               Val<String> defaultSecurityGroup, Val<String> defaultNetworkAcl, Val<String> account) {}

    record Subnet(Val<String> id, Origin at, Val<String> vpc, String az, Val<Cidr> cidr, Val<Cidr> ipv6Cidr,
                  Val<String> routeTable, Val<String> networkAcl, Map<String, String> tags, String azId,
                  Val<String> owner, List<Val<String>> sharedWith) {}

    record RouteTable(Val<String> id, Origin at, Val<String> vpc, Val<Boolean> main, List<Route> routes,
                      List<Val<String>> propagatingVgws) {}

    /** Exactly one of {@code cidr} and {@code prefixList} is set when the route parsed. */
    record Route(Origin at, Val<Cidr> cidr, Val<String> prefixList, Val<String> target) {}

    /** An internet or egress-only internet gateway. */
    record Gateway(Val<String> id, Origin at, Val<String> vpc) {}

    record Nat(Val<String> id, Origin at, Val<String> subnet, Val<NatGateway.Connectivity> connectivity,
               Val<Ip> privateIp, Val<Ip> publicIp, List<Val<Ip>> secondaryPrivateIps) {}

    record Vgw(Val<String> id, Origin at, Val<String> vpc, List<Val<Cidr>> remoteCidrs) {}

    record Acl(Val<String> id, Origin at, Val<String> vpc, List<AclEntry> ingress, List<AclEntry> egress) {}

    /** {@code egress} null: the field was omitted (AWS's allow-all default for a new group). */
    record Sg(Val<String> id, Origin at, Val<String> vpc, String name, List<SgRule> ingress, List<SgRule> egress,
              Val<String> account) {}

    /** {@code peer}: the source (ingress) or destination (egress) as written. */
    record SgRule(Origin at, Protocol protocol, PortRange ports, int icmpType, int icmpCode, Val<String> peer,
                  String description) {}

    record PrefixList(Val<String> id, Origin at, String name, List<Val<Cidr>> cidrs) {}

    /**
     * A network interface: standalone, an instance's primary (id = the instance's) or secondary.
     * {@code subnet} null on a secondary interface means the instance's subnet; {@code securityGroups}
     * null means omitted (the VPC's default group).
     */
    record Eni(Val<String> id, Origin at, Val<String> subnet, Val<Ip> privateIp, List<Val<Ip>> secondaryPrivateIps,
               Val<Ip> ipv6Ip, Val<Ip> publicIp, List<Val<String>> securityGroups, boolean sourceDestCheck,
               String instance, Val<String> account) {}

    record Instance(Val<String> id, Origin at, Eni primary, List<Eni> secondary) {}

    record External(Val<String> id, Origin at, Val<Cidr> cidr, Val<Ip> ip, Val<String> via) {}

    /**
     * A VPC endpoint. {@code type} null: missing or not gateway/interface (error recorded).
     * {@code service} null: missing or not valid for the type (error recorded). {@code routeTables}
     * (gateway) and {@code subnets} (interface) are empty when omitted (error recorded);
     * {@code securityGroups} null means omitted (the VPC's default group).
     */
    record Endpoint(Val<String> id, Origin at, Val<String> vpc, VpcEndpoint.Type type, Val<String> service,
                    List<Val<String>> routeTables, List<Val<String>> subnets, List<Val<String>> securityGroups,
                    Val<Boolean> privateDns) {}

    /** An EKS cluster as written; {@code ipFamily} is 4 or 6; {@code clusterSecurityGroup} null: omitted (AWS's rules). */
    record Eks(Val<String> name, Origin at, Val<String> vpc, List<Val<String>> subnets, int ipFamily,
               EndpointAccess endpoint, List<Val<String>> securityGroups, ClusterSg clusterSecurityGroup,
               List<NodeGroup> nodeGroups, Pods pods) {}

    /** The rules written for a cluster security group; a direction null: omitted (AWS's default for it). */
    record ClusterSg(Origin at, List<SgRule> ingress, List<SgRule> egress) {}

    /** {@code at}: the {@code endpoint} mapping, or the cluster when it was omitted. */
    record EndpointAccess(Origin at, boolean publicAccess, boolean privateAccess, List<Cidr> publicAccessCidrs) {}

    /** {@code securityGroups} null: omitted (the cluster security group). */
    record NodeGroup(Val<String> name, Origin at, List<Val<String>> subnets, List<Val<String>> securityGroups,
                     boolean publicIp, String instanceType, int desiredSize, int maxSize) {}

    record Pods(List<EniConfig> customNetworking, boolean externalSnat, List<Sgp> securityGroupsForPods,
                String enforcingMode) {
        static final Pods DEFAULT = new Pods(List.of(), false, List.of(), "strict");
    }

    /** One ENIConfig: {@code az} as written (the key); {@code securityGroups} null: the node's groups. */
    record EniConfig(Val<String> az, Val<String> subnet, List<Val<String>> securityGroups) {}

    /** A security group policy (security groups for pods). */
    record Sgp(Val<String> name, List<Val<String>> securityGroups) {}

    // ---- cross-VPC: peering and transit gateways

    record Peering(Val<String> id, Origin at, Val<String> requester, Val<String> accepter) {}

    record Tgw(Val<String> id, Origin at, String region, String fileRegion, Val<String> account,
               List<TgwRouteTable> routeTables, List<TgwAttachment> attachments, boolean securityGroupReferencing) {}

    record TgwRouteTable(Val<String> id, Origin at, List<TgwRoute> routes) {}

    /** Exactly one of {@code cidr}/{@code prefixList}; {@code attachment} null for a blackhole. */
    record TgwRoute(Origin at, Val<Cidr> cidr, Val<String> prefixList, Val<String> attachment, boolean blackhole) {}

    /** {@code vpn}: a VPN attachment (remoteCidrs) rather than a VPC attachment (vpc, subnets). */
    record TgwAttachment(Val<String> id, Origin at, boolean vpn, Val<String> vpc, List<Val<String>> subnets,
                         Val<String> association, List<Val<String>> propagations, boolean applianceMode,
                         List<Val<Cidr>> remoteCidrs, boolean securityGroupReferencing, boolean ipv6Support) {}
    // ---- PrivateLink, load balancers and VPC Lattice

    /** {@code type} null: missing or invalid (error recorded); {@code securityGroups} null: omitted. */
    record Lb(Val<String> id, Origin at, io.reachsim.model.LoadBalancer.Type type, io.reachsim.model.LoadBalancer.Scheme scheme,
              List<Val<String>> subnets, List<Val<String>> securityGroups, List<LbListener> listeners, boolean enforceOnPrivateLink,
              boolean crossZone) {}

    /** {@code protocol}/{@code port} null: missing or invalid (error recorded). */
    record LbListener(Origin at, Val<io.reachsim.model.ListenerProtocol> protocol, Val<Integer> port, List<Target> targets,
                      Boolean crossZone) {}

    /** A target: an instance or an address (exactly one set when it parsed), and its port (null: the listener's/group's). */
    record Target(Origin at, Val<String> instance, Val<Ip> ip, Val<Integer> port) {}

    record EndpointSvc(Val<String> id, Origin at, Val<String> loadBalancer, boolean acceptanceRequired,
                       List<Val<String>> allowedPrincipals, List<Val<String>> acceptedEndpoints) {}

    record LatticeSection(Origin at, Val<String> prefixList, List<ServiceNetwork> serviceNetworks, List<LatticeService> services,
                          List<TargetGroup> targetGroups) {}

    record ServiceNetwork(Val<String> id, Origin at, io.reachsim.model.Lattice.AuthType authType, boolean authPolicy,
                          List<Val<String>> services, List<Association> vpcAssociations) {}

    /** {@code securityGroups} empty when omitted. */
    record Association(Origin at, Val<String> vpc, List<Val<String>> securityGroups) {}

    record LatticeService(Val<String> id, Origin at, io.reachsim.model.Lattice.AuthType authType, boolean authPolicy,
                          List<LatticeListener> listeners) {}

    record LatticeListener(Origin at, Val<io.reachsim.model.ListenerProtocol> protocol, Val<Integer> port, Val<String> targetGroup) {}

    /** {@code port} null: missing (error recorded). */
    record TargetGroup(Val<String> id, Origin at, Val<String> vpc, io.reachsim.model.Lattice.TargetGroup.TargetType type,
                       io.reachsim.model.ListenerProtocol protocol, Val<Integer> port, List<Target> targets) {}
}
