package io.reachsim.load;

import java.util.List;

/** Thrown when input files have errors; carries all of them, sorted by file and position. */
public final class LoadException extends Exception {
    private final List<LoadError> errors;

    public LoadException(List<LoadError> errors) {
        super(errors.size() + " error(s)");
        this.errors = errors.stream().sorted().toList();
    }

    public List<LoadError> errors() {
        return errors;
    }
}
