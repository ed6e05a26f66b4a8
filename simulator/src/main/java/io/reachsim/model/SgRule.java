package io.reachsim.model;

/**
 * One security group rule. {@code ports} is null for protocols without ports; {@code icmpType} and
 * {@code icmpCode} are -1 for "all". {@code peer} is the source (ingress) or destination (egress).
 */
public record SgRule(Protocol protocol, PortRange ports, int icmpType, int icmpCode, SgPeer peer, String description) {

    /** What a rule's source or destination names. */
    public sealed interface SgPeer {
        record CidrPeer(Cidr cidr) implements SgPeer {
            @Override public String toString() { return cidr.toString(); }
        }

        record PrefixListPeer(String prefixListId) implements SgPeer {
            @Override public String toString() { return prefixListId; }
        }

        record GroupPeer(String groupId) implements SgPeer {
            @Override public String toString() { return groupId; }
        }
    }
}
