package io.reachsim.aws.live;

/** The import could not start (no account id, output folder not writable); its message is for the user. */
public final class ImportException extends Exception {
    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
