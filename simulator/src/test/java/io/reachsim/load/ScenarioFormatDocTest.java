package io.reachsim.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/scenario-format.md cannot drift from the loader: each section of {@link Format} has its part,
 * whose field table lists exactly the loader's fields, and whose example is valid for that section.
 */
class ScenarioFormatDocTest extends LoadTestSupport {
    private static final Path DOC = SchemaTest.ROOT.resolve("docs/scenario-format.md");
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([A-Za-z]+)\"></a>");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");
    private static final Pattern YAML = Pattern.compile("(?s)```yaml\\n(.*?)```");

    /** The doc's parts by anchor id: the text from one anchor to the next. */
    private static Map<String, String> parts() throws IOException {
        String doc = Files.readString(DOC);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ANCHOR.matcher(doc);
        List<int[]> at = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            at.add(new int[] {m.start(), m.end()});
            ids.add(m.group(1));
        }
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < ids.size() ? at.get(i + 1)[0] : doc.length();
            assertThat(out.put(ids.get(i), doc.substring(at.get(i)[1], end))).as("two parts for " + ids.get(i)).isNull();
        }
        return out;
    }

    @Test
    void everySectionHasItsPartAndNoPartIsStale() throws IOException {
        Set<String> sections = new TreeSet<>();
        Format.sections().forEach(s -> sections.add(s.id()));
        assertThat(new TreeSet<>(parts().keySet())).isEqualTo(sections);
    }

    @Test
    void everyFieldTableListsExactlyTheLoadersFields() throws IOException {
        Map<String, String> parts = parts();
        for (Format.Section s : Format.sections()) {
            Set<String> rows = new TreeSet<>();
            Matcher m = ROW.matcher(parts.get(s.id()));
            while (m.find()) rows.add(m.group(1));
            assertThat(rows).as("fields of %s in docs/scenario-format.md", s.id()).isEqualTo(new TreeSet<>(s.names()));
            for (Format.Field f : s.fields()) {
                if (f.required()) {
                    assertThat(parts.get(s.id())).as(s.id() + "." + f.name() + " is marked required")
                            .containsPattern("(?m)^\\| `" + Pattern.quote(f.name()) + "` \\| required \\|");
                }
            }
        }
    }

    @Test
    void everyExampleIsValidForItsSection() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> e : parts().entrySet()) {
            Matcher m = YAML.matcher(e.getValue());
            assertThat(m.find()).as("an example for " + e.getKey()).isTrue();
            ObjectNode root = (ObjectNode) json.readTree(SchemaWriter.json());
            root.put("$ref", "#/$defs/" + e.getKey());
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(json.writeValueAsString(root), InputFormat.JSON);
            JsonNode example = json.valueToTree(new Yaml().load(m.group(1)));
            List<JsonNode> items = new ArrayList<>();
            if (example.isArray()) example.forEach(items::add);
            else items.add(example);
            for (JsonNode item : items) {
                for (Error err : schema.validate(item)) bad.add(e.getKey() + ": " + err);
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void theWholeFileExampleLoads() throws IOException {
        Matcher m = YAML.matcher(parts().get("scenario"));
        assertThat(m.find()).isTrue();
        assertThat(load(m.group(1)).expectations()).hasSize(2);
    }
}
