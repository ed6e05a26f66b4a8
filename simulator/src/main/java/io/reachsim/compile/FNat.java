package io.reachsim.compile;

import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;

/** A compiled NAT gateway. */
public final class FNat {
    public final NatGateway nat;
    public final FSubnet subnet;

    FNat(NatGateway nat, FSubnet subnet) {
        this.nat = nat;
        this.subnet = subnet;
    }

    public String id() { return nat.id(); }
    public Ip privateIp() { return nat.privateIp(); }
    public Ip publicIp() { return nat.publicIp(); }
    public boolean isPublic() { return nat.connectivity() == NatGateway.Connectivity.PUBLIC; }
}
