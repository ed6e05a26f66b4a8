package io.reachsim.feed;

import io.reachsim.model.Scenario;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Runs the watch topology: creates missing topics, starts Kafka Streams, closes it. */
public final class WatchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchService.class);
    /** Partitions of topics the service creates (more partitions: more instances can share the work). */
    public static final int PARTITIONS = 6;

    private final WatchOptions options;
    private final KafkaStreams streams;
    private final RecheckProcessor.Stats stats = new RecheckProcessor.Stats();

    public WatchService(WatchOptions options, List<Scenario> scenarios, BaselineReader reader) {
        this.options = options;
        this.streams = new KafkaStreams(WatchTopology.build(options, new WatchedNetworks(scenarios), reader, stats,
                checkpoints(options)), properties(options));
    }

    /** The default commit interval (ms); an override of {@code commit.interval.ms} replaces it. */
    public static final String COMMIT_INTERVAL_MS = "20";

    /** Overrides that are the service's own, not Kafka Streams': when a network's log becomes a checkpoint. */
    public static final String CHECKPOINT_EVENTS = "reachsim.checkpoint.events";
    public static final String CHECKPOINT_INTERVAL_MS = "reachsim.checkpoint.interval.ms";

    static RecheckProcessor.Checkpoints checkpoints(WatchOptions o) {
        RecheckProcessor.Checkpoints d = RecheckProcessor.Checkpoints.DEFAULT;
        String n = o.overrides().get(CHECKPOINT_EVENTS);
        String ms = o.overrides().get(CHECKPOINT_INTERVAL_MS);
        return new RecheckProcessor.Checkpoints(n == null ? d.everyEvents() : Integer.parseInt(n),
                ms == null ? d.every() : Duration.ofMillis(Long.parseLong(ms)));
    }

    /** Kafka Streams settings: exactly-once v2, String keys and values, the caller's overrides last. */
    public static Properties properties(WatchOptions o) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, o.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, o.stateDir().toString());
        // An event passes two exactly-once commits (before and after the repartition), and a verdict is
        // visible to read_committed consumers only once committed: the commit interval is most of the
        // latency. 20 ms instead of exactly-once's 100 ms default: measured p50 213 → 66 ms for about a
        // quarter less burst throughput (benchmarks/README.md, "The event feed").
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.putAll(o.overrides());
        p.remove(CHECKPOINT_EVENTS);
        p.remove(CHECKPOINT_INTERVAL_MS);
        return p;
    }

    /** Creates the four topics when missing, then starts processing. */
    public void start() throws InterruptedException {
        ensureTopics();
        streams.setUncaughtExceptionHandler(ex -> {
            LOG.error("stream thread failed; replacing it", ex);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Events applied so far (not counting duplicates) and flows traced of flows checked. */
    public String summary() {
        return stats.events.get() + " events, " + stats.duplicates.get() + " duplicates skipped, "
                + stats.traced.get() + " of " + stats.flows.get() + " flows re-traced, " + stats.rebuilds.get()
                + " network rebuilds (" + stats.replayed.get() + " changes replayed), " + stats.checkpoints.get() + " checkpoints, "
                + stats.replayFailures.get() + " replay failures (" + stats.corrected.get() + " verdicts corrected)";
    }

    private void ensureTopics() throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        // An unreachable broker is reported in seconds, not after the one-minute default.
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String t : List.of(options.eventsTopic(), options.baselinesTopic(), options.verdictsTopic(), options.deadLettersTopic())) {
                if (!existing.contains(t)) missing.add(new NewTopic(t, Optional.of(PARTITIONS), Optional.empty()));
            }
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get();
                LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics " + missing.stream().map(NewTopic::name).toList()
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list topics at " + options.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
