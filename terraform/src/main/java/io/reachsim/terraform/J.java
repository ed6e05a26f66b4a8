package io.reachsim.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value that knows where it was written (line and column, 1-based), so that every error about a
 * plan can point at the value. Read with Jackson's streaming parser; a tree of these is what the rest of
 * the module walks. Absent values are {@link #MISSING}, never null, so look-ups chain.
 */
final class J {
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

    static final J MISSING = new J(Kind.MISSING, null, 0, 0);
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();

    final Kind kind;
    /** Map&lt;String, J&gt; for objects, List&lt;J&gt; for arrays, String for strings and numbers, Boolean. */
    private final Object value;
    final int line;
    final int column;

    private J(Kind kind, Object value, int line, int column) {
        this.kind = kind;
        this.value = value;
        this.line = line;
        this.column = column;
    }

    /** A value made by the importer (not read from the file), placed at {@code at}. */
    static J string(String s, J at) {
        return new J(Kind.STRING, s, at.line, at.column);
    }

    /** Thrown for input that is not JSON, with where the parser stopped. */
    static final class Malformed extends Exception {
        final int line;
        final int column;

        Malformed(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    static J parse(InputStream in) throws IOException, Malformed {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new Malformed("the file is empty", 1, 1);
            J root = read(p, t);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new Malformed("more JSON after the end of the document", l.getLineNr(), l.getColumnNr());
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "unreadable input" : e.getOriginalMessage().replaceAll("\\s+", " ");
            throw new Malformed(msg, l == null ? 1 : Math.max(1, l.getLineNr()), l == null ? 1 : Math.max(1, l.getColumnNr()));
        }
    }

    private static J read(JsonParser p, JsonToken t) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, J> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                }
                return new J(Kind.OBJECT, m, line, col);
            }
            case START_ARRAY -> {
                List<J> a = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) a.add(read(p, n));
                return new J(Kind.ARRAY, a, line, col);
            }
            case VALUE_STRING -> {
                return new J(Kind.STRING, p.getText(), line, col);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new J(Kind.NUMBER, p.getText(), line, col);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new J(Kind.BOOLEAN, t == JsonToken.VALUE_TRUE, line, col);
            }
            default -> {
                return new J(Kind.NULL, null, line, col);
            }
        }
    }

    // ---------------------------------------------------------------- access

    boolean isObject() { return kind == Kind.OBJECT; }
    boolean isArray() { return kind == Kind.ARRAY; }
    boolean isString() { return kind == Kind.STRING; }
    boolean isMissing() { return kind == Kind.MISSING; }
    /** Missing or JSON null. */
    boolean absent() { return kind == Kind.MISSING || kind == Kind.NULL; }

    @SuppressWarnings("unchecked")
    Map<String, J> fields() {
        return kind == Kind.OBJECT ? (Map<String, J>) value : Collections.emptyMap();
    }

    @SuppressWarnings("unchecked")
    List<J> items() {
        return kind == Kind.ARRAY ? (List<J>) value : Collections.emptyList();
    }

    J get(String key) {
        if (kind != Kind.OBJECT) return MISSING;
        J v = fields().get(key);
        return v == null ? MISSING : v;
    }

    J get(int i) {
        List<J> l = items();
        return i >= 0 && i < l.size() ? l.get(i) : MISSING;
    }

    /** The text of a string, number or boolean; null otherwise. */
    String text() {
        return switch (kind) {
            case STRING, NUMBER -> (String) value;
            case BOOLEAN -> value.toString();
            default -> null;
        };
    }

    /** A non-empty string's text, else null (the AWS provider writes "" for an unset string). */
    String str() {
        String s = text();
        return s == null || s.isEmpty() ? null : s;
    }

    boolean bool(boolean dflt) {
        if (kind == Kind.BOOLEAN) return (Boolean) value;
        if (kind == Kind.STRING) return Boolean.parseBoolean((String) value);
        return dflt;
    }

    Boolean boolOrNull() {
        if (kind == Kind.BOOLEAN) return (Boolean) value;
        return null;
    }

    /** The value as JSON text, short, for messages ("before → after"). */
    String show() {
        StringBuilder b = new StringBuilder();
        show(b);
        return b.length() > 120 ? b.substring(0, 117) + "..." : b.toString();
    }

    private void show(StringBuilder b) {
        switch (kind) {
            case STRING -> b.append('"').append(value).append('"');
            case NUMBER, BOOLEAN -> b.append(value);
            case NULL, MISSING -> b.append("null");
            case ARRAY -> {
                b.append('[');
                List<J> l = items();
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(", ");
                    l.get(i).show(b);
                    if (b.length() > 200) break;
                }
                b.append(']');
            }
            case OBJECT -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<String, J> e : fields().entrySet()) {
                    if (!first) b.append(", ");
                    first = false;
                    b.append(e.getKey()).append(": ");
                    e.getValue().show(b);
                    if (b.length() > 200) break;
                }
                b.append('}');
            }
        }
    }

    /** Structural equality of two values (positions ignored). */
    boolean sameAs(J o) {
        if (absent() && o.absent()) return true;
        if (kind != o.kind) return false;
        return switch (kind) {
            case OBJECT -> {
                Map<String, J> a = fields();
                Map<String, J> b = o.fields();
                if (!a.keySet().equals(b.keySet())) yield false;
                for (var e : a.entrySet()) if (!e.getValue().sameAs(b.get(e.getKey()))) yield false;
                yield true;
            }
            case ARRAY -> {
                List<J> a = items();
                List<J> b = o.items();
                if (a.size() != b.size()) yield false;
                for (int i = 0; i < a.size(); i++) if (!a.get(i).sameAs(b.get(i))) yield false;
                yield true;
            }
            default -> value.equals(o.value);
        };
    }
}
