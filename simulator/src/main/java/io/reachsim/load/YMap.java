package io.reachsim.load;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Origin;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML mapping read as one scenario object (a subnet, a route, ...): typed field access that records
 * an error for every value of the wrong shape, and a check for fields the object does not have.
 * Absent fields and explicit nulls ({@code field:} or {@code ~}) read as null.
 */
public final class YMap {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");

    final String file;
    final MappingNode node;
    final Problems problems;
    private final String kind;
    private String label;
    private final Set<String> fields;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<Duplicate> duplicates = new ArrayList<>();

    private record Duplicate(String key, Origin at, int firstLine) {}
    private final List<Node> badKeys = new ArrayList<>();

    private YMap(String file, MappingNode node, String kind, String label, Set<String> fields, Problems problems) {
        this.file = file;
        this.node = node;
        this.kind = kind;
        this.label = label;
        this.fields = fields;
        this.problems = problems;
        collect(node, false, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Wraps {@code n} as an object of {@code kind} with the allowed {@code fields}; records an error and
     * returns null when {@code n} is not a mapping. {@code label} names it until its id is read
     * ("subnet #3").
     */
    public static YMap of(Node n, String file, String kind, String label, Set<String> fields, Problems problems) {
        if (n instanceof MappingNode m) return new YMap(file, m, kind, label, fields, problems);
        problems.add(YamlFile.at(file, n), label + " must be a mapping of fields, not " + describe(n));
        return null;
    }

    /** Explicit keys win over keys merged in with {@code <<: *anchor} (YAML merge keys). */
    private void collect(MappingNode m, boolean merged, Set<Node> seen) {
        if (!seen.add(m)) return; // a mapping merged into itself through an alias
        List<NodeTuple> merges = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                merges.add(t);
                continue;
            }
            if (!(k instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                if (!merged) badKeys.add(k);
                continue;
            }
            String key = s.getValue();
            if (entries.containsKey(key)) {
                if (!merged) {
                    duplicates.add(new Duplicate(key, YamlFile.at(file, k), YamlFile.at(file, entries.get(key).getKeyNode()).line()));
                }
                continue;
            }
            entries.put(key, t);
        }
        for (NodeTuple t : merges) {
            Node v = t.getValueNode();
            if (v instanceof MappingNode mm) {
                collect(mm, true, seen);
            } else if (v instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) if (item instanceof MappingNode mm) collect(mm, true, seen);
            }
        }
    }

