package io.reachsim.aws.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.aws.replay.Replay;
import io.reachsim.aws.replay.ReplayServer;
import io.reachsim.aws.replay.ReplayServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import through the real AWS SDK against {@link ReplayServer}. */
class LiveImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private ReplayServer server;

    @BeforeEach
    void start() throws IOException {
        server = ReplayServer.start("replay");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImportReport runImport(ImportListener listener) throws ImportException {
        try (AwsConnection c = Replay.connect(server)) {
            return new LiveImport(c, listener).run(out);
        }
    }

    private JsonNode read(String file) throws IOException {
        return JSON.readTree(out.resolve("123456789012/us-east-1").resolve(file).toFile());
    }

    @Test
    void writesTheSnapshotLayoutWithTheCliShapeOfEveryApi() throws Exception {
        ImportReport report = runImport(null);

        assertThat(report.account()).isEqualTo("123456789012");
        assertThat(report.partial()).as(report.failures().toString()).isFalse();
        JsonNode vpcs = read("describe-vpcs.json");
        assertThat(vpcs.fieldNames()).toIterable().containsExactly("Vpcs");
        JsonNode vpc = vpcs.get("Vpcs").get(0);
        assertThat(vpc.get("VpcId").asText()).isEqualTo("vpc-1a2b3c4d");
        assertThat(vpc.get("CidrBlock").asText()).isEqualTo("10.0.0.0/16");
        assertThat(vpc.get("IsDefault").asBoolean(true)).isFalse();
        assertThat(vpc.get("CidrBlockAssociationSet").get(0).get("CidrBlockState").get("State").asText()).isEqualTo("associated");
        assertThat(vpc.get("Tags").get(0).get("Key").asText()).isEqualTo("Name");

        JsonNode dns = read("describe-vpc-attribute--vpc-1a2b3c4d_enableDnsHostnames.json");
        assertThat(dns.get("VpcId").asText()).isEqualTo("vpc-1a2b3c4d");
        assertThat(dns.get("EnableDnsHostnames").get("Value").asBoolean()).isTrue();
        assertThat(server.requests("ec2/DescribeVpcAttribute")).extracting(r -> r.param("Attribute"))
                .containsExactly("enableDnsSupport", "enableDnsHostnames");
        assertThat(read("vpc-lattice-get-service-network-vpc-association--snva-0821fc8631EXAMPLE.json").get("securityGroupIds"))
                .hasSize(1);
        assertThat(read("vpc-lattice-get-target-group--tg-0b1c2d3e4f5a67890.json").get("config").get("port").asInt()).isEqualTo(8080);
        JsonNode sg = read("describe-security-groups.json").get("SecurityGroups").get(1);
        JsonNode perm = sg.get("IpPermissions").get(0);
        assertThat(perm.get("FromPort").asInt()).isEqualTo(5432);
        assertThat(perm.get("UserIdGroupPairs").get(0).get("GroupId").asText()).isEqualTo("sg-1a2b3c4d");

        JsonNode inst = read("describe-instances.json").get("Reservations").get(0).get("Instances").get(0);
        assertThat(inst.get("State").get("Name").asText()).isEqualTo("running");
        assertThat(inst.get("PublicIpAddress").asText()).isEqualTo("54.194.252.215");
        assertThat(inst.get("LaunchTime").asText()).isEqualTo("2018-05-08T16:46:19+00:00");

        // Empty answers still name their list, as the CLI prints them.
        assertThat(read("describe-nat-gateways.json").get("NatGateways").isArray()).isTrue();
        assertThat(read("describe-nat-gateways.json").get("NatGateways")).isEmpty();

        // Per-resource calls: one file per resource.
        assertThat(read("get-managed-prefix-list-entries--pl-63a5400a.json").get("Entries").get(1).get("Cidr").asText())
                .isEqualTo("52.216.0.0/15");
        JsonNode routes = read("search-transit-gateway-routes--tgw-rtb-0ce2a823ea1a0e0a9.json");
        assertThat(routes.get("Routes").get(1).get("State").asText()).isEqualTo("blackhole");
        assertThat(routes.get("AdditionalRoutesAvailable").asBoolean(true)).isFalse();
        assertThat(server.requests("ec2/SearchTransitGatewayRoutes").get(0).param("TransitGatewayRouteTableId"))
                .isEqualTo("tgw-rtb-0ce2a823ea1a0e0a9");

        // ELBv2: PascalCase like EC2; listeners of every load balancer in one file.
        assertThat(read("elbv2-describe-load-balancers.json").get("LoadBalancers").get(0).get("Type").asText()).isEqualTo("network");
        assertThat(read("elbv2-describe-listeners.json").get("Listeners").get(0).get("Port").asInt()).isEqualTo(5432);
        assertThat(read("elbv2-describe-target-health--targetgroup_db-targets_73e2d6bc24d8a067.json")
                .get("TargetHealthDescriptions").get(0).get("Target").get("Id").asText()).isEqualTo("i-0598c7d356eba48d7");

        // EKS and Lattice: camelCase, as their CLI prints them.
        JsonNode cluster = read("eks-describe-cluster--prod.json").get("cluster");
        assertThat(cluster.get("resourcesVpcConfig").get("endpointPrivateAccess").asBoolean()).isTrue();
        assertThat(cluster.get("resourcesVpcConfig").get("subnetIds")).hasSize(2);
        assertThat(read("eks-list-clusters.json").get("clusters").get(0).asText()).isEqualTo("prod");
        assertThat(cluster.get("createdAt").asText()).isEqualTo("2018-05-31T23:04:39.988000+00:00");
        assertThat(read("eks-describe-nodegroup--prod_workers.json").get("nodegroup").get("subnets")).hasSize(2);
        assertThat(read("elbv2-describe-load-balancers.json").get("LoadBalancers").get(0).get("CreatedTime").asText())
                .isEqualTo("2017-10-15T22:13:53.593000+00:00");
        assertThat(read("vpc-lattice-list-service-networks.json").get("items").get(0).get("id").asText()).isEqualTo("sn-080ec7dc93EXAMPLE");
        assertThat(read("vpc-lattice-list-service-network-vpc-associations.json").get("items").get(0).get("vpcId").asText()).isEqualTo("vpc-1a2b3c4d");
        assertThat(read("vpc-lattice-list-listeners--svc-0a1b2c3d4e5f67890.json").get("items").get(0).get("port").asInt()).isEqualTo(443);
        assertThat(read("vpc-lattice-list-targets--tg-0b1c2d3e4f5a67890.json").get("items").get(0).get("id").asText()).isEqualTo("10.0.2.20");
        assertThat(read("vpc-lattice-get-auth-policy--svc-0a1b2c3d4e5f67890.json").get("state").asText()).isEqualTo("Active");
        // The service network has no auth policy: AWS answers ResourceNotFound, which is no failure and no file.
        assertThat(out.resolve("123456789012/us-east-1/vpc-lattice-get-auth-policy--sn-080ec7dc93EXAMPLE.json")).doesNotExist();

        JsonNode rep = JSON.readTree(out.resolve("123456789012/us-east-1").resolve(ImportReport.FILE).toFile()).get("ReachsimImportAws");
        assertThat(rep.get("Partial").asBoolean(true)).isFalse();
        assertThat(rep.get("Calls").size()).isEqualTo(report.calls().size());
    }

    @Test
    void followsNextTokenAcrossPagesAndMergesThem() throws Exception {
        ImportReport report = runImport(null);

        List<ReplayServer.Request> calls = server.requests("ec2/DescribeSubnets");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).param("NextToken")).isNull();
        assertThat(calls.get(1).param("NextToken")).isEqualTo("eyJ2IjoiMiIsInMiOiJzdWJuZXQtNmU3Zjgy");
        JsonNode subnets = read("describe-subnets.json");
        assertThat(subnets.has("NextToken")).isFalse();
        assertThat(subnets.get("Subnets")).extracting(s -> s.get("SubnetId").asText())
                .containsExactly("subnet-9d4a7b6c", "subnet-6e7f829e");
        ApiCall call = report.calls().stream().filter(c -> c.api().equals("describe-subnets")).findFirst().orElseThrow();
        assertThat(call.pages()).isEqualTo(2);
        assertThat(call.counts()).containsEntry("Subnets", 2);
    }

    @Test
    void retriesThrottlingAndThenSucceeds() throws Exception {
        // The last call of each client: adaptive retry then slows that client's later calls, and there are none.
        server.enqueue("ec2/GetManagedPrefixListEntries", Response.ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."));
        server.enqueue("elbv2/DescribeTargetHealth",
                Response.queryError(503, ReplayServer.ELBV2_NS, "Throttling", "Rate exceeded"),
                Response.queryError(503, ReplayServer.ELBV2_NS, "Throttling", "Rate exceeded"));

        ImportReport report = runImport(null);

        assertThat(report.partial()).as(report.failures().toString()).isFalse();
        assertThat(server.requests("ec2/GetManagedPrefixListEntries")).hasSize(2);
        assertThat(server.requests("elbv2/DescribeTargetHealth")).hasSize(3);
        assertThat(read("get-managed-prefix-list-entries--pl-63a5400a.json").get("Entries")).hasSize(2);
        assertThat(read("elbv2-describe-target-health--targetgroup_db-targets_73e2d6bc24d8a067.json")
                .get("TargetHealthDescriptions")).hasSize(1);
    }

    @Test
    void anApiAwsRefusesIsReportedAndTheRestContinues() throws Exception {
        server.enqueue("ec2/DescribeVpnGateways", Response.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
        server.enqueue("rest/GET/clusters", Response.restError(403, "AccessDeniedException", "User is not authorized to perform: eks:ListClusters"));
        List<ApiCall> seen = new ArrayList<>();

        ImportReport report = runImport(new ImportListener() {
            @Override
            public void finished(ApiCall call) {
                seen.add(call);
            }
        });

        assertThat(report.partial()).isTrue();
        assertThat(report.failures()).extracting(ApiCall::label, ApiCall::outcome, ApiCall::errorCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ec2 describe-vpn-gateways", ApiCall.Outcome.DENIED, "UnauthorizedOperation"),
                org.assertj.core.groups.Tuple.tuple("eks list-clusters", ApiCall.Outcome.DENIED, "AccessDeniedException"));
        // Denied calls are not retried, and everything after them was still read.
        assertThat(server.requests("ec2/DescribeVpnGateways")).hasSize(1);
        assertThat(out.resolve("123456789012/us-east-1/describe-vpn-gateways.json")).doesNotExist();
        assertThat(read("describe-addresses.json").has("Addresses")).isTrue();
        assertThat(read("describe-vpn-connections.json").has("VpnConnections")).isTrue();
        assertThat(read("vpc-lattice-list-services.json").get("items")).hasSize(1);
        assertThat(seen).hasSameSizeAs(report.calls());
        JsonNode rep = JSON.readTree(out.resolve("123456789012/us-east-1").resolve(ImportReport.FILE).toFile()).get("ReachsimImportAws");
        assertThat(rep.get("Partial").asBoolean()).isTrue();
        assertThat(rep.get("Calls").findValuesAsText("ErrorCode")).containsExactly("UnauthorizedOperation", "AccessDeniedException");
    }

    @Test
    void withoutAnAccountIdNothingIsWritten() {
        server.enqueue("sts/GetCallerIdentity", Response.queryError(403, ReplayServer.STS_NS, "InvalidClientTokenId",
                "The security token included in the request is invalid."));

        assertThatThrownBy(() -> runImport(null)).isInstanceOf(ImportException.class)
                .hasMessageContaining("InvalidClientTokenId").hasMessageContaining("nothing was written");
        assertThat(out.toFile().list()).isEmpty();
    }

    @Test
    void aNewImportReplacesThePreviousOneButNotTheUsersFiles() throws Exception {
        runImport(null);
        Path region = out.resolve("123456789012/us-east-1");
        Files.writeString(region.resolve("my-notes.json"), "{}");
        assertThat(region.resolve("eks-describe-cluster--prod.json")).exists();

        // The cluster is gone by the next import.
        server.enqueue("rest/GET/clusters", Response.json(200, "{\"clusters\": []}"));
        runImport(null);

        assertThat(region.resolve("eks-describe-cluster--prod.json")).doesNotExist();
        assertThat(region.resolve("eks-list-nodegroups--prod.json")).doesNotExist();
        assertThat(region.resolve("describe-vpcs.json")).exists();
        assertThat(region.resolve("my-notes.json")).exists();
        assertThat(read("eks-list-clusters.json").get("clusters")).isEmpty();
    }

    @Test
    void missingCredentialsAreOneSentenceWithWhatToDo() {
        // A provider with nothing to give, as the default chain is on a machine without credentials.
        AwsConnection.Settings none = new AwsConnection.Settings("us-east-1", null, null, server.endpoint(),
                () -> {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create(
                            "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)");
                }, Replay::fastAdaptiveRetry);
        assertThatThrownBy(() -> {
            try (AwsConnection c = new AwsConnection(none)) {
                new LiveImport(c, null).run(out);
            }
        }).isInstanceOf(ImportException.class).hasMessageContaining("no AWS credentials found")
                .hasMessageContaining("--profile").hasMessageNotContaining("AwsCredentialsProviderChain");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void assumesTheRoleThroughStsAndSignsWithItsCredentials() throws Exception {
        try (AwsConnection c = new AwsConnection(Replay.settings(server, "arn:aws:iam::123456789012:role/network-auditor"))) {
            new LiveImport(c, null).run(out);
        }
        ReplayServer.Request assume = server.requests("sts/AssumeRole").get(0);
        assertThat(assume.param("RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/network-auditor");
        assertThat(assume.param("RoleSessionName")).isEqualTo(AwsConnection.ROLE_SESSION_NAME);
        assertThat(assume.headers().get("Authorization").get(0)).contains("Credential=" + Replay.ACCESS_KEY + "/");
        // Everything after AssumeRole is signed with the role's temporary key and carries its session token.
        ReplayServer.Request vpcs = server.requests("ec2/DescribeVpcs").get(0);
        assertThat(vpcs.headers().get("Authorization").get(0)).contains("Credential=ASIAIOSFODNN7EXAMPLE/");
        assertThat(vpcs.headers()).containsKey("X-amz-security-token");
        assertThat(secretsIn(out)).isEmpty();
    }

    @Test
    void neitherTheSnapshotNorTheProgressContainsASecretKey() throws Exception {
        StringBuilder log = new StringBuilder();
        try (AwsConnection c = new AwsConnection(Replay.settings(server, "arn:aws:iam::123456789012:role/network-auditor"))) {
            new LiveImport(c, new ImportListener() {
                @Override
                public void finished(ApiCall call) {
                    log.append(call).append('\n');
                }
            }).run(out);
        }
        assertThat(log).isNotEmpty();
        assertThat(log.toString()).doesNotContain(Replay.SECRET_KEY).doesNotContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzASSUMEDKEY");
        assertThat(secretsIn(out)).isEmpty();
    }

    /** Files under {@code dir} holding either secret key of the test (the static one or the assumed role's). */
    static List<Path> secretsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    String s = Files.readString(f);
                    return s.contains(Replay.SECRET_KEY) || s.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzASSUMEDKEY")
                            || s.contains("SecretAccessKey") || s.contains("SessionToken");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
