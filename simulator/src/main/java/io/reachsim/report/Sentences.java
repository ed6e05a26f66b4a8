package io.reachsim.report;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Drop;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.Mismatch;

import java.util.List;
import java.util.Optional;

/**
 * Renders the plain sentences of a trace: one per hop, one per drop, and a fix where one is obvious.
 * The tracer only records data ({@link Detail}); every word a user reads about a hop is built here.
 *
 * <p>The network is optional: with it, sentences can name the security group of a peer ("allow
 * tcp/443 from sg-nodes") and mark default network ACLs; without it they fall back to addresses.
 */
public final class Sentences {
    private final Network network;

    /** @param network the traced network, or null when only the trace is at hand */
    /** True when reachsim assigned {@code ip} because the scenario wrote no private address for its owner. */
    public boolean assigned(io.reachsim.model.Ip ip) {
        return network != null && network.assigned(ip);
    }

    public Sentences(Network network) {
        this.network = network;
    }

    public Sentences() {
        this(null);
    }

    // ---------------------------------------------------------------- hops

    /**
     * The sentence for one hop of {@code flow}: what was checked and what decided. The drop of the
     * flow is consulted for the failing hop (its explanation code picks the wording).
     */
    public String hop(Hop hop, Drop drop) {
        ExplanationCode code = !hop.passed() && drop != null ? drop.code() : null;
        return detail(hop.kind(), hop.leg(), hop.component(), hop.detail(), code, hop.packet(), hop.passed());
    }

    /** The short direction word shown beside a hop: egress, ingress, out, in; prefixed "return" on the reply. */
    public static String direction(Hop hop) {
        String d = switch (hop.kind()) {
            case INTERFACE_EGRESS -> "egress";
            case INTERFACE_INGRESS -> "ingress";
            case ACL_OUT -> "out";
            case ACL_IN -> "in";
            case VPC_PEERING, TRANSIT_GATEWAY -> "";
            // into the gateway, or out of it (a failed hop with only an address is always on the way out)
            case TGW_ATTACHMENT -> hop.detail() instanceof Detail.TgwAttachmentCross t ? (t.entering() ? "in" : "out") : "out";
            case ROUTE, INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPN_GATEWAY, INTERNET, EXTERNAL,
                 DELIVERED, SNAT, VPC_ENDPOINT, EKS_API, DNS, LOAD_BALANCER, PRIVATELINK, LATTICE -> "";
        };
        if (hop.leg() == Leg.RETURN) return d.isEmpty() ? "return" : "return " + d;
        return d;
    }

    /** How a hop's component is shown: its id, marked "(default)" for a VPC's default network ACL unless the id says so. */
    public String component(Hop hop) {
        if (network != null && (hop.kind() == HopKind.ACL_IN || hop.kind() == HopKind.ACL_OUT)) {
            var acl = network.networkAcl(hop.component());
            if (acl.isPresent() && acl.get().isDefault() && !hop.component().contains("default")) {
                return hop.component() + " (default)";
            }
        }
        return hop.component();
    }

    private String detail(HopKind kind, Leg leg, String component, Detail detail, ExplanationCode code, Packet p,
                          boolean passed) {
        if (detail == null) return noDetail(kind, component, code, p, passed);
        // Java 17: no pattern switch yet; Detail is sealed, so this chain covers every case.
        if (detail instanceof Detail.SecurityGroupCheck sg) return securityGroups(sg, p);
        if (detail instanceof Detail.AclCheck acl) return acl(acl, p);
        if (detail instanceof Detail.RouteLookup r) return route(r);
        if (detail instanceof Detail.TgwRouteLookup r) return tgwRoute(r);
        if (detail instanceof Detail.TgwAttachmentCross t) return tgwAttachment(t, component, code);
        if (detail instanceof Detail.AddressCheck a && kind == HopKind.VPC_PEERING) return peering(a.address(), p, code);
        if (detail instanceof Detail.Translation t) {
            return (t.source() ? "source " : "destination ") + t.from() + " translated to " + t.to();
        }
        if (detail instanceof Detail.AddressCheck a) return address(kind, leg, a.address(), code, passed);
        if (detail instanceof Detail.ListenerMatch m) return listener(kind, m, p, code);
        if (detail instanceof Detail.Acceptance a) return acceptance(a, passed);
        if (detail instanceof Detail.LatticeAccess a) return latticeAccess(a, component, code);
        if (detail instanceof Detail.Arrival a) {
            // a failed arrival is "nothing there", never "delivered"
            return code != null || !passed ? address(kind, leg, a.address(), code, passed) : arrival(kind, leg, component, a.address());
        }
        throw new IllegalStateException("unknown detail " + detail);
    }

