package io.reachsim.cli;

import io.reachsim.load.SchemaWriter;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code reachsim schema}: the JSON Schema of the scenario format, generated from the loader's own field lists. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema (draft 2020-12) of the scenario format (reachsim/v1).",
                "Editors check scenario files against it when the file starts with "
                        + "'# yaml-language-server: $schema=PATH-OR-URL'; docs/reachsim-v1.schema.json is the same text.",
                "It checks field names and shapes; `reachsim run` still checks references, ranges and AWS rules."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed"})
final class SchemaCommand implements Callable<Integer> {
    private final Main main;

    SchemaCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        out.print(SchemaWriter.json());
        out.flush();
        return Main.OK;
    }
}
