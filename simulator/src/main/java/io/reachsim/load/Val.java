package io.reachsim.load;

import io.reachsim.model.Origin;

/** A value read from a file, with where it was written (for error messages). */
public record Val<T>(T v, Origin at) {
    @Override
    public String toString() {
        return String.valueOf(v);
    }
}