    private String noDetail(HopKind kind, String component, ExplanationCode code, Packet p, boolean passed) {
        if (code != null) return lowerFirst(stripDot(code.summary()));
        return switch (kind) {
            case INTERNET -> "across the internet";
            case VPN_GATEWAY -> "over the VPN";
            case EXTERNAL -> "reached " + component;
            case DELIVERED -> p == null ? "delivered" : "delivered to " + p.dst();
            case NAT_GATEWAY, INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY -> "passes";
            default -> passed ? "passes" : "dropped";
        };
    }

    // ---- PrivateLink, load balancers and VPC Lattice

    private String listener(HopKind kind, Detail.ListenerMatch m, Packet p, ExplanationCode code) {
        String what = kind == HopKind.LATTICE ? "the service" : "the load balancer";
        if (m.listener() == null) return "no listener of " + what + " takes " + traffic(p);
        if (m.target() == null && code == ExplanationCode.LB_NO_TARGET_IN_AVAILABILITY_ZONE) {
            return "listener " + m.listener() + " has no target in this node's availability zone (cross-zone load balancing is off)";
        }
        if (m.target() == null) return "listener " + m.listener() + (kind == HopKind.LATTICE ? ": the target group has no target" : " has no target");
        String target = m.target().equals(String.valueOf(m.targetIp())) ? String.valueOf(m.targetIp()) : m.target() + " (" + m.targetIp() + ")";
        String source = m.clientIpPreserved() ? "client IP preserved" : "source becomes " + m.source();
        return "listener " + m.listener() + " → target " + target + ":" + m.targetPort() + ", " + source;
    }

    private static String acceptance(Detail.Acceptance a, boolean passed) {
        String principals = a.allowedPrincipals().isEmpty() ? "" : " (allowed principals " + String.join(", ", a.allowedPrincipals())
                + ": recorded, not evaluated)";
        if (!passed && a.required() && !a.accepted()) return a.endpointService() + " requires acceptance and has not accepted this endpoint";
        if (!passed) return "an interface endpoint carries TCP traffic only";
        String how = a.required() ? "accepted by " : "connected to ";
        return how + a.endpointService() + " (" + a.loadBalancer() + ")" + principals;
    }

    private static String latticeAccess(Detail.LatticeAccess a, String component, ExplanationCode code) {
        if (code == ExplanationCode.LATTICE_SERVICE_NOT_ASSOCIATED) {
            return a.serviceNetwork() == null
                    ? a.vpc() + " has no service network association, so " + a.service() + " is not reachable from it"
                    : a.service() + " is not in " + a.serviceNetwork() + ", the service network associated with " + a.vpc();
        }
        if (code == ExplanationCode.LATTICE_AUTH_POLICY_MISSING) return "auth type AWS_IAM with no auth policy: every request is denied";
        if (a.authType() == io.reachsim.model.Lattice.AuthType.AWS_IAM) {
            return "auth type AWS_IAM with an auth policy: allowed (IAM principals are not evaluated)";
        }
        if (component.equals(a.serviceNetwork())) {
            return a.vpc() + " is associated with " + a.serviceNetwork() + ", which has " + a.service() + "; auth type NONE";
        }
        return "auth type NONE";
    }

    private String securityGroups(Detail.SecurityGroupCheck sg, Packet p) {
        String toFrom = sg.ingress() ? "from" : "to";
        if (sg.stateful()) return "stateful: reply of an allowed connection";
        if (sg.matchedGroup() != null && sg.rule() != null) {
            String index = sg.ruleIndex() > 0 ? " #" + sg.ruleIndex() : "";
            return sg.matchedGroup() + index + " allows " + ruleTraffic(sg.rule()) + " " + toFrom + " "
                    + peer(sg.rule().peer(), sg.matchedGroup());
        }
        if (sg.groups().isEmpty()) {
            return "the interface has no security group, so nothing " + (sg.ingress() ? "inbound" : "outbound") + " is allowed";
        }
        return "no rule in " + groupList(sg.groups()) + " allows " + traffic(p) + " " + toFrom + " " + sg.peer();
    }

