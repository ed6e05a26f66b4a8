package io.reachsim.compile;

import java.util.List;

/**
 * One network interface of an interface endpoint whose service is an endpoint service (PrivateLink):
 * the endpoint service, whether it accepted the endpoint, and the load balancer node (same
 * availability zone) the endpoint hands its traffic to.
 */
public final class FPrivateLinkEndpoint {
    public final String endpoint;
    public final String endpointService;
    public final FLoadBalancer loadBalancer;
    public final FInterface node;
    public final boolean acceptanceRequired;
    public final boolean accepted;
    public final List<String> allowedPrincipals;

    FPrivateLinkEndpoint(String endpoint, String endpointService, FLoadBalancer loadBalancer, FInterface node,
                         boolean acceptanceRequired, boolean accepted, List<String> allowedPrincipals) {
        this.endpoint = endpoint;
        this.endpointService = endpointService;
        this.loadBalancer = loadBalancer;
        this.node = node;
        this.acceptanceRequired = acceptanceRequired;
        this.accepted = accepted;
        this.allowedPrincipals = allowedPrincipals;
    }

    /** Usable: the provider accepted it, or acceptance is not required. */
    public boolean usable() {
        return !acceptanceRequired || accepted;
    }
}
