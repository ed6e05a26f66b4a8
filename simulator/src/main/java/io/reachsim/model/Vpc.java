package io.reachsim.model;

import java.util.List;

/**
 * A VPC. {@code cidrs} holds the primary block first, then secondary blocks; every block gets a
 * {@code local} route in every route table of the VPC. The loader fills {@code defaultSecurityGroup},
 * {@code defaultNetworkAcl} and {@code mainRouteTable} (materialising AWS's implicit ones). {@code account}
 * is the owning account id, or null for the scenario's single default account.
 */
public record Vpc(String id, String region, List<Cidr> cidrs, List<Cidr> ipv6Cidrs,
                  boolean enableDnsSupport, boolean enableDnsHostnames,
                  String defaultSecurityGroup, String defaultNetworkAcl, String mainRouteTable, String account) {
    public Vpc {
        cidrs = List.copyOf(cidrs);
        ipv6Cidrs = List.copyOf(ipv6Cidrs);
    }

    /** A VPC of the default account ({@code account} null: the scenario's one account). */
    public Vpc(String id, String region, List<Cidr> cidrs, List<Cidr> ipv6Cidrs, boolean enableDnsSupport,
               boolean enableDnsHostnames, String defaultSecurityGroup, String defaultNetworkAcl, String mainRouteTable) {
        this(id, region, cidrs, ipv6Cidrs, enableDnsSupport, enableDnsHostnames, defaultSecurityGroup, defaultNetworkAcl,
                mainRouteTable, null);
    }

    public boolean contains(Ip ip) {
        for (Cidr c : ip.isV4() ? cidrs : ipv6Cidrs) if (c.contains(ip)) return true;
        return false;
    }
}
