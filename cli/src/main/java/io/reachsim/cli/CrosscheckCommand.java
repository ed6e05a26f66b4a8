package io.reachsim.cli;

import io.reachsim.aws.crosscheck.CrossCheck;
import io.reachsim.aws.crosscheck.CrossCheckText;
import io.reachsim.aws.crosscheck.ReachabilityAnalyzer;
import io.reachsim.aws.crosscheck.Sleeper;
import io.reachsim.aws.live.AwsConnection;
import io.reachsim.load.LoadException;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reachsim crosscheck}: the same questions asked of AWS Reachability Analyzer, side by side. */
@Command(name = "crosscheck",
        mixinStandardHelpOptions = true,
        description = {"Ask AWS Reachability Analyzer the questions of scenario files and print its answer beside reachsim's.",
                "Each expectation whose endpoints the analyzer supports (instance:, eni:, vpce: ids; internet as a source, "
                        + "through the destination VPC's internet gateway; ip: and internet: addresses as destinations; tcp and udp) "
                        + "becomes one path and one analysis; the others are listed as skipped, with the reason. Disagreements are marked.",
                "The expectations' endpoints are read against --network, whose ids must be AWS's: a snapshot from "
                        + "'reachsim import aws', or a scenario file written with real ids.",
                "AWS charges per analysis (" + CrossCheck.PRICE_SOURCE + "). The cost is stated before anything is sent, "
                        + "and nothing is sent without --yes or --max-analyses. Every path and analysis created is deleted "
                        + "afterwards, also on failure or Ctrl-C; they carry the tag reachsim=crosscheck."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:AWS agreed on every analysis (or there was nothing to ask)", "1:reachsim and AWS disagree on an analysis",
                "2:bad input or usage, or no --yes / --max-analyses (nothing was sent)", "3:internal error"})
final class CrosscheckCommand implements Callable<Integer> {
    private final Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "N", description = "The network to check against: a snapshot folder or a scenario file, with AWS's ids.")
    Path network;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders whose expectations to cross-check.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--region", paramLabel = "R", description = "The AWS Region (default: the network's).")
    String region;

    @Option(names = "--profile", paramLabel = "P", description = "A profile of ~/.aws/config (default: the SDK's default credential chain).")
    String profile;

    @Option(names = "--role-arn", paramLabel = "A", description = "Assume this IAM role through STS for the analyses.")
    String roleArn;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send the EC2 calls to this endpoint instead of AWS's.")
    URI endpoint;

    @Option(names = "--yes", description = "Run every planned analysis (and pay for them).")
    boolean yes;

    @Option(names = "--max-analyses", paramLabel = "N", description = "Run at most N analyses (and pay for at most N); the rest are listed as skipped.")
    Integer maxAnalyses;

    @Mixin
    JsonFileOption jsonOut = new JsonFileOption();

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the analyses to finish (default: ${DEFAULT-VALUE}); still-running ones count as no answer.")
    int waitSeconds;

    CrosscheckCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        if (maxAnalyses != null && maxAnalyses < 1) throw usage("--max-analyses " + maxAnalyses + ": expected 1 or more");
        if (waitSeconds < 1) throw usage("--wait " + waitSeconds + ": expected 1 or more seconds");
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw usage("--endpoint-url '" + endpoint + "': expected a URL such as https://ec2.example.com");
        }
        if (!Files.exists(network)) {
            err.println(network + ": no such file or folder");
            err.println("nothing was sent to AWS.");
            err.flush();
            return Main.BAD_INPUT;
        }
        Network net;
        try {
            net = main.engine.loadNetwork(network);
        } catch (LoadException e) {
            Main.printLoadErrors(err, e, "nothing was sent to AWS.");
            return Main.BAD_INPUT;
        }
        main.printImports(false);
        List<Scenario> scenarios = main.loadScenarios(paths, "nothing was sent to AWS.");
        if (scenarios == null) return Main.BAD_INPUT;

        CrossCheck.Plan plan = CrossCheck.plan(net, scenarios);
        int limit = maxAnalyses != null ? maxAnalyses : Integer.MAX_VALUE;
        out.print(CrossCheckText.plan(plan, limit));
        out.flush();
        if (plan.planned().isEmpty()) {
            out.print(CrossCheckText.result(new CrossCheck.Result(List.of(), plan.skipped(), List.of(), List.of(), List.of())));
            out.println("nothing to ask Reachability Analyzer.");
            out.flush();
            return Main.OK;
        }
        if (!yes && maxAnalyses == null) {
            err.println("nothing was sent to AWS: this runs " + CrossCheck.cost(plan.planned().size())
                    + ". Add --yes to run them, or --max-analyses N to run at most N.");
            err.flush();
            return Main.BAD_INPUT;
        }

        String r = region != null ? region : net.region();
        CrossCheck.Result result;
        try (AwsConnection c = new AwsConnection(new AwsConnection.Settings(r, profile, roleArn, endpoint))) {
            ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(c.ec2(), Duration.ofSeconds(Math.min(2, waitSeconds)),
                    Duration.ofSeconds(waitSeconds), Sleeper.REAL);
            // Ctrl-C: the paths and analyses already created are still deleted.
            Thread hook = new Thread(analyzer::close, "reachsim-crosscheck-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                result = CrossCheck.run(plan, limit, analyzer, line -> {
                    err.println(line);
                    err.flush();
                });
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it deletes what is left
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("crosscheck: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        if (jsonOut.toStdout()) {
            out.print(io.reachsim.aws.crosscheck.CrossCheckJson.write(result));
        } else {
            out.print(CrossCheckText.result(result));
        }
        out.flush();
        if (jsonOut.file() != null) {
            try {
                Path file = jsonOut.file();
                if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, io.reachsim.aws.crosscheck.CrossCheckJson.write(result));
            } catch (java.io.IOException e) {
                err.println("cannot write report: " + RunCommand.describe(e));
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        return result.count(CrossCheck.Agreement.DISAGREE) > 0 ? Main.FAILED : Main.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
