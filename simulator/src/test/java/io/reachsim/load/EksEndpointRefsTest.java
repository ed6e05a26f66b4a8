package io.reachsim.load;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code nodes:}, {@code pods:}, {@code eks-api:} and {@code aws:} references, and what they mean for expectations. */
class EksEndpointRefsTest extends LoadTestSupport {

    /** The prod cluster, an IPv6 cluster, and two endpoints. */
    static final String NET = ScenarioLoaderEksTest.PROD + """
                - {name: six, vpc: vpc-main, subnets: [cluster-a], ipFamily: ipv6, nodeGroups: [{name: ng, subnets: [private-a]}]}
              prefixLists: [{id: pl-s3, name: com.amazonaws.us-west-2.s3, cidrs: [52.218.0.0/17]}]
              routeTables: [{id: rt-private, vpc: vpc-main}]
              vpcEndpoints:
                - {id: vpce-s3, vpc: vpc-main, type: gateway, service: s3, routeTables: [rt-private]}
                - {id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [private-b]}
            """;

    private Network net;

    @BeforeEach
    void network() {
        // The fixture already has a routeTables section: merge the extra table into it.
        net = network(fixture());
    }

    private static String fixture() {
        return NET.replace("  routeTables: [{id: rt-private, vpc: vpc-main}]\n", "")
                .replace("routeTables: [{id: rt-public, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw-main}]}]",
                        "routeTables: [{id: rt-public, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw-main}]}, {id: rt-private, vpc: vpc-main}]");
    }

    @Test
    void eksAndAwsForms() {
        assertThat(EndpointRefs.parse("nodes:prod/workers", net)).isEqualTo(new EndpointRef.NodesRef("prod", "workers"));
        assertThat(EndpointRefs.parse("pods:prod/workers", net)).isEqualTo(new EndpointRef.PodsRef("prod", "workers", null));
        assertThat(EndpointRefs.parse("pods:prod/edge/payments", net)).isEqualTo(new EndpointRef.PodsRef("prod", "edge", "payments"));
        assertThat(EndpointRefs.parse("eks-api:six", net)).isEqualTo(new EndpointRef.EksApiRef("six"));
        assertThat(EndpointRefs.parse("aws:ecr.api", net)).isEqualTo(new EndpointRef.AwsServiceRef("ecr.api"));
        assertThat(EndpointRefs.parse("aws:s3", net)).isEqualTo(new EndpointRef.AwsServiceRef("s3"));
        assertThat(EndpointRefs.parse("aws:elasticloadbalancing", net)).isEqualTo(new EndpointRef.AwsServiceRef("elasticloadbalancing"));
    }

    @Test
    void materialisedHostsByBareIdOrPrefix() {
        assertThat(EndpointRefs.parse("prod-workers-private-a", net)).isEqualTo(new EndpointRef.InstanceRef("prod-workers-private-a"));
        assertThat(EndpointRefs.parse("prod-workers-private-a-pod", net)).isEqualTo(new EndpointRef.EniRef("prod-workers-private-a-pod"));
        assertThat(EndpointRefs.parse("eni:prod-xeni-2", net)).isEqualTo(new EndpointRef.EniRef("prod-xeni-2"));
        assertThat(EndpointRefs.parse("eni:vpce-sts-private-b", net)).isEqualTo(new EndpointRef.EniRef("vpce-sts-private-b"));
    }

    @Test
    void unknownClusterGroupOrPolicyNamesTheKnownOnes() {
        assertThatThrownBy(() -> EndpointRefs.parse("nodes:prd/workers", net))
                .hasMessage("'nodes:prd/workers': EKS cluster 'prd' does not exist — did you mean 'prod'? (known EKS clusters: prod, six)");
        assertThatThrownBy(() -> EndpointRefs.parse("pods:prod/worker", net))
                .hasMessage("'pods:prod/worker': node group 'worker' of EKS cluster 'prod' does not exist — did you mean 'workers'?"
                        + " (known node groups of prod: edge, workers)");
        assertThatThrownBy(() -> EndpointRefs.parse("pods:prod/workers/paymnts", net))
                .hasMessage("'pods:prod/workers/paymnts': security group policy 'paymnts' of EKS cluster 'prod' does not exist"
                        + " — did you mean 'payments'? (known security group policies of prod: payments)");
        assertThatThrownBy(() -> EndpointRefs.parse("pods:six/ng/payments", net))
                .hasMessage("'pods:six/ng/payments': security group policy 'payments' of EKS cluster 'six' does not exist"
                        + " (known security group policies of six: none)");
        assertThatThrownBy(() -> EndpointRefs.parse("eks-api:prdo", net)).hasMessageStartingWith("'eks-api:prdo': EKS cluster 'prdo' does not exist");
    }

