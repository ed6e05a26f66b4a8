package io.reachsim.feed;

/**
 * An input record after its first look: either routed (the {@code account/region} key and the envelope
 * the re-check step reads) or a dead letter.
 */
record Parsed(String key, String envelope, String deadLetter) {
    static Parsed routed(String key, String envelope) {
        return new Parsed(key, envelope, null);
    }

    static Parsed dead(String json) {
        return new Parsed(null, null, json);
    }

    boolean isDead() {
        return deadLetter != null;
    }
}
