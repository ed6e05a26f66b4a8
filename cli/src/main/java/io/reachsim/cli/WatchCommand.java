package io.reachsim.cli;

import io.reachsim.feed.SnapshotBaselines;
import io.reachsim.feed.WatchOptions;
import io.reachsim.feed.WatchService;
import io.reachsim.model.Scenario;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code reachsim watch}: the Kafka Streams service that re-checks expectations when CloudTrail reports
 * a network change (README "Watching for changes").
 */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        description = {"Re-check the expectations of scenario files whenever the network changes.",
                "Reads EventBridge \"AWS API Call via CloudTrail\" events (EC2 route, route table, security group, "
                        + "network ACL, NAT and internet gateway, transit gateway route changes; EKS UpdateClusterConfig) "
                        + "from Kafka, applies them to the scenarios' networks, re-traces only the flows a change can "
                        + "affect and writes each flipped verdict as JSON to the verdicts topic; unreadable or "
                        + "inapplicable events go to the dead-letter topic with the reason. Records on the baselines "
                        + "topic, keyed ACCOUNT/REGION, replace those networks with a fresh snapshot document. "
                        + "Exactly-once; instances with the same --application-id share the work. Runs until stopped (Ctrl-C)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad input or usage (scenario errors, a bad --bootstrap-servers)",
                "3:internal error, or the service failed"})
final class WatchCommand implements java.util.concurrent.Callable<Integer> {
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");

    private final Main main;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            description = "Kafka brokers to connect to (comma-separated HOST:PORT list).")
    String bootstrapServers;

    @Option(names = "--events", paramLabel = "TOPIC", defaultValue = WatchOptions.EVENTS,
            description = "Topic of CloudTrail change events (default: ${DEFAULT-VALUE}).")
    String events;

    @Option(names = "--baselines", paramLabel = "TOPIC", defaultValue = WatchOptions.BASELINES,
            description = "Topic of snapshot documents keyed ACCOUNT/REGION (default: ${DEFAULT-VALUE}).")
    String baselines;

    @Option(names = "--verdicts", paramLabel = "TOPIC", defaultValue = WatchOptions.VERDICTS,
            description = "Topic the verdict changes are written to (default: ${DEFAULT-VALUE}).")
    String verdicts;

    @Option(names = "--dead-letters", paramLabel = "TOPIC", defaultValue = WatchOptions.DEAD_LETTERS,
            description = "Topic for events that cannot be read or applied, with the reason (default: ${DEFAULT-VALUE}).")
    String deadLetters;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = WatchOptions.APPLICATION_ID,
            description = "Kafka Streams application id; instances with the same id share the partitions (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Folder for local state (restored from Kafka when lost; default: a reachsim-watch folder in the temp folder).")
    Path stateDir;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = WatchService.COMMIT_INTERVAL_MS,
            description = "How often verdicts are committed (exactly once); most of an event's latency (default: ${DEFAULT-VALUE}).")
    int commitIntervalMs;

    @Option(names = "--checkpoint-events", paramLabel = "N",
            description = "A network's change log becomes a checkpoint after N changes (default: 250), so a restart replays at most N.")
    Integer checkpointEvents;

    @Option(names = "--checkpoint-interval-s", paramLabel = "SECONDS",
            description = "...or after this many seconds with changes pending (default: 600).")
    Integer checkpointIntervalS;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders whose expectations to watch.")
    List<Path> paths = new ArrayList<>();

    WatchCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = main.terminal.err();
        if (!HOST_PORT.matcher(bootstrapServers).matches()) {
            err.println("reachsim watch: --bootstrap-servers '" + bootstrapServers + "' is not HOST:PORT[,HOST:PORT...] (e.g. localhost:9092)");
            err.flush();
            return Main.BAD_INPUT;
        }
        List<Scenario> scenarios = main.loadScenarios(paths, "nothing is watched.");
        if (scenarios == null) return Main.BAD_INPUT;
        Path dir = stateDir != null ? stateDir : Path.of(System.getProperty("java.io.tmpdir"), "reachsim-watch");
        if (commitIntervalMs < 1 || (checkpointEvents != null && checkpointEvents < 1)
                || (checkpointIntervalS != null && checkpointIntervalS < 1)) {
            err.println("reachsim watch: --commit-interval-ms, --checkpoint-events and --checkpoint-interval-s must be positive");
            err.flush();
            return Main.BAD_INPUT;
        }
        Map<String, String> overrides = new java.util.HashMap<>();
        overrides.put(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(commitIntervalMs));
        if (checkpointEvents != null) overrides.put(WatchService.CHECKPOINT_EVENTS, checkpointEvents.toString());
        if (checkpointIntervalS != null) overrides.put(WatchService.CHECKPOINT_INTERVAL_MS, Long.toString(checkpointIntervalS * 1000L));
        WatchOptions options = new WatchOptions(bootstrapServers, events, baselines, verdicts, deadLetters, applicationId, dir, overrides);
        int expectations = scenarios.stream().mapToInt(s -> s.expectations().size()).sum();
        WatchService service = new WatchService(options, scenarios, new SnapshotBaselines());
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] failed = {false};
        service.streams().setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && before != KafkaStreams.State.RUNNING) {
                err.println("watching " + expectations + " expectations of " + scenarios.size() + " scenarios: " + events + " → "
                        + verdicts + " (dead letters: " + deadLetters + "); Ctrl-C stops");
                err.flush();
            }
            if (now == KafkaStreams.State.ERROR) failed[0] = true;
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) stopped.countDown();
        });
        Thread hook = new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "reachsim-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.start();
        } catch (IllegalStateException e) {
            err.println("reachsim watch: " + e.getMessage());
            err.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            service.close();
            return Main.BAD_INPUT;
        }
        stopped.await();
        err.println("stopped: " + service.summary());
        err.flush();
        return failed[0] ? Main.INTERNAL_ERROR : Main.OK;
    }
}
