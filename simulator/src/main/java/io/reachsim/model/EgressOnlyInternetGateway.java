package io.reachsim.model;

/** An egress-only internet gateway: IPv6 out and its replies, nothing in. */
public record EgressOnlyInternetGateway(String id, String vpc) {}
