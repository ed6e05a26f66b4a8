package io.reachsim.cli;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Network;
import io.reachsim.model.ServiceSet;
import io.reachsim.report.JsonReport;
import io.reachsim.report.SetReport;
import io.reachsim.sets.Matrix;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reachsim matrix}: the open set between every pair of groups (VPCs, subnets, security groups or tag values). */
@Command(name = "matrix",
        mixinStandardHelpOptions = true,
        description = {"Show what gets through between every pair of groups of instances and interfaces: VPCs, subnets, "
                + "security groups or the values of a tag. Each cell is the union over the members of both groups.",
                "Members that share subnet, security groups, public-address status and address class answer alike and are "
                        + "traced once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad input or usage", "3:internal error"})
final class MatrixCommand implements Callable<Integer> {
    private final Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "N", description = "Scenario file or snapshot folder.")
    Path network;

    @Option(names = "--by", required = true, paramLabel = "vpc|subnet|sg|tag:KEY", description = "How to group members.")
    String by;

    @CommandLine.Mixin
    SetOptions.Scope scopeOptions = new SetOptions.Scope();

    @Option(names = "--json", paramLabel = "F", description = "Also write the matrix as JSON to F ('-' for stdout instead of the table).")
    String json;

    @Option(names = "--csv", paramLabel = "F", description = "Also write from,to,open lines to F ('-' for stdout).")
    String csv;

    @Option(names = "--html", paramLabel = "F", description = "Also write a self-contained heat map page to F.")
    Path html;

    MatrixCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        ServiceSet scope = scopeOptions.of(spec.commandLine());
        if (!(by.equals("vpc") || by.equals("subnet") || by.equals("sg") || by.startsWith("tag:") && by.length() > 4)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by '" + by + "': expected vpc, subnet, sg or tag:KEY");
        }
        Network net = main.loadNetwork(network, "nothing was asked.");
        if (net == null) return Main.BAD_INPUT;
        Matrix.Result m;
        SetOptions.Counter counter = new SetOptions.Counter(err, main.terminal.stderrTty(), "matrix rows", 0);
        try {
            m = Matrix.compute(Fabric.compile(net), by, scope, counter::accept);
        } catch (IllegalArgumentException e) {
            counter.clear();
            err.println(e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        counter.clear();
        boolean table = true;
        if (json != null) {
            if (json.equals("-")) {
                JsonReport.write(SetReport.matrixJson(m, by), out);
                table = false;
            } else {
                Files.writeString(Path.of(json), JsonReport.toText(SetReport.matrixJson(m, by)));
            }
        }
        if (csv != null) {
            if (csv.equals("-")) {
                out.print(SetReport.matrixCsv(m));
                table = false;
            } else {
                Files.writeString(Path.of(csv), SetReport.matrixCsv(m));
            }
        }
        if (html != null) Files.writeString(html, SetReport.matrixHtml(m, by, "reachsim matrix — " + network.getFileName()));
        if (table) out.print(new SetReport(main.color()).matrix(m, by));
        out.flush();
        return Main.OK;
    }
}
