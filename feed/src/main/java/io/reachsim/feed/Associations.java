package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.model.SgRule;

import java.util.HashMap;
import java.util.Map;

/**
 * The AWS ids the model does not carry but CloudTrail events name: route table and network ACL
 * association ids ({@code rtbassoc-…}, {@code aclassoc-…}) and security group rule ids ({@code sgr-…}).
 * Learned from a baseline snapshot document and from the responses of the calls that create them
 * (AssociateRouteTable, Replace*Association, Authorize*); immutable, replaced on every change.
 */
public record Associations(Map<String, String> routeTableSubnets, Map<String, String> mainRouteTableVpcs,
                           Map<String, String> aclSubnets, Map<String, RuleRef> rules) {
    public static final Associations NONE = new Associations(Map.of(), Map.of(), Map.of(), Map.of());

    /** A security group rule by id: its group, direction and rule. */
    public record RuleRef(String group, boolean egress, SgRule rule) {}

    public Associations {
        routeTableSubnets = Map.copyOf(routeTableSubnets);
        mainRouteTableVpcs = Map.copyOf(mainRouteTableVpcs);
        aclSubnets = Map.copyOf(aclSubnets);
        rules = Map.copyOf(rules);
    }

    Associations withRouteTableSubnet(String association, String subnet) {
        Map<String, String> m = new HashMap<>(routeTableSubnets);
        m.put(association, subnet);
        return new Associations(m, mainRouteTableVpcs, aclSubnets, rules);
    }

    Associations withoutRouteTableAssociation(String association) {
        Map<String, String> m = new HashMap<>(routeTableSubnets);
        m.remove(association);
        Map<String, String> main = new HashMap<>(mainRouteTableVpcs);
        main.remove(association);
        return new Associations(m, main, aclSubnets, rules);
    }

    Associations withMainRouteTableVpc(String association, String vpc) {
        Map<String, String> m = new HashMap<>(mainRouteTableVpcs);
        m.put(association, vpc);
        return new Associations(routeTableSubnets, m, aclSubnets, rules);
    }

    Associations withAclSubnet(String association, String subnet) {
        Map<String, String> m = new HashMap<>(aclSubnets);
        m.put(association, subnet);
        return new Associations(routeTableSubnets, mainRouteTableVpcs, m, rules);
    }

    Associations withoutAclAssociation(String association) {
        Map<String, String> m = new HashMap<>(aclSubnets);
        m.remove(association);
        return new Associations(routeTableSubnets, mainRouteTableVpcs, m, rules);
    }

    Associations withRule(String id, RuleRef ref) {
        Map<String, RuleRef> m = new HashMap<>(rules);
        m.put(id, ref);
        return new Associations(routeTableSubnets, mainRouteTableVpcs, aclSubnets, m);
    }

    Associations withoutRule(String id) {
        Map<String, RuleRef> m = new HashMap<>(rules);
        m.remove(id);
        return new Associations(routeTableSubnets, mainRouteTableVpcs, aclSubnets, m);
    }

    /**
     * The association ids of a snapshot document: {@code RouteTables[].Associations[]} (describe-route-tables),
     * {@code NetworkAcls[].Associations[]} (describe-network-acls) and {@code SecurityGroupRules[]}
     * (describe-security-group-rules).
     */
    public static Associations fromDocument(JsonNode doc) {
        Map<String, String> rt = new HashMap<>();
        Map<String, String> main = new HashMap<>();
        Map<String, String> acl = new HashMap<>();
        Map<String, RuleRef> rules = new HashMap<>();
        for (JsonNode t : doc.path("RouteTables")) {
            for (JsonNode a : t.path("Associations")) {
                String id = CloudTrailEvents.text(a, "RouteTableAssociationId");
                if (id == null) continue;
                if (a.path("Main").asBoolean(false)) {
                    String vpc = CloudTrailEvents.text(t, "VpcId");
                    if (vpc != null) main.put(id, vpc);
                } else if (CloudTrailEvents.text(a, "SubnetId") != null) {
                    rt.put(id, CloudTrailEvents.text(a, "SubnetId"));
                }
            }
        }
        for (JsonNode t : doc.path("NetworkAcls")) {
            for (JsonNode a : t.path("Associations")) {
                String id = CloudTrailEvents.text(a, "NetworkAclAssociationId");
                String subnet = CloudTrailEvents.text(a, "SubnetId");
                if (id != null && subnet != null) acl.put(id, subnet);
            }
        }
        for (JsonNode r : doc.path("SecurityGroupRules")) {
            String id = CloudTrailEvents.text(r, "SecurityGroupRuleId");
            if (id == null) continue;
            try {
                SgRule rule = Params.of(r).sgRule();
                rules.put(id, new RuleRef(CloudTrailEvents.text(r, "GroupId"), r.path("IsEgress").asBoolean(false), rule));
            } catch (BadEventException e) {
                // A rule reachsim cannot read is simply not addressable by id.
            }
        }
        return new Associations(rt, main, acl, rules);
    }
}
