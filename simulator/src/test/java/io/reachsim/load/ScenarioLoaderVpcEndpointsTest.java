package io.reachsim.load;

import io.reachsim.model.ResourceKind;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.VpcEndpoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the loader makes of {@code vpcEndpoints:} (DESIGN §3 "VPC endpoints", §5 "Gateway endpoints"). */
class ScenarioLoaderVpcEndpointsTest extends LoadTestSupport {

    static final String VPC = """
            apiVersion: reachsim/v1
            name: endpoints
            region: us-west-2
            network:
              vpcs:
                - {id: vpc-main, cidr: 10.0.0.0/16}
              subnets:
                - {id: private-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.10.0/24, routeTable: rt-private-a}
                - {id: private-b, vpc: vpc-main, az: us-west-2b, cidr: 10.0.11.0/24, routeTable: rt-private-b}
                - {id: private-a2, vpc: vpc-main, az: us-west-2a, cidr: 10.0.12.0/24}
              routeTables:
                - {id: rt-private-a, vpc: vpc-main, routes: [{destination: 10.99.0.0/16, target: blackhole}]}
                - {id: rt-private-b, vpc: vpc-main}
              securityGroups:
                - {id: sg-endpoints, vpc: vpc-main, ingress: [{protocol: tcp, ports: 443, source: 10.0.0.0/16}]}
              prefixLists:
                - {id: pl-s3, name: com.amazonaws.us-west-2.s3, cidrs: [52.218.0.0/17, 3.5.76.0/22]}
                - {id: pl-ddb, name: com.amazonaws.us-west-2.dynamodb, cidrs: [52.94.0.0/22]}
              instances:
                - {id: app, subnet: private-a, privateIp: 10.0.10.4}
            """;

    private static Route plRoute(String pl, String endpoint) {
        return new Route(new Route.RouteDestination.PrefixListDestination(pl), new RouteTarget.VpcEndpoint(endpoint));
    }

    @Test
    void aGatewayEndpointAddsItsPrefixListRouteToItsRouteTables() {
        Network n = network(VPC + "  vpcEndpoints: [{id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-a, rt-private-b]}]\n");
        assertThat(n.routeTable("rt-private-a").orElseThrow().routes()).containsExactly(
                new Route(new Route.RouteDestination.CidrDestination(io.reachsim.model.Cidr.parse("10.99.0.0/16")), new RouteTarget.Blackhole()),
                plRoute("pl-s3", "vpce-s3"));
        assertThat(n.routeTable("rt-private-b").orElseThrow().routes()).containsExactly(plRoute("pl-s3", "vpce-s3"));
        assertThat(n.routeTable("vpc-main-main").orElseThrow().routes()).as("the main table is not listed").isEmpty();
        assertThat(n.vpcEndpoint("vpce-s3")).contains(new VpcEndpoint("vpce-s3", "vpc-main", VpcEndpoint.Type.GATEWAY, "s3",
                List.of("rt-private-a", "rt-private-b"), List.of(), List.of(), false, List.of()));
    }

    @Test
    void theImplicitMainRouteTableCanBeListed() {
        Network n = network(VPC + "  vpcEndpoints: [{id: vpce-ddb, vpc: vpc-main, type: gateway, service: dynamodb, routeTables: [vpc-main-main]}]\n");
        assertThat(n.routeTable("vpc-main-main").orElseThrow().routes()).containsExactly(plRoute("pl-ddb", "vpce-ddb"));
    }

    @Test
    void theSameRouteWrittenByHandIsKeptOnce() {
        String y = VPC.replace("routes: [{destination: 10.99.0.0/16, target: blackhole}]",
                "routes: [{destinationPrefixList: pl-s3, target: vpce-s3}]")
                + "  vpcEndpoints: [{id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-a]}]\n";
        Network n = network(y);
        assertThat(n.routeTable("rt-private-a").orElseThrow().routes()).containsExactly(plRoute("pl-s3", "vpce-s3"));
    }