    private String acl(Detail.AclCheck acl, Packet p) {
        String toFrom = acl.inbound() ? "from" : "to";
        AclEntry e = acl.entry();
        if (e == null) {
            return "implicit deny (*): no rule allows " + traffic(p) + " " + toFrom + " " + acl.peer();
        }
        String verb = e.action() == AclEntry.Action.ALLOW ? " allows " : " denies ";
        String what = e.protocol() == Protocol.ALL ? "all" : packetFlow(p);
        boolean everywhere = e.cidr() == null || e.cidr().prefix() == 0;
        String where = everywhere && e.action() == AclEntry.Action.ALLOW ? "" : " " + toFrom + " " + e.cidr();
        return "rule " + e.ruleNumber() + verb + what + where;
    }

    private static String route(Detail.RouteLookup r) {
        if (r.matched() == null) return "no route for " + r.destination();
        String target = r.target() == null ? "?" : r.target().id();
        String dest = r.prefixList() != null ? r.prefixList() + " (" + r.matched() + ")" : r.matched().toString();
        return dest + " → " + target;
    }

    // ---- peering and transit gateways

    private static String peering(Ip a, Packet p, ExplanationCode code) {
        if (code == null) return "to " + a + " inside the peer VPC";
        if (p != null && a.equals(p.src())) {
            return "source " + a + " is not inside this VPC: a peering connection is not transitive (no traffic from other networks)";
        }
        return "destination " + a + " is not inside the peer VPC's CIDRs";
    }

    private static String tgwRoute(Detail.TgwRouteLookup r) {
        String where = " (" + r.transitGateway() + ")";
        if (r.matched() == null) return "no route for " + r.destination() + where;
        String dest = r.prefixList() != null ? r.prefixList() + " (" + r.matched() + ")" : r.matched().toString();
        if (r.blackhole()) return dest + " → blackhole" + where;
        return dest + " → " + r.attachment() + (r.propagated() ? " (propagated, " + r.transitGateway() + ")" : where);
    }

    private static String tgwAttachment(Detail.TgwAttachmentCross t, String component, ExplanationCode code) {
        if (code == ExplanationCode.TGW_ROUTE_AZ_RESTRICTION) {
            return (t.attachment() == null ? "no attachment" : "attachment " + t.attachment() + " has no subnet")
                    + " in " + (t.zone() == null || t.zone().isEmpty() ? "this availability zone" : t.zone())
                    + ": traffic from there cannot reach " + t.transitGateway();
        }
        if (code == ExplanationCode.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION) {
            return component + " is associated with no route table of " + t.transitGateway() + ": its traffic is dropped";
        }
        if (code != null) return lowerFirst(stripDot(code.summary()));
        String zone = t.zone() == null || t.zone().isEmpty() ? "" : " in " + t.zone();
        if (t.zone() == null && t.entering()) return "from the VPN into " + t.transitGateway();
        if (t.zone() == null) return "out of " + t.transitGateway() + " over the VPN";
        return t.entering() ? "into " + t.transitGateway() + zone : "out of " + t.transitGateway() + zone;
    }

