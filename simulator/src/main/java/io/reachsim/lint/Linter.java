package io.reachsim.lint;

import io.reachsim.model.Network;
import io.reachsim.model.Scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code reachsim lint}: EKS and VPC best-practice findings (DESIGN §4, from the EKS best-practices guide
 * on VPC and subnets). Reads the model only; never traces. Rule ids and reasons are listed in
 * docs/lint.md.
 */
public final class Linter {
    private static final List<Rule> RULES = List.of(
            new ClusterSubnetsAz(),
            new ClusterSubnetSize(),
            new ElbSubnetTags(),
            new NatPerAz(),
            new NatRoutesToItself(),
            new PublicEndpointOpen(),
            new PrivateEndpointDns(),
            new PrivateClusterEndpoints(),
            new IpCapacity(),
            new ConnectedOverlap(),
            new EniConfigAzId(),
            new EniConfigPerAz(),
            new NaclEphemeralPorts(),
            new TgwAttachmentAz());

    /** The ids of every rule, in the order they run. */
    public static List<String> ruleIds() {
        return RULES.stream().map(r -> r.id).toList();
    }

    /** The guide's reason behind a rule, as every finding of it carries. */
    public static String reason(String ruleId) {
        return RULES.stream().filter(r -> r.id.equals(ruleId)).map(r -> r.reason).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule '" + ruleId + "'"));
    }

    /** Every finding for one network, without duplicates, ordered by {@link Finding#ORDER}. */
    public List<Finding> lint(Network network) {
        Facts facts = new Facts(network);
        List<Finding> out = new ArrayList<>();
        for (Rule r : RULES) r.check(facts, out);
        List<Finding> unique = new ArrayList<>(new LinkedHashSet<>(out));
        unique.sort(Finding.ORDER);
        return List.copyOf(unique);
    }

    /**
     * Lints each scenario's network. Scenario files that import the same network would repeat its
     * findings: an identical finding is kept once, with every file it came from (in load order).
     */
    public LintResult lint(List<Scenario> scenarios) {
        Map<Network, List<Finding>> byNetwork = new HashMap<>();
        Map<Finding, List<String>> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Scenario s : scenarios) {
            String file = s.file() == null ? "" : s.file();
            names.add(file);
            List<Finding> findings = byNetwork.computeIfAbsent(s.network(), this::lint);
            for (Finding f : findings) {
                List<String> where = files.computeIfAbsent(f, k -> new ArrayList<>());
                if (!where.contains(file)) where.add(file);
            }
        }
        List<LintResult.Located> located = new ArrayList<>();
        files.forEach((f, where) -> located.add(new LintResult.Located(f, where)));
        located.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        return new LintResult(names, byNetwork.size(), located);
    }
}
