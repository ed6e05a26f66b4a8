package io.reachsim.lint;

import java.util.Comparator;

/**
 * One lint finding. {@code rule} is a stable kebab-case id (docs/lint.md); {@code resource} is the id of
 * what to change (a subnet, a VPC, an external network) or the cluster's name, or
 * {@code cluster/group} for a node group; {@code message} carries the numbers; {@code reason} is the
 * guide's reason in one sentence; {@code fix} what to do.
 */
public record Finding(Severity severity, String rule, String resource, String message, String reason, String fix) {

    /** Severity first (errors on top), then resource, rule and message, so output is stable. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::resource)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);
}
