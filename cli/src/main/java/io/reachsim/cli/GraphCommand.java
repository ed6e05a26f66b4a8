package io.reachsim.cli;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.report.topology.ComponentGraph;
import io.reachsim.report.topology.GraphExport;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Leg;
import io.reachsim.verdict.ExpectationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code reachsim graph}: the component graph of a network, for Graphviz, yEd, Gephi or a script. */
@Command(name = "graph",
        mixinStandardHelpOptions = true,
        description = {"Write a network's component graph: VPCs, availability zones, subnets, route tables, gateways, "
                + "peerings, transit gateways with their route tables and attachments, endpoints, load balancers, clusters.",
                "Edges are labelled: routes (table → target, with the destinations), associations, attachments, and "
                        + "'contains' from each region to what it holds.",
                "With --from and --to, only the components on that question's paths (request and reply) are written.",
                "",
                "Render DOT with Graphviz:   reachsim graph --network N | dot -Tsvg > network.svg",
                "Open GraphML in yEd or Gephi: reachsim graph --network N --format graphml > network.graphml"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input or usage", "3:internal error"})
final class GraphCommand implements Callable<Integer> {
    private final Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    GraphCommand(Main main) {
        this.main = main;
    }

    @Option(names = "--network", required = true, paramLabel = "N", description = "Scenario file or snapshot folder whose network to write.")
    Path network;

    @Option(names = "--format", paramLabel = "F", defaultValue = "dot", description = "dot (default), graphml or json.")
    String format;

    @Option(names = "--from", paramLabel = "A", description = "Keep only the components on the paths from A (an endpoint reference, as in trace) ...")
    String from;

    @Option(names = "--to", paramLabel = "B", description = "... to B.")
    String to;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "all", description = "With --from/--to: tcp, udp, icmp or all (default).")
    String protocol;

    @Option(names = "--port", paramLabel = "N", description = "With --from/--to: destination port (tcp, udp).")
    Integer port;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = main.terminal.err();
        GraphExport.Format fmt;
        try {
            fmt = GraphExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format '" + format + "': expected dot, graphml or json");
        }
        if ((from == null) != (to == null)) throw new CommandLine.ParameterException(spec.commandLine(), "--from and --to go together");
        Protocol proto;
        try {
            proto = Protocol.parse(protocol);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--protocol '" + protocol + "': expected tcp, udp, icmp or all");
        }
        if (from != null && proto.hasPorts() && port == null) throw new CommandLine.ParameterException(spec.commandLine(), "--port is required for " + proto);
        Network net = main.loadNetwork(network, "no graph was written.");
        if (net == null) return Main.BAD_INPUT;
        ComponentGraph graph = ComponentGraph.of(net);
        if (from != null) {
            ExpectationResult result;
            try {
                EndpointRef a = main.engine.endpoint(from, net);
                EndpointRef b = main.engine.endpoint(to, net);
                int version = TraceCommand.ipVersion(null, proto, a, b, net);
                if (proto == Protocol.ICMPV6) proto = Protocol.ICMP;
                Expectation question = new Expectation("graph", a, b, proto, proto.hasPorts() ? port : null,
                        Expectation.DEFAULT_SOURCE_PORT, proto == Protocol.ICMP ? 8 : -1, version, true, List.of(), List.of(),
                        List.of(), null, true, Origin.UNKNOWN);
                result = main.engine.check(net, question);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.flush();
                return Main.BAD_INPUT;
            }
            Set<String> on = new LinkedHashSet<>();
            for (FlowResult f : result.flows()) {
                for (Leg leg : Leg.values()) on.addAll(graph.path(f, leg));
            }
            graph = graph.restrictTo(on);
        }
        try {
            if (output == null) {
                PrintWriter out = main.terminal.out();
                new GraphExport().write(graph, fmt, out);
                out.flush();
            } else {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                try (var w = Files.newBufferedWriter(output)) {
                    new GraphExport().write(graph, fmt, w);
                }
            }
        } catch (java.io.IOException e) {
            err.println("cannot write graph: " + RunCommand.describe(e));
            err.flush();
            return Main.BAD_INPUT;
        }
        return Main.OK;
    }
}
