package io.reachsim.feed;

/**
 * An input record after its first look: either a change for one watched network (keyed by the
 * network's id) or a dead letter.
 */
record Parsed(LogEntry entry, String deadLetter) {
    static Parsed routed(LogEntry entry) {
        return new Parsed(entry, null);
    }

    static Parsed dead(String json) {
        return new Parsed(null, json);
    }

    boolean isDead() {
        return deadLetter != null;
    }
}
