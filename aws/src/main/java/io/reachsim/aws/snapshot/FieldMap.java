package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one parsed JSON object, in document order, in two arrays. A describe-* object has a
 * handful of fields; a LinkedHashMap per object (an entry of 40 bytes per field and a table of 16) made
 * the tree of a 133 MB snapshot about ten times the file, and copying it the garbage collector's main
 * work. Lookup scans the keys: the parser hands out canonical (interned) field names, so most
 * comparisons are by identity.
 */
final class FieldMap extends AbstractMap<String, JsonNode> {
    private String[] keys = new String[4];
    private JsonNode[] values = new JsonNode[4];
    private int size;

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) if (keys[i] == key) return i;
        if (key == null) return -1;
        for (int i = 0; i < size; i++) if (keys[i].equals(key)) return i;
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        int i = indexOf(key);
        if (i >= 0) {
            JsonNode old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        int i = indexOf(key);
        if (i < 0) return null;
        JsonNode old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, JsonNode> next() {
                        if (next >= size) throw new NoSuchElementException();
                        int i = last = next++;
                        return new SimpleEntry<>(keys[i], values[i]) {
                            @Override
                            public JsonNode setValue(JsonNode v) {
                                values[i] = v;
                                return super.setValue(v);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) throw new IllegalStateException();
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }
        };
    }
}
