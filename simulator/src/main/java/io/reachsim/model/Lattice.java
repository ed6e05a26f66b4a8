package io.reachsim.model;

import java.util.List;

/**
 * Amazon VPC Lattice: service networks associated with VPCs, services with listeners, target groups.
 * {@code prefixList} is the prefix list id whose addresses clients connect to and targets see as the
 * source (DESIGN §5 defaults). {@link #NONE} when a scenario has no Lattice.
 */
public record Lattice(String prefixList, List<ServiceNetwork> serviceNetworks, List<Service> services,
                      List<TargetGroup> targetGroups) {
    public static final Lattice NONE = new Lattice(null, List.of(), List.of(), List.of());

    public enum AuthType { NONE, AWS_IAM }

    public Lattice {
        serviceNetworks = List.copyOf(serviceNetworks);
        services = List.copyOf(services);
        targetGroups = List.copyOf(targetGroups);
    }

    /** A service network; {@code authPolicy} says whether an auth policy is attached (AWS_IAM without one denies). */
    public record ServiceNetwork(String id, AuthType authType, boolean authPolicy, List<String> services,
                                 List<VpcAssociation> vpcAssociations) {
        public ServiceNetwork {
            services = List.copyOf(services);
            vpcAssociations = List.copyOf(vpcAssociations);
        }
    }

    /** A service network's association with a VPC (at most one per VPC), with the groups clients must pass. */
    public record VpcAssociation(String vpc, List<String> securityGroups) {
        public VpcAssociation {
            securityGroups = List.copyOf(securityGroups);
        }
    }

    public record Service(String id, AuthType authType, boolean authPolicy, List<Listener> listeners) {
        public Service {
            listeners = List.copyOf(listeners);
        }
    }

    public record Listener(ListenerProtocol protocol, int port, String targetGroup) {}

    public record TargetGroup(String id, String vpc, TargetType type, ListenerProtocol protocol, int port,
                              List<Target> targets) {
        public enum TargetType { IP, INSTANCE }

        public TargetGroup {
            targets = List.copyOf(targets);
        }
    }

    /** An instance (primary interface) or IP target; {@code port} 0 means the target group's port. */
    public record Target(String instance, Ip ip, int port) {}
}
