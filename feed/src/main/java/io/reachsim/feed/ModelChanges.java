package io.reachsim.feed;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Applies one CloudTrail API call to a {@link Network}, giving Network' and the {@link Impact} of the
 * change. Request shapes follow the EC2 API reference (the CloudTrail record carries the request
 * parameters in the API's own names): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/ and, for
 * EKS, https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdateClusterConfig.html.
 */
public final class ModelChanges {

    /** The calls reachsim applies; anything else from aws.ec2/aws.eks is reported as unsupported. */
    public static final Set<String> SUPPORTED = Set.of(
            "CreateRoute", "ReplaceRoute", "DeleteRoute",
            "AssociateRouteTable", "DisassociateRouteTable", "ReplaceRouteTableAssociation",
            "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
            "CreateNetworkAclEntry", "ReplaceNetworkAclEntry", "DeleteNetworkAclEntry", "ReplaceNetworkAclAssociation",
            "CreateNatGateway", "DeleteNatGateway", "AttachInternetGateway", "DetachInternetGateway",
            "CreateTransitGatewayRoute", "DeleteTransitGatewayRoute", "UpdateClusterConfig");

    private ModelChanges() {}

    /** What happened to one network. */
    public sealed interface Outcome {
        /** The network does not hold the resource the event names. {@code unknownId}: it names an id nobody may know (association, rule). */
        record NotHeld(String reason, boolean unknownId) implements Outcome {}

        record Applied(Network network, Associations associations, Impact impact) implements Outcome {}
    }

    /** The state of one watched network: the model and the ids it does not carry. */
    public record State(Network network, Associations associations) {}

    public static Outcome apply(State state, ChangeEvent e) throws BadEventException {
        if (!SUPPORTED.contains(e.eventName())) {
            throw new BadEventException("eventName " + e.eventName() + " is not a change reachsim applies (supported: "
                    + String.join(", ", new TreeSet<>(SUPPORTED)) + ")");
        }
        if (e.source().equals("aws.eks") != e.eventName().equals("UpdateClusterConfig")) {
            throw new BadEventException("eventName " + e.eventName() + " does not come from " + e.source());
        }
        Params req = Params.of(e.request());
        Params resp = Params.of(e.response());
        if (!req.present()) throw new BadEventException("requestParameters is missing");
        Network n = state.network();
        Associations a = state.associations();
        switch (e.eventName()) {
            case "CreateRoute":
            case "ReplaceRoute":
            case "DeleteRoute":
                return route(n, a, e.eventName(), req);
            case "AssociateRouteTable":
                return associateRouteTable(n, a, req, resp);
            case "DisassociateRouteTable":
                return disassociateRouteTable(n, a, req);
            case "ReplaceRouteTableAssociation":
                return replaceRouteTableAssociation(n, a, req, resp);
            case "AuthorizeSecurityGroupIngress":
            case "AuthorizeSecurityGroupEgress":
            case "RevokeSecurityGroupIngress":
            case "RevokeSecurityGroupEgress":
                return securityGroupRules(n, a, e.eventName(), req, resp);
            case "ModifySecurityGroupRules":
                return modifySecurityGroupRules(n, a, req);
            case "CreateNetworkAclEntry":
            case "ReplaceNetworkAclEntry":
            case "DeleteNetworkAclEntry":
                return aclEntry(n, a, e.eventName(), req);
            case "ReplaceNetworkAclAssociation":
                return replaceAclAssociation(n, a, req, resp);
            case "CreateNatGateway":
                return createNatGateway(n, a, req, resp);
            case "DeleteNatGateway":
                return deleteNatGateway(n, a, req);
            case "AttachInternetGateway":
            case "DetachInternetGateway":
                return internetGateway(n, a, e.eventName().startsWith("Attach"), req);
            case "CreateTransitGatewayRoute":
            case "DeleteTransitGatewayRoute":
                return transitGatewayRoute(n, a, e.eventName().startsWith("Create"), req);
            case "UpdateClusterConfig":
                return updateClusterConfig(n, a, req);
            default:
                throw new IllegalStateException(e.eventName());
        }
    }

    private static Outcome.NotHeld notHeld(String what) {
        return new Outcome.NotHeld(what + " is not in this network", false);
    }

    // ---- VPC routes ----

    private static Outcome route(Network n, Associations a, String name, Params req) throws BadEventException {
        String tableId = req.req("routeTableId");
        RouteTable table = n.routeTable(tableId).orElse(null);
        if (table == null) return notHeld(tableId);
        Route.RouteDestination dest = destination(n, req);
        List<Route> routes = new ArrayList<>(table.routes());
        int at = -1;
        for (int i = 0; i < routes.size(); i++) if (routes.get(i).destination().equals(dest)) at = i;
        Impact.Builder impact = new Impact.Builder().component(tableId);
        if (name.equals("DeleteRoute")) {
            if (at < 0) throw new BadEventException(tableId + " has no route to " + dest + " to delete (the model and AWS disagree; publish a fresh baseline)");
            impact.component(routes.get(at).target().id());
            routes.remove(at);
        } else {
            RouteTarget target = target(n, req, table.vpc());
            if (name.equals("CreateRoute") && at >= 0) {
                throw new BadEventException(tableId + " already has a route to " + dest + " (the model and AWS disagree; publish a fresh baseline)");
            }
            if (name.equals("ReplaceRoute") && at < 0) {
                throw new BadEventException(tableId + " has no route to " + dest + " to replace (the model and AWS disagree; publish a fresh baseline)");
            }
            Route r = new Route(dest, target);
            if (at >= 0) {
                impact.component(routes.get(at).target().id());
                routes.set(at, r);
            } else {
                routes.add(r);
            }
        }
        for (Cidr c : blocks(n, dest)) impact.route(tableId, c);
        RouteTable changed = new RouteTable(table.id(), table.vpc(), table.main(), routes, table.propagatingVgws());
        return new Outcome.Applied(replace(n, b -> replaceIn(b.routeTables, RouteTable::id, changed)), a, impact.build());
    }

    private static Route.RouteDestination destination(Network n, Params req) throws BadEventException {
        if (req.str("destinationCidrBlock") != null) {
            return new Route.RouteDestination.CidrDestination(Params.cidr("destinationCidrBlock", req.str("destinationCidrBlock")));
        }
        if (req.str("destinationIpv6CidrBlock") != null) {
            return new Route.RouteDestination.CidrDestination(Params.cidr("destinationIpv6CidrBlock", req.str("destinationIpv6CidrBlock")));
        }
        String pl = req.str("destinationPrefixListId");
        if (pl != null) {
            if (n.prefixList(pl).isEmpty()) throw new BadEventException("prefix list " + pl + " is not in the network");
            return new Route.RouteDestination.PrefixListDestination(pl);
        }
        throw new BadEventException("requestParameters names no destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId");
    }

    private static List<Cidr> blocks(Network n, Route.RouteDestination d) {
        if (d instanceof Route.RouteDestination.CidrDestination c) return List.of(c.cidr());
        String id = ((Route.RouteDestination.PrefixListDestination) d).prefixListId();
        return n.prefixList(id).map(PrefixList::cidrs).orElse(List.of());
    }

    /** The route target of a Create/ReplaceRoute request; it must exist in the network. */
    private static RouteTarget target(Network n, Params req, String vpc) throws BadEventException {
        String id;
        RouteTarget t;
        if ((id = req.str("gatewayId")) != null) {
            if (id.equals("local")) return new RouteTarget.Local();
            if (id.startsWith("vgw-")) t = new RouteTarget.VpnGateway(id);
            else if (id.startsWith("vpce-")) t = new RouteTarget.VpcEndpoint(id);
            else t = new RouteTarget.InternetGateway(id);
        } else if ((id = req.str("natGatewayId")) != null) {
            t = new RouteTarget.NatGateway(id);
        } else if ((id = req.str("egressOnlyInternetGatewayId")) != null) {
            t = new RouteTarget.EgressOnlyInternetGateway(id);
        } else if ((id = req.str("transitGatewayId")) != null) {
            t = new RouteTarget.TransitGateway(id);
        } else if ((id = req.str("vpcPeeringConnectionId")) != null) {
            t = new RouteTarget.VpcPeering(id);
        } else if ((id = req.str("networkInterfaceId")) != null) {
            t = new RouteTarget.NetworkInterface(id);
        } else if ((id = req.str("instanceId")) != null) {
            t = new RouteTarget.Instance(id);
        } else if ((id = req.str("vpcEndpointId")) != null) {
            t = new RouteTarget.VpcEndpoint(id);
        } else {
            throw new BadEventException("requestParameters names no route target reachsim models (gatewayId, natGatewayId, "
                    + "egressOnlyInternetGatewayId, transitGatewayId, vpcPeeringConnectionId, networkInterfaceId, instanceId)");
        }
        if (!exists(n, t)) throw new BadEventException("route target " + id + " is not in the network");
        return t;
    }

    private static boolean exists(Network n, RouteTarget t) {
        if (t instanceof RouteTarget.InternetGateway g) return n.internetGateway(g.id()).isPresent();
        if (t instanceof RouteTarget.EgressOnlyInternetGateway g) return n.egressOnlyInternetGateway(g.id()).isPresent();
        if (t instanceof RouteTarget.NatGateway g) return n.natGateway(g.id()).isPresent();
        if (t instanceof RouteTarget.VpnGateway g) return n.vpnGateway(g.id()).isPresent();
        if (t instanceof RouteTarget.VpcEndpoint g) return n.vpcEndpoint(g.id()).isPresent();
        if (t instanceof RouteTarget.NetworkInterface g) return n.networkInterface(g.id()).isPresent();
        if (t instanceof RouteTarget.Instance g) return n.instance(g.id()).isPresent();
        if (t instanceof RouteTarget.VpcPeering g) return n.vpcPeering(g.id()).isPresent();
        if (t instanceof RouteTarget.TransitGateway g) return n.transitGateway(g.id()).isPresent();
        return true;
    }

    // ---- route table associations ----

    private static Outcome associateRouteTable(Network n, Associations a, Params req, Params resp) throws BadEventException {
        String tableId = req.req("routeTableId");
        String subnetId = req.str("subnetId");
        RouteTable table = n.routeTable(tableId).orElse(null);
        if (subnetId == null) {
            if (table == null) return notHeld(tableId);
            throw new BadEventException("only subnet associations are modelled (gateway/edge route tables are not): " + tableId);
        }
        Subnet subnet = n.subnet(subnetId).orElse(null);
        if (table == null && subnet == null) return notHeld(tableId + " / " + subnetId);
        if (table == null) throw new BadEventException("route table " + tableId + " is not in the network that holds " + subnetId);
        if (subnet == null) throw new BadEventException("subnet " + subnetId + " is not in the network that holds " + tableId);
        Network after = setSubnet(n, subnetId, s -> withRouteTable(s, tableId));
        String assoc = resp.str("associationId");
        Associations a2 = assoc == null ? a : a.withRouteTableSubnet(assoc, subnetId);
        return new Outcome.Applied(after, a2, new Impact.Builder().component(subnetId).build());
    }

    private static Outcome disassociateRouteTable(Network n, Associations a, Params req) throws BadEventException {
        String assoc = req.req("associationId");
        String subnetId = a.routeTableSubnets().get(assoc);
        if (subnetId == null) return unknownAssociation(assoc);
        if (n.subnet(subnetId).isEmpty()) return notHeld(subnetId);
        // Without an explicit association the subnet falls back to its VPC's main route table.
        Network after = setSubnet(n, subnetId, s -> withRouteTable(s, null));
        return new Outcome.Applied(after, a.withoutRouteTableAssociation(assoc), new Impact.Builder().component(subnetId).build());
    }

    private static Outcome replaceRouteTableAssociation(Network n, Associations a, Params req, Params resp) throws BadEventException {
        String assoc = req.req("associationId");
        String tableId = req.req("routeTableId");
        String newAssoc = resp.str("newAssociationId");
        String subnetId = a.routeTableSubnets().get(assoc);
        String mainVpc = a.mainRouteTableVpcs().get(assoc);
        if (subnetId == null && mainVpc == null) return unknownAssociation(assoc);
        RouteTable table = n.routeTable(tableId).orElse(null);
        if (subnetId != null) {
            if (n.subnet(subnetId).isEmpty()) return notHeld(subnetId);
            if (table == null) throw new BadEventException("route table " + tableId + " is not in the network that holds " + subnetId);
            Network after = setSubnet(n, subnetId, s -> withRouteTable(s, tableId));
            Associations a2 = a.withoutRouteTableAssociation(assoc);
            a2 = a2.withRouteTableSubnet(newAssoc != null ? newAssoc : assoc, subnetId);
            return new Outcome.Applied(after, a2, new Impact.Builder().component(subnetId).build());
        }
        // The main association: every subnet without an explicit association follows the new main table.
        Vpc vpc = n.vpc(mainVpc).orElse(null);
        if (vpc == null) return notHeld(mainVpc);
        if (table == null) throw new BadEventException("route table " + tableId + " is not in the network that holds " + mainVpc);
        Impact.Builder impact = new Impact.Builder();
        for (Subnet s : n.subnets()) if (s.vpc().equals(vpc.id()) && s.routeTable() == null) impact.component(s.id());
        Network after = replace(n, b -> {
            replaceIn(b.vpcs, Vpc::id, new Vpc(vpc.id(), vpc.region(), vpc.cidrs(), vpc.ipv6Cidrs(), vpc.enableDnsSupport(),
                    vpc.enableDnsHostnames(), vpc.defaultSecurityGroup(), vpc.defaultNetworkAcl(), tableId, vpc.account()));
            b.routeTables.replaceAll(t -> t.vpc().equals(vpc.id()) && t.main() != t.id().equals(tableId)
                    ? new RouteTable(t.id(), t.vpc(), t.id().equals(tableId), t.routes(), t.propagatingVgws()) : t);
        });
        Associations a2 = a.withoutRouteTableAssociation(assoc).withMainRouteTableVpc(newAssoc != null ? newAssoc : assoc, vpc.id());
        return new Outcome.Applied(after, a2, impact.build());
    }

    private static Outcome.NotHeld unknownAssociation(String assoc) {
        return new Outcome.NotHeld("association " + assoc + " is not known (association ids are learned from baseline "
                + "snapshot documents and from the responses of Associate/Replace calls)", true);
    }

    private static Subnet withRouteTable(Subnet s, String table) {
        return new Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), table, s.networkAcl(), s.tags(), s.azId(), s.owner(), s.sharedWith());
    }

    private static Subnet withAcl(Subnet s, String acl) {
        return new Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), s.routeTable(), acl, s.tags(), s.azId(), s.owner(), s.sharedWith());
    }

    private static Network setSubnet(Network n, String id, UnaryOperator<Subnet> f) {
        return replace(n, b -> b.subnets.replaceAll(s -> s.id().equals(id) ? f.apply(s) : s));
    }

    // ---- security groups ----

    private static Outcome securityGroupRules(Network n, Associations a, String name, Params req, Params resp) throws BadEventException {
        String groupId = req.req("groupId");
        SecurityGroup g = n.securityGroup(groupId).orElse(null);
        if (g == null) return notHeld(groupId);
        boolean egress = name.endsWith("Egress");
        boolean authorize = name.startsWith("Authorize");
        List<SgRule> current = new ArrayList<>(egress ? g.egress() : g.ingress());
        Associations a2 = a;
        if (authorize) {
            for (SgRule r : Params.permissions(req.list("ipPermissions"))) {
                if (current.stream().noneMatch(x -> sameRule(x, r))) current.add(r);
            }
            // The response names the new rules' ids (sgr-…), which later Revoke/Modify calls may use.
            for (Params item : resp.list("securityGroupRuleSet")) {
                String id = item.str("securityGroupRuleId");
                if (id == null) continue;
                a2 = a2.withRule(id, new Associations.RuleRef(groupId, egress, item.sgRule()));
            }
        } else {
            List<SgRule> gone = new ArrayList<>();
            if (!req.list("ipPermissions").isEmpty()) gone.addAll(Params.permissions(req.list("ipPermissions")));
            for (Params item : req.list("securityGroupRuleIds")) {
                String id = item.str("securityGroupRuleId");
                if (id == null) id = item.node.isTextual() ? item.node.asText() : null;
                Associations.RuleRef ref = id == null ? null : a.rules().get(id);
                if (ref == null) throw new BadEventException("security group rule " + id + " of " + groupId + " is not known "
                        + "(rule ids are learned from baseline documents' SecurityGroupRules and from Authorize responses)");
                gone.add(ref.rule());
                a2 = a2.withoutRule(id);
            }
            if (gone.isEmpty()) throw new BadEventException("requestParameters names no ipPermissions or securityGroupRuleIds");
            for (SgRule r : gone) {
                // AWS revokes the exact rule; one that does not exist is an error (InvalidPermission.NotFound).
                if (!current.removeIf(x -> sameRule(x, r))) {
                    throw new BadEventException(groupId + " has no " + (egress ? "egress" : "ingress") + " rule " + describe(r)
                            + " to revoke (the model and AWS disagree; publish a fresh baseline)");
                }
            }
        }
        SecurityGroup changed = egress ? new SecurityGroup(g.id(), g.vpc(), g.name(), g.ingress(), current, g.account())
                : new SecurityGroup(g.id(), g.vpc(), g.name(), current, g.egress(), g.account());
        return new Outcome.Applied(replace(n, b -> replaceIn(b.securityGroups, SecurityGroup::id, changed)), a2,
                new Impact.Builder().component(groupId).build());
    }

    private static Outcome modifySecurityGroupRules(Network n, Associations a, Params req) throws BadEventException {
        String groupId = req.req("GroupId");
        SecurityGroup g = n.securityGroup(groupId).orElse(null);
        if (g == null) return notHeld(groupId);
        List<SgRule> ingress = new ArrayList<>(g.ingress());
        List<SgRule> egress = new ArrayList<>(g.egress());
        Associations a2 = a;
        List<Params> updates = req.list("SecurityGroupRule");
        if (updates.isEmpty()) throw new BadEventException("requestParameters names no SecurityGroupRule to modify");
        for (Params u : updates) {
            String id = u.req("SecurityGroupRuleId");
            Associations.RuleRef ref = a.rules().get(id);
            if (ref == null) throw new BadEventException("security group rule " + id + " of " + groupId + " is not known "
                    + "(rule ids are learned from baseline documents' SecurityGroupRules and from Authorize responses)");
            SgRule now = u.obj("SecurityGroupRule").sgRule();
            List<SgRule> list = ref.egress() ? egress : ingress;
            int at = -1;
            for (int i = 0; i < list.size(); i++) if (sameRule(list.get(i), ref.rule())) at = i;
            if (at < 0) throw new BadEventException(groupId + " has no rule " + describe(ref.rule()) + " (" + id + ") to modify");
            list.set(at, now);
            a2 = a2.withRule(id, new Associations.RuleRef(groupId, ref.egress(), now));
        }
        SecurityGroup changed = new SecurityGroup(g.id(), g.vpc(), g.name(), ingress, egress, g.account());
        return new Outcome.Applied(replace(n, b -> replaceIn(b.securityGroups, SecurityGroup::id, changed)), a2,
                new Impact.Builder().component(groupId).build());
    }

    /** The same rule as AWS identifies it: everything but the description. */
    static boolean sameRule(SgRule x, SgRule y) {
        return x.protocol() == y.protocol() && Objects.equals(x.ports(), y.ports()) && x.icmpType() == y.icmpType()
                && x.icmpCode() == y.icmpCode() && x.peer().equals(y.peer());
    }

    private static String describe(SgRule r) {
        String what = r.protocol().label() + (r.ports() != null ? "/" + r.ports() : "");
        return what + " " + r.peer();
    }

    // ---- network ACLs ----

    private static Outcome aclEntry(Network n, Associations a, String name, Params req) throws BadEventException {
        String aclId = req.req("networkAclId");
        NetworkAcl acl = n.networkAcl(aclId).orElse(null);
        if (acl == null) return notHeld(aclId);
        boolean egress = Boolean.TRUE.equals(req.bool("egress"));
        Integer number = req.integer("ruleNumber");
        if (number == null) throw new BadEventException("requestParameters.ruleNumber is missing");
        List<AclEntry> entries = new ArrayList<>(egress ? acl.egress() : acl.ingress());
        int at = -1;
        for (int i = 0; i < entries.size(); i++) if (entries.get(i).ruleNumber() == number) at = i;
        String dir = egress ? "egress" : "ingress";
        if (name.equals("DeleteNetworkAclEntry")) {
            if (at < 0) throw new BadEventException(aclId + " has no " + dir + " rule " + number + " to delete");
            entries.remove(at);
        } else {
            AclEntry entry = req.aclEntry();
            if (name.equals("CreateNetworkAclEntry")) {
                if (at >= 0) throw new BadEventException(aclId + " already has " + dir + " rule " + number + " (NetworkAclEntryAlreadyExists)");
                entries.add(entry);
            } else {
                if (at < 0) throw new BadEventException(aclId + " has no " + dir + " rule " + number + " to replace");
                entries.set(at, entry);
            }
        }
        entries.sort(Comparator.comparingInt(AclEntry::ruleNumber));
        NetworkAcl changed = egress ? new NetworkAcl(acl.id(), acl.vpc(), acl.isDefault(), acl.ingress(), entries)
                : new NetworkAcl(acl.id(), acl.vpc(), acl.isDefault(), entries, acl.egress());
        return new Outcome.Applied(replace(n, b -> replaceIn(b.networkAcls, NetworkAcl::id, changed)), a,
                new Impact.Builder().component(aclId).build());
    }

    private static Outcome replaceAclAssociation(Network n, Associations a, Params req, Params resp) throws BadEventException {
        String assoc = req.req("associationId");
        String aclId = req.req("networkAclId");
        String subnetId = a.aclSubnets().get(assoc);
        if (subnetId == null) return unknownAssociation(assoc);
        Subnet s = n.subnet(subnetId).orElse(null);
        if (s == null) return notHeld(subnetId);
        NetworkAcl acl = n.networkAcl(aclId).orElse(null);
        if (acl == null) throw new BadEventException("network ACL " + aclId + " is not in the network that holds " + subnetId);
        String vpcDefault = n.vpc(s.vpc()).map(Vpc::defaultNetworkAcl).orElse(null);
        String explicit = aclId.equals(vpcDefault) ? null : aclId;
        Network after = setSubnet(n, subnetId, x -> withAcl(x, explicit));
        String newAssoc = resp.str("newAssociationId");
        Associations a2 = a.withoutAclAssociation(assoc).withAclSubnet(newAssoc != null ? newAssoc : assoc, subnetId);
        return new Outcome.Applied(after, a2, new Impact.Builder().component(subnetId).build());
    }

    // ---- gateways ----

    private static Outcome createNatGateway(Network n, Associations a, Params req, Params resp) throws BadEventException {
        String subnetId = req.req("subnetId");
        Subnet s = n.subnet(subnetId).orElse(null);
        if (s == null) return notHeld(subnetId);
        Params nat = resp.obj("natGateway");
        String id = nat.str("natGatewayId");
        if (id == null) throw new BadEventException("responseElements.natGateway.natGatewayId is missing: the NAT gateway's id is unknown");
        if (n.natGateway(id).isPresent()) throw new BadEventException("NAT gateway " + id + " already exists");
        String connectivity = nat.str("connectivityType") != null ? nat.str("connectivityType") : req.str("connectivityType");
        boolean isPrivate = "private".equalsIgnoreCase(connectivity);
        Ip privateIp = null;
        Ip publicIp = null;
        for (Params addr : nat.list("natGatewayAddressSet")) {
            if (privateIp == null && addr.str("privateIp") != null) privateIp = ip("privateIp", addr.str("privateIp"));
            if (publicIp == null && addr.str("publicIp") != null) publicIp = ip("publicIp", addr.str("publicIp"));
        }
        if (privateIp == null && req.str("privateIpAddress") != null) privateIp = ip("privateIpAddress", req.str("privateIpAddress"));
        if (privateIp == null) {
            // CloudTrail records the call while the gateway is still pending; its address is not known yet.
            throw new BadEventException("the private IP of NAT gateway " + id + " is not in the event (natGatewayAddressSet)");
        }
        if (!isPrivate && publicIp == null) {
            throw new BadEventException("the public IP (EIP " + req.str("allocationId") + ") of NAT gateway " + id + " is not in the event");
        }
        NatGateway g = new NatGateway(id, subnetId, isPrivate ? NatGateway.Connectivity.PRIVATE : NatGateway.Connectivity.PUBLIC,
                privateIp, isPrivate ? null : publicIp, List.of());
        // A new gateway carries no traffic until a route names it, but its addresses now have an owner.
        Impact impact = new Impact.Builder().component(id).component(subnetId).component(s.vpc()).component("internet").build();
        return new Outcome.Applied(replace(n, b -> b.natGateways.add(g)), a, impact);
    }

    private static Outcome deleteNatGateway(Network n, Associations a, Params req) throws BadEventException {
        String id = req.req("natGatewayId");
        NatGateway g = n.natGateway(id).orElse(null);
        if (g == null) return notHeld(id);
        Impact.Builder impact = new Impact.Builder().component(id).component(g.subnet()).component("internet");
        n.subnet(g.subnet()).ifPresent(s -> impact.component(s.vpc()));
        Network after = replace(n, b -> {
            b.natGateways.removeIf(x -> x.id().equals(id));
            blackhole(n, b, id, impact);
        });
        return new Outcome.Applied(after, a, impact.build());
    }

    private static Outcome internetGateway(Network n, Associations a, boolean attach, Params req) throws BadEventException {
        String id = req.req("internetGatewayId");
        String vpcId = req.req("vpcId");
        Vpc vpc = n.vpc(vpcId).orElse(null);
        if (vpc == null) return notHeld(vpcId);
        Impact.Builder impact = new Impact.Builder().component(id).component(vpcId).component("internet");
        for (Subnet s : n.subnets()) if (s.vpc().equals(vpcId)) impact.component(s.id());
        Network after;
        if (attach) {
            InternetGateway present = n.internetGateways().stream().filter(g -> g.vpc().equals(vpcId)).findFirst().orElse(null);
            if (present != null && !present.id().equals(id)) {
                throw new BadEventException(vpcId + " already has internet gateway " + present.id() + " attached (a VPC has at most one)");
            }
            if (present != null) return new Outcome.Applied(n, a, Impact.NONE);
            // Routes a detach turned into blackholes stay so (the model keeps no route state to restore
            // them from); a ReplaceRoute or a fresh baseline brings them back.
            after = replace(n, b -> b.internetGateways.add(new InternetGateway(id, vpcId)));
        } else {
            InternetGateway g = n.internetGateway(id).orElse(null);
            if (g == null || !g.vpc().equals(vpcId)) throw new BadEventException("internet gateway " + id + " is not attached to " + vpcId);
            after = replace(n, b -> {
                b.internetGateways.removeIf(x -> x.id().equals(id));
                blackhole(n, b, id, impact);
            });
        }
        return new Outcome.Applied(after, a, impact.build());
    }

    /**
     * Routes to a gateway that no longer exists stay in their tables in state {@code blackhole}
     * (https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html); the model has no route
     * state, so they become blackhole routes.
     */
    private static void blackhole(Network n, Network.Builder b, String target, Impact.Builder impact) {
        b.routeTables.replaceAll(t -> {
            List<Route> rs = new ArrayList<>(t.routes());
            boolean changed = false;
            for (int i = 0; i < rs.size(); i++) {
                if (rs.get(i).target().id().equals(target) && !(rs.get(i).target() instanceof RouteTarget.Blackhole)) {
                    for (Cidr c : blocks(n, rs.get(i).destination())) impact.route(t.id(), c);
                    rs.set(i, new Route(rs.get(i).destination(), new RouteTarget.Blackhole()));
                    changed = true;
                }
            }
            return changed ? new RouteTable(t.id(), t.vpc(), t.main(), rs, t.propagatingVgws()) : t;
        });
    }

    // ---- transit gateways ----

    private static Outcome transitGatewayRoute(Network n, Associations a, boolean create, Params req) throws BadEventException {
        String tableId = req.req("TransitGatewayRouteTableId");
        TransitGateway tgw = null;
        TransitGateway.RouteTable table = null;
        for (TransitGateway t : n.transitGateways()) {
            for (TransitGateway.RouteTable rt : t.routeTables()) if (rt.id().equals(tableId)) { tgw = t; table = rt; }
        }
        if (table == null) return notHeld(tableId);
        String block = req.str("DestinationCidrBlock");
        Route.RouteDestination dest;
        if (block != null) dest = new Route.RouteDestination.CidrDestination(Params.cidr("DestinationCidrBlock", block));
        else if (req.str("PrefixListId") != null) dest = new Route.RouteDestination.PrefixListDestination(req.str("PrefixListId"));
        else throw new BadEventException("requestParameters names no DestinationCidrBlock");
        List<TransitGateway.TgwRoute> routes = new ArrayList<>(table.routes());
        int at = -1;
        for (int i = 0; i < routes.size(); i++) if (routes.get(i).destination().equals(dest)) at = i;
        if (create) {
            boolean hole = Boolean.TRUE.equals(req.bool("Blackhole"));
            String attachment = req.str("TransitGatewayAttachmentId");
            if (!hole && attachment == null) throw new BadEventException("requestParameters names no TransitGatewayAttachmentId (and Blackhole is not true)");
            if (!hole && tgw.attachments().stream().noneMatch(x -> x.id().equals(attachment))) {
                throw new BadEventException("attachment " + attachment + " is not an attachment of " + tgw.id());
            }
            if (at >= 0) throw new BadEventException(tableId + " already has a static route to " + dest);
            routes.add(new TransitGateway.TgwRoute(dest, hole ? null : attachment, hole));
        } else {
            if (at < 0) throw new BadEventException(tableId + " has no static route to " + dest + " to delete");
            routes.remove(at);
        }
        TransitGateway.RouteTable changedTable = new TransitGateway.RouteTable(table.id(), routes);
        List<TransitGateway.RouteTable> tables = new ArrayList<>(tgw.routeTables());
        tables.replaceAll(t -> t.id().equals(tableId) ? changedTable : t);
        TransitGateway changed = new TransitGateway(tgw.id(), tgw.region(), tgw.account(), tables, tgw.attachments());
        Impact.Builder impact = new Impact.Builder().component(tableId).component(tgw.id());
        for (Cidr c : blocks(n, dest)) impact.route(tableId, c);
        return new Outcome.Applied(replace(n, b -> replaceIn(b.transitGateways, TransitGateway::id, changed)), a, impact.build());
    }

    // ---- EKS ----

    private static Outcome updateClusterConfig(Network n, Associations a, Params req) throws BadEventException {
        String name = req.req("name");
        EksCluster c = n.eksCluster(name).orElse(null);
        if (c == null) return notHeld("cluster " + name);
        Params cfg = req.obj("resourcesVpcConfig");
        if (!cfg.present()) return new Outcome.Applied(n, a, Impact.NONE); // logging or access config only
        EksCluster.EndpointAccess e = c.endpoint();
        boolean pub = cfg.bool("endpointPublicAccess") != null ? cfg.bool("endpointPublicAccess") : e.publicAccess();
        boolean priv = cfg.bool("endpointPrivateAccess") != null ? cfg.bool("endpointPrivateAccess") : e.privateAccess();
        List<Cidr> cidrs = e.publicAccessCidrs();
        if (cfg.get("publicAccessCidrs") != null && cfg.get("publicAccessCidrs").isArray()) {
            cidrs = new ArrayList<>();
            for (var x : cfg.get("publicAccessCidrs")) cidrs.add(Params.cidr("publicAccessCidrs", x.asText()));
        }
        if (!pub && !priv) throw new BadEventException("cluster " + name + " cannot have both public and private endpoint access off");
        EksCluster changed = new EksCluster(c.name(), c.vpc(), c.subnets(), c.ipFamily(), new EksCluster.EndpointAccess(pub, priv, cidrs),
                c.securityGroups(), c.clusterSecurityGroup(), c.nodeGroups(), c.pods(), c.crossAccountInterfaces(), c.publicEndpointIp());
        // Flows to the API are re-expanded (DNS decides public or private); flows through the public endpoint re-traced.
        Impact impact = new Impact.Builder().component(name + "-public-endpoint").component(name).build();
        return new Outcome.Applied(replace(n, b -> b.eksClusters.replaceAll(x -> x.name().equals(name) ? changed : x)), a, impact);
    }

    // ---- helpers ----

    private static Ip ip(String field, String text) throws BadEventException {
        try {
            return Ip.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadEventException(field + " '" + text + "' is not an IP address: " + e.getMessage());
        }
    }

    private static Network replace(Network n, java.util.function.Consumer<Network.Builder> edit) {
        Network.Builder b = n.toBuilder();
        edit.accept(b);
        return b.build();
    }

    private static <T> void replaceIn(List<T> list, java.util.function.Function<T, String> id, T item) {
        String want = id.apply(item);
        list.replaceAll(x -> id.apply(x).equals(want) ? item : x);
    }
}
