package io.reachsim.report;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fix lines name the best fix: a prefix list rather than one address, the cluster's securityGroups rather than EKS's group. */
class FixLinesTest {
    static List<String> fixes(Path dir, String yaml) throws Exception {
        Scenario s = new ScenarioLoader().load(List.of(Files.writeString(dir.resolve("s.yaml"), yaml))).get(0);
        Fabric fabric = Fabric.compile(s.network());
        Sentences say = new Sentences(s.network());
        SuiteRunner runner = new SuiteRunner();
        return s.expectations().stream().map(e -> {
            ExpectationResult r = runner.check(fabric, e);
            return say.fix(r.flows().get(0)).orElse(null);
        }).toList();
    }

    @Test
    void anAwsServiceIsAllowedByItsPrefixList(@TempDir Path dir) throws Exception {
        List<String> f = fixes(dir, """
                apiVersion: reachsim/v1
                region: us-east-1
                network:
                  vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
                  subnets: [{id: a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.0.0/24, routeTable: rt}]
                  routeTables: [{id: rt, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw}]}]
                  internetGateways: [{id: igw, vpc: vpc-main}]
                  prefixLists: [{id: pl-63a5400a, name: com.amazonaws.us-east-1.s3, cidrs: [52.216.0.0/15]}]
                  securityGroups: [{id: sg-app, vpc: vpc-main, egress: [{protocol: tcp, ports: 443, destination: 10.0.0.0/8}]}]
                  instances: [{id: app, subnet: a, privateIp: 10.0.0.10, publicIp: 203.0.113.10, securityGroups: [sg-app]}]
                expect:
                  - {from: app, to: aws:s3, port: 443, reachable: true}
                  - {from: app, to: aws:sts, port: 443, reachable: true}
                """);
        assertThat(f.get(0)).isEqualTo("allow tcp/443 to pl-63a5400a (com.amazonaws.us-east-1.s3) (or 52.216.0.0/32, one of its"
                + " addresses: the prefix list follows AWS's changes) in sg-app");
        assertThat(f.get(1)).isEqualTo("allow tcp/443 to the prefix list of sts (com.amazonaws.us-east-1.sts, pl-…; or 52.94.0.10/32,"
                + " the address reachsim stands it at) in sg-app");
    }

    @Test
    void theClusterSecurityGroupIsFixedThroughTheClustersSecurityGroups(@TempDir Path dir) throws Exception {
        List<String> f = fixes(dir, """
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: vpc-main, cidr: 10.0.0.0/16, enableDnsHostnames: true}]
                  subnets: [{id: private-a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.1.0/24}]
                  securityGroups: [{id: sg-nodes, vpc: vpc-main}]
                  eks:
                    - name: prod
                      vpc: vpc-main
                      subnets: [private-a]
                      endpoint: {publicAccess: false, privateAccess: true}
                      nodeGroups: [{name: workers, subnets: [private-a], securityGroups: [sg-nodes]}]
                expect:
                  - {from: nodes:prod/workers, to: eks-api:prod, port: 443, reachable: true}
                """);
        assertThat(f.get(0)).startsWith("allow tcp/443 from sg-nodes").contains("in a security group of your own, added to"
                + " securityGroups: of EKS cluster 'prod' (or of its node group, for nodes): eks-cluster-sg-prod is the cluster"
                + " security group EKS creates");
    }
}
