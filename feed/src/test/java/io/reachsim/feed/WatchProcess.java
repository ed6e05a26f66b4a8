package io.reachsim.feed;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The watch service as its own process, so the integration test can kill it as a crash would
 * ({@code kill -9}: no close, no commit). Args: bootstrap servers, state folder, scenario file.
 * Prints RUNNING once Kafka Streams has started processing.
 */
public final class WatchProcess {
    public static void main(String[] args) throws Exception {
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(Path.of(args[2])));
        WatchOptions o = WatchOptions.defaults(args[0], Path.of(args[1])).withOverrides(fastFailover());
        WatchService service = new WatchService(o, scenarios, new SnapshotBaselines());
        service.streams().setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) System.out.println("RUNNING");
            System.out.flush();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.start();
        Thread.currentThread().join();
    }

    /** Short timeouts so a replacement instance takes over from a killed one in seconds. */
    static Map<String, String> fastFailover() {
        return Map.of(
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000",
                StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000",
                StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "5000",
                StreamsConfig.REPLICATION_FACTOR_CONFIG, "1",
                StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
    }
}
