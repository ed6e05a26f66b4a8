package io.reachsim.model;

import java.util.List;

/**
 * A NAT gateway in {@code subnet}. Public ones translate to {@code privateIp} inside the VPC and to
 * {@code publicIp} (the EIP) at the internet gateway; private ones only to {@code privateIp}.
 */
public record NatGateway(String id, String subnet, Connectivity connectivity, Ip privateIp, Ip publicIp,
                         List<Ip> secondaryPrivateIps) {
    public enum Connectivity { PUBLIC, PRIVATE }

    public NatGateway {
        secondaryPrivateIps = List.copyOf(secondaryPrivateIps);
    }
}
