package io.reachsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code reachsim import}: snapshots of real networks; today {@code import aws}. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Write a snapshot folder (the JSON of AWS CLI describe-* commands) from a live cloud account.",
                "The folder can then be used wherever a network is expected (run, trace, crosscheck, a scenario's network.import)."})
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The {@code import} command with its sources. */
    static CommandLine create(Main main) {
        return new CommandLine(new ImportCommand()).addSubcommand(new ImportAwsCommand(main));
    }

    /** {@code reachsim import} alone: say which sources there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.BAD_INPUT;
    }
}
