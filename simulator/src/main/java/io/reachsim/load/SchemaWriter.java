package io.reachsim.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) of the scenario format, generated from {@link Format}, for editors
 * ({@code # yaml-language-server: $schema=...}) and CI linters. It checks shapes and field names; the
 * loader still checks everything else (references, ranges, one-of-two fields) with file:line:column.
 */
public final class SchemaWriter {
    /** The schema's {@code $id} (published as docs/reachsim-v1.schema.json). */
    public static final String ID = "urn:reachsim:scenario:v1";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SchemaWriter() {}

    /** The schema as pretty-printed JSON, ending with a newline. */
    public static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode schema() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", ID);
        root.put("title", "reachsim scenario (" + ScenarioLoader.API_VERSION + ")");
        root.put("description", "A reachsim scenario file: a network and the expectations about it. See docs/scenario-format.md.");
        root.put("$ref", "#/$defs/" + Format.SCENARIO.id());
        ObjectNode defs = root.putObject("$defs");
        defs.set("scalar", F.objectNode().set("type", F.arrayNode().add("string").add("number").add("boolean")));
        for (Format.Section s : Format.sections()) defs.set(s.id(), section(s));
        // apiVersion is a constant, not any text.
        ((ObjectNode) defs.get(Format.SCENARIO.id()).get("properties").get("apiVersion")).put("const", ScenarioLoader.API_VERSION);
        return root;
    }

    private static ObjectNode section(Format.Section s) {
        ObjectNode o = F.objectNode();
        o.put("title", s.title());
        o.put("type", "object");
        ObjectNode props = o.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (Format.Field f : s.fields()) {
            ObjectNode p = shape(f);
            p.put("description", f.about());
            props.set(f.name(), p);
            if (f.required()) required.add(f.name());
        }
        // YAML merge keys (<<: *anchor) are read by the loader; tools that do not resolve them see this key.
        props.set("<<", F.objectNode());
        if (!required.isEmpty()) o.set("required", required);
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode shape(Format.Field f) {
        return switch (f.shape()) {
            case TEXT -> f.choices().isEmpty() ? ref("scalar") : choices(f);
            case BOOL -> type("boolean");
            case INT -> type("integer");
            case CIDR -> text("an IPv4 or IPv6 CIDR");
            case IP -> text("an IPv4 or IPv6 address");
            case TEXTS -> array(ref("scalar"));
            case CIDRS -> array(text("a CIDR"));
            case IPS -> array(text("an address"));
            case TEXT_OR_TEXTS -> oneOf(ref("scalar"), array(ref("scalar")));
            case TAGS -> {
                ObjectNode o = type("object");
                o.set("additionalProperties", F.objectNode().set("type", F.arrayNode().add("string").add("number").add("boolean").add("null")));
                yield o;
            }
            case OBJECT -> ref(f.section());
            case OBJECTS -> array(ref(f.section()));
            case OBJECTS_OR_TEXTS -> array(oneOf(ref("scalar"), ref(f.section())));
            case BOOL_OR_MAPPING -> oneOf(type("boolean"), type("object"));
            case AZ_MAP -> {
                ObjectNode o = type("object");
                o.set("additionalProperties", oneOf(type("string"), ref(f.section())));
                yield o;
            }
        };
    }

    /** A closed set, matched case-insensitively by the loader: lower, UPPER and Capitalised spellings. */
    private static ObjectNode choices(Format.Field f) {
        Set<String> all = new LinkedHashSet<>();
        for (String c : f.choices()) {
            all.add(c);
            all.add(c.toUpperCase(Locale.ROOT));
            all.add(Character.toUpperCase(c.charAt(0)) + c.substring(1));
        }
        ObjectNode o = type("string");
        ArrayNode e = o.putArray("enum");
        all.forEach(e::add);
        return o;
    }

    private static ObjectNode ref(String def) {
        return F.objectNode().put("$ref", "#/$defs/" + def);
    }

    private static ObjectNode type(String t) {
        return F.objectNode().put("type", t);
    }

    private static ObjectNode text(String what) {
        return type("string").put("$comment", what);
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode o = type("array");
        o.set("items", items);
        return o;
    }

    private static ObjectNode oneOf(ObjectNode a, ObjectNode b) {
        ObjectNode o = F.objectNode();
        o.putArray("oneOf").add(a).add(b);
        return o;
    }
}