    @Test
    void malformedEksReferences() {
        assertThatThrownBy(() -> EndpointRefs.parse("nodes:prod", net)).hasMessage("'nodes:prod' is not of the form nodes:CLUSTER/GROUP");
        assertThatThrownBy(() -> EndpointRefs.parse("nodes:prod/workers/payments", net)).hasMessage("'nodes:prod/workers/payments' is not of the form nodes:CLUSTER/GROUP");
        assertThatThrownBy(() -> EndpointRefs.parse("pods:prod/", net))
                .hasMessage("'pods:prod/' is not of the form pods:CLUSTER/GROUP or pods:CLUSTER/GROUP/POLICY");
        assertThatThrownBy(() -> EndpointRefs.parse("eks-api:prod/workers", net)).hasMessage("'eks-api:prod/workers' is not of the form eks-api:CLUSTER");
        assertThatThrownBy(() -> EndpointRefs.parse("eks-api:", net)).hasMessage("'eks-api:' names no eks-api: expected eks-api:CLUSTER");
        assertThatThrownBy(() -> EndpointRefs.parse("node:prod/workers", net)).hasMessageStartingWith("'node:prod/workers' is not an endpoint: unknown kind 'node:' — did you mean 'nodes:prod/workers'?");
    }

    @Test
    void awsServiceNames() {
        assertThatThrownBy(() -> EndpointRefs.parse("aws:S3", net))
                .hasMessage("'S3' in 'aws:S3' is not an AWS service name: expected a short lowercase AWS service name such as s3, ecr.api, sts or logs");
        assertThatThrownBy(() -> EndpointRefs.parse("aws:com.amazonaws.us-west-2.s3", net)).hasMessageContaining("write the short name 's3'");
        assertThatThrownBy(() -> EndpointRefs.parse("aws:vpce-svc-0abc", net))
                .hasMessage("'aws:vpce-svc-0abc' names an endpoint service: reach it through an interface endpoint that names it (vpce:ENDPOINT-ID)");
        assertThatThrownBy(() -> EndpointRefs.parse("aws:", net)).hasMessage("'aws:' names no aws: expected aws:SERVICE");
    }

    // ---- expectations ----

