package io.reachsim.model;

/**
 * One network ACL entry. {@code cidr} is IPv4 or IPv6 (an entry matches only its own family);
 * {@code ports} is null for protocols without ports; ICMP type/code -1 means all.
 */
public record AclEntry(int ruleNumber, Protocol protocol, PortRange ports, int icmpType, int icmpCode,
                       Cidr cidr, Action action) {
    public enum Action { ALLOW, DENY }
}
