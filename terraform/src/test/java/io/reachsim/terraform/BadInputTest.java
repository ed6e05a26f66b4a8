package io.reachsim.terraform;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad input: file, JSON position, resource address and attribute, all errors at once, never a stack trace. */
class BadInputTest {
    @TempDir
    Path tmp;

    private List<String> errors(String name, String json) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, json);
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().loadNetwork(f));
        assertThat(e).isNotNull();
        return e.errors().stream().map(LoadError::toString).toList();
    }

    @Test
    void notJson() throws Exception {
        assertThat(errors("plan.json", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": [,\n}"))
                .singleElement().asString().contains("plan.json:3:").contains("not JSON");
    }

    @Test
    void jsonThatIsNotTerraforms() throws Exception {
        assertThat(errors("other.json", "{\"Vpcs\": []}")).singleElement().asString()
                .contains("other.json:1:1").contains("without 'format_version'");
    }

    @Test
    void aFormatVersionItDoesNotKnow() throws Exception {
        assertThat(errors("plan.json", "{\n \"format_version\": \"2.0\", \"planned_values\": {}}")).singleElement().asString()
                .contains("plan.json:2:20").contains("format_version \"2.0\" is not supported");
    }

    @Test
    void everyUnresolvableReferenceAndNeededUnknownAtOnce() throws Exception {
        String plan = """
                {"format_version": "1.2",
                 "planned_values": {"root_module": {"resources": [
                   {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
                    "values": {"enable_dns_support": true}},
                   {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
                    "values": {"cidr_block": "10.0.0.0/24"}},
                   {"address": "aws_security_group_rule.x", "mode": "managed", "type": "aws_security_group_rule", "name": "x",
                    "values": {"type": "ingress", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}}
                 ]}},
                 "resource_changes": [
                   {"address": "aws_vpc.main", "type": "aws_vpc", "change": {"actions": ["create"], "after_unknown": {"id": true, "cidr_block": true}}},
                   {"address": "aws_subnet.a", "type": "aws_subnet", "change": {"actions": ["create"], "after_unknown": {"id": true, "vpc_id": true}}},
                   {"address": "aws_security_group_rule.x", "type": "aws_security_group_rule",
                    "change": {"actions": ["create"], "after_unknown": {"id": true, "security_group_id": true, "from_port": true}}}
                 ],
                 "configuration": {"root_module": {"resources": [
                   {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
                    "expressions": {"cidr_block": {"references": ["var.cidr"]}}},
                   {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
                    "expressions": {"vpc_id": {"references": ["data.aws_vpc.gone.id", "data.aws_vpc.gone"]}}},
                   {"address": "aws_security_group_rule.x", "mode": "managed", "type": "aws_security_group_rule", "name": "x",
                    "expressions": {"security_group_id": {"references": ["aws_security_group.nowhere.id"]}}}
                 ]}}}
                """;
        List<String> e = errors("plan.json", plan);
        assertThat(e).anySatisfy(s -> assertThat(s).contains("plan.json:3:").contains("aws_vpc.main: cidr_block: unknown until apply"));
        assertThat(e).anySatisfy(s -> assertThat(s).contains("aws_subnet.a: vpc_id: unknown until apply and refers to no single aws_vpc")
                .contains("data.aws_vpc.gone.id"));
        assertThat(e).anySatisfy(s -> assertThat(s).contains("aws_security_group_rule.x: security_group_id"));
        assertThat(e).hasSize(3);
    }

    @Test
    void aScenarioImportingABadPlanReportsThePlansPositions() throws Exception {
        Files.writeString(tmp.resolve("plan.json"), "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": [\n"
                + "{\"address\": \"aws_subnet.a\", \"mode\": \"managed\", \"type\": \"aws_subnet\", \"name\": \"a\", \"values\": {\"vpc_id\": \"vpc-9\", \"cidr_block\": \"10.0.0.0/33\"}}]}}}");
        Files.writeString(tmp.resolve("s.yaml"), "apiVersion: reachsim/v1\nnetwork:\n  import: [plan.json]\n");
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().load(List.of(tmp.resolve("s.yaml"))));
        assertThat(e.errors()).extracting(LoadError::toString).anySatisfy(s -> assertThat(s).contains("plan.json:2:").contains("10.0.0.0/33"));
    }
}
