package io.reachsim.cli;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.ServiceSet;
import io.reachsim.report.JsonReport;
import io.reachsim.report.SetReport;
import io.reachsim.sets.SetQuestion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reachsim reach}: every protocol and port (and source range) that gets from A to B, exactly. */
@Command(name = "reach",
        mixinStandardHelpOptions = true,
        description = {"Show exactly which protocols and ports get from A to B, per pair of endpoints.",
                "Protocols, ports and (from internet:*) source addresses are split into the classes no rule, ACL entry, "
                        + "route or listener tells apart, and one packet per class is traced: open ranges are listed with "
                        + "the rules that admit them, closed ranges grouped by their first blocker.",
                "",
                "Endpoints: everything trace accepts, and the selectors tag:KEY=VALUE (* matches anything in VALUE), "
                        + "tag:KEY, name:VALUE, sg:ID, vpc:ID, any, internet:* (every public internet address)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:something gets through on every pair", "1:nothing gets through on some pair",
                "2:bad input or usage", "3:internal error"})
final class ReachCommand implements Callable<Integer> {
    private final Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "N", description = "Scenario file or snapshot folder.")
    Path network;

    @Option(names = "--from", required = true, paramLabel = "A", description = "Where the traffic starts (endpoint or selector).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "B", description = "Where it is meant to go (endpoint or selector).")
    String to;

    @CommandLine.Mixin
    SetOptions.Scope scopeOptions = new SetOptions.Scope();

    @Option(names = "--json", description = "Print JSON: {\"pairs\": [{\"from\", \"to\", \"open\", \"openFrom\", \"closed\"}]}.")
    boolean json;

    ReachCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        ServiceSet scope = scopeOptions.of(spec.commandLine());
        Network net = main.loadNetwork(network, "nothing was asked.");
        if (net == null) return Main.BAD_INPUT;
        EndpointRef a;
        EndpointRef b;
        try {
            a = main.engine.endpoint(from, net);
            b = main.engine.endpoint(to, net);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        Expectation q = new Expectation("reach", a, b, Protocol.TCP, 0, Expectation.DEFAULT_SOURCE_PORT, -1, 4, true,
                List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN, scope, null);
        SetQuestion.Answer answer;
        try {
            answer = new SetQuestion(Fabric.compile(net)).answer(q);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        if (json) {
            JsonReport.write(SetReport.reachJson(answer.pairs()), out);
        } else {
            out.print(new SetReport(main.color()).reach(a.text(), b.text(), scope.toString(), answer.pairs()));
            out.flush();
        }
        boolean all = !answer.pairs().isEmpty() && answer.pairs().stream().noneMatch(p -> p.openSet().isEmpty());
        return all ? Main.OK : Main.FAILED;
    }
}
