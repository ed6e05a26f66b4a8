package io.reachsim.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --json FILE}, shared by run, verify, diff and crosscheck: also write JSON to FILE, or print it ('-'). */
final class JsonFileOption {
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE ('-': print JSON instead of the text).")
    String json;

    /** True when JSON replaces the text on standard output. */
    boolean toStdout() {
        return "-".equals(json);
    }

    /** The file to write JSON to besides the text, or null. */
    Path file() {
        return json == null || toStdout() ? null : Path.of(json);
    }
}
