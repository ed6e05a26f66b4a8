package io.reachsim.aws.snapshot;

import io.reachsim.load.LoadError;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.VpnGateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Internet, egress-only internet, VPN and NAT gateways (describe-*-gateways, describe-vpn-connections). */
final class GatewayReader extends FamilyReader {
    GatewayReader(FamilyReader shared) {
        super(shared);
    }

    void gateways() {
        report.kind("internet gateways");
        for (Item g : items("InternetGateways")) {
            String id = id(g, "InternetGatewayId", "an internet gateway");
            if (id == null) continue;
            String vpc = attachedVpc(g, "Attachments", "internet gateway '" + id + "'", "available", "attached");
            if (vpc == null || !first(id, "internet gateway", g)) continue;
            out.add(new InternetGateway(id, vpc));
            report.count("internet gateways");
        }
        report.kind("egress-only internet gateways");
        for (Item g : items("EgressOnlyInternetGateways")) {
            String id = id(g, "EgressOnlyInternetGatewayId", "an egress-only internet gateway");
            if (id == null) continue;
            String vpc = attachedVpc(g, "Attachments", "egress-only internet gateway '" + id + "'", "attached", "available");
            if (vpc == null || !first(id, "egress-only internet gateway", g)) continue;
            out.add(new EgressOnlyInternetGateway(id, vpc));
            report.count("egress-only internet gateways");
        }
        report.kind("VPN gateways");
        Map<String, Set<Cidr>> propagated = propagatedVgwRoutes();
        for (Item g : items("VpnGateways")) {
            String id = id(g, "VpnGatewayId", "a VPN gateway");
            if (id == null) continue;
            if (!state(g, "State", "available")) {
                report.skip(g.at(), "VPN gateway '" + id + "'", "state is " + g.str("State") + ", not available");
                continue;
            }
            String vpc = attachedVpc(g, "VpcAttachments", "VPN gateway '" + id + "'", "attached");
            if (vpc == null || !first(id, "VPN gateway", g)) continue;
            // The networks behind a VPN are not in describe-vpn-gateways; the routes it propagated into route
            // tables (describe-route-tables, Origin EnableVgwRoutePropagation) name them.
            Set<Cidr> behind = new LinkedHashSet<>(propagated.getOrDefault(id, Set.of()));
            behind.addAll(vpnRoutes("VpnGatewayId", id));
            List<Cidr> remote = new ArrayList<>(behind);
            if (remote.isEmpty()) {
                report.note(g.at(), "VPN gateway '" + id + "'", "no propagated routes name the networks behind it; add them in a"
                        + " scenario as external networks with via: " + id);
            }
            out.add(new VpnGateway(id, vpc, remote));
            report.count("VPN gateways");
        }
    }

    Map<String, Set<Cidr>> propagatedVgwRoutes() {
        Map<String, Set<Cidr>> m = new HashMap<>();
        for (Item rt : items("RouteTables")) {
            for (Item r : rt.list("Routes")) {
                String gw = r.str("GatewayId");
                if (gw != null && gw.startsWith("vgw-") && "EnableVgwRoutePropagation".equals(r.str("Origin"))) {
                    Cidr c = r.str("DestinationCidrBlock") != null ? cidr(r, "DestinationCidrBlock") : null;
                    if (c != null) m.computeIfAbsent(gw, k -> new LinkedHashSet<>()).add(c);
                }
            }
        }
        return m;
    }

    String attachedVpc(Item g, String field, String what, String... okStates) {
        for (Item a : g.list(field)) {
            if (state(a, "State", okStates) && a.str("VpcId") != null) {
                if (!vpcs.containsKey(a.str("VpcId"))) {
                    report.skip(g.at(), what, "attached to VPC '" + a.str("VpcId") + "', which is not in the snapshot");
                    return null;
                }
                return a.str("VpcId");
            }
        }
        report.skip(g.at(), what, "not attached to a VPC");
        return null;
    }

    /** Ids route targets may name, declared before route tables are read. */
    void registerTargets() {
        for (Item n : items("NatGateways")) if (n.str("NatGatewayId") != null && state(n, "State", "available")) kinds.putIfAbsent(n.str("NatGatewayId"), "NAT gateway");
    }

    void natGateways() {
        report.kind("NAT gateways");
        for (Item n : items("NatGateways")) {
            String id = id(n, "NatGatewayId", "a NAT gateway");
            if (id == null) continue;
            if (!state(n, "State", "available")) {
                report.skip(n.at(), "NAT gateway '" + id + "'", "state is " + n.str("State") + ", not available");
                kinds.remove(id);
                continue;
            }
            String subnet = n.str("SubnetId");
            if (!subnets.containsKey(subnet)) {
                report.skip(n.at(), "NAT gateway '" + id + "'", "its subnet '" + subnet + "' is not in the snapshot");
                kinds.remove(id);
                continue;
            }
            if (!first(id, "NAT gateway", n)) continue;
            boolean priv = "private".equalsIgnoreCase(n.str("ConnectivityType"));
            Ip privateIp = null;
            Ip publicIp = null;
            List<Ip> secondary = new ArrayList<>();
            List<Item> addresses = n.list("NatGatewayAddresses");
            for (Item a : addresses) {
                boolean primary = a.bool("IsPrimary", a == addresses.get(0));
                Ip pi = ip(a, "PrivateIp");
                if (a.str("NetworkInterfaceId") != null) kinds.put(a.str("NetworkInterfaceId"), "NAT gateway interface");
                if (primary && privateIp == null) {
                    privateIp = pi;
                    if (!priv) publicIp = ip(a, "PublicIp");
                } else if (pi != null) {
                    secondary.add(pi);
                }
            }
            if (privateIp == null) {
                errors.add(new LoadError(n.at(), "NAT gateway '" + id + "' has no NatGatewayAddresses with a PrivateIp"));
                continue;
            }
            if (!priv && publicIp == null) {
                report.note(n.at(), "public NAT gateway '" + id + "'", "has no Elastic IP in NatGatewayAddresses: its traffic cannot"
                        + " leave through an internet gateway");
            }
            out.add(new NatGateway(id, subnet, priv ? NatGateway.Connectivity.PRIVATE : NatGateway.Connectivity.PUBLIC, privateIp,
                    publicIp, secondary));
            report.count("NAT gateways");
        }
    }
}
