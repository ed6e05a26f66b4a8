package io.reachsim.cli;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Network;
import io.reachsim.model.ServiceSet;
import io.reachsim.report.JsonReport;
import io.reachsim.report.SetReport;
import io.reachsim.sets.Exposure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reachsim exposure}: everything reachable from the internet (or one external network), riskiest first. */
@Command(name = "exposure",
        mixinStandardHelpOptions = true,
        description = {"List everything reachable from the internet (or an external network): each instance and interface, "
                + "internet-facing load balancer and public EKS API endpoint, with its open ranges, the source ranges "
                + "and the gateway and rules that admit them.",
                "Riskiest first: administration and database ports open to every internet address, then to some, then the rest."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing in --deny is open", "1:something in --deny is open", "2:bad input or usage", "3:internal error"})
final class ExposureCommand implements Callable<Integer> {
    private final Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "N", description = "Scenario file or snapshot folder.")
    Path network;

    @Option(names = "--from", paramLabel = "internet:*|external:ID", defaultValue = "internet:*",
            description = "Where the traffic comes from (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--deny", paramLabel = "SET", description = "Exit 1 when any of these is open, e.g. tcp/22,tcp/3389.")
    String deny;

    @CommandLine.Mixin
    SetOptions.Scope scopeOptions = new SetOptions.Scope();

    @Option(names = "--json", description = "Print JSON: {\"targets\", \"exposed\", \"findings\": [{\"target\", \"members\", \"open\", \"sources\", \"rules\", \"risk\", \"denied\"}]}.")
    boolean json;

    ExposureCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        ServiceSet scope = scopeOptions.of(spec.commandLine());
        ServiceSet denied = null;
        if (deny != null) {
            try {
                denied = ServiceSet.parseList(deny);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--deny '" + deny + "': " + e.getMessage());
            }
        }
        Network net = main.loadNetwork(network, "nothing was asked.");
        if (net == null) return Main.BAD_INPUT;
        EndpointRef source = null;
        if (!from.equals("internet:*")) {
            try {
                source = main.engine.endpoint(from, net);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.flush();
                return Main.BAD_INPUT;
            }
            if (!(source instanceof EndpointRef.ExternalRef)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from '" + from + "': expected internet:* or external:ID");
            }
        }
        Fabric fabric = Fabric.compile(net);
        SetOptions.Counter counter = new SetOptions.Counter(err, main.terminal.stderrTty(), "tracing classes of interfaces",
                net.networkInterfaces().size());
        Exposure.Result r = Exposure.compute(fabric, source, scope, counter::accept);
        counter.clear();
        if (json) {
            JsonReport.write(SetReport.exposureJson(r, denied), out);
        } else {
            out.print(new SetReport(main.color()).exposure(r, denied, from));
        }
        List<Exposure.Finding> bad = denied == null ? List.of() : Exposure.denied(r, denied);
        if (!json && !bad.isEmpty()) {
            Exposure.Finding f = bad.get(0);
            out.println();
            out.println("exit 1: " + f.services().intersect(denied) + " is open to " + (f.sources() == null ? from : f.sources())
                    + " on " + f.target() + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : ""));
        }
        out.flush();
        return bad.isEmpty() ? Main.OK : Main.FAILED;
    }
}
