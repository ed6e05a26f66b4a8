package io.reachsim.compile;

import io.reachsim.model.EksCluster;

/** What owns a public IPv4 address: an interface, a public NAT gateway, or an EKS cluster's public API endpoint. */
public sealed interface PublicOwner {
    record OfInterface(FInterface networkInterface) implements PublicOwner {}

    record OfNat(FNat nat) implements PublicOwner {}

    record OfEksEndpoint(EksCluster cluster) implements PublicOwner {}
}
