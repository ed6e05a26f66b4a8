package io.reachsim.compile;

import io.reachsim.model.Ip;
import io.reachsim.model.Subnet;

import java.util.Arrays;

/** A compiled subnet: its route table, ACL, and the hosts and NAT gateways at each address (sorted). */
public final class FSubnet {
    public final int index;
    public final Subnet subnet;
    public final FVpc vpc;
    FRouteTable routeTable;
    FAcl acl;
    Ip[] hostAddresses = new Ip[0];
    FInterface[] hosts = new FInterface[0];
    Ip[] natAddresses = new Ip[0];
    FNat[] nats = new FNat[0];

    FSubnet(int index, Subnet subnet, FVpc vpc) {
        this.index = index;
        this.subnet = subnet;
        this.vpc = vpc;
    }

    public String id() { return subnet.id(); }
    public FRouteTable routeTable() { return routeTable; }
    public FAcl acl() { return acl; }

    public boolean contains(Ip ip) {
        return subnet.contains(ip);
    }

    /** The interface owning {@code ip} in this subnet, or null. */
    public FInterface hostAt(Ip ip) {
        int i = Arrays.binarySearch(hostAddresses, ip);
        return i >= 0 ? hosts[i] : null;
    }

    /** The NAT gateway whose private address is {@code ip}, or null. */
    public FNat natAt(Ip ip) {
        int i = Arrays.binarySearch(natAddresses, ip);
        return i >= 0 ? nats[i] : null;
    }
}
