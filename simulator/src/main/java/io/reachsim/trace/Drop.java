package io.reachsim.trace;

/** Why and where a flow was dropped. */
public record Drop(ExplanationCode code, String component, Leg leg, Detail detail) {}
