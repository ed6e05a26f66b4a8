package io.reachsim.compile;

import io.reachsim.model.AclEntry;

/** A compiled network ACL: entries sorted by rule number, per direction. */
public final class FAcl {
    public final String id;
    public final AclEntry[] ingress;
    public final AclEntry[] egress;

    FAcl(String id, AclEntry[] ingress, AclEntry[] egress) {
        this.id = id;
        this.ingress = ingress;
        this.egress = egress;
    }
}
