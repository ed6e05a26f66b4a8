package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code eniconfig-az-id}: under custom networking in a shared VPC, ENIConfigs keyed by AZ name. A
 * shared (RAM) subnet carries the tag {@value #OWNER_TAG} naming the account that owns it (reachsim's
 * convention; AWS reports it as the subnet's OwnerId): WARNING. When no subnet in the network carries
 * the tag, a VPC whose region differs from the scenario's is taken as a hint of another owner: INFO.
 */
final class EniConfigAzId extends Rule {
    static final String OWNER_TAG = "reachsim/owner-account";

    EniConfigAzId() {
        super("eniconfig-az-id", "In a shared VPC each ENIConfig should be created with the AZ ID mapping of the central "
                + "network account, because every AWS account maps AZ names to physical AZs at random.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        boolean anyOwnerTag = f.network.subnets().stream().anyMatch(s -> owner(s) != null);
        for (EksCluster c : f.network.eksClusters()) {
            if (!f.customNetworking(c)) continue;
            Map<String, EniConfig> configs = new TreeMap<>(c.pods().customNetworking());
            List<String> byName = new ArrayList<>();
            for (Map.Entry<String, EniConfig> e : configs.entrySet()) {
                if (!Facts.isAzId(e.getKey())) byName.add(e.getKey() + " → " + e.getValue().subnet());
            }
            if (byName.isEmpty()) continue;

            Severity severity;
            String evidence;
            if (anyOwnerTag) {
                Set<String> owners = new TreeSet<>();
                for (Subnet s : f.subnetsOf(c.vpc())) if (owner(s) != null) owners.add(owner(s));
                if (owners.isEmpty()) continue;
                severity = Severity.WARNING;
                evidence = "shared VPC " + c.vpc() + " (subnets owned by account " + String.join(", ", owners) + ", tag " + OWNER_TAG + ")";
            } else {
                Vpc vpc = f.vpc(c.vpc()).orElse(null);
                if (vpc == null || vpc.region() == null || vpc.region().equals(f.network.region())) continue;
                severity = Severity.INFO;
                evidence = "VPC " + c.vpc() + ", which is in " + vpc.region() + " while the scenario is in " + f.network.region()
                        + " (it may be shared from another account)";
            }
            out.add(finding(severity, c.name(), "cluster " + c.name() + " keys its ENIConfigs by AZ name (" + String.join(", ", byName)
                            + ") in " + evidence + ": the name may point at a different physical AZ in this account",
                    "name each ENIConfig after the AZ ID of its subnet as the owner account lists it (e.g. usw2-az1) and set "
                            + "ENI_CONFIG_LABEL_DEF=topology.k8s.aws/zone-id on the aws-node daemonset"));
        }
    }

    /** The owner account of a shared subnet: the scenario's sharedWith/owner (AWS RAM), else the owner tag. */
    private static String owner(Subnet s) {
        if (!s.sharedWith().isEmpty()) return s.owner() == null ? "of the VPC" : s.owner();
        String v = s.tags().get(OWNER_TAG);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
