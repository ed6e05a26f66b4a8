package io.reachsim.model;

import java.util.List;

/**
 * An Amazon EKS cluster (DESIGN §4). The loader materialises what EKS creates in the customer VPC:
 * the cluster security group {@code eks-cluster-sg-<name>}, the cross-account interfaces (X-ENIs, ids
 * {@code <name>-xeni-<n>}, listed in {@code crossAccountInterfaces}), each node group's nodes and pods
 * (see {@link NodeGroup}, {@link Pod}), and {@code publicEndpointIp}, the stand-in address of the
 * public API endpoint.
 */
public record EksCluster(String name, String vpc, List<String> subnets, int ipFamily, EndpointAccess endpoint,
                         List<String> securityGroups, String clusterSecurityGroup, List<NodeGroup> nodeGroups,
                         PodNetworking pods, List<String> crossAccountInterfaces, Ip publicEndpointIp) {
    public EksCluster {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        nodeGroups = List.copyOf(nodeGroups);
        crossAccountInterfaces = List.copyOf(crossAccountInterfaces);
    }

    public static String clusterSecurityGroupId(String cluster) {
        return "eks-cluster-sg-" + cluster;
    }

    /** Endpoint access: public (default), private, or both; who may use the public endpoint. */
    public record EndpointAccess(boolean publicAccess, boolean privateAccess, List<Cidr> publicAccessCidrs) {
        public EndpointAccess {
            publicAccessCidrs = List.copyOf(publicAccessCidrs);
        }
    }

    /**
     * A managed node group. {@code nodeInterfaces} are the materialised nodes' primary interfaces, one
     * per subnet in {@code subnets} order (a node group's flows fan out per subnet/AZ).
     */
    public record NodeGroup(String name, List<String> subnets, List<String> securityGroups, boolean publicIp,
                            String instanceType, int desiredSize, int maxSize, List<String> nodeInterfaces) {
        public NodeGroup {
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
            nodeInterfaces = List.copyOf(nodeInterfaces);
        }
    }

    /**
     * VPC CNI settings. {@code customNetworking} maps an AZ name or AZ id to its ENIConfig (empty: pods
     * use the node's subnet and groups). {@code enforcingMode} is {@code strict} or {@code standard}.
     */
    public record PodNetworking(java.util.Map<String, EniConfig> customNetworking, boolean externalSnat,
                                List<SecurityGroupPolicy> securityGroupsForPods, String enforcingMode) {
        public PodNetworking {
            customNetworking = java.util.Map.copyOf(customNetworking);
            securityGroupsForPods = List.copyOf(securityGroupsForPods);
        }
    }

    /** An ENIConfig: the subnet pods take addresses from, and the groups they carry. */
    public record EniConfig(String subnet, List<String> securityGroups) {
        public EniConfig {
            securityGroups = List.copyOf(securityGroups);
        }
    }

    /** A SecurityGroupPolicy: the selected pods get branch interfaces with these groups instead of the node's. */
    public record SecurityGroupPolicy(String name, List<String> securityGroups) {
        public SecurityGroupPolicy {
            securityGroups = List.copyOf(securityGroups);
        }
    }

    /** The tags EKS puts on the instances of a managed node group. */
    public static java.util.Map<String, String> nodeTags(String cluster, String nodeGroup) {
        return java.util.Map.of("eks:cluster-name", cluster, "eks:nodegroup-name", nodeGroup);
    }
}
