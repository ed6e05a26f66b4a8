package io.reachsim.aws.live;

import java.nio.file.Path;
import java.util.List;

/** The result of {@code reachsim import aws}: where the snapshot went and what every call did. */
public record ImportReport(String account, String region, Path folder, List<ApiCall> calls) {
    /**
     * The record of the calls, in the account/region folder beside the files they wrote (so imports of
     * several regions into one folder keep theirs). Hidden, because snapshot readers skip hidden files: it
     * is about the import, not a describe-* output.
     */
    public static final String FILE = ".import-aws.json";

    public ImportReport {
        calls = List.copyOf(calls);
    }

    public List<ApiCall> failures() {
        return calls.stream().filter(c -> c.outcome() != ApiCall.Outcome.OK).toList();
    }

    /** True when some API could not be read, so the snapshot lacks what it would have returned. */
    public boolean partial() {
        return !failures().isEmpty();
    }
}
