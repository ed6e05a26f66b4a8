package io.reachsim.model;

import java.util.List;

/**
 * A security group: allow-only, stateful. Rules are kept in the order written (the "#n" in traces).
 * {@code account} is the owning account, null for the VPC's account (in a shared VPC a participant's
 * groups carry the participant's account).
 */
public record SecurityGroup(String id, String vpc, String name, List<SgRule> ingress, List<SgRule> egress, String account) {
    public SecurityGroup {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** A group of its VPC's account. */
    public SecurityGroup(String id, String vpc, String name, List<SgRule> ingress, List<SgRule> egress) {
        this(id, vpc, name, ingress, egress, null);
    }
}
