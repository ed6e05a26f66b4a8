package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;

import java.util.ArrayList;
import java.util.List;

/** EC2 traffic filters: network ACLs (describe-network-acls) and security groups (describe-security-groups). */
final class FilterReader extends FamilyReader {
    FilterReader(FamilyReader shared) {
        super(shared);
    }

    void networkAcls() {
        report.kind("network ACLs");
        for (Item a : items("NetworkAcls")) {
            String id = id(a, "NetworkAclId", "a network ACL");
            if (id == null) continue;
            String vpc = a.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(a.at(), "network ACL '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "network ACL", a)) continue;
            List<AclEntry> in = new ArrayList<>();
            List<AclEntry> eg = new ArrayList<>();
            for (Item e : a.list("Entries")) {
                AclEntry entry = aclEntry(e, id);
                if (entry == null) continue;
                (e.bool("Egress", false) ? eg : in).add(entry);
            }
            out.add(new NetworkAcl(id, vpc, a.bool("IsDefault", false), in, eg));
            report.count("network ACLs");
        }
    }

    AclEntry aclEntry(Item e, String acl) {
        JsonNode n = e.node().get("RuleNumber");
        int rule = n == null ? -1 : n.asInt(-1);
        // Rule 32767 is AWS's final implicit deny (printed as an entry): the model's own final deny stands for it.
        if (rule == 32767) return null;
        if (rule < 1 || rule > 32766) {
            errors.add(new LoadError(e.at(), "network ACL '" + acl + "' entry has RuleNumber " + (n == null ? "(none)" : n.asText())
                    + ": expected 1-32766"));
            return null;
        }
        Protocol p = protocol(e, "Protocol", "network ACL '" + acl + "' rule " + rule);
        if (p == null) return null;
        Cidr c = e.str("CidrBlock") != null ? cidr(e, "CidrBlock") : cidr(e, "Ipv6CidrBlock");
        if (c == null) {
            if (e.str("CidrBlock") == null && e.str("Ipv6CidrBlock") == null) {
                errors.add(new LoadError(e.at(), "network ACL '" + acl + "' rule " + rule + " has neither CidrBlock nor Ipv6CidrBlock"));
            }
            return null;
        }
        PortRange ports = null;
        int type = -1;
        int code = -1;
        if (p.hasPorts()) {
            Item pr = e.obj("PortRange");
            ports = pr == null ? PortRange.ALL : range(pr, "From", "To", e);
            if (ports == null) return null;
        } else if (p.isIcmp()) {
            Item tc = e.obj("IcmpTypeCode");
            if (tc != null) {
                type = tc.node().path("Type").asInt(-1);
                code = tc.node().path("Code").asInt(-1);
            }
        }
        String action = e.str("RuleAction");
        AclEntry.Action act = "deny".equalsIgnoreCase(action) ? AclEntry.Action.DENY : AclEntry.Action.ALLOW;
        if (action == null || !(action.equalsIgnoreCase("allow") || action.equalsIgnoreCase("deny"))) {
            errors.add(new LoadError(e.at(), "network ACL '" + acl + "' rule " + rule + " has RuleAction '" + action + "': expected allow or deny"));
            return null;
        }
        return new AclEntry(rule, p, ports, type, code, c, act);
    }

    PortRange range(Item pr, String from, String to, Item owner) {
        int f = pr.node().path(from).asInt(0);
        int t = pr.node().path(to).asInt(65535);
        try {
            return new PortRange(f, t);
        } catch (IllegalArgumentException ex) {
            errors.add(new LoadError(owner.at(), "port range " + f + "-" + t + ": " + ex.getMessage()));
            return null;
        }
    }

    /** tcp/6, udp/17, icmp/1, icmpv6/58, -1 (all); other IP protocols are skipped with a reason. */
    Protocol protocol(Item e, String field, String what) {
        String s = e.str(field);
        if (s == null) {
            errors.add(new LoadError(e.at(), what + " has no " + field));
            return null;
        }
        try {
            return Protocol.parse(s);
        } catch (IllegalArgumentException ex) {
            report.skip(e.at(), what, "protocol " + s + " is not modelled (reachsim evaluates tcp, udp, icmp, icmpv6 and all)");
            return null;
        }
    }

    void securityGroups() {
        report.kind("security groups");
        List<Item> groups = new ArrayList<>();
        for (Item g : items("SecurityGroups")) {
            String id = id(g, "GroupId", "a security group");
            if (id == null) continue;
            String vpc = g.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(g.at(), "security group '" + id + "'", vpc == null ? "it belongs to no VPC (EC2-Classic)"
                        : "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "security group", g)) continue;
            securityGroups.add(id);
            groups.add(g);
        }
        for (Item g : groups) {
            String id = g.str("GroupId");
            String vpc = g.str("VpcId");
            List<SgRule> in = new ArrayList<>();
            List<SgRule> eg = new ArrayList<>();
            for (Item p : g.list("IpPermissions")) permission(p, id, "inbound", in);
            for (Item p : g.list("IpPermissionsEgress")) permission(p, id, "outbound", eg);
            String owner = g.str("OwnerId");
            if (owner != null && owner.equals(vpcAccount.get(vpc))) owner = null;
            out.add(new SecurityGroup(id, vpc, g.str("GroupName") != null ? g.str("GroupName") : id, in, eg, owner));
            report.count("security groups");
        }
    }

    /** One IpPermission: a rule per CIDR, IPv6 range, prefix list and group pair, in AWS's order. */
    void permission(Item p, String group, String direction, List<SgRule> into) {
        String what = direction + " rule of security group '" + group + "'";
        Protocol proto = protocol(p, "IpProtocol", what);
        if (proto == null) return;
        PortRange ports = null;
        int type = -1;
        int code = -1;
        JsonNode from = p.node().get("FromPort");
        JsonNode to = p.node().get("ToPort");
        if (proto.hasPorts()) {
            int f = from == null ? 0 : from.asInt(0);
            int t = to == null ? 65535 : to.asInt(65535);
            if (f == -1 && t == -1) {
                ports = PortRange.ALL;
            } else {
                try {
                    ports = new PortRange(f, t);
                } catch (IllegalArgumentException ex) {
                    errors.add(new LoadError(p.at(), what + " has ports " + f + "-" + t + ": " + ex.getMessage()));
                    return;
                }
            }
        } else if (proto.isIcmp()) {
            // For ICMP, FromPort is the type and ToPort the code; -1 means all.
            type = from == null ? -1 : from.asInt(-1);
            code = to == null ? -1 : to.asInt(-1);
        }
        for (Item r : p.list("IpRanges")) {
            Cidr c = cidr(r, "CidrIp");
            if (c != null) into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.CidrPeer(c), r.str("Description")));
        }
        for (Item r : p.list("Ipv6Ranges")) {
            Cidr c = cidr(r, "CidrIpv6");
            if (c != null) into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.CidrPeer(c), r.str("Description")));
        }
        for (Item r : p.list("PrefixListIds")) {
            String pl = r.str("PrefixListId");
            if (pl == null) continue;
            if (!prefixLists.contains(pl)) {
                report.skip(r.at(), what + " from/to prefix list '" + pl + "'", "the prefix list is not in the snapshot (save aws ec2"
                        + " describe-managed-prefix-lists and get-managed-prefix-list-entries)");
                continue;
            }
            into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.PrefixListPeer(pl), r.str("Description")));
        }
        for (Item r : p.list("UserIdGroupPairs")) {
            String g = r.str("GroupId");
            if (g == null) continue;
            if (!securityGroups.contains(g)) {
                report.skip(r.at(), what + " naming security group '" + g + "'" + (r.str("UserId") != null ? " of account " + r.str("UserId") : ""),
                        "that group is not in the snapshot");
                continue;
            }
            if (r.str("PeeringStatus") != null && !"active".equals(r.str("PeeringStatus"))) {
                report.skip(r.at(), what + " naming security group '" + g + "'", "its peering status is " + r.str("PeeringStatus"));
                continue;
            }
            into.add(new SgRule(proto, ports, type, code, new SgRule.SgPeer.GroupPeer(g), r.str("Description")));
        }
    }
}
