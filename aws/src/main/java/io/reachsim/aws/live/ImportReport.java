package io.reachsim.aws.live;

import java.nio.file.Path;
import java.util.List;

/** The result of {@code reachsim import aws}: where the snapshot went and what every call did. */
public record ImportReport(String account, String region, Path folder, List<ApiCall> calls) {
    /**
     * The report's own file, beside the account folders. Hidden, because snapshot readers skip hidden
     * files: it is about the import, not a describe-* output.
     */
    public static final String FILE = ".import-report.json";

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