    private String address(HopKind kind, Leg leg, Ip a, ExplanationCode code, boolean passed) {
        if (code == null && !passed) return "nothing at " + a + " takes the packet";
        if (code == null) {
            return switch (kind) {
                case INTERFACE_EGRESS, INTERFACE_INGRESS -> "source/destination check passes for " + a;
                // the tracer checks an address at an IGW only for IPv6, which it passes untranslated
                case INTERNET_GATEWAY -> a.isV4() ? a + " has a public address" : "IPv6 " + a + " passes untranslated";
                case EGRESS_ONLY_INTERNET_GATEWAY -> leg == Leg.RETURN
                        ? "reply to " + a + " of a connection started inside"
                        : "IPv6 from " + a + " out to the internet";
                case VPN_GATEWAY -> "over the VPN to " + a;
                default -> a + " accepted";
            };
        }
        return switch (code) {
            case IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS -> "source " + a + " has no public IP or EIP";
            case IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS -> a + " is a private address: the internet cannot reach it";
            case IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS -> a + " is a private (RFC 1918) address: not sent to the internet";
            case IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS -> a + " is a shared (RFC 6598) address: not sent to the internet";
            case NGW_REQUIRES_SOURCE_IN_VPC -> "source " + a + " is not in the NAT gateway's VPC";
            case NAT_GATEWAY_NO_INBOUND -> "new connection to " + a + " refused: a NAT gateway accepts none inbound";
            case NGW_ROUTES_TO_ITSELF -> "the NAT gateway's own subnet routes " + a + " back to it";
            case EIGW_NO_INBOUND -> "new connection to " + a + " refused: an egress-only gateway accepts none inbound";
            case VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS -> a + " is not inside the VPC's CIDRs";
            case VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS -> "source " + a + " is not inside the VPC: a VPN gateway sends only its own VPC's traffic";
            case PCX_REQUIRES_ADDRESS_IN_VPC_CIDR -> a + " is not inside the VPCs of the peering connection";
            case TGW_ROUTE_AZ_RESTRICTION, TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION, TGW_RTB_CANNOT_ROUTE, TGW_RTB_BAD_STATE_ROUTE,
                 TGW_ATTACHMENT_IPV6_NOT_SUPPORTED ->
                    lowerFirst(stripDot(code.summary())) + " (" + a + ")";
            case NO_ROUTE_TO_DESTINATION -> "no network behind the VPN holds " + a;
            case ENI_SOURCE_DEST_CHECK_RESTRICTION -> "source/destination check is on and " + a + " is not its own address";
            case NO_POSSIBLE_DESTINATION -> "nothing has the address " + a;
            case UNKNOWN_DESTINATION -> "no gateway leads to " + a;
            case MAX_HOPS_EXCEEDED -> "too many hops: a routing loop";
            case REPLY_SOURCE_MISMATCH -> "the reply comes from " + a + ", not the address the client connected to";
            case LB_LISTENER_NO_MATCH, LB_NO_TARGETS, LB_NO_TARGET_IN_AVAILABILITY_ZONE, PRIVATELINK_PROTOCOL_RESTRICTION, PRIVATELINK_ENDPOINT_NOT_ACCEPTED, LATTICE_SERVICE_NOT_ASSOCIATED,
                 LATTICE_ASSOCIATION_SG_RESTRICTION, LATTICE_NO_LISTENER, LATTICE_AUTH_POLICY_MISSING, LATTICE_NO_TARGETS ->
                    lowerFirst(stripDot(code.summary())) + " (" + a + ")";
            case VPCE_GATEWAY_PROTOCOL_RESTRICTION -> "a gateway endpoint carries only TCP and ICMP echo (to " + a + ")";
            case VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION -> "source " + a + " is not inside the endpoint's VPC";
            case EKS_PUBLIC_ACCESS_CIDR_RESTRICTION -> "source " + a + " is not inside the cluster's publicAccessCidrs";
            case EKS_PUBLIC_ENDPOINT_DISABLED -> "public access is off: the API is not reachable from " + a;
            case EKS_PRIVATE_ENDPOINT_DNS_DISABLED -> "the API name does not resolve privately: the VPC lacks DNS support or DNS hostnames";
            case BAD_STATE_ROUTE, ENI_SG_RULES_MISMATCH, SUBNET_ACL_RESTRICTION -> lowerFirst(stripDot(code.summary())) + " (" + a + ")";
        };
    }

    private static String arrival(HopKind kind, Leg leg, String component, Ip a) {
        String what = leg == Leg.RETURN ? "reply " : "";
        return switch (kind) {
            case INTERNET -> what + "reached " + a + " on the internet";
            case EXTERNAL -> what + "reached " + a + " in " + component;
            default -> what + "delivered to " + a;
        };
    }

    // ---------------------------------------------------------------- AWS's own choices (DESIGN §9)

    /** {@code NAT source ports 1024-32767: DROPPED SUBNET_ACL_RESTRICTION at acl-pub}, one choice. */
    public static String choice(FlowResult.Choice c) {
        String what = c.choice().endsWith("port") && (c.ranges().size() > 1 || c.ranges().get(0).contains("-"))
                ? c.choice() + "s" : c.choice();
        String outcome = c.drop() == null ? c.verdict().name()
                : c.verdict().name() + " " + c.drop().code().name() + " at " + c.drop().component();
        return what + " " + String.join(", ", c.ranges()) + ": " + outcome;
    }

    /** A DEPENDS flow in one line: the failing choices. */
    String dependsReason(FlowResult flow) {
        List<String> failing = new java.util.ArrayList<>();
        for (FlowResult.Choice c : flow.choices()) if (c.verdict() != io.reachsim.trace.Disposition.DELIVERED) failing.add(choice(c));
        return "depends on AWS's choice: " + String.join("; ", failing);
    }

    /** Widen what the failing choice met to the whole range AWS picks from. */
    String dependsFix(FlowResult flow) {
        Drop d = flow.drop();
        String why = "(a NAT gateway uses the whole range 1024-65535)";
        if (d != null && d.detail() instanceof Detail.AclCheck a) {
            return "allow " + (a.inbound() ? "inbound " : "outbound ") + flow.flow().packet().protocol().label()
                    + " 1024-65535 in " + a.acl() + " " + why;
        }
        return "allow ports 1024-65535 at " + (d == null ? "the failing component" : d.component()) + " " + why;
    }

