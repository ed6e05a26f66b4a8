package io.reachsim.report;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SgRule;
import io.reachsim.trace.Detail;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.Mismatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reachsim.report.Fixtures.cidr;
import static io.reachsim.report.Fixtures.hop;
import static io.reachsim.report.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

class SentencesTest {
    private final Sentences say = new Sentences(Fixtures.network());
    private final Sentences bare = new Sentences();
    private final Packet toApi = Packet.tcp(ip("10.0.11.4"), ip("10.0.2.23"), 49152, 443);

    private String sentence(HopKind kind, Leg leg, boolean passed, Detail d, Packet p) {
        return bare.hop(hop(leg, kind, "x", "s", passed, d, p), null);
    }

    @Test
    void securityGroupRulesAreNamedByGroupAndIndex() {
        FlowResult f = Fixtures.deliveredToApi();
        assertThat(say.hop(f.hops().get(0), null)).isEqualTo("sg-nodes #3 allows all to 0.0.0.0/0");
        assertThat(say.hop(f.hops().get(4), null)).isEqualTo("eks-cluster-sg-prod #1 allows all from itself");

        SgRule https = new SgRule(Protocol.TCP, PortRange.of(443), -1, -1, new SgRule.SgPeer.CidrPeer(cidr("10.0.0.0/16")), null);
        assertThat(sentence(HopKind.INTERFACE_INGRESS, Leg.FORWARD, true,
                new Detail.SecurityGroupCheck(List.of("sg-web"), true, ip("10.0.1.1"), "sg-web", 2, https, false), toApi))
                .isEqualTo("sg-web #2 allows tcp 443 from 10.0.0.0/16");

        SgRule ping = new SgRule(Protocol.ICMP, null, 8, -1, new SgRule.SgPeer.PrefixListPeer("pl-corp"), null);
        assertThat(sentence(HopKind.INTERFACE_INGRESS, Leg.FORWARD, true,
                new Detail.SecurityGroupCheck(List.of("sg-web"), true, ip("10.0.1.1"), "sg-web", 4, ping, false), toApi))
                .isEqualTo("sg-web #4 allows icmp type 8 from pl-corp");
    }

    @Test
    void aMissingSecurityGroupRuleNamesTheTrafficAndThePeer() {
        FlowResult f = Fixtures.droppedBySg();
        Hop failing = f.hops().get(4);
        assertThat(say.hop(failing, f.drop())).isEqualTo("no rule in eks-cluster-sg-prod allows tcp/443 from 10.0.11.4");
        assertThat(say.reason(f)).isEqualTo("no rule in eks-cluster-sg-prod allows tcp/443 from 10.0.11.4");

        String twoGroups = sentence(HopKind.INTERFACE_EGRESS, Leg.FORWARD, false,
                new Detail.SecurityGroupCheck(List.of("sg-a", "sg-b"), false, ip("8.8.8.8"), null, 0, null, false),
                Packet.tcp(ip("10.0.0.4"), ip("8.8.8.8"), 49152, 53));
        assertThat(twoGroups).isEqualTo("no rule in sg-a or sg-b allows tcp/53 to 8.8.8.8");
    }

    @Test
    void statefulRepliesSaySo() {
        FlowResult f = Fixtures.deliveredToApi();
        assertThat(say.hop(f.hops().get(6), null)).contains("stateful");
    }

