package io.reachsim.model;

/** Where something was written: file, 1-based line and column. */
public record Origin(String file, int line, int column) {
    public static final Origin UNKNOWN = new Origin("", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