    // ---------------------------------------------------------------- drops

    /** One line: why {@code flow} was dropped ("no rule in sg-x allows tcp/443 from 10.0.11.4"), or how it was delivered. */
    public String reason(FlowResult flow) {
        if (flow.disposition() == io.reachsim.trace.Disposition.DEPENDS) return dependsReason(flow);
        if (flow.delivered()) {
            boolean replied = flow.hops().stream().anyMatch(h -> h.leg() == Leg.RETURN);
            Packet p = flow.flow().packet();
            return "delivered to " + p.dst() + (replied ? ", and the reply returned to " + p.src() : "");
        }
        Drop d = flow.drop();
        Hop failing = failingHop(flow);
        if (failing != null) return hop(failing, d);
        if (d == null) return "dropped";
        Packet p = packetAtDrop(flow);
        HopKind kind = null;
        if (!flow.hops().isEmpty()) kind = flow.hops().get(flow.hops().size() - 1).kind();
        return detail(kind == null ? HopKind.DELIVERED : kind, d.leg(), d.component(), d.detail(), d.code(), p, false);
    }

    /** The hop that dropped the flow (the last one that did not pass), or null. */
    public static Hop failingHop(FlowResult flow) {
        if (flow.delivered()) return null;
        for (int i = flow.hops().size() - 1; i >= 0; i--) {
            if (!flow.hops().get(i).passed()) return flow.hops().get(i);
        }
        return null;
    }

    private static Packet packetAtDrop(FlowResult flow) {
        Hop failing = failingHop(flow);
        if (failing != null && failing.packet() != null) return failing.packet();
        if (!flow.hops().isEmpty()) {
            Hop last = flow.hops().get(flow.hops().size() - 1);
            if (last.packet() != null) return last.packet();
        }
        Packet p = flow.flow().packet();
        if (flow.drop() != null && flow.drop().leg() == Leg.RETURN && p.reply() != null) return p.reply();
        return p;
    }

