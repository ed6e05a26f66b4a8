package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.model.Scenario;
import io.reachsim.report.HtmlReport;
import io.reachsim.report.JUnitReport;
import io.reachsim.report.JsonReport;
import io.reachsim.report.TerminalReport;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code reachsim run PATH…}: every expectation of every scenario, as a table. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run scenario files and folders and print a table of the results.",
                "Folders are searched recursively for *.yaml and *.yml. The table has one line per expectation, "
                        + "and the failing flows under a failed one, with what would fix them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every expectation held", "1:an expectation failed", "2:bad input or usage", "3:internal error"})
final class RunCommand implements Callable<Integer> {
    /** Below this many scenarios a run is quick enough that a progress counter would only flicker. */
    static final int PROGRESS_THRESHOLD = 5;

    private final Main main;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders. A scenario's network.import may name a snapshot folder.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    JsonFileOption jsonOut = new JsonFileOption();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML to FILE, for CI test reports.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with each flow's path drawn to FILE.")
    Path html;

    @Mixin
    ImportReportOption importReport = new ImportReportOption();

    RunCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        List<Scenario> scenarios = main.loadScenarios(paths, "nothing was run.");
        if (scenarios == null) return Main.BAD_INPUT;
        main.printImports(importReport.importReport);

        Progress progress = main.terminal.stderrTty() && scenarios.size() >= PROGRESS_THRESHOLD
                ? new Progress(err, scenarios.size()) : null;
        Consumer<ScenarioResult> listener = progress != null ? progress : r -> { };
        SuiteResult result;
        try {
            result = main.engine.run(scenarios, listener);
        } finally {
            if (progress != null) progress.clear();
        }

        boolean jsonToStdout = jsonOut.toStdout();
        if (jsonToStdout) {
            JsonReport.write(new JsonReport().run(result), out);
        } else {
            out.print(new TerminalReport(main.color()).run(result));
            out.flush();
        }
        try {
            if (jsonOut.file() != null) {
                JsonNode doc = new JsonReport().run(result);
                writeFile(jsonOut.file(), os -> {
                    Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
                    JsonReport.write(doc, w);
                });
            }
            if (junit != null) writeFile(junit, os -> new JUnitReport().write(result, os));
            if (html != null) writeFile(html, os -> os.write(new HtmlReport().run(result).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            err.println("cannot write report: " + describe(e));
            err.flush();
            return Main.BAD_INPUT;
        }
        return result.passed() ? Main.OK : Main.FAILED;
    }

    /** "reports/x.xml: permission denied" rather than a bare exception name. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException a) return a.getFile() + ": permission denied";
        if (e instanceof java.nio.file.NoSuchFileException n) return n.getFile() + ": no such file or folder";
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeFile(Path file, Body body) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(file)) {
            body.write(os);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
