package io.reachsim.load;

import io.reachsim.model.Origin;

/** One problem in an input file: where, and a sentence naming the bad value and what was expected. */
public record LoadError(Origin origin, String message) implements Comparable<LoadError> {
    @Override
    public int compareTo(LoadError o) {
        int c = origin.file().compareTo(o.origin.file());
        if (c != 0) return c;
        c = Integer.compare(origin.line(), o.origin.line());
        return c != 0 ? c : Integer.compare(origin.column(), o.origin.column());
    }

    @Override
    public String toString() {
        return origin + "  " + message;
    }
}
