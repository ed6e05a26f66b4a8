package io.reachsim.lint;

/** How much a finding matters; declared most severe first, so findings sort by it. */
public enum Severity {
    /** The cluster or its traffic will not work as configured (or EKS refuses it). */
    ERROR,
    /** Works today, but against the guide in a way that costs availability, money or security. */
    WARNING,
    /** Worth knowing; a recommendation, or something lint could not check. */
    INFO
}
