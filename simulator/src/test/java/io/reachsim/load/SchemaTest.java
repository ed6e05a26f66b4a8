package io.reachsim.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schema generated from {@link Format}: published copy current, shipped scenarios valid, no field left out. */
class SchemaTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void publishedCopyIsTheGeneratedSchema() throws IOException {
        assertThat(Files.readString(ROOT.resolve("docs/reachsim-v1.schema.json")))
                .as("docs/reachsim-v1.schema.json is stale: regenerate with `reachsim schema > docs/reachsim-v1.schema.json`")
                .isEqualTo(SchemaWriter.json());
    }

    @Test
    void everyLoaderFieldIsInTheSchema() throws IOException {
        JsonNode defs = new ObjectMapper().readTree(SchemaWriter.json()).get("$defs");
        // The parsers read exactly these sets (NetworkParser.NETWORK_FIELDS is the network section's).
        assertThat(NetworkParser.NETWORK_FIELDS).isEqualTo(Format.NETWORK.names());
        for (Format.Section s : Format.sections()) {
            Set<String> props = new TreeSet<>();
            defs.get(s.id()).get("properties").fieldNames().forEachRemaining(props::add);
            props.remove("<<");
            assertThat(props).as(s.id()).isEqualTo(new TreeSet<>(s.names()));
            assertThat(defs.get(s.id()).get("additionalProperties").asBoolean(true)).as(s.id()).isFalse();
        }
    }

    @Test
    void everyShippedScenarioValidates() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("scenarios", "aws/src/test/resources/scenarios", "aws/src/test/resources/crosscheck",
                "feed/src/test/resources/scenarios")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(50);
        List<String> bad = new ArrayList<>();
        for (Path f : files) {
            for (String p : SchemaCheck.problems(Files.readString(f))) bad.add(ROOT.relativize(f) + ": " + p);
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() {
        assertThat(SchemaCheck.problems("""
                apiVersion: reachsim/v1
                network:
                  vpcs: [{id: v, cidr: 10.0.0.0/16, enableDnsSuport: true}]
                """)).anyMatch(p -> p.contains("enableDnsSuport"));
        assertThat(SchemaCheck.problems("""
                apiVersion: reachsim/v1
                network:
                  subnets: [{id: s, cidr: 10.0.0.0/24}]
                """)).anyMatch(p -> p.contains("vpc"));
        assertThat(SchemaCheck.problems("apiVersion: reachsim/v2\n")).isNotEmpty();
        assertThat(SchemaCheck.problems("""
                apiVersion: reachsim/v1
                expect:
                  - {from: a, to: b, port: 443, reachable: maybe}
                """)).anyMatch(p -> p.contains("reachable"));
    }
}
