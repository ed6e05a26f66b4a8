package io.reachsim.lint;

import java.util.Map;
import java.util.Optional;

/**
 * ENI limits of common EC2 instance types (EC2 User Guide, "Maximum IP addresses per network interface"),
 * from which the VPC CNI's max pods follow: {@code ENIs × (IPv4 per ENI − 1) + 2}. Types not listed are
 * reported as not checkable rather than guessed.
 */
public final class InstanceTypes {
    private InstanceTypes() {}

    /** One type's limits: how many ENIs it takes and how many IPv4 addresses each ENI holds. */
    public record Limits(String type, int enis, int ipv4PerEni) {
        /** The VPC CNI's default max pods (without prefix delegation); +2 for host-network pods (aws-node, kube-proxy). */
        public int maxPods() {
            return enis * (ipv4PerEni - 1) + 2;
        }

        /** Under custom networking the primary ENI carries no pods. */
        public int maxPodsCustomNetworking() {
            return (enis - 1) * (ipv4PerEni - 1) + 2;
        }

        /** Addresses one node holds from its subnet at max pods: every ENI attached, every address on it allocated. */
        public int addressesPerNode() {
            return enis * ipv4PerEni;
        }
    }

    private static final Map<String, Limits> TABLE = Map.ofEntries(
            limits("t3.micro", 2, 2),
            limits("t3.small", 3, 4),
            limits("t3.medium", 3, 6),
            limits("t3.large", 3, 12),
            limits("t3.xlarge", 4, 15),
            limits("t3.2xlarge", 4, 15),
            limits("m5.large", 3, 10),
            limits("m5.xlarge", 4, 15),
            limits("m5.2xlarge", 4, 15),
            limits("m5.4xlarge", 8, 30),
            limits("m5.8xlarge", 8, 30),
            limits("m6i.large", 3, 10),
            limits("m6i.xlarge", 4, 15),
            limits("m6i.2xlarge", 4, 15),
            limits("c5.large", 3, 10),
            limits("c5.xlarge", 4, 15),
            limits("c5.2xlarge", 4, 15),
            limits("c5.4xlarge", 8, 30),
            limits("r5.large", 3, 10),
            limits("r5.xlarge", 4, 15),
            limits("r5.2xlarge", 4, 15));

    private static Map.Entry<String, Limits> limits(String type, int enis, int ips) {
        return Map.entry(type, new Limits(type, enis, ips));
    }

    public static Optional<Limits> of(String instanceType) {
        return Optional.ofNullable(instanceType == null ? null : TABLE.get(instanceType.trim().toLowerCase(java.util.Locale.ROOT)));
    }
}
