package io.reachsim.model;

import java.util.List;
import java.util.Map;

/**
 * A subnet. {@code routeTable} and {@code networkAcl} are the explicit associations, or null: then
 * the VPC's main route table and default network ACL apply (AWS's association rules).
 * Shared VPCs (AWS RAM): {@code owner} is the owning account (null: the VPC's account) and
 * {@code sharedWith} the participant accounts; {@code azId} (e.g. {@code usw2-az1}) is the AZ's
 * account-independent id, null when not given.
 */
public record Subnet(String id, String vpc, String az, Cidr cidr, Cidr ipv6Cidr,
                     String routeTable, String networkAcl, Map<String, String> tags,
                     String azId, String owner, List<String> sharedWith) {
    public Subnet {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }

    /** An unshared subnet of its VPC's account, AZ id unknown. */
    public Subnet(String id, String vpc, String az, Cidr cidr, Cidr ipv6Cidr, String routeTable, String networkAcl,
                  Map<String, String> tags) {
        this(id, vpc, az, cidr, ipv6Cidr, routeTable, networkAcl, tags, null, null, List.of());
    }

    public boolean contains(Ip ip) {
        return ip.isV4() ? cidr != null && cidr.contains(ip) : ipv6Cidr != null && ipv6Cidr.contains(ip);
    }

    /** The first address AWS lets a host use ({@link Cidr#firstSubnetHost()}). */
    public Ip firstHost(int version) {
        Cidr c = version == 4 ? cidr : ipv6Cidr;
        return c == null ? null : c.firstSubnetHost();
    }
}
