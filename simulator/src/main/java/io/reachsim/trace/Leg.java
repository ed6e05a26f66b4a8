package io.reachsim.trace;

/** Which way a hop was taken: the request, or the reply routed back to the client. */
public enum Leg { FORWARD, RETURN }