    @Test
    void thePrefixListIsFoundByTheVpcRegion() {
        String y = VPC.replace("{id: vpc-main, cidr: 10.0.0.0/16}", "{id: vpc-main, cidr: 10.0.0.0/16, region: eu-west-1}")
                .replace("cidrs: [52.94.0.0/22]}", "cidrs: [52.94.0.0/22]}\n    - {id: pl-s3-eu, name: com.amazonaws.eu-west-1.s3, cidrs: [52.218.128.0/17]}")
                + "  vpcEndpoints: [{id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-b]}]\n";
        Network n = network(y);
        assertThat(n.routeTable("rt-private-b").orElseThrow().routes()).containsExactly(plRoute("pl-s3-eu", "vpce-s3"));
    }

    @Test
    void aPrefixListWithoutANameIsNamedByItsId() {
        String y = VPC.replace("{id: pl-ddb, name: com.amazonaws.us-west-2.dynamodb,", "{id: com.amazonaws.us-west-2.dynamodb,")
                + "  vpcEndpoints: [{id: vpce-ddb, vpc: vpc-main, type: gateway, service: dynamodb, routeTables: [rt-private-b]}]\n";
        Network n = network(y);
        assertThat(n.routeTable("rt-private-b").orElseThrow().routes()).containsExactly(plRoute("com.amazonaws.us-west-2.dynamodb", "vpce-ddb"));
    }

    @Test
    void interfaceEndpointsGetOneInterfacePerSubnetWithTheirGroups() {
        Network n = network(VPC + """
                  vpcEndpoints:
                    - {id: vpce-ecr-api, vpc: vpc-main, type: interface, service: ecr.api, subnets: [private-a, private-b],
                       securityGroups: [sg-endpoints]}
                """);
        VpcEndpoint e = n.vpcEndpoint("vpce-ecr-api").orElseThrow();
        assertThat(e).isEqualTo(new VpcEndpoint("vpce-ecr-api", "vpc-main", VpcEndpoint.Type.INTERFACE, "ecr.api", List.of(),
                List.of("private-a", "private-b"), List.of("sg-endpoints"), true, List.of("vpce-ecr-api-private-a", "vpce-ecr-api-private-b")));
        // 10.0.10.4 is the app's.
        assertThat(n.networkInterface("vpce-ecr-api-private-a")).contains(new NetworkInterface("vpce-ecr-api-private-a", "private-a",
                Ip.parse("10.0.10.5"), List.of(), null, null, List.of("sg-endpoints"), true, null));
        assertThat(n.networkInterface("vpce-ecr-api-private-b").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.11.4"));
        assertThat(n.kindsById()).containsEntry("vpce-ecr-api", ResourceKind.VPC_ENDPOINT).containsEntry("vpce-ecr-api-private-a", ResourceKind.NETWORK_INTERFACE);
    }

    @Test
    void interfaceEndpointDefaults() {
        Network n = network(VPC + "  vpcEndpoints: [{id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-b]}]\n");
        VpcEndpoint e = n.vpcEndpoint("vpce-sts").orElseThrow();
        assertThat(e.privateDns()).as("AWS's console default").isTrue();
        assertThat(e.securityGroups()).containsExactly("vpc-main-default");
        assertThat(n.networkInterface("vpce-sts-private-b").orElseThrow().securityGroups()).containsExactly("vpc-main-default");
        Network off = network(VPC + "  vpcEndpoints: [{id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-b], privateDns: false}]\n");
        assertThat(off.vpcEndpoint("vpce-sts").orElseThrow().privateDns()).isFalse();
    }

    @Test
    void interfaceEndpointAddressesComeAfterEks() {
        Network n = network(VPC + """
                  vpcEndpoints: [{id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-b]}]
                  eks: [{name: dev, vpc: vpc-main, subnets: [private-b]}]
                """);
        assertThat(n.networkInterface("dev-xeni-1").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.11.4"));
        assertThat(n.networkInterface("vpce-sts-private-b").orElseThrow().privateIp()).isEqualTo(Ip.parse("10.0.11.5"));
    }

    @Test
    void endpointsAreListedInWrittenOrder() {
        Network n = network(VPC + """
                  vpcEndpoints:
                    - {id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-b]}
                    - {id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private-b]}
                    - {id: vpce-logs, vpc: vpc-main, type: interface, service: logs, subnets: [private-b]}
                """);
        assertThat(n.vpcEndpoints()).extracting(VpcEndpoint::id).containsExactly("vpce-sts", "vpce-s3", "vpce-logs");
    }
}