    @Test
    void networkAclSentencesShowTheRuleAndThePacketPorts() {
        FlowResult f = Fixtures.deliveredToApi();
        assertThat(say.hop(f.hops().get(1), null)).isEqualTo("rule 100 allows all");
        // the reply heads for the client's ephemeral port
        assertThat(say.hop(f.hops().get(9), null)).isEqualTo("rule 100 allows tcp 443 → 49152");

        Packet reply = Packet.tcp(ip("8.8.8.8"), ip("10.0.10.4"), 443, 49152);
        assertThat(sentence(HopKind.ACL_IN, Leg.RETURN, false,
                new Detail.AclCheck("acl-private", "private-a", true, reply.src(), null, false), reply))
                .isEqualTo("implicit deny (*): no rule allows tcp/49152 from 8.8.8.8");

        AclEntry deny = new AclEntry(90, Protocol.TCP, PortRange.of(22), -1, -1, Cidr.ANY_V4, AclEntry.Action.DENY);
        Packet ssh = Packet.tcp(ip("198.51.100.1"), ip("10.0.0.9"), 49152, 22);
        assertThat(sentence(HopKind.ACL_IN, Leg.FORWARD, false,
                new Detail.AclCheck("acl-public", "public-a", true, ssh.src(), deny, false), ssh))
                .isEqualTo("rule 90 denies tcp 49152 → 22 from 0.0.0.0/0");
    }

    @Test
    void routesShowDestinationAndTarget() {
        assertThat(sentence(HopKind.ROUTE, Leg.FORWARD, true,
                new Detail.RouteLookup("rt-a", ip("10.0.2.7"), cidr("10.0.0.0/16"), null, new RouteTarget.Local()), toApi))
                .isEqualTo("10.0.0.0/16 → local");
        assertThat(sentence(HopKind.ROUTE, Leg.FORWARD, true,
                new Detail.RouteLookup("rt-a", ip("52.218.1.1"), cidr("52.218.0.0/17"), "pl-s3", new RouteTarget.InternetGateway("vpce-s3")), toApi))
                .isEqualTo("pl-s3 (52.218.0.0/17) → vpce-s3");
        assertThat(sentence(HopKind.ROUTE, Leg.FORWARD, false,
                new Detail.RouteLookup("rt-a", ip("10.9.1.4"), null, null, null), toApi))
                .isEqualTo("no route for 10.9.1.4");
        assertThat(sentence(HopKind.ROUTE, Leg.FORWARD, false,
                new Detail.RouteLookup("rt-a", ip("10.99.0.1"), cidr("10.99.0.0/16"), null, new RouteTarget.Blackhole()), toApi))
                .isEqualTo("10.99.0.0/16 → blackhole");
    }

    @Test
    void translationsNameBothAddresses() {
        assertThat(sentence(HopKind.NAT_GATEWAY, Leg.FORWARD, true,
                new Detail.Translation(true, ip("10.0.1.5"), ip("198.51.100.7")), toApi))
                .isEqualTo("source 10.0.1.5 translated to 198.51.100.7");
        assertThat(sentence(HopKind.INTERNET_GATEWAY, Leg.FORWARD, true,
                new Detail.Translation(false, ip("198.51.100.10"), ip("10.0.0.9")), toApi))
                .isEqualTo("destination 198.51.100.10 translated to 10.0.0.9");
    }

    @Test
    void directionsCarryTheLeg() {
        FlowResult f = Fixtures.deliveredToApi();
        assertThat(Sentences.direction(f.hops().get(0))).isEqualTo("egress");
        assertThat(Sentences.direction(f.hops().get(1))).isEqualTo("out");
        assertThat(Sentences.direction(f.hops().get(2))).isEmpty();
        assertThat(Sentences.direction(f.hops().get(3))).isEqualTo("in");
        assertThat(Sentences.direction(f.hops().get(8))).isEqualTo("return");
        assertThat(Sentences.direction(f.hops().get(9))).isEqualTo("return in");
    }

    @Test
    void defaultAclsAreMarkedWhenTheNetworkIsKnown() {
        Hop h = Fixtures.deliveredToApi().hops().get(3);
        assertThat(say.component(h)).isEqualTo("acl-0d1f (default)");
        assertThat(bare.component(h)).isEqualTo("acl-0d1f");
    }

