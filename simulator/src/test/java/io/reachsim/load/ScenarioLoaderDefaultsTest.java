package io.reachsim.load;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Scenario;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS's implicit objects and the format's defaults (DESIGN §5 "Defaults and rules"). */
class ScenarioLoaderDefaultsTest extends LoadTestSupport {

    private static final SgRule ALL_OUT_V4 = new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null);
    private static final SgRule ALL_OUT_V6 = new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), null);

    @Test
    void everyVpcGetsADefaultSecurityGroupWithAwsRules() {
        Network n = network(HEAD);
        Vpc vpc = n.vpc("vpc-main").orElseThrow();
        assertThat(vpc.defaultSecurityGroup()).isEqualTo("vpc-main-default");
        SecurityGroup sg = n.securityGroup("vpc-main-default").orElseThrow();
        assertThat(sg.vpc()).isEqualTo("vpc-main");
        assertThat(sg.name()).isEqualTo("default");
        assertThat(sg.ingress()).containsExactly(
                new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer("vpc-main-default"), null));
        assertThat(sg.egress()).containsExactly(ALL_OUT_V4, ALL_OUT_V6);
    }

    @Test
    void aNamedDefaultSecurityGroupThatIsWrittenKeepsItsOwnRules() {
        Network n = network("""
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-a, cidr: 10.0.0.0/16, defaultSecurityGroup: sg-0def}]
                  securityGroups:
                    - {id: sg-0def, vpc: vpc-a, ingress: [{protocol: tcp, ports: 22, source: 10.0.0.0/8}], egress: []}
                """);
        assertThat(n.vpc("vpc-a").orElseThrow().defaultSecurityGroup()).isEqualTo("sg-0def");
        SecurityGroup sg = n.securityGroup("sg-0def").orElseThrow();
        assertThat(sg.ingress()).containsExactly(
                new SgRule(Protocol.TCP, PortRange.of(22), -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.parse("10.0.0.0/8")), null));
        assertThat(sg.egress()).isEmpty();
        assertThat(n.securityGroups()).extracting(SecurityGroup::id).containsExactly("sg-0def");
    }

    @Test
    void aNamedDefaultSecurityGroupNotWrittenIsMaterialisedUnderThatName() {
        Network n = network("""
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-a, cidr: 10.0.0.0/16, defaultSecurityGroup: sg-0def, defaultNetworkAcl: acl-0def}]
                """);
        assertThat(n.securityGroup("sg-0def").orElseThrow().ingress())
                .extracting(SgRule::peer).containsExactly(new SgRule.SgPeer.GroupPeer("sg-0def"));
        assertThat(n.securityGroup("vpc-a-default")).isEmpty();
        assertThat(n.networkAcl("acl-0def").orElseThrow().isDefault()).isTrue();
    }

    @Test
    void everyVpcGetsADefaultNetworkAclAllowingEverything() {
        Network n = network(HEAD);
        assertThat(n.vpc("vpc-main").orElseThrow().defaultNetworkAcl()).isEqualTo("vpc-main-default-acl");
        NetworkAcl acl = n.networkAcl("vpc-main-default-acl").orElseThrow();
        List<AclEntry> all = List.of(
                new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW),
                new AclEntry(101, Protocol.ALL, null, -1, -1, Cidr.ANY_V6, AclEntry.Action.ALLOW));
        assertThat(acl.isDefault()).isTrue();
        assertThat(acl.vpc()).isEqualTo("vpc-main");
        assertThat(acl.ingress()).isEqualTo(all);
        assertThat(acl.egress()).isEqualTo(all);
    }

    @Test
    void aWrittenDefaultNetworkAclReplacesTheAllowAllOne() {
        Network n = network("""
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-a, cidr: 10.0.0.0/16}]
                  networkAcls:
                    - {id: vpc-a-default-acl, vpc: vpc-a, ingress: [{rule: 10, protocol: all, cidr: 0.0.0.0/0, action: deny}]}
                """);
        NetworkAcl acl = n.networkAcl("vpc-a-default-acl").orElseThrow();
        assertThat(acl.isDefault()).isTrue();
        assertThat(acl.ingress()).containsExactly(new AclEntry(10, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.DENY));
        assertThat(acl.egress()).as("omitted egress denies").isEmpty();
        assertThat(n.networkAcls()).hasSize(1);
    }

    @Test
    void withoutAMainRouteTableTheVpcGetsAnImplicitOneWithNoRoutes() {
        Network n = network(HEAD);
        assertThat(n.vpc("vpc-main").orElseThrow().mainRouteTable()).isEqualTo("vpc-main-main");
        assertThat(n.routeTable("vpc-main-main")).contains(new RouteTable("vpc-main-main", "vpc-main", true, List.of(), List.of()));
    }

    @Test
    void theRouteTableMarkedMainIsTheVpcsMainTable() {
        Network n = network(HEAD + """
                  routeTables:
                    - {id: rt-a, vpc: vpc-main}
                    - {id: rt-main, vpc: vpc-main, main: true, routes: [{destination: 0.0.0.0/0, target: blackhole}]}
                """);
        assertThat(n.vpc("vpc-main").orElseThrow().mainRouteTable()).isEqualTo("rt-main");
        assertThat(n.routeTable("rt-main").orElseThrow().main()).isTrue();
        assertThat(n.routeTable("rt-a").orElseThrow().main()).isFalse();
        assertThat(n.routeTable("vpc-main-main")).isEmpty();
    }

    @Test
    void subnetAssociationsStayNullWhenNotWritten() {
        Subnet s = network(HEAD).subnet("private-a").orElseThrow();
        assertThat(s.routeTable()).isNull();
        assertThat(s.networkAcl()).isNull();
        assertThat(s.az()).isEqualTo("us-west-2a");
        assertThat(s.cidr()).isEqualTo(Cidr.parse("10.0.1.0/24"));
    }

    @Test
    void vpcDnsAndRegionDefaults() {
        Network n = network("""
                apiVersion: reachsim/v1
                region: eu-west-1
                network:
                  vpcs:
                    - {id: vpc-a, cidr: 10.0.0.0/16, secondaryCidrs: [100.64.0.0/16]}
                    - {id: vpc-b, cidr: 10.1.0.0/16, region: us-east-2, enableDnsHostnames: true, enableDnsSupport: false}
                """);
        Vpc a = n.vpc("vpc-a").orElseThrow();
        assertThat(a.enableDnsSupport()).isTrue();
        assertThat(a.enableDnsHostnames()).isFalse();
        assertThat(a.region()).isEqualTo("eu-west-1");
        assertThat(a.cidrs()).containsExactly(Cidr.parse("10.0.0.0/16"), Cidr.parse("100.64.0.0/16"));
        Vpc b = n.vpc("vpc-b").orElseThrow();
        assertThat(b.enableDnsSupport()).isFalse();
        assertThat(b.enableDnsHostnames()).isTrue();
        assertThat(b.region()).isEqualTo("us-east-2");
        assertThat(n.region()).isEqualTo("eu-west-1");
    }

    @Test
    void securityGroupRuleListDefaults() {
        Network n = network(HEAD + """
                  securityGroups:
                    - {id: sg-omitted, vpc: vpc-main}
                    - {id: sg-none, vpc: vpc-main, egress: []}
                    - id: sg-rules
                      vpc: vpc-main
                      name: web
                      ingress:
                        - {protocol: tcp, ports: 443, source: 0.0.0.0/0, description: https}
                        - {protocol: icmp, icmpType: 8, source: sg-rules}
                        - {protocol: udp, source: pl-corp}
                      egress:
                        - {protocol: tcp, ports: "1024-65535", destination: "::/0"}
                  prefixLists: [{id: pl-corp, name: corp, cidrs: [192.168.0.0/16]}]
                """);
        SecurityGroup omitted = n.securityGroup("sg-omitted").orElseThrow();
        assertThat(omitted.ingress()).isEmpty();
        assertThat(omitted.egress()).containsExactly(ALL_OUT_V4, ALL_OUT_V6);
        assertThat(omitted.name()).isEqualTo("sg-omitted");
        assertThat(n.securityGroup("sg-none").orElseThrow().egress()).isEmpty();
        SecurityGroup rules = n.securityGroup("sg-rules").orElseThrow();
        assertThat(rules.name()).isEqualTo("web");
        assertThat(rules.ingress()).containsExactly(
                new SgRule(Protocol.TCP, PortRange.of(443), -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), "https"),
                new SgRule(Protocol.ICMP, null, 8, -1, new SgRule.SgPeer.GroupPeer("sg-rules"), null),
                new SgRule(Protocol.UDP, PortRange.ALL, -1, -1, new SgRule.SgPeer.PrefixListPeer("pl-corp"), null));
        assertThat(rules.egress()).containsExactly(
                new SgRule(Protocol.TCP, new PortRange(1024, 65535), -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), null));
    }

    @Test
    void networkAclEntriesParseWithPortsIcmpAndIpv6() {
        Network n = network(HEAD + """
                  networkAcls:
                    - id: acl-a
                      vpc: vpc-main
                      ingress:
                        - {rule: 100, protocol: tcp, ports: 443, cidr: 10.0.0.0/8, action: allow}
                        - {rule: 110, protocol: icmp, icmpType: 3, icmpCode: 4, cidr: 0.0.0.0/0, action: allow}
                        - {rule: 120, protocol: -1, ipv6Cidr: "::/0", action: deny}
                """);
        NetworkAcl acl = n.networkAcl("acl-a").orElseThrow();
        assertThat(acl.isDefault()).isFalse();
        assertThat(acl.ingress()).containsExactly(
                new AclEntry(100, Protocol.TCP, PortRange.of(443), -1, -1, Cidr.parse("10.0.0.0/8"), AclEntry.Action.ALLOW),
                new AclEntry(110, Protocol.ICMP, null, 3, 4, Cidr.ANY_V4, AclEntry.Action.ALLOW),
                new AclEntry(120, Protocol.ALL, null, -1, -1, Cidr.ANY_V6, AclEntry.Action.DENY));
        assertThat(acl.egress()).isEmpty();
    }

    @Test
    void anInstanceGetsAPrimaryInterfaceWithItsIdAndSecondaryInterfacesNameIt() {
        Network n = network(HEAD + """
                  securityGroups: [{id: sg-web, vpc: vpc-main}]
                  instances:
                    - id: web-1
                      subnet: public-a
                      privateIp: 10.0.0.10
                      publicIp: 198.51.100.10
                      ipv6Ip: "2600:1f14:1:2300::10"
                      securityGroups: [sg-web]
                      sourceDestCheck: false
                      networkInterfaces:
                        - {id: eni-web-1b, subnet: private-a, privateIp: 10.0.1.10, secondaryPrivateIps: [10.0.1.11]}
                    - {id: db-1, subnet: private-a, privateIp: 10.0.1.20}
                """);
        assertThat(n.instance("web-1").orElseThrow().networkInterfaces()).containsExactly("web-1", "eni-web-1b");
        assertThat(n.instance("web-1").orElseThrow().subnet()).isEqualTo("public-a");
        NetworkInterface primary = n.networkInterface("web-1").orElseThrow();
        assertThat(primary).isEqualTo(new NetworkInterface("web-1", "public-a", Ip.parse("10.0.0.10"), List.of(),
                Ip.parse("2600:1f14:1:2300::10"), Ip.parse("198.51.100.10"), List.of("sg-web"), false, "web-1"));
        assertThat(primary.isInstancePrimary()).isTrue();
        NetworkInterface secondary = n.networkInterface("eni-web-1b").orElseThrow();
        assertThat(secondary.instance()).isEqualTo("web-1");
        assertThat(secondary.subnet()).isEqualTo("private-a");
        assertThat(secondary.secondaryPrivateIps()).containsExactly(Ip.parse("10.0.1.11"));
        assertThat(secondary.securityGroups()).as("no groups written: the VPC's default").containsExactly("vpc-main-default");
        assertThat(secondary.sourceDestCheck()).isTrue();
        NetworkInterface db = n.networkInterface("db-1").orElseThrow();
        assertThat(db.sourceDestCheck()).isTrue();
        assertThat(db.securityGroups()).containsExactly("vpc-main-default");
    }

    @Test
    void standaloneInterfacesAreNotInstances() {
        Network n = network(HEAD + """
                  networkInterfaces:
                    - {id: eni-fw, subnet: private-a, privateIp: 10.0.1.5, sourceDestCheck: false, publicIp: 203.0.113.5}
                """);
        NetworkInterface e = n.networkInterface("eni-fw").orElseThrow();
        assertThat(e.instance()).isNull();
        assertThat(e.sourceDestCheck()).isFalse();
        assertThat(e.publicIp()).isEqualTo(Ip.parse("203.0.113.5"));
        assertThat(n.instances()).isEmpty();
    }

    @Test
    void routesGatewaysAndPropagation() {
        Network n = network(HEAD + """
                  routeTables:
                    - id: rt-a
                      vpc: vpc-main
                      propagatingVgws: [vgw-1]
                      routes:
                        - {destination: 0.0.0.0/0, target: nat-a}
                        - {destination: "::/0", target: eigw-1}
                        - {destinationPrefixList: pl-s3, target: igw-1}
                        - {destination: 10.99.0.0/16, target: blackhole}
                        - {destination: 10.50.0.0/16, target: fw}
                        - {destination: 10.51.0.0/16, target: eni-fw}
                        - {destination: 192.168.0.0/16, target: vgw-1}
                  internetGateways: [{id: igw-1, vpc: vpc-main}]
                  egressOnlyInternetGateways: [{id: eigw-1, vpc: vpc-main}]
                  vpnGateways: [{id: vgw-1, vpc: vpc-main, remoteCidrs: [192.168.0.0/16]}]
                  natGateways:
                    - {id: nat-a, subnet: public-a, privateIp: 10.0.0.5, publicIp: 198.51.100.7, secondaryPrivateIps: [10.0.0.6]}
                    - {id: nat-p, subnet: private-a, connectivity: private, privateIp: 10.0.1.5}
                  prefixLists: [{id: pl-s3, cidrs: [52.218.0.0/17]}]
                  instances: [{id: fw, subnet: private-a, privateIp: 10.0.1.6, sourceDestCheck: false}]
                  networkInterfaces: [{id: eni-fw, subnet: private-a, privateIp: 10.0.1.7}]
                """);
        RouteTable rt = n.routeTable("rt-a").orElseThrow();
        assertThat(rt.propagatingVgws()).containsExactly("vgw-1");
        assertThat(rt.routes()).extracting(Route::target).containsExactly(
                new RouteTarget.NatGateway("nat-a"), new RouteTarget.EgressOnlyInternetGateway("eigw-1"),
                new RouteTarget.InternetGateway("igw-1"), new RouteTarget.Blackhole(), new RouteTarget.Instance("fw"),
                new RouteTarget.NetworkInterface("eni-fw"), new RouteTarget.VpnGateway("vgw-1"));
        assertThat(rt.routes().get(2).destination()).isEqualTo(new Route.RouteDestination.PrefixListDestination("pl-s3"));
        assertThat(n.natGateway("nat-a")).contains(new NatGateway("nat-a", "public-a", NatGateway.Connectivity.PUBLIC,
                Ip.parse("10.0.0.5"), Ip.parse("198.51.100.7"), List.of(Ip.parse("10.0.0.6"))));
        assertThat(n.natGateway("nat-p").orElseThrow().connectivity()).isEqualTo(NatGateway.Connectivity.PRIVATE);
        assertThat(n.natGateway("nat-p").orElseThrow().publicIp()).isNull();
        assertThat(n.prefixList("pl-s3").orElseThrow().name()).as("name defaults to the id").isEqualTo("pl-s3");
    }

    @Test
    void expectationDefaults() {
        String yaml = HEAD + """
                  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10, ipv6Ip: "2600:1f14:1:2300::10"}]
                  external: [{id: laptop, ip: 203.0.113.10}, {id: corp6, cidr: "2001:db8::/32"}]
                expect:
                  - from: web-1
                    to: internet:1.1.1.1
                    port: 443
                    reachable: true
                  - name: ping
                    from: instance:web-1
                    to: subnet:private-a
                    protocol: icmp
                    reachable: false
                    via: public-a
                    because: NO_ROUTE_TO_DESTINATION
                    roundTrip: false
                  - {from: internet, to: eni:web-1, protocol: all, reachable: false, ipVersion: 6}
                  - {from: web-1, to: "internet:2001:db8::1", protocol: udp, port: 53, sourcePort: 5353, reachable: true}
                  - {from: external:laptop, to: web-1, port: 22, reachable: false, viaAny: [public-a, private-a], notVia: [internet]}
                  - {from: corp6, to: web-1, port: 22, reachable: false}
                """;
        Scenario s = load(yaml);
        assertThat(s.name()).isEqualTo("test");
        assertThat(s.file()).isEqualTo(dir.resolve("s.yaml").toString());
        List<Expectation> e = s.expectations();
        assertThat(e).hasSize(6);

        Expectation first = e.get(0);
        assertThat(first.from()).isEqualTo(new EndpointRef.InstanceRef("web-1"));
        assertThat(first.to()).isEqualTo(new EndpointRef.InternetRef(Ip.parse("1.1.1.1")));
        assertThat(first.protocol()).isEqualTo(Protocol.TCP);
        assertThat(first.port()).isEqualTo(443);
        assertThat(first.sourcePort()).isEqualTo(49152);
        assertThat(first.icmpType()).isEqualTo(-1);
        assertThat(first.ipVersion()).isEqualTo(4);
        assertThat(first.roundTrip()).isTrue();
        assertThat(first.because()).isNull();
        assertThat(first.via()).isEmpty();
        assertThat(first.name()).isEqualTo("web-1 → internet:1.1.1.1 tcp/443");
        int[] at = pos(yaml, "  - from: web-1", "from");
        assertThat(first.origin()).isEqualTo(new io.reachsim.model.Origin(s.file(), at[0], at[1]));

        Expectation ping = e.get(1);
        assertThat(ping.name()).isEqualTo("ping");
        assertThat(ping.protocol()).isEqualTo(Protocol.ICMP);
        assertThat(ping.port()).isNull();
        assertThat(ping.icmpType()).isEqualTo(8);
        assertThat(ping.to()).isEqualTo(new EndpointRef.SubnetRef("private-a"));
        assertThat(ping.via()).containsExactly("public-a");
        assertThat(ping.because()).isEqualTo(io.reachsim.trace.ExplanationCode.NO_ROUTE_TO_DESTINATION);
        assertThat(ping.roundTrip()).isFalse();
        assertThat(ping.reachable()).isFalse();

        assertThat(e.get(2).protocol()).isEqualTo(Protocol.ALL);
        assertThat(e.get(2).port()).isNull();
        assertThat(e.get(2).ipVersion()).isEqualTo(6);
        assertThat(e.get(2).to()).isEqualTo(new EndpointRef.EniRef("web-1"));

        assertThat(e.get(3).ipVersion()).as("an IPv6 literal makes the flow IPv6").isEqualTo(6);
        assertThat(e.get(3).sourcePort()).isEqualTo(5353);

        assertThat(e.get(4).from()).isEqualTo(new EndpointRef.ExternalRef("laptop"));
        assertThat(e.get(4).viaAny()).containsExactly("public-a", "private-a");
        assertThat(e.get(4).notVia()).containsExactly("internet");
        assertThat(e.get(4).ipVersion()).isEqualTo(4);

        assertThat(e.get(5).ipVersion()).as("an IPv6 external network makes the flow IPv6").isEqualTo(6);
    }

    @Test
    void scenarioNameDefaultsToTheFileName() {
        List<Scenario> s;
        try {
            s = new ScenarioLoader().load(List.of(write("nacl-return-path.yaml", "apiVersion: reachsim/v1\n")));
        } catch (LoadException e) {
            throw new AssertionError(e.errors());
        }
        assertThat(s.get(0).name()).isEqualTo("nacl-return-path");
        assertThat(s.get(0).network().vpcs()).isEmpty();
        assertThat(s.get(0).network().region()).isEqualTo("us-east-1");
    }

    @Test
    void yamlAnchorsAndMergeKeysWork() {
        Network n = network(HEAD + """
                  securityGroups:
                    - id: sg-a
                      vpc: vpc-main
                      ingress:
                        - &https {protocol: tcp, ports: 443, source: 10.0.0.0/8}
                    - id: sg-b
                      vpc: vpc-main
                      ingress:
                        - *https
                        - {<<: *https, ports: 8443}
                """);
        assertThat(n.securityGroup("sg-b").orElseThrow().ingress()).extracting(SgRule::ports)
                .containsExactly(PortRange.of(443), PortRange.of(8443));
    }
}
