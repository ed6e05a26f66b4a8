package io.reachsim.aws.live;

/** Told as an import goes, for a progress display. Called on the importing thread. */
public interface ImportListener {
    /** The account the credentials belong to, from STS GetCallerIdentity, before anything else is read. */
    default void account(String account, String region) {
    }

    /** A call starts ({@code parent} null for account-wide lists). */
    default void started(String service, String api, String parent) {
    }

    /** Another page of the current call was read. */
    default void page(int pages, int items) {
    }

    default void finished(ApiCall call) {
    }

    ImportListener NONE = new ImportListener() { };
}
