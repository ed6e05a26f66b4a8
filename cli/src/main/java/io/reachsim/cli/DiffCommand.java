package io.reachsim.cli;

import io.reachsim.load.LoadException;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.report.DiffReport;
import io.reachsim.report.JsonReport;
import io.reachsim.verdict.NetworkDiff;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code reachsim diff}: the same questions asked of a network before and after a change. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {"What a change makes reachable or unreachable.",
                "Asks the same expectations of the network before and after the change and lists what differs: "
                        + "expectations that now fail, those it fixes, and flows that are delivered, dropped or routed "
                        + "differently. The questions are the expectations of PATH (scenario files or folders); without "
                        + "PATH, those written in the before and after files themselves."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no expectation that held before fails after the change",
                "1:an expectation that held before fails after the change",
                "2:bad input or usage", "3:internal error"})
final class DiffCommand implements Callable<Integer> {
    private final Main main;

    @Option(names = "--before", paramLabel = "N1", description = "The network as it is: a scenario file, snapshot folder or Terraform state JSON.")
    Path before;

    @Option(names = "--after", paramLabel = "N2", description = "The network after the change: a scenario file, snapshot folder or Terraform JSON.")
    Path after;

    @Option(names = "--plan", paramLabel = "PLAN", description = "Instead of --before/--after: a saved Terraform plan as JSON "
            + "('terraform show -json p'); before is its prior state, after its planned values.")
    Path plan;

    @Option(names = "--base", paramLabel = "SNAP", description = "With --plan: the snapshot folder (or state JSON) both sides are laid on.")
    Path base;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Scenario files or folders whose expectations to ask of both networks.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    JsonFileOption jsonOut = new JsonFileOption();

    DiffCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        if (plan != null || base != null) return PlanDiff.run(this, main, out, err);
        if (before == null || after == null) {
            err.println("give --before and --after (two networks), or --plan (a saved Terraform plan as JSON); nothing was compared.");
            err.flush();
            return Main.BAD_INPUT;
        }
        for (Path p : List.of(before, after)) {
            if (!Files.exists(p)) {
                err.println(p + ": no such file or folder");
                err.println("nothing was compared.");
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        Network n1;
        Network n2;
        List<Expectation> questions;
        try {
            n1 = main.engine.loadNetwork(before);
            n2 = main.engine.loadNetwork(after);
        } catch (LoadException e) {
            Main.printLoadErrors(err, e, "nothing was compared.");
            return Main.BAD_INPUT;
        }
        if (paths.isEmpty()) {
            questions = ownExpectations();
            if (questions == null) return Main.BAD_INPUT;
        } else {
            List<Scenario> scenarios = main.loadScenarios(paths, "nothing was compared.");
            if (scenarios == null) return Main.BAD_INPUT;
            questions = new ArrayList<>();
            for (Scenario s : scenarios) questions.addAll(s.expectations());
        }
        if (questions.isEmpty()) {
            err.println("no expectations to compare: give scenario files as PATH, or write expectations in "
                    + before + " or " + after + "; nothing was compared.");
            err.flush();
            return Main.BAD_INPUT;
        }

        NetworkDiff.Result result = new NetworkDiff(n1, n2).compare(questions);
        boolean jsonToStdout = jsonOut.toStdout();
        if (jsonToStdout) {
            JsonReport.write(new DiffReport(false, n1, n2).json(result), out);
        } else {
            out.print(new DiffReport(main.color(), n1, n2).terminal(result, before.toString(), after.toString()));
            out.flush();
        }
        if (jsonOut.file() != null) {
            try {
                Path file = jsonOut.file();
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(file, JsonReport.toText(new DiffReport(false, n1, n2).json(result)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("cannot write report: " + RunCommand.describe(e));
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        return result.regressed() ? Main.FAILED : Main.OK;
    }

    /** The expectations written in the before and after files, each question once (the before file's wording first). */
    private List<Expectation> ownExpectations() {
        Map<String, Expectation> byQuestion = new LinkedHashMap<>();
        for (Path p : List.of(before, after)) {
            if (Files.isDirectory(p)) continue; // a snapshot folder holds no expectations
            List<Scenario> scenarios = main.loadScenarios(List.of(p), "nothing was compared.");
            if (scenarios == null) return null;
            for (Scenario s : scenarios) for (Expectation e : s.expectations()) byQuestion.putIfAbsent(key(e), e);
        }
        return new ArrayList<>(byQuestion.values());
    }

    private static String key(Expectation e) {
        return e.name() + "|" + e.from().text() + "|" + e.to().text() + "|" + e.protocol() + "|" + e.port() + "|"
                + e.icmpType() + "|" + e.ipVersion() + "|" + e.roundTrip();
    }

}
