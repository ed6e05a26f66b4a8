package io.reachsim.trace;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SgRule;

import java.util.List;

/**
 * What a hop checked and what matched: data, never prose. Sentences are rendered from these in the
 * report package.
 */
public sealed interface Detail {

    /**
     * Security groups of an interface evaluated for {@code peer} (the source on ingress, the destination
     * on egress). {@code matchedGroup}/{@code ruleIndex} (1-based, in the group's rule list for that
     * direction) name the allowing rule, or are null/0 when none allows. {@code stateful} means the
     * packet is a reply of a tracked connection and passes without rule evaluation.
     */
    record SecurityGroupCheck(List<String> groups, boolean ingress, Ip peer, String matchedGroup, int ruleIndex,
                              SgRule rule, boolean stateful) implements Detail {}

    /**
     * A network ACL evaluated for {@code peer}. {@code entry} is the first matching entry, or null for
     * the implicit final deny ("*").
     */
    record AclCheck(String acl, String subnet, boolean inbound, Ip peer, AclEntry entry, boolean allowed) implements Detail {}

    /**
     * A route table lookup for {@code destination}. {@code matched} is the chosen route's destination
     * block (for a prefix-list route: the list entry that matched, with {@code prefixList} set), or null
     * when no route matched; {@code target} is its target.
     */
    record RouteLookup(String routeTable, Ip destination, Cidr matched, String prefixList, RouteTarget target) implements Detail {}

    /**
     * A transit gateway route table lookup: {@code matched} the chosen route's block (null: none matched),
     * {@code attachment} its target (null for a blackhole or no match), {@code propagated} whether it was
     * propagated rather than static.
     */
    record TgwRouteLookup(String transitGateway, String routeTable, Ip destination, Cidr matched, String prefixList,
                          String attachment, boolean blackhole, boolean propagated) implements Detail {}

    /**
     * A transit gateway attachment crossed: {@code entering} the gateway (from a VPC or VPN) or leaving it;
     * {@code zone} the availability zone (or AZ id) of the attachment subnet used, null for a VPN attachment.
     */
    record TgwAttachmentCross(String transitGateway, String attachment, String zone, boolean entering) implements Detail {}

    /** An address rewritten: the source ({@code source} true) or destination, from → to. */
    record Translation(boolean source, Ip from, Ip to) implements Detail {}

    /** A check about one address that is not a rule match (public IP association, source/dest check...). */
    record AddressCheck(Ip address) implements Detail {}

    /**
     * A load balancer or Lattice listener chosen for the packet and the target it forwards to.
     * {@code listener} ("TCP:443") is null when none matched; {@code target} (an instance id or an
     * address) null when the listener has none. {@code source} is the address the target sees;
     * {@code clientIpPreserved} says whether that is the client's own.
     */
    record ListenerMatch(String listener, String target, Ip targetIp, int targetPort, Ip source,
                         boolean clientIpPreserved) implements Detail {}

    /**
     * An endpoint service's acceptance of an interface endpoint: {@code required} and whether the
     * provider {@code accepted} it; {@code allowedPrincipals} are recorded, not evaluated.
     */
    record Acceptance(String endpointService, String loadBalancer, boolean required, boolean accepted,
                      List<String> allowedPrincipals) implements Detail {}

    /**
     * VPC Lattice access at a service network or service: the association used ({@code serviceNetwork}
     * for {@code vpc}, null when none has the service), and the auth type/policy of {@code component}.
     * With AWS_IAM and a policy the request passes, but IAM principals are not evaluated.
     */
    record LatticeAccess(String serviceNetwork, String vpc, String service, io.reachsim.model.Lattice.AuthType authType,
                         boolean authPolicy) implements Detail {}

    /** The packet arrived at a host, the internet or an external network. */
    record Arrival(Ip address) implements Detail {}
}