    private Expectation expectation(String line) {
        List<Expectation> all = load(fixture() + "expect:\n  - " + line + "\n").expectations();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void ipv6ClustersMakeFlowsIpv6ByDefault() {
        assertThat(expectation("{from: nodes:six/ng, to: eks-api:six, port: 443, reachable: true}").ipVersion()).isEqualTo(6);
        assertThat(expectation("{from: pods:six/ng, to: internet, port: 443, reachable: true}").ipVersion()).isEqualTo(6);
        assertThat(expectation("{from: internet, to: nodes:six/ng, port: 22, reachable: false}").ipVersion()).isEqualTo(6);
        assertThat(expectation("{from: eni:six-ng-private-a-pod, to: internet, port: 443, reachable: true}").ipVersion())
                .as("a pod of an IPv6 cluster by its interface").isEqualTo(6);
        assertThat(expectation("{from: pods:prod/workers, to: eks-api:prod, port: 443, reachable: true}").ipVersion()).isEqualTo(4);
        assertThat(expectation("{from: nodes:six/ng, to: internet:1.1.1.1, port: 443, reachable: true}").ipVersion())
                .as("an address literal decides; nodes are dual-stack").isEqualTo(4);
        assertThat(expectation("{from: nodes:six/ng, to: aws:sts, port: 443, reachable: true, ipVersion: 4}").ipVersion()).isEqualTo(4);
    }

    @Test
    void podsOfAnIpv6ClusterHaveNoIpv4() {
        String y = fixture() + "expect:\n  - {from: pods:six/ng, to: internet:1.1.1.1, port: 443, reachable: true}\n";
        onlyError(y, pos(y, "pods:six/ng"), "expectation #1 is an IPv4 flow (its other endpoint is an IPv4 address), but the pods of EKS cluster 'six'"
                + " have no IPv4 address (ipFamily: ipv6 gives pods IPv6 only)");
        String eni = fixture() + "expect:\n  - {from: eni:six-ng-private-a-pod, to: internet, port: 443, reachable: true, ipVersion: 4}\n";
        onlyError(eni, pos(eni, "ipVersion: 4", "4"), "expectation #1 says ipVersion 4, but network interface 'six-ng-private-a-pod' is a pod of an IPv6 EKS cluster");
    }

    @Test
    void ipVersion6NeedsIpv6AtBothEnds() {
        String pods = fixture() + "expect:\n  - {from: pods:prod/workers, to: internet, port: 443, reachable: true, ipVersion: 6}\n";
        onlyError(pods, pos(pods, "ipVersion: 6", "6"), "expectation #1 says ipVersion 6, but the pods of EKS cluster 'prod' have no IPv6 address"
                + " (ipFamily: ipv4 gives pods IPv4 only)");
        String nodes = fixture() + "expect:\n  - {from: nodes:prod/workers, to: internet, port: 443, reachable: true, ipVersion: 6}\n";
        onlyError(nodes, pos(nodes, "ipVersion: 6", "6"), "the nodes of EKS cluster 'prod' have no IPv6 address");
        String api = fixture() + "expect:\n  - {from: internet, to: eks-api:prod, port: 443, reachable: true, ipVersion: 6}\n";
        onlyError(api, pos(api, "ipVersion: 6", "6"), "the API of EKS cluster 'prod' has no IPv6 address (it is an IPv4 cluster)");
        String aws = fixture() + "expect:\n  - {from: nodes:six/ng, to: aws:s3, port: 443, reachable: true}\n";
        onlyError(aws, pos(aws, "aws:s3"), "expectation #1 is an IPv6 flow (nodes:six/ng belongs to IPv6 EKS cluster 'six'), but aws:s3 has no IPv6 address");
        String host = fixture() + "expect:\n  - {from: nodes:six/ng, to: instance:bastion, port: 22, reachable: true}\n";
        onlyError(host, pos(host, "instance:bastion"), "expectation #1 is an IPv6 flow (nodes:six/ng belongs to IPv6 EKS cluster 'six'),"
                + " but instance 'bastion' has no IPv6 address (give it an ipv6Ip)");
        String mixed = fixture() + "expect:\n  - {from: pods:prod/workers, to: pods:six/ng, port: 80, reachable: false}\n";
        onlyError(mixed, pos(mixed, "pods:prod/workers"), "is an IPv6 flow (pods:six/ng belongs to IPv6 EKS cluster 'six'), but the pods of EKS cluster 'prod'");
    }

    @Test
    void viaAcceptsWhatTheLoaderMaterialises() {
        Expectation e = expectation("{from: nodes:prod/workers, to: eks-api:prod, port: 443, reachable: true,"
                + " via: [eks-cluster-sg-prod, prod-workers-private-a, prod-workers-private-a-pod-payments, vpce-s3],"
                + " viaAny: [prod-xeni-1, prod-xeni-2, vpce-sts-private-b, vpce-sts], notVia: [prod-public-endpoint, six-public-endpoint]}");
        assertThat(e.via()).containsExactly("eks-cluster-sg-prod", "prod-workers-private-a", "prod-workers-private-a-pod-payments", "vpce-s3");
        assertThat(e.viaAny()).containsExactly("prod-xeni-1", "prod-xeni-2", "vpce-sts-private-b", "vpce-sts");
        assertThat(e.notVia()).containsExactly("prod-public-endpoint", "six-public-endpoint");
        String y = fixture() + "expect:\n  - {from: nodes:prod/workers, to: eks-api:prod, port: 443, reachable: true, via: [prod-xeni-3]}\n";
        onlyError(y, pos(y, "prod-xeni-3"), "'prod-xeni-3' in 'via' of expectation #1 names nothing in the network — did you mean");
    }

    @Test
    void expectationsReportBadEksReferencesAtTheirPosition() {
        String y = fixture() + "expect:\n  - {from: nodes:prod/wrkers, to: aws:S3, port: 443, reachable: true}\n";
        List<LoadError> errors = errors(y);
        assertThat(errors).hasSize(2);
        assertAt(errors.get(0), dir.resolve("s.yaml").toString(), pos(y, "nodes:prod/wrkers"));
        assertThat(errors.get(0).message()).contains("node group 'wrkers' of EKS cluster 'prod' does not exist — did you mean 'workers'?");
        assertAt(errors.get(1), dir.resolve("s.yaml").toString(), pos(y, "aws:S3"));
        assertThat(errors.get(1).message()).contains("is not an AWS service name");
    }
}
