package io.reachsim.load;

import io.reachsim.model.EndpointService;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PrefixList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the loader makes of {@code loadBalancers}, {@code endpointServices} and {@code lattice}, and its errors. */
class ScenarioLoaderServicesTest extends LoadTestSupport {

    static final String NET = """
            apiVersion: reachsim/v1
            name: services
            region: us-west-2
            network:
              vpcs:
                - {id: vpc-consumer, cidr: 10.0.0.0/16}
                - {id: vpc-provider, cidr: 10.0.0.0/16}
              subnets:
                - {id: app-a, vpc: vpc-consumer, az: us-west-2a, cidr: 10.0.1.0/24}
                - {id: app-c, vpc: vpc-consumer, az: us-west-2c, cidr: 10.0.3.0/24}
                - {id: svc-a, vpc: vpc-provider, az: us-west-2a, cidr: 10.0.10.0/24}
                - {id: svc-b, vpc: vpc-provider, az: us-west-2b, cidr: 10.0.11.0/24}
                - {id: svc-a2, vpc: vpc-provider, az: us-west-2a, cidr: 10.0.12.0/24}
              securityGroups:
                - {id: sg-lb, vpc: vpc-provider, ingress: [{protocol: tcp, ports: 443, source: 10.0.0.0/8}]}
                - {id: sg-client, vpc: vpc-consumer}
              instances:
                - {id: api-1, subnet: svc-a, privateIp: 10.0.10.20}
                - {id: app-1, subnet: app-a, privateIp: 10.0.1.20}
            """;

    static final String LB = """
              loadBalancers:
                - id: nlb-partner
                  type: network
                  subnets: [svc-a, svc-b]
                  listeners:
                    - {protocol: tcp, port: 443, targets: [{instance: api-1, port: 8443}, {ip: 10.0.11.30}]}
            """;

    @Nested
    class Builds {
        @Test
        void aLoadBalancerGetsOneNodeInterfacePerSubnet() {
            Network n = network(NET + LB);
            LoadBalancer lb = n.loadBalancer("nlb-partner").orElseThrow();
            assertThat(lb.vpc()).isEqualTo("vpc-provider");
            assertThat(lb.networkInterfaces()).containsExactly("nlb-partner-svc-a", "nlb-partner-svc-b");
            assertThat(lb.listeners()).containsExactly(new LoadBalancer.Listener(ListenerProtocol.TCP, 443, List.of(
                    new LoadBalancer.Target("api-1", null, 8443), new LoadBalancer.Target(null, Ip.parse("10.0.11.30"), 443))));
            NetworkInterface node = n.networkInterface("nlb-partner-svc-a").orElseThrow();
            assertThat(node.subnet()).isEqualTo("svc-a");
            assertThat(node.securityGroups()).as("no security groups on this NLB").isEmpty();
            assertThat(node.publicIp()).isNull();
            assertThat(lb.enforceSecurityGroupsOnPrivateLink()).isTrue();
        }

        @Test
        void anInterfaceEndpointConnectsToAnEndpointService() {
            Network n = network(NET + LB + """
                      endpointServices: [{id: vpce-svc-partner, loadBalancer: nlb-partner, allowedPrincipals: ["*"]}]
                      vpcEndpoints:
                        - {id: vpce-partner, vpc: vpc-consumer, type: interface, service: vpce-svc-partner, subnets: [app-a]}
                    """);
            assertThat(n.endpointService("vpce-svc-partner")).contains(new EndpointService("vpce-svc-partner", "nlb-partner", false,
                    List.of("*"), List.of()));
            assertThat(n.vpcEndpoint("vpce-partner").orElseThrow().privateDns()).as("no private DNS name is modelled").isFalse();
            assertThat(n.networkInterface("vpce-partner-app-a")).isPresent();
        }