    public static String describe(Node n) {
        if (n == null) return "nothing";
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) n;
        if (s.getTag().equals(Tag.NULL)) return "an empty value";
        return "'" + s.getValue() + "'";
    }

    /** How messages name this object: "subnet 'public-a'", or "subnet #3" before/without an id. */
    public String label() {
        return label;
    }

    public Origin at() {
        return YamlFile.at(file, node);
    }

    public boolean has(String key) {
        return value(key) != null;
    }

    /** The value node, or null when absent or written as an explicit null. */
    public Node value(String key) {
        assert fields.contains(key) : key + " not declared for " + kind;
        NodeTuple t = entries.get(key);
        if (t == null) return null;
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) return null;
        return v;
    }

    public Origin keyAt(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? at() : YamlFile.at(file, t.getKeyNode());
    }

    Origin valueAt(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? at() : YamlFile.at(file, t.getValueNode());
    }

    public void error(Origin at, String message) {
        // "X has no 'cidrs' (required ...)" after 'cidrz' was written: a follow-on of the misspelling, which
        // its own error names with the right spelling.
        int i = message.indexOf(" has no '");
        if (i >= 0) {
            int end = message.indexOf('\'', i + 9);
            if (end > 0 && misspelling(message.substring(i + 9, end)) != null) return;
        }
        problems.add(at, message);
    }

    private void missing(String key) {
        // A follow-on of a misspelled field ('cidrr' for 'cidr'): its own error already says what to write.
        if (misspelling(key) != null) return;
        problems.add(at(), label + " has no '" + key + "' (required)");
    }

    /** The unknown field written here that is a misspelling of {@code key}, or null. */
    String misspelling(String key) {
        for (String k : entries.keySet()) {
            if (!fields.contains(k) && key.equals(Names.nearest(k, fields))) return k;
        }
        return null;
    }

    // ---- scalars ----

    /** A scalar as text; records an error (and returns null) for a list or mapping. */
    public Val<String> str(String key) {
        Node v = value(key);
        if (v == null) return null;
        return scalar(v, "'" + key + "' of " + label);
    }

    Val<String> reqStr(String key) {
        Val<String> v = str(key);
        if (v == null && !has(key)) missing(key);
        return v;
    }

    /** Reads the required {@code id} and from then on names this object by it. */
    Val<String> id() {
        Val<String> id = reqStr("id");
        if (id != null) {
            if (id.v().isBlank()) {
                error(id.at(), "the id of " + label + " is empty");
                return null;
            }
            label = kind + " '" + id.v() + "'";
        }
        return id;
    }

    /** Names this object by a field other than {@code id} (e.g. an expectation's {@code name}). */
    void relabel(String newLabel) {
        label = newLabel;
    }

    public Val<String> scalar(Node v, String what) {
        if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return new Val<>(s.getValue(), YamlFile.at(file, v));
        }
        problems.add(YamlFile.at(file, v), what + " must be a single value, not " + describe(v));
        return null;
    }

    boolean bool(String key, boolean dflt) {
        Val<Boolean> b = boolVal(key);
        return b == null ? dflt : b.v();
    }

    Val<Boolean> boolVal(String key) {
        Node v = value(key);
        if (v == null) return null;
        Origin at = YamlFile.at(file, v);
        if (v instanceof ScalarNode s) {
            String t = s.getValue().toLowerCase(Locale.ROOT);
            if (t.equals("true") || (s.getTag().equals(Tag.BOOL) && (t.equals("yes") || t.equals("on") || t.equals("y")))) {
                return new Val<>(true, at);
            }
            if (t.equals("false") || (s.getTag().equals(Tag.BOOL) && (t.equals("no") || t.equals("off") || t.equals("n")))) {
                return new Val<>(false, at);
            }
        }
        error(at, "'" + key + "' of " + label + " must be true or false, not " + describe(v));
        return null;
    }

    public Val<Integer> integer(String key, int min, int max) {
        Node v = value(key);
        if (v == null) return null;
        return integer(v, "'" + key + "' of " + label, min, max);
    }

    Val<Integer> integer(Node v, String what, int min, int max) {
        Origin at = YamlFile.at(file, v);
        if (v instanceof ScalarNode s && INTEGER.matcher(s.getValue().trim()).matches()) {
            try {
                int n = Integer.parseInt(s.getValue().trim().replace("_", ""));
                if (n >= min && n <= max) return new Val<>(n, at);
            } catch (NumberFormatException ignored) {
                // out of int range: reported below
            }
            error(at, what + " must be between " + min + " and " + max + ", not " + s.getValue());
            return null;
        }
        error(at, what + " must be a whole number, not " + describe(v));
        return null;
    }

    /** A string field whose value must be one of {@code choices} (case-insensitive); returned lower-case. */
    Val<String> choice(String key, List<String> choices) {
        Val<String> v = str(key);
        if (v == null) return null;
        String t = v.v().trim().toLowerCase(Locale.ROOT);
        if (choices.contains(t)) return new Val<>(t, v.at());
        error(v.at(), "'" + key + "' of " + label + " must be one of " + String.join(", ", choices) + ", not '" + v.v() + "'"
                + Names.didYouMean(t, choices));
        return null;
    }

    Val<Cidr> cidr(String key) {
        Val<String> s = str(key);
        return s == null ? null : cidr(s);
    }

    Val<Cidr> cidr(Val<String> s) {
        try {
            return new Val<>(Cidr.parse(s.v()), s.at());
        } catch (IllegalArgumentException e) {
            error(s.at(), "'" + s.v() + "' is not a CIDR: " + e.getMessage());
            return null;
        }
    }

    Val<Ip> ip(String key) {
        Val<String> s = str(key);
        return s == null ? null : ip(s);
    }

    Val<Ip> ip(Val<String> s) {
        try {
            return new Val<>(Ip.parse(s.v()), s.at());
        } catch (IllegalArgumentException e) {
            error(s.at(), "'" + s.v() + "' is not an IP address: " + e.getMessage());
            return null;
        }
    }

    // ---- collections ----

    /**
     * The items of a list field, or null when absent. {@code scalarOk}: a single value stands for a
     * one-item list ({@code via: nat-a}).
     */
    List<Node> list(String key, boolean scalarOk) {
        Node v = value(key);
        if (v == null) return null;
        if (v instanceof SequenceNode s) return s.getValue();
        if (scalarOk && v instanceof ScalarNode) return List.of(v);
        error(YamlFile.at(file, v), "'" + key + "' of " + label + " must be a list, not " + describe(v));
        return null;
    }

    List<Val<String>> strings(String key, boolean scalarOk) {
        List<Node> items = list(key, scalarOk);
        if (items == null) return null;
        List<Val<String>> out = new ArrayList<>();
        for (Node n : items) {
            Val<String> s = scalar(n, "an item of '" + key + "' of " + label);
            if (s != null) out.add(s);
        }
        return out;
    }

    List<Val<Cidr>> cidrs(String key) {
        List<Val<String>> items = strings(key, false);
        if (items == null) return null;
        List<Val<Cidr>> out = new ArrayList<>();
        for (Val<String> s : items) {
            Val<Cidr> c = cidr(s);
            if (c != null) out.add(c);
        }
        return out;
    }

    List<Val<Ip>> ips(String key) {
        List<Val<String>> items = strings(key, false);
        if (items == null) return null;
        List<Val<Ip>> out = new ArrayList<>();
        for (Val<String> s : items) {
            Val<Ip> c = ip(s);
            if (c != null) out.add(c);
        }
        return out;
    }

    /** A mapping of plain values (tags). */
    Map<String, String> stringMap(String key) {
        Node v = value(key);
        if (v == null) return Map.of();
        if (!(v instanceof MappingNode m)) {
            error(YamlFile.at(file, v), "'" + key + "' of " + label + " must be a mapping, not " + describe(v));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Val<String> k = scalar(t.getKeyNode(), "a key of '" + key + "' of " + label);
            Node tv = t.getValueNode();
            String value = tv instanceof ScalarNode s && s.getTag().equals(Tag.NULL) ? "" : null;
            if (value == null) {
                Val<String> sv = scalar(tv, "the value of '" + (k == null ? "?" : k.v()) + "' in '" + key + "' of " + label);
                value = sv == null ? null : sv.v();
            }
            if (k != null && value != null) out.put(k.v(), value);
        }
        return out;
    }

    // ---- mappings whose keys are data ----

    /**
     * For a mapping whose keys are values rather than field names (AZ names in {@code customNetworking}):
     * reports malformed and duplicated keys, and returns the keys in order with where each is written.
     */
    public List<Val<String>> dataKeys() {
        for (Node k : badKeys) {
            error(YamlFile.at(file, k), "keys of " + label + " must be plain values, not " + describe(k));
        }
        for (Duplicate d : duplicates) {
            error(d.at(), "duplicate key '" + d.key() + "' in " + label + " (first written at line " + d.firstLine() + ")");
        }
        List<Val<String>> out = new ArrayList<>();
        entries.forEach((k, t) -> out.add(new Val<>(k, YamlFile.at(file, t.getKeyNode()))));
        return out;
    }

    /** The value written for a data key (see {@link #dataKeys()}); may be an explicit null node. */
    public Node dataValue(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    // ---- field names ----

    /**
     * Reports unknown and duplicated fields. {@code later}: fields of the format this version does not
     * implement yet, mapped to the issue that brings them (they are reported as such, not as unknown).
     */
    void checkFields(Map<String, String> later) {
        checkFields(later, Map.of());
    }

    /** As {@link #checkFields(Map)}; {@code misplaced}: fields that belong elsewhere, with the message to give. */
    void checkFields(Map<String, String> later, Map<String, String> misplaced) {
        for (Node k : badKeys) {
            error(YamlFile.at(file, k), "field names in " + label + " must be plain words, not " + describe(k));
        }
        for (Duplicate d : duplicates) {
            error(d.at(), "duplicate field '" + d.key() + "' in " + label + " (first written at line " + d.firstLine() + ")");
        }
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String key = e.getKey();
            if (fields.contains(key)) continue;
            Origin at = YamlFile.at(file, e.getValue().getKeyNode());
            if (misplaced.containsKey(key)) {
                error(at, misplaced.get(key));
            } else if (later.containsKey(key)) {
                error(at, "'" + key + "' is not supported yet (issue: " + later.get(key) + ")");
            } else {
                error(at, "unknown field '" + key + "' in " + label + hint(key));
            }
        }
    }

    public void checkFields() {
        checkFields(Map.of());
    }

    /**
     * What to say after "unknown field": the close spelling; else where the field belongs (a field of a
     * sub-object written one level too high: 'publicAccess' belongs under 'endpoint:'); else the valid fields.
     */
    private String hint(String key) {
        String near = Names.didYouMean(key, fields);
        if (!near.isEmpty()) return near;
        Format.Section here = section();
        if (here != null) {
            for (Format.Field f : here.fields()) {
                Format.Section child = f.section() == null ? null : Format.section(f.section());
                if (child != null && child.names().contains(key)) {
                    String where = f.shape() == Format.Shape.OBJECT || f.shape() == Format.Shape.AZ_MAP
                            ? "'" + f.name() + ":'" : "an item of '" + f.name() + ":'";
                    return ": '" + key + "' belongs under " + where;
                }
            }
        }
        List<String> elsewhere = new ArrayList<>();
        for (Format.Section s : Format.sectionsWith(key)) if (s != here) elsewhere.add(s.title());
        String owners = elsewhere.isEmpty() ? "" : "; '" + key + "' is a field of " + String.join(", ", elsewhere.stream().distinct().toList());
        return " (expected one of: " + String.join(", ", fields) + ")" + owners;
    }

    /** The format section whose fields this object has (null for data mappings). */
    private Format.Section section() {
        for (Format.Section s : Format.sections()) if (s.names().equals(fields)) return s;
        return null;
    }
}
