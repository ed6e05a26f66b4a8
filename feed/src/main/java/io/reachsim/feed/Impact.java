package io.reachsim.feed;

import io.reachsim.model.Cidr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model change can have affected: a flow must be traced again when its previous trace touched
 * one of {@code components}, or looked up a destination in a route table that one of {@code routes}'
 * blocks covers (a new, replaced or deleted route that could win or lose that lookup), or when
 * {@code everything} (a new baseline).
 */
public record Impact(Set<String> components, Map<String, List<Cidr>> routes, boolean everything) {
    public static final Impact NONE = new Impact(Set.of(), Map.of(), false);
    public static final Impact EVERYTHING = new Impact(Set.of(), Map.of(), true);

    public Impact {
        components = Set.copyOf(components);
        routes = Map.copyOf(routes);
    }

    public boolean isEmpty() {
        return !everything && components.isEmpty() && routes.isEmpty();
    }

    /** Accumulates an impact while a change is applied. */
    static final class Builder {
        final Set<String> components = new HashSet<>();
        final Map<String, List<Cidr>> routes = new HashMap<>();

        Builder component(String id) {
            if (id != null) components.add(id);
            return this;
        }

        Builder route(String table, Cidr block) {
            routes.computeIfAbsent(table, k -> new java.util.ArrayList<>()).add(block);
            return this;
        }

        Impact build() {
            Map<String, List<Cidr>> r = new HashMap<>();
            routes.forEach((k, v) -> r.put(k, List.copyOf(v)));
            return new Impact(components, r, false);
        }
    }
}
