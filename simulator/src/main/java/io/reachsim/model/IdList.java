package io.reachsim.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list of records with an id, indexed by id on the first look-up. {@link Network}'s
 * {@code subnet(id)}, {@code instance(id)}, ... were linear scans: loading an XL scenario checks 100k
 * expectations' endpoints against 50k interfaces, which made loading quadratic. The index is built
 * lazily, so a network that is only compiled and traced never pays for it.
 */
final class IdList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> items;
    private final Function<T, String> id;
    private volatile Map<String, T> index;

    private IdList(List<T> items, Function<T, String> id) {
        this.items = items;
        this.id = id;
    }

    static <T> List<T> of(List<T> items, Function<T, String> id) {
        if (items instanceof IdList<T> l) return l;
        return new IdList<>(List.copyOf(items), id);
    }

    /** The first item with id {@code wanted} (as a linear scan would find), or null. */
    T byId(String wanted) {
        Map<String, T> m = index;
        if (m == null) {
            m = new HashMap<>(items.size() * 2);
            for (T t : items) m.putIfAbsent(id.apply(t), t);
            index = m;
        }
        return m.get(wanted);
    }

    @Override
    public T get(int i) {
        return items.get(i);
    }

    @Override
    public int size() {
        return items.size();
    }
}
