package io.reachsim.load;

import io.reachsim.model.Origin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects load errors of every file; the loader throws them together at the end. A set, because a
 * file imported by several scenarios is checked once per scenario and would otherwise repeat its errors.
 */
public final class Problems {
    private final Set<LoadError> errors = new LinkedHashSet<>();

    public void add(Origin at, String message) {
        errors.add(new LoadError(at, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    public List<LoadError> list() {
        return new ArrayList<>(errors);
    }

    public LoadException exception() {
        return new LoadException(list());
    }
}
