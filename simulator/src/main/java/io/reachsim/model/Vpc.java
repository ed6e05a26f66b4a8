package io.reachsim.model;

import java.util.List;

/**
 * A VPC. {@code cidrs} holds the primary block first, then secondary blocks; every block gets a
 * {@code local} route in every route table of the VPC. The loader fills {@code defaultSecurityGroup},
 * {@code defaultNetworkAcl} and {@code mainRouteTable} (materialising AWS's implicit ones). {@code account}
 * is the owning account id, or null for the scenario's single default account. {@code tags}: AWS tags (DESIGN §9).
 */
public record Vpc(String id, String region, List<Cidr> cidrs, List<Cidr> ipv6Cidrs,
                  boolean enableDnsSupport, boolean enableDnsHostnames,
                  String defaultSecurityGroup, String defaultNetworkAcl, String mainRouteTable, String account,
                  java.util.Map<String, String> tags) {
    public Vpc {
        cidrs = List.copyOf(cidrs);
        ipv6Cidrs = List.copyOf(ipv6Cidrs);
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }

    /** An untagged VPC. */
    public Vpc(String id, String region, List<Cidr> cidrs, List<Cidr> ipv6Cidrs, boolean enableDnsSupport,
               boolean enableDnsHostnames, String defaultSecurityGroup, String defaultNetworkAcl, String mainRouteTable,
               String account) {
        this(id, region, cidrs, ipv6Cidrs, enableDnsSupport, enableDnsHostnames, defaultSecurityGroup, defaultNetworkAcl,
                mainRouteTable, account, null);
    }

    public Vpc withTags(java.util.Map<String, String> t) {
        return new Vpc(id, region, cidrs, ipv6Cidrs, enableDnsSupport, enableDnsHostnames, defaultSecurityGroup,
                defaultNetworkAcl, mainRouteTable, account, t);
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
