package io.reachsim.model;

/** An internet gateway attached to {@code vpc}. */
public record InternetGateway(String id, String vpc) {}
