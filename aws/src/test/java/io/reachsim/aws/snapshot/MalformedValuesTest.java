package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.load.LoadException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of the fixtures, one at a time, replaced by null, by a value of another JSON type, or
 * removed: the reader returns a network that compiles or throws a LoadException, never anything else (a
 * bad snapshot is bad input, not a crash).
 */
class MalformedValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A fixture folder's files merged into one document, as Snapshots.fromDocument takes them. */
    private static ObjectNode merged(String fixture) throws Exception {
        ObjectNode doc = F.objectNode();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Fixtures.snapshot(fixture))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode root = JSON.readTree(f.toFile());
            root.fields().forEachRemaining(e -> {
                JsonNode have = doc.get(e.getKey());
                if (have instanceof ArrayNode a && e.getValue().isArray()) a.addAll((ArrayNode) e.getValue());
                else doc.set(e.getKey(), e.getValue());
            });
        }
        return doc;
    }

    /** Paths to every value below the top-level lists, each as the container and the key or index in it. */
    private record Slot(JsonNode container, String field, int index) {}

    private static void slots(JsonNode n, List<Slot> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                out.add(new Slot(n, e.getKey(), -1));
                slots(e.getValue(), out);
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Slot(n, null, i));
                slots(n.get(i), out);
            }
        }
    }

    private static JsonNode other(JsonNode v) {
        if (v.isTextual()) return F.numberNode(7);
        if (v.isNumber() || v.isBoolean()) return F.textNode("not-a-value");
        if (v.isArray()) return F.textNode("x");
        return F.arrayNode().add(1);
    }

    @Test
    void everySingleBadValueIsALoadErrorOrASkipNeverACrash() throws Exception {
        int reads = 0;
        List<String> crashes = new ArrayList<>();
        for (String fixture : List.of("single", "multi", "eks", "services")) {
            ObjectNode doc = merged(fixture);
            List<Slot> slots = new ArrayList<>();
            slots(doc, slots);
            for (Slot s : slots) {
                JsonNode original = s.field() != null ? s.container().get(s.field()) : s.container().get(s.index());
                for (int kind = 0; kind < 3; kind++) {
                    if (kind == 2 && s.field() == null) continue;
                    JsonNode replacement = kind == 0 ? F.nullNode() : other(original);
                    if (s.field() != null) {
                        ObjectNode o = (ObjectNode) s.container();
                        if (kind == 2) o.remove(s.field()); else o.set(s.field(), replacement);
                    } else {
                        ((ArrayNode) s.container()).set(s.index(), replacement);
                    }
                    try {
                        reads++;
                        // and the network it gives compiles: no dangling reference reaches the core
                        io.reachsim.compile.Fabric.compile(Snapshots.fromDocument(doc, "111122223333", "us-east-1").network());
                    } catch (LoadException expected) {
                        // bad input, reported
                    } catch (RuntimeException e) {
                        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                        for (StackTraceElement t : e.getStackTrace()) if (t.getClassName().contains("aws.snapshot")) { at = t; break; }
                        crashes.add(fixture + ": " + (s.field() != null ? s.field() : "[" + s.index() + "]") + " = " + replacement + " -> " + e
                                + " at " + at);
                    } finally {
                        if (s.field() != null) ((ObjectNode) s.container()).set(s.field(), original);
                        else ((ArrayNode) s.container()).set(s.index(), original);
                    }
                }
            }
        }
        assertThat(reads).isGreaterThan(1000);
        assertThat(crashes).as("reads that crashed").isEmpty();
    }
}
