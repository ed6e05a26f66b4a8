package io.reachsim.feed;

/** An event that cannot be parsed or applied; the message is the reason written to the dead-letter topic. */
public final class BadEventException extends Exception {
    public BadEventException(String reason) {
        super(reason);
    }
}
