package io.reachsim.feed;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The watch service as its own process, so the integration tests can kill it as a crash would
 * ({@code kill -9}: no close, no commit). Args: bootstrap servers, state folder, scenario files.
 * Prints RUNNING whenever Kafka Streams (re)starts processing, and STATS with its counters every second.
 * System property {@code reachsim.commit.ms} sets the commit interval (the benchmark's latency knob).
 */
public final class WatchProcess {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) files.add(Path.of(args[i]));
        List<Scenario> scenarios = new ScenarioLoader().load(files);
        Map<String, String> overrides = new HashMap<>(fastFailover());
        String commit = System.getProperty("reachsim.commit.ms");
        if (commit != null) overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commit);
        WatchOptions o = WatchOptions.defaults(args[0], Path.of(args[1])).withOverrides(overrides);
        WatchService service = new WatchService(o, scenarios, new SnapshotBaselines());
        service.streams().setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) System.out.println("RUNNING");
            System.out.flush();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.start();
        while (true) {
            Thread.sleep(1000);
            System.out.println("STATS " + service.summary());
            System.out.flush();
        }
    }

    /** Short timeouts so the other instances take over from a killed one in seconds. */
    static Map<String, String> fastFailover() {
        return Map.of(
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000",
                StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000",
                StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "5000",
                StreamsConfig.REPLICATION_FACTOR_CONFIG, "1",
                StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
    }
}
