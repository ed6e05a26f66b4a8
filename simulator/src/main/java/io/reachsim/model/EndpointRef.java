package io.reachsim.model;

/**
 * What an expectation's {@code from}/{@code to} names (DESIGN §5). Closed set.
 */
public sealed interface EndpointRef {
    /** The reference as the user wrote it, e.g. {@code instance:web-1}. */
    String text();

    record InstanceRef(String id) implements EndpointRef {
        public String text() { return "instance:" + id; }
    }

    record EniRef(String id) implements EndpointRef {
        public String text() { return "eni:" + id; }
    }

    /** A host in the subnet carrying the VPC's default security group. */
    record SubnetRef(String id) implements EndpointRef {
        public String text() { return "subnet:" + id; }
    }

    record IpRef(Ip ip) implements EndpointRef {
        public String text() { return "ip:" + ip; }
    }

    /** A host on the internet; {@code ip} null means the default public address. */
    record InternetRef(Ip ip) implements EndpointRef {
        public String text() { return ip == null ? "internet" : "internet:" + ip; }
    }

    record ExternalRef(String id) implements EndpointRef {
        public String text() { return "external:" + id; }
    }

    /**
     * The nodes of a managed node group: one flow per subnet; {@code part} (a subnet id or an availability
     * zone, {@code nodes:C/G@private-a}) keeps only the nodes there, null all of them.
     */
    record NodesRef(String cluster, String group, String part) implements EndpointRef {
        public NodesRef(String cluster, String group) {
            this(cluster, group, null);
        }

        public String text() { return "nodes:" + cluster + "/" + group + (part == null ? "" : "@" + part); }
    }

    /**
     * Ordinary pods of a node group, or ({@code policy} non-null) the pods of a security-group policy;
     * {@code part} as for {@link NodesRef}.
     */
    record PodsRef(String cluster, String group, String policy, String part) implements EndpointRef {
        public PodsRef(String cluster, String group, String policy) {
            this(cluster, group, policy, null);
        }

        public String text() {
            return "pods:" + cluster + "/" + group + (policy == null ? "" : "/" + policy) + (part == null ? "" : "@" + part);
        }
    }

    /** The cluster's Kubernetes API endpoint, resolved per source (private X-ENIs or public endpoint). */
    record EksApiRef(String cluster) implements EndpointRef {
        public String text() { return "eks-api:" + cluster; }
    }

    /** An AWS service by short name (s3, ecr.api, sts, ...). */
    record AwsServiceRef(String service) implements EndpointRef {
        public String text() { return "aws:" + service; }
    }

    /** A load balancer: one flow per load-balancer node (subnet/AZ) to the listener's port. */
    record LoadBalancerRef(String id) implements EndpointRef {
        public String text() { return "lb:" + id; }
    }

    /** An interface VPC endpoint: one flow per endpoint network interface. */
    record VpcEndpointRef(String id) implements EndpointRef {
        public String text() { return "vpce:" + id; }
    }

    /** A VPC Lattice service, reached through the service network associated with the client's VPC. */
    record LatticeServiceRef(String id) implements EndpointRef {
        public String text() { return "lattice:" + id; }
    }
}
