package io.reachsim.model;

import java.util.List;

/**
 * A VPC. {@code cidrs} holds the primary block first, then secondary blocks; every block gets a
 * {@code local} route in every route table of the VPC. The loader fills {@code defaultSecurityGroup},
 * {@code defaultNetworkAcl} and {@code mainRouteTable} (materialising AWS's implicit ones).
 */
public record Vpc(String id, String region, List<Cidr> cidrs, List<Cidr> ipv6Cidrs,
                  boolean enableDnsSupport, boolean enableDnsHostnames,
                  String defaultSecurityGroup, String defaultNetworkAcl, String mainRouteTable) {
    public Vpc {
        cidrs = List.copyOf(cidrs);
        ipv6Cidrs = List.copyOf(ipv6Cidrs);
    }

    public boolean contains(Ip ip) {
        for (Cidr c : ip.isV4() ? cidrs : ipv6Cidrs) if (c.contains(ip)) return true;
        return false;
    }
}