    @Test
    void missingSecurityGroupRuleSuggestsThePeersGroupWhenKnown() {
        FlowResult f = Fixtures.droppedBySg();
        assertThat(say.fix(f)).hasValue("allow tcp/443 from sg-nodes (or 10.0.11.4/32) in eks-cluster-sg-prod");
        assertThat(bare.fix(f)).hasValue("allow tcp/443 from 10.0.11.4/32 (or its security group) in eks-cluster-sg-prod");
    }

    @Test
    void egressRuleFixPointsAtTheDestination() {
        Packet p = Packet.tcp(ip("10.0.10.4"), ip("8.8.8.8"), 49152, 443);
        Detail.SecurityGroupCheck miss = new Detail.SecurityGroupCheck(List.of("sg-locked"), false, p.dst(), null, 0, null, false);
        FlowResult f = Fixtures.dropped(p, hop(Leg.FORWARD, HopKind.INTERFACE_EGRESS, "eni-node-a1", "private-a", false, miss, p),
                ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-locked");
        assertThat(bare.fix(f)).hasValue("allow tcp/443 to 8.8.8.8/32 in sg-locked");
    }

    @Test
    void implicitAclDenyOnTheReturnPathSuggestsTheEphemeralRange() {
        Packet reply = Packet.tcp(ip("8.8.8.8"), ip("10.0.10.4"), 443, 49152);
        Detail.AclCheck d = new Detail.AclCheck("acl-private", "private-a", true, reply.src(), null, false);
        FlowResult f = Fixtures.dropped(reply, hop(Leg.RETURN, HopKind.ACL_IN, "acl-private", "private-a", false, d, reply),
                ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-private");
        assertThat(bare.fix(f)).hasValue("add an inbound rule allowing tcp 1024-65535 from 0.0.0.0/0 to acl-private, numbered before *");
    }

    @Test
    void outboundAclFixSaysInWhichAcl() {
        Packet reply = Packet.tcp(ip("10.0.3.10"), ip("10.0.1.10"), 443, 49152);
        Detail.AclCheck d = new Detail.AclCheck("acl-mirrored", "svc", false, reply.dst(), null, false);
        FlowResult f = Fixtures.dropped(reply, hop(Leg.RETURN, HopKind.ACL_OUT, "acl-mirrored", "svc", false, d, reply),
                ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-mirrored");
        assertThat(bare.reason(f)).isEqualTo("implicit deny (*): no rule allows tcp/49152 to 10.0.1.10");
        assertThat(bare.fix(f)).hasValue("add an outbound rule allowing tcp 1024-65535 to 0.0.0.0/0 in acl-mirrored, numbered before *");
    }

    @Test
    void implicitAclDenyOnTheForwardPathSuggestsThePortFromThePeer() {
        Detail.AclCheck d = new Detail.AclCheck("acl-cluster", "cluster-b", true, toApi.src(), null, false);
        FlowResult f = Fixtures.dropped(toApi, hop(Leg.FORWARD, HopKind.ACL_IN, "acl-cluster", "cluster-b", false, d, toApi),
                ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-cluster");
        assertThat(bare.fix(f)).hasValue("add an inbound rule allowing tcp 443 from 10.0.11.4/32 to acl-cluster, numbered before *");
    }

    @Test
    void explicitAclDenySuggestsRemovingItOrALowerAllow() {
        AclEntry deny = new AclEntry(90, Protocol.TCP, PortRange.of(22), -1, -1, Cidr.ANY_V4, AclEntry.Action.DENY);
        Packet ssh = Packet.tcp(ip("198.51.100.1"), ip("10.0.0.9"), 49152, 22);
        Detail.AclCheck d = new Detail.AclCheck("acl-public", "public-a", true, ssh.src(), deny, false);
        FlowResult f = Fixtures.dropped(ssh, hop(Leg.FORWARD, HopKind.ACL_IN, "acl-public", "public-a", false, d, ssh),
                ExplanationCode.SUBNET_ACL_RESTRICTION, "acl-public");
        assertThat(bare.fix(f)).hasValue("rule 90 denies tcp 22 from 0.0.0.0/0: remove it or add an allow with a lower number");
    }

    @Test
    void routingDropsSuggestARoute() {
        Packet p = Packet.tcp(ip("10.0.10.4"), ip("10.9.1.4"), 49152, 443);
        Detail.RouteLookup none = new Detail.RouteLookup("rt-private-a", p.dst(), null, null, null);
        FlowResult noRoute = Fixtures.dropped(p, hop(Leg.FORWARD, HopKind.ROUTE, "rt-private-a", "private-a", false, none, p),
                ExplanationCode.NO_ROUTE_TO_DESTINATION, "rt-private-a");
        assertThat(bare.fix(noRoute)).hasValue("add a route for 10.9.1.4 to rt-private-a");

        Detail.RouteLookup hole = new Detail.RouteLookup("rt-private-a", p.dst(), cidr("10.9.0.0/16"), null, new RouteTarget.Blackhole());
        FlowResult blackhole = Fixtures.dropped(p, hop(Leg.FORWARD, HopKind.ROUTE, "rt-private-a", "private-a", false, hole, p),
                ExplanationCode.BAD_STATE_ROUTE, "rt-private-a");
        assertThat(bare.fix(blackhole)).hasValue("the route 10.9.0.0/16 in rt-private-a is a blackhole: point it at a working target or remove it");
    }

    @Test
    void internetGatewayWithoutPublicIpSuggestsEipOrNat() {
        Packet p = Packet.tcp(ip("10.0.1.5"), ip("8.8.8.8"), 49152, 443);
        Detail.AddressCheck d = new Detail.AddressCheck(p.src());
        FlowResult f = Fixtures.dropped(p, hop(Leg.FORWARD, HopKind.INTERNET_GATEWAY, "igw-main", null, false, d, p),
                ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, "igw-main");
        assertThat(bare.reason(f)).isEqualTo("source 10.0.1.5 has no public IP or EIP");
        assertThat(bare.fix(f)).hasValue("give the source a public IP/EIP or route through a NAT gateway");
    }

    @Test
    void everyExplanationCodeRendersAReasonWithoutNulls() {
        Packet p = Packet.tcp(ip("10.0.1.5"), ip("8.8.8.8"), 49152, 443);
        for (ExplanationCode code : ExplanationCode.values()) {
            for (Detail d : new Detail[] {new Detail.AddressCheck(p.dst()), null}) {
                FlowResult f = Fixtures.dropped(p, hop(Leg.FORWARD, HopKind.NAT_GATEWAY, "nat-a", "public-a", false, d, p), code, "nat-a");
                String reason = bare.reason(f);
                assertThat(reason).as(code + " with " + d).isNotBlank().doesNotContain("null");
                bare.fix(f).ifPresent(fix -> assertThat(fix).as(code.name()).isNotBlank().doesNotContain("null"));
            }
        }
    }

    @Test
    void deliveredFlowsHaveAReasonButNoFix() {
        FlowResult f = Fixtures.deliveredToApi();
        assertThat(say.reason(f)).isEqualTo("delivered to 10.0.2.7, and the reply returned to 10.0.10.4");
        assertThat(say.fix(f)).isEmpty();
    }

    @Test
    void mismatchTypesAreStableNames() {
        FlowResult f = Fixtures.droppedBySg();
        assertThat(Sentences.mismatchType(new Mismatch.UnexpectedDisposition(f, true))).isEqualTo("unexpected-drop");
        assertThat(Sentences.mismatchType(new Mismatch.UnexpectedDisposition(f, false))).isEqualTo("unexpected-delivery");
        assertThat(Sentences.mismatchType(new Mismatch.ForbiddenVia(f, "igw"))).isEqualTo("forbidden-via");
        assertThat(Sentences.mismatchType(new Mismatch.WrongCode(f, io.reachsim.trace.ExplanationCode.SUBNET_ACL_RESTRICTION))).isEqualTo("wrong-code");
    }
}
