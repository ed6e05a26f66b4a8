package io.reachsim.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors that teach: valid fields, where a field belongs, no follow-on errors, plain YAML structure errors. */
class ErrorHintsTest extends LoadTestSupport {
    private List<String> messages(String yaml) {
        return errors(yaml).stream().map(LoadError::message).toList();
    }

    @Test
    void anUnknownFieldWithNoCloseSpellingListsTheValidFields() {
        String yaml = HEAD + """
                  eksClusters: []
                """;
        LoadError e = onlyError(yaml, pos(yaml, "eksClusters"));
        assertThat(e.message()).isEqualTo("unknown field 'eksClusters' in 'network' (expected one of: " + String.join(", ", Format.NETWORK.names()) + ")");
        assertThat(e.message()).contains("vpcs, subnets").endsWith("eks, vpcPeerings, transitGateways, loadBalancers, endpointServices, lattice)");
    }

    @Test
    void aFieldOfASubObjectSaysWhereItBelongs() {
        String yaml = HEAD + """
                  eks:
                    - name: prod
                      vpc: vpc-main
                      subnets: [private-a]
                      publicAccess: false
                """;
        assertThat(onlyError(yaml, pos(yaml, "publicAccess")).message())
                .isEqualTo("unknown field 'publicAccess' in EKS cluster 'prod': 'publicAccess' belongs under 'endpoint:'");
        String rule = HEAD + """
                  securityGroups:
                    - {id: sg, vpc: vpc-main, ports: 443}
                """;
        assertThat(onlyError(rule, pos(rule, "ports")).message())
                .isEqualTo("unknown field 'ports' in security group 'sg': 'ports' belongs under an item of 'ingress:'");
    }

    @Test
    void aMisspelledRequiredFieldIsOneErrorNotTwo() {
        String yaml = HEAD + """
                  prefixLists:
                    - {id: pl-1, cidrz: [10.0.0.0/8]}
                """;
        assertThat(messages(yaml)).containsExactly("unknown field 'cidrz' in prefix list 'pl-1' — did you mean 'cidrs'?");
    }

    @Test
    void didYouMeanPrefersEndpointKinds() {
        String yaml = HEAD + """
                  eks:
                    - {name: prod, vpc: vpc-main, subnets: [private-a]}
                expect:
                  - {from: eks:prod, to: internet, port: 443, reachable: true}
                """;
        assertThat(messages(yaml)).singleElement().asString().startsWith("'eks:prod' is not an endpoint: unknown kind 'eks:' — did you mean 'eks-api:prod'?");
        assertThat(EndpointRefs.kindLike("node")).isEqualTo("nodes");
        assertThat(EndpointRefs.kindLike("elb")).isEqualTo("lb");
    }

    @Test
    void yamlIndentationErrorsSayWhichKeyAndLine() {
        String yaml = """
                apiVersion: reachsim/v1
                network:
                  securityGroups:
                    - id: sg
                      vpc: vpc-main
                      ingress: []
                       egress: []
                """;
        LoadError e = onlyError(yaml, pos(yaml, "egress"));
        assertThat(e.message()).isEqualTo("malformed YAML: 'egress' is indented differently from its siblings at line 7"
                + " (it starts at column 8; 'ingress' on line 6 at column 7)");
        String under = """
                apiVersion: reachsim/v1
                network:
                  securityGroups:
                    - id: sg
                      ingress: []
                     egress: []
                """;
        assertThat(errors(under)).singleElement().satisfies(x -> assertThat(x.message())
                .isEqualTo("malformed YAML: 'egress' is indented differently from its siblings at line 6 (it starts at column 6; 'ingress' on line 5 at column 7)"));
    }

    @Test
    void otherYamlStructureErrorsInPlainWords() {
        assertThat(messages("apiVersion: reachsim/v1\nname: a: b\n")).containsExactly(
                "malformed YAML: line 2 has a ':' inside a value: put the value in quotes (name: \"…\")");
        assertThat(messages("apiVersion: reachsim/v1\nnetwork:\n\tvpcs: []\n")).containsExactly(
                "malformed YAML: line 3 is indented with a tab: YAML indents with spaces only");
        assertThat(messages("apiVersion: reachsim/v1\nnetwork:\n  vpcs: [{id: a, cidr: 10.0.0.0/16}\n  subnets: []\n")).containsExactly(
                "malformed YAML: the list '[' opened at line 3, column 9 is not closed before line 4 (or two items lack a ',' between them)");
        assertThat(messages("apiVersion: reachsim/v1\nname: 'open\n")).containsExactly(
                "malformed YAML: the quoted value that starts at line 2, column 7 is not closed: add the closing quote");
        assertThat(messages("apiVersion: reachsim/v1\nnetwork: *base\n")).containsExactly(
                "malformed YAML: '*base' refers to no anchor: define '&base' on a value before it");
    }

    @Test
    void aPartOfANodeGroupIsOneOfItsSubnetsOrZones() {
        String yaml = HEAD + """
                  eks:
                    - name: prod
                      vpc: vpc-main
                      subnets: [private-a]
                      nodeGroups: [{name: workers, subnets: [private-a]}]
                expect:
                  - {from: nodes:prod/workers@us-west-2a, to: internet, port: 443, reachable: true}
                  - {from: pods:prod/workers@private-a, to: internet, port: 443, reachable: true}
                  - {from: pods:prod/workers@us-west-2b, to: internet, port: 443, reachable: true}
                """;
        assertThat(messages(yaml)).containsExactly("'pods:prod/workers@us-west-2b': 'us-west-2b' is neither a subnet nor an availability"
                + " zone of node group 'workers' — did you mean 'us-west-2a'? (known subnets and zones of prod/workers: private-a, us-west-2a)");
        assertThat(EndpointRefs.parse("nodes:prod/workers@us-west-2a", network(yaml.substring(0, yaml.indexOf("expect:")))))
                .isEqualTo(new io.reachsim.model.EndpointRef.NodesRef("prod", "workers", "us-west-2a"));
    }

    @Test
    void awsNamesThatAreNoServiceEndpointAreErrorsWithTheValidNames() {
        String yaml = HEAD + """
                  instances: [{id: web, subnet: public-a}]
                expect:
                  - {from: web, to: aws:ecr, port: 443, reachable: true}
                  - {from: web, to: aws:secretmanager, port: 443, reachable: true}
                  - {from: web, to: aws:s3, port: 443, reachable: true}
                """;
        List<String> m = messages(yaml);
        assertThat(m).hasSize(2);
        assertThat(m.get(0)).isEqualTo("'aws:ecr': 'ecr' is not an AWS service endpoint name: expected one of ecr.api, ecr.dkr"
                + " (AWS's endpoint names for it)");
        assertThat(m.get(1)).startsWith("'aws:secretmanager': 'secretmanager' is not an AWS service endpoint name: did you mean"
                + " 'secretsmanager'? (AWS service endpoint names: access-analyzer, account,");
    }
}