    /** What would make a dropped flow pass, when that is obvious from the drop; empty otherwise. */
    public Optional<String> fix(FlowResult flow) {
        if (flow.disposition() == io.reachsim.trace.Disposition.DEPENDS) return Optional.of(dependsFix(flow));
        if (flow.delivered() || flow.drop() == null) return Optional.empty();
        Drop d = flow.drop();
        Packet p = packetAtDrop(flow);
        return Optional.ofNullable(switch (d.code()) {
            case ENI_SG_RULES_MISMATCH, LATTICE_ASSOCIATION_SG_RESTRICTION ->
                    d.detail() instanceof Detail.SecurityGroupCheck sg ? sgFix(sg, d, p, flow) : null;
            case LB_LISTENER_NO_MATCH -> "add a listener for " + traffic(p) + " to " + d.component() + ", or connect to a port it listens on";
            case LB_NO_TARGETS -> "register a target with the listener of " + d.component();
            case LB_NO_TARGET_IN_AVAILABILITY_ZONE -> "register a target in every availability zone of " + d.component()
                    + ", or turn on cross-zone load balancing (crossZoneLoadBalancing: true)";
            case PRIVATELINK_PROTOCOL_RESTRICTION -> "reach the service over TCP (interface endpoints carry nothing else)";
            case PRIVATELINK_ENDPOINT_NOT_ACCEPTED -> "accept the endpoint on its endpoint service (acceptedEndpoints), or set acceptanceRequired: false";
            case LATTICE_SERVICE_NOT_ASSOCIATED -> "add " + d.component() + " to the service network associated with the client's VPC"
                    + " (or associate the VPC with a service network that has it)";
            case LATTICE_NO_LISTENER -> "add a listener for " + traffic(p) + " to " + d.component();
            case LATTICE_AUTH_POLICY_MISSING -> "attach an auth policy to " + d.component() + " (authPolicy: true), or set its authType: NONE";
            case LATTICE_NO_TARGETS -> "register a target in " + d.component();
            case SUBNET_ACL_RESTRICTION -> d.detail() instanceof Detail.AclCheck acl ? aclFix(acl, d, p) : null;
            case NO_ROUTE_TO_DESTINATION -> d.detail() instanceof Detail.RouteLookup r
                    ? "add a route for " + r.destination() + " to " + r.routeTable()
                    : "add " + p.dst() + "'s network to the remote CIDRs of " + d.component() + ", or route it elsewhere";
            case BAD_STATE_ROUTE -> d.detail() instanceof Detail.RouteLookup r && r.matched() != null
                    ? "the route " + r.matched() + " in " + r.routeTable() + " is a blackhole: point it at a working target or remove it"
                    : "replace the blackhole route in " + d.component() + " with one to a working target";
            case IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS -> "give the source a public IP/EIP or route through a NAT gateway";
            case IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS ->
                    "reach it at a public IP/EIP or through a load balancer, or connect the networks privately (VPN, peering, transit gateway)";
            case IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS, IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS ->
                    "route " + p.dst() + " through a peering connection, transit gateway or VPN instead of the internet gateway";
            case NGW_REQUIRES_SOURCE_IN_VPC -> "route the source through a NAT gateway in its own VPC";
            case PCX_REQUIRES_ADDRESS_IN_VPC_CIDR -> d.detail() instanceof Detail.AddressCheck a && a.address().equals(p.src())
                    ? "peering is not transitive: connect " + p.src() + "'s network to the destination directly (its own peering, or a transit gateway)"
                    : "route " + p.dst() + " to " + d.component() + " only if it is inside the peer VPC, else to the gateway that reaches it";
            case VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS -> "a VPN gateway carries only its own VPC's traffic: give " + p.src()
                    + "'s VPC its own VPN connection, or use a transit gateway VPN attachment";
            case TGW_ROUTE_AZ_RESTRICTION -> d.detail() instanceof Detail.TgwAttachmentCross t && t.attachment() != null
                    ? "add a subnet in " + (t.zone().isEmpty() ? "the source's availability zone" : t.zone()) + " to " + t.attachment()
                    : "attach the source's VPC to the transit gateway in the source's availability zone";
            case TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION -> "associate " + d.component() + " with a route table of its transit gateway";
            case TGW_ATTACHMENT_IPV6_NOT_SUPPORTED -> "turn on IPv6 support of " + d.component() + " (ipv6Support: true; Options.Ipv6Support)";
            case TGW_RTB_CANNOT_ROUTE -> "add a route for " + p.dst() + " to " + d.component()
                    + " (a static route, or a propagation from the destination's attachment)";
            case TGW_RTB_BAD_STATE_ROUTE -> d.detail() instanceof Detail.TgwRouteLookup r && r.matched() != null
                    ? "the route " + r.matched() + " in " + r.routeTable() + " is a blackhole: point it at an attachment or remove it"
                    : "replace the blackhole route in " + d.component();
            case NAT_GATEWAY_NO_INBOUND -> "connections from outside need a public IP/EIP or a load balancer, not a NAT gateway";
            case NGW_ROUTES_TO_ITSELF -> d.detail() instanceof Detail.RouteLookup r
                    ? "route " + r.matched() + " in " + r.routeTable() + " to the internet gateway (a NAT gateway belongs in a public subnet)"
                    : "route the NAT gateway's subnet to the internet gateway";
            case EIGW_NO_INBOUND -> "inbound IPv6 connections need an internet gateway, not an egress-only one";
            case ENI_SOURCE_DEST_CHECK_RESTRICTION -> "turn off source/destination check on " + d.component();
            case MAX_HOPS_EXCEEDED -> "break the routing loop: check the routes of the appliances on the path";
            case REPLY_SOURCE_MISMATCH -> "make the reply return the way the request came (e.g. put the server in a subnet routed to the internet gateway, not a NAT gateway)";
            case VPCE_GATEWAY_PROTOCOL_RESTRICTION -> "reach the service over TCP, or route it through a NAT gateway instead of the gateway endpoint";
            case VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION -> "give the source's own VPC a gateway endpoint (they do not work across peering, transit gateway or VPN)";
            case EKS_PUBLIC_ACCESS_CIDR_RESTRICTION -> "add " + p.src() + "/32 (the address the API sees) to publicAccessCidrs of " + d.component().replace("-public-endpoint", "");
            case EKS_PUBLIC_ENDPOINT_DISABLED -> "enable public access, or reach the API from inside the VPC (or a connected network) through the private endpoint";
            case EKS_PRIVATE_ENDPOINT_DNS_DISABLED -> "set enableDnsSupport and enableDnsHostnames on the cluster's VPC";
            case VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, NO_POSSIBLE_DESTINATION, UNKNOWN_DESTINATION -> null;
        });
    }

