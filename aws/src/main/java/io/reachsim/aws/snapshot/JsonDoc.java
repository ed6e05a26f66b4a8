package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reachsim.model.Origin;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One JSON document of a snapshot, with the position of every object and array in it, so that what the
 * import report and errors say can point at file:line:column. Jackson's tree drops positions; this
 * builds the same tree from the token stream and remembers them.
 */
final class JsonDoc {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    final String file;
    final JsonNode root;
    final String account;
    final String region;
    private final Map<JsonNode, Origin> origins;

    JsonDoc(String file, JsonNode root, String account, String region, Map<JsonNode, Origin> origins) {
        this.file = file;
        this.root = root;
        this.account = account;
        this.region = region;
        this.origins = origins;
    }

    /** A document with no positions (built in memory, e.g. a baseline merged from several files). */
    static JsonDoc of(JsonNode root, String name, String account, String region) {
        return new JsonDoc(name, root, account, region, new IdentityHashMap<>());
    }

    /** Where {@code node} starts; the file alone when unknown. */
    Origin at(JsonNode node) {
        if (node instanceof Positioned p) return new Origin(file, p.line(), p.column());
        Origin o = node == null ? null : origins.get(node);
        return o != null ? o : new Origin(file, 0, 0);
    }

    // Parsed nodes carry their own position. A map from every node to an Origin was a third of the CPU of
    // loading a 133 MB snapshot (JFR: IdentityHashMap.put/resize), and an Origin per node its garbage.
    private interface Positioned {
        int line();

        int column();
    }

    private static final class PObject extends ObjectNode implements Positioned {
        private final int line, column;

        PObject(int line, int column) {
            super(JsonNodeFactory.instance, new FieldMap());
            this.line = line;
            this.column = column;
        }

        @Override public int line() { return line; }
        @Override public int column() { return column; }
    }

    private static final class PArray extends ArrayNode implements Positioned {
        private final int line, column;

        PArray(int line, int column) {
            super(JsonNodeFactory.instance);
            this.line = line;
            this.column = column;
        }

        @Override public int line() { return line; }
        @Override public int column() { return column; }
    }

    private static final class PText extends TextNode implements Positioned {
        private final int line, column;

        PText(String v, int line, int column) {
            super(v);
            this.line = line;
            this.column = column;
        }

        @Override public int line() { return line; }
        @Override public int column() { return column; }
    }

    private static final class PLong extends LongNode implements Positioned {
        private final int line, column;

        PLong(long v, int line, int column) {
            super(v);
            this.line = line;
            this.column = column;
        }

        @Override public int line() { return line; }
        @Override public int column() { return column; }
    }

    /** Thrown for malformed JSON, with the position and Jackson's reason without its location suffix. */
    static final class Malformed extends Exception {
        final Origin at;

        Malformed(Origin at, String reason) {
            super(reason);
            this.at = at;
        }
    }

    /**
     * Parses the bytes of a file. ASCII text (what the AWS CLI prints unless a name or tag holds other
     * characters) is parsed from the bytes as they are; other text is checked to be UTF-8 and decoded
     * first, so that columns count characters. Null: the bytes are not UTF-8.
     */
    static JsonDoc parse(String file, byte[] bytes, String account, String region) throws Malformed {
        if (ascii(bytes)) return parse(file, f -> f.createParser(bytes), account, region);
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
        return parse(file, text, account, region);
    }

    static JsonDoc parse(String file, String text, String account, String region) throws Malformed {
        return parse(file, f -> f.createParser(text), account, region);
    }

    private interface Source {
        JsonParser open(JsonFactory f) throws IOException;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** True when no byte has its high bit set, eight at a time. */
    static boolean ascii(byte[] b) {
        int i = 0;
        long any = 0;
        for (; i + 8 <= b.length; i += 8) any |= (long) LONGS.get(b, i);
        for (; i < b.length; i++) any |= b[i];
        return (any & 0x8080808080808080L) == 0;
    }

    private static JsonDoc parse(String file, Source source, String account, String region) throws Malformed {
        Map<JsonNode, Origin> origins = Map.of();
        try (JsonParser p = source.open(FACTORY)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new Malformed(new Origin(file, 1, 1), "the file is empty: expected a JSON object");
            JsonNode root = value(p, t, new String[STRINGS]);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new Malformed(origin(file, p.currentTokenLocation()), "unexpected content after the end of the JSON document");
            }
            return new JsonDoc(file, root, account, region, origins);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new Malformed(l == null ? new Origin(file, 1, 1) : origin(file, l), clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Malformed(new Origin(file, 1, 1), String.valueOf(e.getMessage()));
        }
    }

    /** Jackson's "[Source: REDACTED ...; line: 1, column: 13]" becomes "line 1, column 13". */
    static String clean(String message) {
        if (message == null) return "unreadable JSON";
        return message.replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .replace(" (for Array starting at ", " (for the array starting at ")
                .replace(" (for Object starting at ", " (for the object starting at ");
    }

    /** The same document, with the region its files belong to. */
    JsonDoc withRegion(String r) {
        return new JsonDoc(file, root, account, r, origins);
    }

    private static Origin origin(String file, JsonLocation l) {
        return new Origin(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Slots of the per-file cache of string values (a power of two). */
    private static final int STRINGS = 1 << 12;

    /**
     * The same short value ("available", "tcp", an AZ, a group id named by many rules) as one String: a
     * describe-* file repeats a few values millions of times, and each copy stayed live with the tree.
     * A direct-mapped cache: a collision only costs a copy.
     */
    private static String dedup(String s, String[] strings) {
        if (s.length() > 32) return s;
        int slot = s.hashCode() & (STRINGS - 1);
        String known = strings[slot];
        if (s.equals(known)) return known;
        strings[slot] = s;
        return s;
    }

    private static JsonNode value(JsonParser p, JsonToken t, String[] strings) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonLocation l = p.currentTokenLocation();
        // as origin(file, l) does
        int line = Math.max(1, l.getLineNr()), column = Math.max(1, l.getColumnNr());
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = new PObject(line, column);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonNode v = value(p, p.nextToken(), strings);
                    o.set(name, v);
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = new PArray(line, column);
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) a.add(value(p, n, strings));
                return a;
            }
            case VALUE_STRING -> {
                return new PText(dedup(p.getText(), strings), line, column);
            }
            case VALUE_NUMBER_INT -> {
                return new PLong(p.getLongValue(), line, column);
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }
}
