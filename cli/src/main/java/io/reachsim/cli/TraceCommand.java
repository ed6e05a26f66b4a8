package io.reachsim.cli;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.report.JsonReport;
import io.reachsim.report.TerminalReport;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reachsim trace}: one question, hop by hop, with the rule that decided and a fix. */
@Command(name = "trace",
        mixinStandardHelpOptions = true,
        description = {"Trace one question through a network, hop by hop.",
                "Shows every flow the question expands to, the rule or route each hop matched, and on a drop the "
                        + "explanation code and what would fix it.",
                "",
                "Endpoints: instance:ID, eni:ID, subnet:ID, ip:ADDR, internet, internet:ADDR, external:ID, "
                        + "nodes:CLUSTER/GROUP, pods:CLUSTER/GROUP[/POLICY], eks-api:CLUSTER, aws:SERVICE, "
                        + "lb:ID, vpce:ID, lattice:SERVICE (destinations only) (a bare id is accepted when it is unique)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every flow was delivered", "1:a flow was dropped", "2:bad input or usage", "3:internal error"})
final class TraceCommand implements Callable<Integer> {
    private final Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "N", description = "Scenario file or snapshot folder (the JSON of AWS CLI describe-* commands) whose network to trace.")
    Path network;

    @Option(names = "--from", required = true, paramLabel = "A", description = "Where the traffic starts (an endpoint reference).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "B", description = "Where it is meant to go (an endpoint reference).")
    String to;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "tcp",
            description = "tcp (default), udp, icmp or all.")
    String protocol;

    @Option(names = "--port", paramLabel = "N", description = "Destination port; required for tcp and udp.")
    Integer port;

    @Option(names = "--source-port", paramLabel = "N", defaultValue = "" + Expectation.DEFAULT_SOURCE_PORT,
            description = "The client's source port, where replies go (default: ${DEFAULT-VALUE}).")
    int sourcePort;

    @Option(names = "--icmp-type", paramLabel = "N", description = "ICMP type (default 8, echo request; on IPv6 it means ICMPv6 echo request).")
    Integer icmpType;

    @Option(names = "--ip-version", paramLabel = "4|6", description = "Address family (default: 6 when an endpoint is an IPv6 address, else 4).")
    Integer ipVersion;

    @Option(names = "--one-way", description = "Check the forward path only, not the reply.")
    boolean oneWay;

    @Option(names = "--json", description = "Print JSON (one object) instead of the hop-by-hop view.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page with the network drawn and each flow's path on it to FILE.")
    Path html;

    @Mixin
    ImportReportOption importReport = new ImportReportOption();

    TraceCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        Protocol proto = protocol();
        checkPorts(proto);

        Network net = main.loadNetwork(network, "nothing was traced.");
        if (net == null) return Main.BAD_INPUT;
        main.printImports(importReport.importReport);
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

        int version = ipVersion(proto, a, b, net);
        if (proto == Protocol.ICMPV6) proto = Protocol.ICMP; // expectations say icmp; the family picks icmpv6
        // ICMP types are given as on IPv4 (8 = echo request); the flow expander maps them to ICMPv6 (128).
        int type = proto == Protocol.ICMP ? (icmpType != null ? icmpType : 8) : -1;
        Expectation question = new Expectation("trace", a, b, proto, proto.hasPorts() ? port : null, sourcePort, type,
                version, true, List.of(), List.of(), List.of(), null, !oneWay, Origin.UNKNOWN);

        ExpectationResult result;
        try {
            result = main.engine.check(net, question);
        } catch (IllegalArgumentException e) {
            // the question cannot be asked of this network (e.g. --ip-version 6 for a host without IPv6)
            err.println(e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        if (json) {
            JsonReport.write(new JsonReport().trace(result, net), out);
        } else {
            out.print(new TerminalReport(main.color()).trace(result, net));
            out.flush();
        }
        if (html != null) {
            try {
                Path parent = html.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(html, new io.reachsim.report.HtmlReport().trace(result, net, network.toString()));
            } catch (java.io.IOException e) {
                err.println("cannot write report: " + RunCommand.describe(e));
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        boolean delivered = !result.flows().isEmpty() && result.flows().stream().allMatch(FlowResult::delivered);
        return delivered ? Main.OK : Main.FAILED;
    }

    private Protocol protocol() {
        try {
            return Protocol.parse(protocol);
        } catch (IllegalArgumentException e) {
            throw usage("--protocol '" + protocol + "': expected tcp, udp, icmp or all");
        }
    }

    private void checkPorts(Protocol proto) {
        if (proto.hasPorts()) {
            if (port == null) throw usage("--port is required for " + proto);
            if (port < 1 || port > 65535) throw usage("--port " + port + ": expected 1-65535");
        } else if (port != null) {
            throw usage("--port does not apply to " + proto + (proto.isIcmp() ? " (use --icmp-type)" : ""));
        }
        if (sourcePort < 1 || sourcePort > 65535) throw usage("--source-port " + sourcePort + ": expected 1-65535");
        if (icmpType != null && !proto.isIcmp()) throw usage("--icmp-type applies only to icmp");
        if (icmpType != null && (icmpType < 0 || icmpType > 255)) throw usage("--icmp-type " + icmpType + ": expected 0-255");
        if (ipVersion != null && ipVersion != 4 && ipVersion != 6) throw usage("--ip-version " + ipVersion + ": expected 4 or 6");
        if (proto == Protocol.ICMPV6 && ipVersion != null && ipVersion == 4) throw usage("icmpv6 is IPv6 only");
    }

    /**
     * As given; else IPv6 when the question names an IPv6 address (or icmpv6), else the family of an IPv6
     * EKS cluster's nodes, pods or API (as scenario expectations do), else IPv4.
     */
    private int ipVersion(Protocol proto, EndpointRef a, EndpointRef b, io.reachsim.model.Network network) {
        return ipVersion(ipVersion, proto, a, b, network);
    }

    /** The address family of a question (shared with {@code graph --from --to}). */
    static int ipVersion(Integer given, Protocol proto, EndpointRef a, EndpointRef b, io.reachsim.model.Network network) {
        if (given != null) return given;
        if (proto == Protocol.ICMPV6 || isV6(a) || isV6(b)) return 6;
        for (EndpointRef r : new EndpointRef[] {a, b}) {
            Integer v = io.reachsim.load.EndpointRefs.clusterVersion(r, network);
            if (v != null) return v;
        }
        return 4;
    }

    private static boolean isV6(EndpointRef r) {
        Ip ip = r instanceof EndpointRef.IpRef i ? i.ip() : r instanceof EndpointRef.InternetRef n ? n.ip() : null;
        return ip != null && !ip.isV4();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
