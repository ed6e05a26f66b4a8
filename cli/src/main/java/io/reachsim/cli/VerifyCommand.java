package io.reachsim.cli;

import io.reachsim.load.LoadException;
import io.reachsim.model.Scenario;
import io.reachsim.probes.AgentClient;
import io.reachsim.probes.AgentsFile;
import io.reachsim.probes.Verifier;
import io.reachsim.probes.VerifyReport;
import io.reachsim.probes.VerifyResult;
import io.reachsim.verdict.SuiteResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reachsim verify --agents F PATH…}: expected, simulated and observed, side by side. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Confirm expectations live: every flow of every expectation is traced by the simulator and probed by "
                + "the agent that stands for its source (agents.yaml), from there to the flow's destination address and port.",
                "A row FAILs when what the agent saw is not what was expected, and DRIFTs when the simulation and the "
                        + "network disagree. Flows with no agent are listed as not probed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every probed flow met its expectation and agreed with the simulation",
                "1:a flow failed, drifted, or its agent could not answer",
                "2:bad input or usage (or no flow maps to an agent)", "3:internal error"})
final class VerifyCommand implements Callable<Integer> {
    private final Main main;

    @Option(names = "--agents", required = true, paramLabel = "FILE",
            description = "agents.yaml: endpoint references (nodes:prod/workers, subnet:ID, instance:ID, …) mapped to agent URLs and tokens.")
    Path agents;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    JsonFileOption jsonOut = new JsonFileOption();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML to FILE (one test case per flow).")
    Path junit;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "Probes in flight at once across all agents (default ${DEFAULT-VALUE}).")
    int parallel;

    VerifyCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        if (parallel < 1) {
            err.println("--parallel must be at least 1, not " + parallel);
            err.flush();
            return Main.BAD_INPUT;
        }
        // Both inputs are checked before anything is probed, and their errors reported together.
        AgentsFile.Config agentList = null;
        LoadException agentErrors = null;
        try {
            agentList = AgentsFile.loadConfig(agents, main.terminal.env());
        } catch (LoadException e) {
            agentErrors = e;
        }
        List<Scenario> scenarios = main.loadScenarios(paths, "nothing was probed.");
        if (agentErrors != null) Main.printLoadErrors(err, agentErrors, "nothing was probed.");
        if (scenarios == null || agentErrors != null) return Main.BAD_INPUT;

        SuiteResult simulated = main.engine.run(scenarios, r -> { });
        VerifyResult result = new Verifier(agentList, new AgentClient()::probe, parallel).verify(simulated);
        VerifyReport report = new VerifyReport(main.color());

        if (jsonOut.toStdout()) {
            out.print(VerifyReport.toText(report.json(result)));
        } else {
            out.print(report.terminal(result));
        }
        out.flush();
        try {
            if (jsonOut.file() != null) {
                String text = VerifyReport.toText(new VerifyReport(false).json(result));
                write(jsonOut.file(), os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
            }
            if (junit != null) write(junit, os -> new VerifyReport(false).junit(result, os));
        } catch (IOException e) {
            err.println("cannot write report: " + RunCommand.describe(e));
            err.flush();
            return Main.BAD_INPUT;
        }
        if (result.probed() == 0) {
            err.println("no flow maps to an agent in " + agents + ": nothing was probed (map the expectations' sources: "
                    + "instance:ID, eni:ID, ip:ADDR, subnet:ID, external:ID, or the 'from' as written, e.g. nodes:prod/workers)");
            err.flush();
            return Main.BAD_INPUT;
        }
        return result.ok() ? Main.OK : Main.FAILED;
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(file)) {
            body.write(os);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
