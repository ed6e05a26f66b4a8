package io.reachsim.model;

import java.util.List;

/**
 * A network ACL: stateless, entries evaluated lowest rule number first, implicit final deny.
 * The loader materialises each VPC's default ACL (rule 100 allows all, IPv4 and IPv6, both ways).
 */
public record NetworkAcl(String id, String vpc, boolean isDefault, List<AclEntry> ingress, List<AclEntry> egress) {
    public NetworkAcl {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }
}
