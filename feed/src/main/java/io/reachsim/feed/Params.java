package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.SgRule;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * CloudTrail's request and response shapes, read leniently: EC2 logs most calls with camelCase fields
 * ({@code routeTableId}) but some newer calls wrapped and PascalCase
 * ({@code {"CreateTransitGatewayRouteRequest": {"TransitGatewayRouteTableId": …}}}); lists appear as
 * {@code {"items": [...]}}, {@code {"item": …}} or plain arrays. Field look-ups ignore the case of the
 * first letter, and a lone {@code …Request}/{@code …Response} wrapper is looked through.
 */
final class Params {
    final JsonNode node;

    private Params(JsonNode node) {
        this.node = node;
    }

    static Params of(JsonNode n) {
        JsonNode x = n;
        if (x != null && x.isObject() && x.size() >= 1) {
            // {"XxxRequest": {...}} possibly beside bookkeeping fields such as requestId/xmlns
            for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if ((e.getKey().endsWith("Request") || e.getKey().endsWith("Response")) && e.getValue().isObject()) {
                    x = e.getValue();
                    break;
                }
            }
        }
        return new Params(x);
    }

    boolean present() {
        return node != null && node.isObject();
    }

    JsonNode get(String field) {
        if (node == null || !node.isObject()) return null;
        JsonNode v = node.get(field);
        if (v != null) return v;
        String other = Character.isUpperCase(field.charAt(0))
                ? Character.toLowerCase(field.charAt(0)) + field.substring(1)
                : Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return node.get(other);
    }

    Params obj(String field) {
        return new Params(get(field));
    }

    String str(String field) {
        JsonNode v = get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    String req(String field) throws BadEventException {
        String s = str(field);
        if (s == null || s.isBlank()) throw new BadEventException("requestParameters." + field + " is missing");
        return s;
    }

    Integer integer(String field) throws BadEventException {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) return v.intValue();
        try {
            return Integer.parseInt(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new BadEventException(field + " is '" + v.asText() + "', expected a number");
        }
    }

    Boolean bool(String field) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return null;
        return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }

    /** {@code {"items": [...]}}, {@code {"item": x}}, {@code [...]} or a single object: the elements. */
    List<Params> list(String field) {
        return items(get(field));
    }

    static List<Params> items(JsonNode v) {
        List<Params> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isObject() && (v.has("items") || v.has("item") || v.size() == 0)) {
            JsonNode inner = v.has("items") ? v.get("items") : v.get("item");
            if (inner == null) return out;
            v = inner;
        }
        if (v.isArray()) {
            for (JsonNode e : v) out.add(new Params(e));
        } else if (v.isObject()) {
            out.add(new Params(v));
        }
        return out;
    }

    static Cidr cidr(String field, String text) throws BadEventException {
        if (text == null) throw new BadEventException(field + " is missing");
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            // AWS canonicalises blocks with host bits set (10.0.1.7/24 becomes 10.0.1.0/24); so do we.
            try {
                String[] parts = text.trim().split("/", 2);
                Ip ip = Ip.parse(parts[0]);
                int len = Integer.parseInt(parts[1]);
                if (len < 0 || len > ip.bits()) throw new IllegalArgumentException("prefix length out of range");
                Ip base;
                if (ip.isV4()) {
                    long m = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
                    base = Ip.v4(ip.lo() & m);
                } else {
                    long mh = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
                    long ml = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
                    base = Ip.v6(ip.hi() & mh, ip.lo() & ml);
                }
                return new Cidr(base, len);
            } catch (RuntimeException e2) {
                throw new BadEventException(field + " '" + text + "' is not a CIDR block: " + e.getMessage());
            }
        }
    }

    static Protocol protocol(String text) throws BadEventException {
        if (text == null) throw new BadEventException("ipProtocol is missing");
        try {
            return Protocol.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadEventException("protocol '" + text + "' is not supported: " + e.getMessage());
        }
    }

    /** Ports or ICMP type/code of a rule as AWS gives them (FromPort/ToPort; ICMP type/code in the same fields). */
    record Match(Protocol protocol, PortRange ports, int icmpType, int icmpCode) {}

    static Match match(Protocol p, Integer from, Integer to) throws BadEventException {
        if (p.hasPorts()) {
            if (from == null || to == null || from == -1) return new Match(p, PortRange.ALL, -1, -1);
            try {
                return new Match(p, new PortRange(from, to), -1, -1);
            } catch (IllegalArgumentException e) {
                throw new BadEventException("port range " + from + "-" + to + " is not valid: " + e.getMessage());
            }
        }
        if (p.isIcmp()) return new Match(p, null, from == null ? -1 : from, to == null ? -1 : to);
        return new Match(p, null, -1, -1);
    }

    /**
     * One security-group rule in the flat shape of describe-security-group-rules, the
     * {@code securityGroupRuleSet} of Authorize* responses and ModifySecurityGroupRules requests:
     * IpProtocol, FromPort, ToPort and one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupId /
     * ReferencedGroupInfo.GroupId.
     */
    SgRule sgRule() throws BadEventException {
        Match m = match(protocol(str("IpProtocol")), integer("FromPort"), integer("ToPort"));
        SgRule.SgPeer peer;
        if (str("CidrIpv4") != null) peer = new SgRule.SgPeer.CidrPeer(cidr("CidrIpv4", str("CidrIpv4")));
        else if (str("CidrIpv6") != null) peer = new SgRule.SgPeer.CidrPeer(cidr("CidrIpv6", str("CidrIpv6")));
        else if (str("PrefixListId") != null) peer = new SgRule.SgPeer.PrefixListPeer(str("PrefixListId"));
        else if (str("ReferencedGroupId") != null) peer = new SgRule.SgPeer.GroupPeer(str("ReferencedGroupId"));
        else if (obj("ReferencedGroupInfo").str("GroupId") != null) peer = new SgRule.SgPeer.GroupPeer(obj("ReferencedGroupInfo").str("GroupId"));
        else throw new BadEventException("security group rule names no CidrIpv4, CidrIpv6, PrefixListId or referenced group");
        return new SgRule(m.protocol(), m.ports(), m.icmpType(), m.icmpCode(), peer, str("Description"));
    }

    /**
     * The rules of an {@code ipPermissions} list (AuthorizeSecurityGroupIngress & co.): one rule per
     * permission and peer (ipRanges, ipv6Ranges, prefixListIds, groups), as DescribeSecurityGroupRules
     * splits them.
     */
    static List<SgRule> permissions(List<Params> perms) throws BadEventException {
        List<SgRule> out = new ArrayList<>();
        for (Params perm : perms) {
            Match m = match(protocol(perm.str("ipProtocol")), perm.integer("fromPort"), perm.integer("toPort"));
            int before = out.size();
            for (Params r : perm.list("ipRanges")) {
                out.add(rule(m, new SgRule.SgPeer.CidrPeer(cidr("cidrIp", r.str("cidrIp"))), r.str("description")));
            }
            for (Params r : perm.list("ipv6Ranges")) {
                out.add(rule(m, new SgRule.SgPeer.CidrPeer(cidr("cidrIpv6", r.str("cidrIpv6"))), r.str("description")));
            }
            for (Params r : perm.list("prefixListIds")) {
                out.add(rule(m, new SgRule.SgPeer.PrefixListPeer(r.req("prefixListId")), r.str("description")));
            }
            for (Params r : perm.list("groups")) {
                out.add(rule(m, new SgRule.SgPeer.GroupPeer(r.req("groupId")), r.str("description")));
            }
            if (out.size() == before) throw new BadEventException("an ipPermissions entry names no ipRanges, ipv6Ranges, prefixListIds or groups");
        }
        return out;
    }

    private static SgRule rule(Match m, SgRule.SgPeer peer, String description) {
        return new SgRule(m.protocol(), m.ports(), m.icmpType(), m.icmpCode(), peer, description);
    }

    /** A network ACL entry of Create/ReplaceNetworkAclEntry: ruleNumber, protocol, ruleAction, cidrBlock, portRange, icmpTypeCode. */
    AclEntry aclEntry() throws BadEventException {
        Integer number = integer("ruleNumber");
        if (number == null) throw new BadEventException("requestParameters.ruleNumber is missing");
        Protocol p = protocol(str("protocol"));
        String block = str("cidrBlock") != null ? str("cidrBlock") : str("ipv6CidrBlock");
        if (block == null) throw new BadEventException("requestParameters.cidrBlock (or ipv6CidrBlock) is missing");
        Cidr cidr = cidr("cidrBlock", block);
        String action = req("ruleAction").toLowerCase(java.util.Locale.ROOT);
        AclEntry.Action a;
        if (action.equals("allow")) a = AclEntry.Action.ALLOW;
        else if (action.equals("deny")) a = AclEntry.Action.DENY;
        else throw new BadEventException("ruleAction is '" + action + "', expected allow or deny");
        Params range = obj("portRange");
        Params icmp = obj("icmpTypeCode");
        Match m = p.isIcmp() ? match(p, icmp.integer("type"), icmp.integer("code"))
                : match(p, range.integer("from"), range.integer("to"));
        return new AclEntry(number, m.protocol(), m.ports(), m.icmpType(), m.icmpCode(), cidr, a);
    }
}