        @Test
        void latticeDefaultsToTheImplicitPrefixList() {
            Network n = network(NET + """
                      lattice:
                        serviceNetworks: [{id: sn-1, services: [svc-1], vpcAssociations: [{vpc: vpc-consumer, securityGroups: [sg-client]}]}]
                        services: [{id: svc-1, authType: AWS_IAM, authPolicy: true, listeners: [{protocol: HTTPS, port: 443, targetGroup: tg-1}]}]
                        targetGroups: [{id: tg-1, vpc: vpc-provider, type: instance, port: 8080, targets: [api-1]}]
                    """);
            Lattice l = n.lattice();
            assertThat(l.prefixList()).isEqualTo("pl-vpc-lattice");
            assertThat(n.prefixList("pl-vpc-lattice")).contains(new PrefixList("pl-vpc-lattice", "com.amazonaws.us-west-2.vpc-lattice",
                    List.of(io.reachsim.model.Cidr.parse("169.254.171.0/24"), io.reachsim.model.Cidr.parse("fd00:ec2:80::/64"))));
            assertThat(l.serviceNetworks().get(0).vpcAssociations()).containsExactly(new Lattice.VpcAssociation("vpc-consumer", List.of("sg-client")));
            assertThat(l.services().get(0).authType()).isEqualTo(Lattice.AuthType.AWS_IAM);
            assertThat(l.services().get(0).authPolicy()).isTrue();
            assertThat(l.targetGroups().get(0).targets()).containsExactly(new Lattice.Target("api-1", null, 0));
        }

        @Test
        void latticeUsesTheNamedManagedPrefixList() {
            Network n = network(NET.replace("  securityGroups:",
                    "  prefixLists: [{id: pl-0abc, name: com.amazonaws.us-west-2.vpc-lattice, cidrs: [169.254.171.0/24]}]\n  securityGroups:") + """
                      lattice:
                        services: [{id: svc-1, listeners: [{protocol: HTTP, port: 80, targetGroup: tg-1}]}]
                        targetGroups: [{id: tg-1, vpc: vpc-provider, port: 8080, targets: [10.0.10.20]}]
                    """);
            assertThat(n.lattice().prefixList()).isEqualTo("pl-0abc");
            assertThat(n.prefixList("pl-vpc-lattice")).isEmpty();
        }
    }

    @Nested
    class Errors {
        @Test
        void aLoadBalancerLivesInOneVpc() {
            String y = NET + LB.replace("[svc-a, svc-b]", "[svc-a, app-c]");
            onlyError(y, pos(y, "app-c]"), "subnet 'app-c' of network load balancer 'nlb-partner' is in VPC 'vpc-consumer'",
                    "a load balancer lives in one VPC");
        }

        @Test
        void oneSubnetPerZone() {
            String y = NET + LB.replace("[svc-a, svc-b]", "[svc-a, svc-a2]");
            onlyError(y, pos(y, "svc-a2]"), "subnets 'svc-a' and 'svc-a2'", "at most one subnet per availability zone");
        }

        @Test
        void listenerProtocolsFollowTheType() {
            String y = NET + LB.replace("protocol: tcp", "protocol: https");
            onlyError(y, pos(y, "https"), "'protocol' of listener #1 of load balancer 'nlb-partner' must be one of tcp, udp, tcp_udp, tls",
                    "a network load balancer listens on TCP, UDP, TCP_UDP or TLS");
        }

        @Test
        void anApplicationLoadBalancerNeedsSecurityGroupsAndTwoZones() {
            String y = NET + LB.replace("type: network", "type: application").replace("[svc-a, svc-b]", "[svc-a]")
                    .replace("protocol: tcp", "protocol: http");
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).containsExactlyInAnyOrder(
                    "application load balancer 'nlb-partner' has subnets in 1 availability zone(s): an Application Load Balancer needs"
                            + " subnets in at least two",
                    "application load balancer 'nlb-partner' has no 'securityGroups': an Application Load Balancer always has security"
                            + " groups (write the groups its clients must pass)");
        }

        @Test
        void targetsAreInTheLoadBalancersVpc() {
            String y = NET + LB.replace("{instance: api-1, port: 8443}", "{instance: app-1}").replace("10.0.11.30", "10.0.99.30");
            List<LoadError> errors = errors(y);
            assertThat(errors).hasSize(2);
            assertAt(errors.get(0), dir.resolve("s.yaml").toString(), pos(y, "instance: app-1", "app-1"));
            assertThat(errors.get(0).message()).isEqualTo("target instance 'app-1' of network load balancer 'nlb-partner' is in VPC"
                    + " 'vpc-consumer', not in VPC 'vpc-provider' (targets are in the load balancer's or target group's VPC)");
            assertThat(errors.get(1).message()).contains("target address 10.0.99.30", "is in no subnet of VPC 'vpc-provider'");
        }