    private String sgFix(Detail.SecurityGroupCheck sg, Drop d, Packet p, FlowResult flow) {
        String group = d.component() != null ? d.component() : sg.groups().isEmpty() ? "a security group" : sg.groups().get(0);
        String toFrom = sg.ingress() ? "from" : "to";
        String host = sg.peer() + "/" + sg.peer().bits();
        String peerGroup = peerGroup(sg.peer(), group);
        String who;
        String lattice = latticePrefixList(sg.peer());
        String awsList = awsPrefixList(sg.peer());
        if (lattice != null) who = lattice + " (the VPC Lattice prefix list: Lattice is the source targets see)";
        else if (awsList != null) who = awsList + " (or " + host + ", one of its addresses: the prefix list follows AWS's changes)";
        else if (!sg.ingress() && flow.flow().destination() instanceof FlowEnd.AwsService s) {
            // An AWS service's addresses change: a rule for one address breaks; its managed prefix list does not.
            who = "the prefix list of " + s.service() + " (com.amazonaws." + (network == null ? "REGION" : network.region()) + "."
                    + s.service() + ", pl-…; or " + host + ", the address reachsim stands it at)";
        } else if (peerGroup != null) who = peerGroup + " (or " + host + ")";
        else if (isPrivate(sg.peer())) who = host + " (or its security group)";
        else who = host;
        String cluster = clusterOfGroup(group);
        if (cluster != null) {
            // The cluster security group is EKS's: the fix is a group of one's own, given to the cluster.
            return "allow " + traffic(p) + " " + toFrom + " " + who + " in a security group of your own, added to securityGroups: of"
                    + " EKS cluster '" + cluster + "' (or of its node group, for nodes): " + group + " is the cluster security group EKS creates";
        }
        return "allow " + traffic(p) + " " + toFrom + " " + who + " in " + group;
    }

    /** The AWS-managed prefix list (com.amazonaws.…) holding {@code ip}, as "pl-… (name)", or null. */
    private String awsPrefixList(Ip ip) {
        if (network == null) return null;
        for (var pl : network.prefixLists()) {
            if (pl.name().startsWith("com.amazonaws.") && pl.cidrs().stream().anyMatch(c -> c.contains(ip))) {
                return pl.id() + " (" + pl.name() + ")";
            }
        }
        return null;
    }

    /** The EKS cluster whose cluster security group {@code group} is (created by the loader, not written), or null. */
    private String clusterOfGroup(String group) {
        if (network == null) return null;
        for (var c : network.eksClusters()) {
            if (io.reachsim.model.EksCluster.clusterSecurityGroupId(c.name()).equals(group)) return c.name();
        }
        return null;
    }

    /** The Lattice prefix list when it holds {@code ip}, else null. */
    private String latticePrefixList(Ip ip) {
        if (network == null || network.lattice().prefixList() == null) return null;
        var pl = network.prefixList(network.lattice().prefixList());
        return pl.isPresent() && pl.get().cidrs().stream().anyMatch(c -> c.contains(ip)) ? pl.get().id() : null;
    }

    private String aclFix(Detail.AclCheck acl, Drop d, Packet p) {
        AclEntry e = acl.entry();
        String aclId = acl.acl() != null ? acl.acl() : d.component();
        String toFrom = acl.inbound() ? "from" : "to";
        if (e != null && e.action() == AclEntry.Action.DENY) {
            String what = e.protocol() == Protocol.ALL ? "all traffic" : entryTraffic(e);
            return "rule " + e.ruleNumber() + " denies " + what + " " + toFrom + " " + e.cidr()
                    + ": remove it or add an allow with a lower number";
        }
        // A reply heads for the client's ephemeral port: allow the whole ephemeral range from anywhere,
        // as AWS's NACL guide recommends, rather than the one port this trace happened to use.
        boolean ephemeral = d.leg() == Leg.RETURN && p.protocol().hasPorts() && p.dstPort() >= 1024;
        String traffic;
        String peer;
        if (ephemeral) {
            traffic = p.protocol() + " 1024-65535";
            peer = acl.peer().isV4() ? "0.0.0.0/0" : "::/0";
        } else {
            traffic = switch (p.protocol()) {
                case TCP, UDP -> p.protocol() + " " + p.dstPort();
                case ICMP, ICMPV6 -> icmp(p.protocol(), p.icmpType(), -1);
                case ALL -> "all traffic";
                case OTHER -> "other IP protocols";
            };
            peer = acl.peer() + "/" + acl.peer().bits();
        }
        // "…from X to acl-1" reads well inbound; outbound the rule already says "to X", so "in acl-1"
        return "add an " + (acl.inbound() ? "inbound" : "outbound") + " rule allowing " + traffic + " " + toFrom + " " + peer
                + (acl.inbound() ? " to " : " in ") + aclId + ", numbered before *";
    }

