package io.reachsim.terraform;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.load.SnapshotImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shapes seen in real public plans (read end to end while this module was written; not committed, as
 * nothing fetched is): format 0.1 of Terraform 0.14 (no {@code resource_changes} needed, no
 * {@code configuration} outputs), a classic ELB beside a security group, an instance with no subnet.
 */
class OlderAndOddPlansTest {
    @TempDir
    Path tmp;

    private SnapshotImport read(String json) throws Exception {
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, json);
        ScenarioLoader loader = new ScenarioLoader();
        loader.loadNetwork(plan);
        return loader.snapshots().get(0);
    }

    private static String plan(String formatVersion, String resources) {
        return """
                {"format_version": "%s", "terraform_version": "0.14.11",
                 "planned_values": {"root_module": {"resources": [%s]}},
                 "configuration": {"root_module": {}}}
                """.formatted(formatVersion, resources);
    }

    private static final String VPC = """
            {"address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
             "provider_name": "registry.terraform.io/hashicorp/aws",
             "values": {"cidr_block": "10.0.0.0/16", "enable_dns_support": true, "tags": {"Name": "old"}}}""";

    @Test
    void formatZeroPointOneOfTerraform014Reads() throws Exception {
        SnapshotImport s = read(plan("0.1", VPC));
        assertThat(s.network().vpcs()).hasSize(1);
        assertThat(s.report()).contains("aws_vpc: 1");
    }

    @Test
    void aClassicLoadBalancerIsListedAsNotModelled() throws Exception {
        SnapshotImport s = read(plan("1.1", VPC + """
                , {"address": "aws_security_group.elb", "mode": "managed", "type": "aws_security_group", "name": "elb",
                   "provider_name": "registry.terraform.io/hashicorp/aws",
                   "values": {"name": "elb", "vpc_id": "vpc-0aaa", "ingress": [], "egress": []}}
                , {"address": "aws_elb.web", "mode": "managed", "type": "aws_elb", "name": "web",
                   "provider_name": "registry.terraform.io/hashicorp/aws",
                   "values": {"name": "web", "listener": [{"instance_port": 80, "lb_port": 80}]}}"""
                .replace("vpc-0aaa", "vpc-0aaa")).replace("\"values\": {\"cidr_block\"", "\"values\": {\"id\": \"vpc-0aaa\", \"cidr_block\""));
        assertThat(s.report()).contains("networking resources of types not modelled (left out):\n  aws_elb.")
                .contains("aws_security_group: 1");
    }

    @Test
    void anInstanceWithoutSubnetIsReportedNotDropped() throws Exception {
        SnapshotImport s = read(plan("1.2", VPC + """
                , {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
                   "provider_name": "registry.terraform.io/hashicorp/aws",
                   "values": {"ami": "ami-0123", "instance_type": "t3.micro", "tags": {"CostCenter": "42"}}}
                , {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
                   "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"bucket": "logs"}}"""));
        assertThat(s.report()).contains("skipped:\n  aws_instance.web: an instance without subnet_id")
                .contains("non-networking resources");
    }
}
