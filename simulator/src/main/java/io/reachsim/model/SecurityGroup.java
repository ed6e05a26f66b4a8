package io.reachsim.model;

import java.util.List;

/** A security group: allow-only, stateful. Rules are kept in the order written (the "#n" in traces). */
public record SecurityGroup(String id, String vpc, String name, List<SgRule> ingress, List<SgRule> egress) {
    public SecurityGroup {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }
}