    /** The security group of a host at {@code ip} in the same VPC as {@code group}: an SG reference works there. */
    private String peerGroup(Ip ip, String group) {
        if (network == null) return null;
        String vpc = network.securityGroup(group).map(SecurityGroup::vpc).orElse(null);
        for (NetworkInterface eni : network.networkInterfaces()) {
            if (!eni.owns(ip) || eni.securityGroups().isEmpty()) continue;
            String eniVpc = network.subnet(eni.subnet()).map(Subnet::vpc).orElse(null);
            if (vpc != null && vpc.equals(eniVpc)) return eni.securityGroups().get(0);
        }
        return null;
    }

    /**
     * A stable name for a mismatch kind (JSON {@code type}, JUnit failure {@code type}):
     * {@code unexpected-drop}, {@code unexpected-delivery}, {@code missing-via}, {@code missing-via-any},
     * {@code forbidden-via}, {@code wrong-code}.
     */
    public static String mismatchType(Mismatch m) {
        if (m instanceof Mismatch.UnexpectedDisposition u) return u.expectedReachable() ? "unexpected-drop" : "unexpected-delivery";
        if (m instanceof Mismatch.MissingVia) return "missing-via";
        if (m instanceof Mismatch.MissingViaAny) return "missing-via-any";
        if (m instanceof Mismatch.ForbiddenVia) return "forbidden-via";
        if (m instanceof Mismatch.WrongCode) return "wrong-code";
        if (m instanceof Mismatch.ExtraOpen) return "extra-open";
        if (m instanceof Mismatch.MissingOpen) return "missing-open";
        throw new IllegalStateException("unknown mismatch " + m);
    }

    // ---------------------------------------------------------------- words

    /** A packet's traffic for "allows ..." phrases: {@code tcp/443}, {@code icmp type 8}, {@code all traffic}. */
    public static String traffic(Packet p) {
        if (p == null) return "the traffic";
        return switch (p.protocol()) {
            case TCP, UDP -> p.protocol() + "/" + p.dstPort();
            case ICMP, ICMPV6 -> icmp(p.protocol(), p.icmpType(), -1);
            case ALL -> "all traffic";
            case OTHER -> "other IP protocols";
        };
    }

    /** Source and destination ports as the packet carries them: {@code tcp 443 → 49152}. */
    static String packetFlow(Packet p) {
        if (p == null) return "the traffic";
        return switch (p.protocol()) {
            case TCP, UDP -> p.protocol() + " " + p.srcPort() + " → " + p.dstPort();
            case ICMP, ICMPV6 -> icmp(p.protocol(), p.icmpType(), -1);
            case ALL -> "all traffic";
            case OTHER -> "other IP protocols";
        };
    }

    /** What an SG rule lets through: {@code all}, {@code tcp 443}, {@code tcp 1024-65535}, {@code icmp type 8}. */
    static String ruleTraffic(SgRule r) {
        return protocolAndPorts(r.protocol(), r.ports(), r.icmpType(), r.icmpCode());
    }

    static String entryTraffic(AclEntry e) {
        return protocolAndPorts(e.protocol(), e.ports(), e.icmpType(), e.icmpCode());
    }

    private static String protocolAndPorts(Protocol proto, PortRange ports, int icmpType, int icmpCode) {
        return switch (proto) {
            case ALL, OTHER -> "all";
            case TCP, UDP -> proto + " " + (ports == null || ports.equals(PortRange.ALL) ? "all ports" : ports.toString());
            case ICMP, ICMPV6 -> icmp(proto, icmpType, icmpCode);
        };
    }

    private static String icmp(Protocol proto, int type, int code) {
        if (type < 0) return proto.toString();
        return proto + " type " + type + (code >= 0 ? " code " + code : "");
    }

    private static String peer(SgRule.SgPeer peer, String ownGroup) {
        if (peer instanceof SgRule.SgPeer.GroupPeer g && g.groupId().equals(ownGroup)) return "itself";
        return peer.toString();
    }

    private static String groupList(List<String> groups) {
        if (groups.size() == 1) return groups.get(0);
        if (groups.size() == 2) return groups.get(0) + " or " + groups.get(1);
        return "any of " + String.join(", ", groups);
    }

    private static boolean isPrivate(Ip ip) {
        if (!ip.isV4()) return true; // IPv6 addresses of a VPC are global, but only reachable by SG reference within it
        long a = ip.lo();
        return (a >>> 24) == 10 || (a >>> 20) == (172L << 4 | 1) || (a >>> 16) == (192L << 8 | 168) || (a >>> 22) == (100L << 2 | 1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
