package io.reachsim.cli;

import io.reachsim.lint.LintReport;
import io.reachsim.lint.LintResult;
import io.reachsim.lint.Linter;
import io.reachsim.model.Scenario;
import io.reachsim.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reachsim lint PATH…}: EKS and VPC best-practice findings (docs/lint.md), most severe first. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Check the networks of scenario files and folders against the EKS best-practices guide on VPCs and subnets.",
                "Cluster subnets and AZs, load balancer subnet tags, a NAT gateway per AZ, endpoint access, the endpoints a "
                        + "private cluster needs, IP capacity at each node group's maxSize, overlapping connected CIDRs and "
                        + "ENIConfigs. Each finding names the resource, the numbers, the guide's reason and a fix; "
                        + "docs/lint.md lists the rules. Files that import the same network report its findings once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no ERROR findings (warnings and infos do not fail)", "1:at least one ERROR finding",
                "2:bad input or usage", "3:internal error"})
final class LintCommand implements Callable<Integer> {
    private final Main main;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders (searched recursively for *.yaml, *.yml), or snapshot folders (JSON only).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print the findings as JSON instead of the table: "
            + "{\"findings\": [{file, files, severity, rule, resource, message, reason, fix}], \"errors\": N, \"warnings\": N, \"infos\": N}.")
    boolean json;

    @Mixin
    ImportReportOption importReport = new ImportReportOption();

    LintCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        List<Scenario> scenarios = main.loadScenarios(paths, "nothing was linted.");
        if (scenarios == null) return Main.BAD_INPUT;
        main.printImports(importReport.importReport);

        LintResult result = new Linter().lint(scenarios);
        if (json) {
            JsonReport.write(new LintReport(false).json(result), out);
        } else {
            out.print(new LintReport(main.color()).terminal(result));
            out.flush();
        }
        return result.hasErrors() ? Main.FAILED : Main.OK;
    }
}
