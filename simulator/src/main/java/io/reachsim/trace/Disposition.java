package io.reachsim.trace;

/** What happened to a flow. */
public enum Disposition { DELIVERED, DROPPED }
