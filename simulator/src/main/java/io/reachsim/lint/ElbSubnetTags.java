package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code elb-subnet-tags}: in every VPC holding a cluster, the AWS Load Balancer Controller must find
 * tagged subnets in at least two AZs: public subnets tagged {@code kubernetes.io/role/elb} for
 * internet-facing load balancers, private ones tagged {@code kubernetes.io/role/internal-elb} for
 * internal ones. Untagged candidates in AZs the tagged set does not cover are flagged one by one; when
 * even tagging them all would leave fewer than two AZs, the VPC is flagged. An elb-tagged subnet that is
 * not public is flagged too (an internet-facing load balancer there gets no traffic from the internet).
 */
final class ElbSubnetTags extends Rule {
    static final String ELB = "kubernetes.io/role/elb";
    static final String INTERNAL_ELB = "kubernetes.io/role/internal-elb";

    ElbSubnetTags() {
        super("elb-subnet-tags", "The AWS Load Balancer Controller discovers subnets by the kubernetes.io/role/elb "
                + "(public) and kubernetes.io/role/internal-elb (private) tags and needs subnets in at least two AZs.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        Set<String> vpcs = new LinkedHashSet<>();
        Set<String> hostsWorkloads = new TreeSet<>();
        Set<String> clusterSubnets = new TreeSet<>();
        List<Subnet> privateNodeSubnets = new ArrayList<>();
        for (EksCluster c : f.network.eksClusters()) {
            vpcs.add(c.vpc());
            clusterSubnets.addAll(c.subnets());
            for (Subnet s : f.nodeSubnets(c)) {
                hostsWorkloads.add(s.id());
                if (!f.isPublic(s) && !privateNodeSubnets.contains(s)) privateNodeSubnets.add(s);
            }
            if (f.customNetworking(c)) {
                for (EniConfig e : c.pods().customNetworking().values()) hostsWorkloads.add(e.subnet());
            }
        }
        for (String vpc : vpcs) {
            List<Subnet> subnets = f.subnetsOf(vpc);
            // Dedicated cluster subnets are for the X-ENIs: a load balancer placed there would eat their addresses.
            List<Subnet> publicCandidates = subnets.stream()
                    .filter(s -> f.isPublic(s) && !(clusterSubnets.contains(s.id()) && !hostsWorkloads.contains(s.id())))
                    .toList();
            List<Subnet> taggedPublic = subnets.stream().filter(s -> tagged(s, ELB) && f.isPublic(s)).toList();
            for (Subnet s : subnets) {
                if (tagged(s, ELB) && !f.isPublic(s)) {
                    out.add(finding(Severity.WARNING, s.id(), "subnet " + s.id() + " is tagged " + ELB + " but is not public ("
                                    + f.describeDefaultRoute(s) + "): an internet-facing load balancer there is unreachable from the internet",
                            "remove " + ELB + " from " + s.id() + " (tag it " + INTERNAL_ELB + "=1 if it is meant for internal load balancers)"
                                    + " and tag public subnets instead"));
                }
            }
            role(f, out, vpc, ELB, "public", "internet-facing", publicCandidates, taggedPublic);

            List<Subnet> privateCandidates = privateNodeSubnets.stream().filter(s -> s.vpc().equals(vpc)).toList();
            List<Subnet> taggedPrivate = subnets.stream().filter(s -> tagged(s, INTERNAL_ELB)).toList();
            role(f, out, vpc, INTERNAL_ELB, "private", "internal", privateCandidates, taggedPrivate);
        }
    }

    private void role(Facts f, List<Finding> out, String vpc, String tag, String kind, String scheme,
                      List<Subnet> candidates, List<Subnet> tagged) {
        Set<String> taggedAzs = Facts.azs(tagged);
        if (taggedAzs.size() >= 2) return;
        List<Subnet> missing = new ArrayList<>();
        for (Subnet s : candidates) {
            if (s.az() != null && !tagged(s, tag) && !taggedAzs.contains(s.az())) missing.add(s);
        }
        String usable = tagged.isEmpty() ? "no subnet in " + vpc + " has it"
                : scheme + " load balancers can use only " + Facts.withAz(tagged);
        for (Subnet s : missing) {
            String where = "private".equals(kind) ? "private node subnet " : "public subnet ";
            out.add(finding(Severity.WARNING, s.id(),
                    where + s.id() + " (" + s.az() + ", " + f.describeDefaultRoute(s) + ") has no " + tag + " tag; " + usable,
                    "tag " + s.id() + " with " + tag + "=1"));
        }
        Set<String> reachable = new TreeSet<>(taggedAzs);
        reachable.addAll(Facts.azs(missing));
        if (reachable.size() == 1) {
            List<Subnet> all = new ArrayList<>(tagged);
            for (Subnet s : missing) if (!all.contains(s)) all.add(s);
            out.add(finding(Severity.WARNING, vpc,
                    kind + " subnets for " + scheme + " load balancers in " + vpc + " are all in " + reachable.iterator().next()
                            + " (" + Facts.ids(all) + "): the controller needs subnets in at least 2 AZs",
                    "create a " + kind + " subnet in a second AZ of " + vpc + " and tag it " + tag + "=1"));
        }
    }

    /** The controller accepts the tag with value "1" or empty. */
    static boolean tagged(Subnet s, String tag) {
        String v = s.tags().get(tag);
        return v != null && (v.isEmpty() || v.equals("1"));
    }
}
