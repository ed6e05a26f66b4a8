package io.reachsim.trace;

/** What happened to a flow. */
public enum Disposition {
    DELIVERED,
    DROPPED,
    /** Some of AWS's own choices (DESIGN §9, e.g. a NAT gateway's source port) deliver, others drop: see {@link FlowResult#choices}. */
    DEPENDS
}