        @Test
        void unknownIdsSuggestTheNearest() {
            String y = NET + LB + """
                      endpointServices: [{id: vpce-svc-partner, loadBalancer: nlb-partnr}]
                      vpcEndpoints:
                        - {id: vpce-partner, vpc: vpc-consumer, type: interface, service: vpce-svc-partnr, subnets: [app-a]}
                    """;
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).containsExactlyInAnyOrder(
                    "load balancer 'nlb-partnr' of endpoint service 'vpce-svc-partner' does not exist — did you mean 'nlb-partner'?"
                            + " (known load balancers: nlb-partner)",
                    "endpoint service 'vpce-svc-partnr' of interface VPC endpoint 'vpce-partner' does not exist — did you mean"
                            + " 'vpce-svc-partner'? (known endpoint services: vpce-svc-partner)");
        }

        @Test
        void endpointsOnlyInZonesTheServiceServes() {
            String y = NET + LB + """
                      endpointServices: [{id: vpce-svc-partner, loadBalancer: nlb-partner}]
                      vpcEndpoints:
                        - {id: vpce-partner, vpc: vpc-consumer, type: interface, service: vpce-svc-partner, subnets: [app-a, app-c]}
                    """;
            onlyError(y, pos(y, "app-c]"), "subnet 'app-c' of interface VPC endpoint 'vpce-partner' is in us-west-2c",
                    "endpoint service 'vpce-svc-partner' is available only in us-west-2a, us-west-2b");
        }

        @Test
        void endpointServicesNeedANetworkLoadBalancerAndAVpceSvcId() {
            String y = NET + LB + "  endpointServices: [{id: partner, loadBalancer: nlb-partner}]\n";
            onlyError(y, pos(y, "id: partner", "partner"), "the id 'partner' of endpoint service 'partner' must start with vpce-svc-");
        }

        @Test
        void acceptedEndpointsMustNameTheService() {
            String y = NET + LB + """
                      endpointServices: [{id: vpce-svc-partner, loadBalancer: nlb-partner, acceptanceRequired: true, acceptedEndpoints: [vpce-s3]}]
                      vpcEndpoints:
                        - {id: vpce-s3, vpc: vpc-consumer, type: interface, service: s3, subnets: [app-a]}
                    """;
            onlyError(y, pos(y, "acceptedEndpoints: [vpce-s3", "vpce-s3"), "accepted endpoint 'vpce-s3' of endpoint service 'vpce-svc-partner'"
                    + " is not an interface endpoint with service: vpce-svc-partner");
        }

        @Test
        void oneServiceNetworkAssociationPerVpc() {
            String y = NET + """
                      lattice:
                        serviceNetworks:
                          - {id: sn-1, vpcAssociations: [{vpc: vpc-consumer}]}
                          - {id: sn-2, vpcAssociations: [{vpc: vpc-consumer}]}
                    """;
            LoadError e = onlyError(y, pos(y, "sn-2, vpcAssociations: [{vpc: vpc-consumer", "vpc-consumer"));
            assertThat(e.message()).startsWith("VPC 'vpc-consumer' is already associated with service network 'sn-1' (")
                    .endsWith("): a VPC has at most one service network association");
        }

        @Test
        void latticeReferencesAndProtocols() {
            String y = NET + """
                      lattice:
                        prefixList: pl-latice
                        serviceNetworks: [{id: sn-1, services: [svc-ordrs], vpcAssociations: [{vpc: vpc-consumer, securityGroups: [sg-lb]}]}]
                        services: [{id: svc-orders, listeners: [{protocol: TCP, port: 443, targetGroup: tg-ordrs}]}]
                        targetGroups: [{id: tg-orders, vpc: vpc-provider, type: instance, port: 8080, targets: [10.0.10.20]}]
                    """;
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).containsExactlyInAnyOrder(
                    "prefix list 'pl-latice' of 'lattice' does not exist (known prefix lists: none)",
                    "service 'svc-ordrs' of Lattice service network 'sn-1' does not exist — did you mean 'svc-orders'? (known Lattice services: svc-orders)",
                    "security group 'sg-lb' of the association of VPC 'vpc-consumer' with Lattice service network 'sn-1' belongs to VPC"
                            + " 'vpc-provider', not to VPC 'vpc-consumer' (known security groups in vpc-consumer: sg-client, vpc-consumer-default)",
                    "'protocol' of listener #1 of Lattice service 'svc-orders' must be one of http, https, tls, not 'TCP' (Lattice services"
                            + " listen on HTTP, HTTPS or TLS)",
                    "target group 'tg-ordrs' of Lattice service 'svc-orders' does not exist — did you mean 'tg-orders'? (known Lattice target"
                            + " groups: tg-orders)",
                    "target 10.0.10.20 of Lattice target group 'tg-orders' is an address, but the group has type: instance (write type: ip,"
                            + " or name the instance)");
        }

        @Test
        void everyMistakeIsReportedAtOnce() {
            String y = NET + """
                      loadBalancers:
                        - id: nlb-1
                          subnets: [svc-z]
                          listners: []
                          listeners: [{protocol: tcp, port: 70000, targets: [{instance: api-9}, {ip: 10.0.10.20, instance: api-1}]}]
                        - {id: alb-1, type: application, subnets: [svc-a, svc-b], listeners: [{port: 80, targets: []}]}
                      endpointServices:
                        - {id: vpce-svc-1, loadBalancer: alb-1, acceptanceRequired: maybe}
                      vpcEndpoints:
                        - {id: vpce-1, vpc: vpc-consumer, type: interface, service: vpce-svc-2, subnets: [app-a]}
                      lattice:
                        prefixLsit: pl-x
                        serviceNetworks: [{id: sn-1, authType: IAM, vpcAssociations: [{vpc: vpc-nope}]}]
                        services: [{id: svc-1}]
                        targetGroups: [{id: tg-1, vpc: vpc-provider, type: lambda, targets: [{ip: 10.0.10.20}]}]
                    """;
            List<String> messages = errors(y).stream().map(LoadError::message).toList();
            assertThat(messages).anyMatch(m -> m.contains("has no 'type' (required: network or application)"));
            assertThat(messages).anyMatch(m -> m.contains("unknown field 'listners'") && m.contains("did you mean 'listeners'"));
            assertThat(messages).anyMatch(m -> m.contains("subnet 'svc-z' of load balancer 'nlb-1' does not exist"));
            assertThat(messages).anyMatch(m -> m.contains("'port' of listener #1 of load balancer 'nlb-1' must be between 1 and 65535"));
            assertThat(messages).anyMatch(m -> m.contains("has both 'instance' and 'ip': expected one"));
            assertThat(messages).anyMatch(m -> m.contains("listener #1 of load balancer 'alb-1' has no 'protocol' (required: http, https)"));
            assertThat(messages).anyMatch(m -> m.contains("'acceptanceRequired'") || m.contains("maybe"));
            assertThat(messages).anyMatch(m -> m.contains("endpoint service 'vpce-svc-2' of interface VPC endpoint 'vpce-1' does not exist"));
            assertThat(messages).anyMatch(m -> m.contains("unknown field 'prefixLsit'"));
            assertThat(messages).anyMatch(m -> m.contains("'authType' of service network 'sn-1' must be one of none, aws_iam, not 'IAM'"));
            assertThat(messages).anyMatch(m -> m.contains("VPC 'vpc-nope' of Lattice service network 'sn-1' does not exist"));
            assertThat(messages).anyMatch(m -> m.contains("Lattice service 'svc-1' has no 'listeners'"));
            assertThat(messages).anyMatch(m -> m.contains("'type' of Lattice target group 'tg-1' must be one of ip, instance, not 'lambda'"));
            assertThat(messages).anyMatch(m -> m.contains("Lattice target group 'tg-1' has no 'port'"));
            assertThat(messages).anyMatch(m -> m.contains("is an Application Load Balancer: endpoint services are backed by Network Load Balancers"));
        }

        @Test
        void loadBalancersHaveNoIpv6Address() {
            String y = NET + LB + "expect:\n  - {from: api-1, to: lb:nlb-partner, port: 443, ipVersion: 6, reachable: true}\n";
            List<LoadError> errors = errors(y);
            assertThat(errors).extracting(LoadError::message).anyMatch(m -> m.contains(
                    "lb:nlb-partner has no IPv6 address (load balancer nodes and endpoint interfaces are IPv4 in reachsim)"));
        }

        @Test
        void serviceEndpointsAreDestinationsOnly() {
            String y = NET + LB + "expect:\n  - {from: lb:nlb-partner, to: instance:api-1, port: 443, reachable: true}\n";
            onlyError(y, pos(y, "lb:nlb-partner"), "'lb:nlb-partner' can only be a destination");
        }
    }
}
