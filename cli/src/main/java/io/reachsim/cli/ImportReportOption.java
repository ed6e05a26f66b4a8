package io.reachsim.cli;

import picocli.CommandLine.Option;

/** {@code --import-report}, shared by the commands that may read snapshot folders (run, trace, lint). */
final class ImportReportOption {
    @Option(names = "--import-report", description = "Print the whole import report of every snapshot folder read (what was "
            + "read per kind, what was skipped and why) on stderr, instead of one line and the first warnings.")
    boolean importReport;
}
