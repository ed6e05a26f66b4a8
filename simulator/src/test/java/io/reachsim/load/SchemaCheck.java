package io.reachsim.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.List;

/**
 * Validates scenario text against the generated JSON Schema with a real validator (networknt, draft
 * 2020-12). YAML is read the way the loader reads it (SnakeYAML: anchors and merge keys resolved).
 */
final class SchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaWriter.json(), InputFormat.JSON);

    private SchemaCheck() {}

    /** The validator's messages, each with where in the document it applies; empty when valid. */
    static List<String> problems(String yaml) {
        Object doc = new Yaml(new LoaderOptions()).load(yaml);
        JsonNode node = JSON.valueToTree(doc);
        return SCHEMA.validate(node).stream().map(Error::toString).toList();
    }
}
