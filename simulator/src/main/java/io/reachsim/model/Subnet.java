package io.reachsim.model;

import java.util.Map;

/**
 * A subnet. {@code routeTable} and {@code networkAcl} are the explicit associations, or null: then
 * the VPC's main route table and default network ACL apply (AWS's association rules).
 */
public record Subnet(String id, String vpc, String az, Cidr cidr, Cidr ipv6Cidr,
                     String routeTable, String networkAcl, Map<String, String> tags) {
    public Subnet {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean contains(Ip ip) {
        return ip.isV4() ? cidr != null && cidr.contains(ip) : ipv6Cidr != null && ipv6Cidr.contains(ip);
    }

    /** The first address AWS lets a host use: the network address + 4 (AWS reserves the first four). */
    public Ip firstHost(int version) {
        Cidr c = version == 4 ? cidr : ipv6Cidr;
        return c == null ? null : c.address(4);
    }
}
