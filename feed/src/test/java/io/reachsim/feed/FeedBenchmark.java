package io.reachsim.feed;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not a test of speed (no timing assertion; not in the default test run: its name does
 * not end in Test). Runs the service against the in-JVM KRaft broker and reports
 * (1) event → verdict-change latency, p50/p99, at a steady 20 events/s, and (2) events/s of a burst
 * drained as fast as the service can. Each event toggles the NAT route of watch-shop.yaml, so each one
 * flips a verdict; every shipped scenario is watched beside it. Run:
 * {@code mvn -o verify -pl feed -am -Dtest=FeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (results in feed/target/feed-benchmark.txt).
 */
class FeedBenchmark {
    static final String KEY = "111122223333/us-east-1";
    static final int LATENCY_EVENTS = Integer.getInteger("reachsim.bench.latencyEvents", 300);
    static final int BURST_EVENTS = Integer.getInteger("reachsim.bench.burstEvents", 5000);

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(Path.of("../scenarios"), Path.of(WatchTopologyTest.SCENARIO.toString())));
        int expectations = scenarios.stream().mapToInt(s -> s.expectations().size()).sum();
        StringBuilder report = new StringBuilder();
        try (KafkaBroker broker = new KafkaBroker()) {
            String bootstrap = broker.bootstrapServers();
            Properties ap = new Properties();
            ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(ap)) {
                admin.createTopics(List.of(new NewTopic(WatchOptions.EVENTS, 3, (short) 1), new NewTopic(WatchOptions.BASELINES, 3, (short) 1),
                        new NewTopic(WatchOptions.VERDICTS, 3, (short) 1), new NewTopic(WatchOptions.DEAD_LETTERS, 1, (short) 1))).all().get();
            }
            WatchOptions o = WatchOptions.defaults(bootstrap, tmp.resolve("state")).withOverrides(WatchProcess.fastFailover());
            try (WatchService service = new WatchService(o, scenarios, new SnapshotBaselines());
                 KafkaProducer<String, String> producer = WatchWithBrokerTest.producer(bootstrap);
                 KafkaConsumer<String, String> verdicts = WatchWithBrokerTest.consumer(bootstrap, WatchOptions.VERDICTS)) {
                service.start();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (service.state() != KafkaStreams.State.RUNNING && System.nanoTime() < until) Thread.sleep(100);
                String create = Events.sample("create-route-nat.json");
                String delete = Events.sample("delete-route.json");
                int serial = 0;

                // Warm-up: the first event builds the traced networks of the key (JIT, compile, trace all).
                Map<String, Long> sent = new HashMap<>();
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < 40; i++, serial++) {
                    send(producer, Events.withEventId(serial % 2 == 0 ? delete : create, "warm-" + serial));
                }
                drain(verdicts, 40, sent, null);

                // (1) Latency at a steady rate.
                for (int i = 0; i < LATENCY_EVENTS; i++, serial++) {
                    String id = "lat-" + serial;
                    sent.put(id, System.nanoTime());
                    send(producer, Events.withEventId(serial % 2 == 0 ? delete : create, id));
                    drainAvailable(verdicts, sent, latencies);
                    Thread.sleep(50);
                }
                drain(verdicts, LATENCY_EVENTS - latencies.size(), sent, latencies);
                latencies.sort(null);
                report.append(String.format("watched: %d scenarios, %d expectations (the shipped scenarios/ plus watch-shop.yaml)%n",
                        scenarios.size(), expectations));
                report.append(String.format("latency, event produced → verdict change consumed (read_committed), %d events at 20/s:%n", latencies.size()));
                report.append(String.format("  p50 %.0f ms   p90 %.0f ms   p99 %.0f ms   max %.0f ms%n", pct(latencies, 50), pct(latencies, 90),
                        pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6));

                // (2) Throughput of a burst.
                List<String> burst = new ArrayList<>(BURST_EVENTS);
                for (int i = 0; i < BURST_EVENTS; i++, serial++) burst.add(Events.withEventId(serial % 2 == 0 ? delete : create, "burst-" + serial));
                long t0 = System.nanoTime();
                for (String e : burst) producer.send(new ProducerRecord<>(WatchOptions.EVENTS, KEY, e));
                producer.flush();
                long produced = System.nanoTime();
                int got = drain(verdicts, BURST_EVENTS, new HashMap<>(), null);
                long t1 = System.nanoTime();
                assertThat(got).isEqualTo(BURST_EVENTS);
                report.append(String.format("burst: %d events produced in %.2f s; all %d verdict changes consumed after %.2f s: %.0f events/s end to end%n",
                        BURST_EVENTS, (produced - t0) / 1e9, got, (t1 - t0) / 1e9, BURST_EVENTS / ((t1 - t0) / 1e9)));
                report.append("service: ").append(service.summary()).append('\n');
            }
        }
        report.append(String.format("machine: %d cores visible to the JVM, Java %s; shared with other builds while measured%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        System.out.print(report);
        Files.writeString(Path.of("target/feed-benchmark.txt"), report.toString());
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    private static void send(KafkaProducer<String, String> producer, String value) {
        producer.send(new ProducerRecord<>(WatchOptions.EVENTS, KEY, value));
    }

    private static void drainAvailable(KafkaConsumer<String, String> c, Map<String, Long> sent, List<Long> latencies) throws Exception {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ZERO)) record(r, sent, latencies);
    }

    private static int drain(KafkaConsumer<String, String> c, int n, Map<String, Long> sent, List<Long> latencies) throws Exception {
        int got = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (got < n && System.nanoTime() < end) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                got++;
                if (latencies != null) record(r, sent, latencies);
            }
        }
        return got;
    }

    private static void record(ConsumerRecord<String, String> r, Map<String, Long> sent, List<Long> latencies) throws Exception {
        long now = System.nanoTime();
        String id = CloudTrailEvents.MAPPER.readTree(r.value()).path("trigger").path("eventID").asText();
        Long t = sent.remove(id);
        if (t != null) latencies.add(now - t);
    }
}
