package io.reachsim.model;

import java.util.List;

/**
 * A PrivateLink endpoint service (vpce-svc-...) in front of a network load balancer. Interface
 * endpoints naming it as their service connect when the provider accepted them (or acceptance is not
 * required) and their account is among {@code allowedPrincipals} (empty: recorded, not enforced).
 */
public record EndpointService(String id, String loadBalancer, boolean acceptanceRequired,
                              List<String> allowedPrincipals, List<String> acceptedEndpoints) {
    public EndpointService {
        allowedPrincipals = List.copyOf(allowedPrincipals);
        acceptedEndpoints = List.copyOf(acceptedEndpoints);
    }
}
