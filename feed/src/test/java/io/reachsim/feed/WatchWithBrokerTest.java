package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service against a real KRaft broker: baseline scenario, CloudTrail events in, verdict changes and
 * dead letters out; the service process is killed (SIGKILL) while events are still arriving and a new
 * one, with an empty state folder, takes over from the changelogs. Every verdict change arrives exactly
 * once: none lost, none repeated, duplicates of events ignored.
 */
class WatchWithBrokerTest {
    static final String SCENARIO = "src/test/resources/scenarios/watch-shop.yaml";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void nothingIsLostOrRepeatedWhenTheServiceIsKilledMidStream() throws Exception {
        long t0 = System.nanoTime();
        try (KafkaBroker broker = new KafkaBroker()) {
            step(t0, "broker up");
            String bootstrap = broker.bootstrapServers();
            createTopics(bootstrap);
            try (KafkaProducer<String, String> producer = producer(bootstrap);
                 KafkaConsumer<String, String> verdicts = consumer(bootstrap, WatchOptions.VERDICTS);
                 KafkaConsumer<String, String> dlq = consumer(bootstrap, WatchOptions.DEAD_LETTERS)) {
                Process first = startService(bootstrap, tmp.resolve("state-1"), tmp.resolve("first.log"));
                List<JsonNode> seen = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                Process second = null;
                try {
                    awaitRunning(first, tmp.resolve("first.log"));
                    step(t0, "first service running");

                    // Batch 1: two changes, a duplicate delivery and a malformed record.
                    send(producer, Events.sample("delete-route.json"));
                    send(producer, Events.sample("delete-route.json"));
                    send(producer, "{\"detail-type\": \"AWS API Call via CloudTrail\", \"source\": \"aws.ec2\"");
                    send(producer, Events.sample("revoke-sg-ingress.json"));
                    expected.add("11111111-aaaa-4bbb-8ccc-000000000001");
                    expected.add("11111111-aaaa-4bbb-8ccc-000000000004");
                    poll(verdicts, seen, s -> s.size() >= 2, Duration.ofSeconds(40));
                    step(t0, "batch 1 verdicts");
                    assertThat(seen).extracting(v -> v.path("trigger").path("eventID").asText()).containsExactlyInAnyOrderElementsOf(expected);

                    // Batch 2: the NAT route toggled 24 times, each toggle a verdict change, sent while the service is killed.
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < 24; i++) {
                        String id = "toggle-" + i;
                        String sample = i % 2 == 0 ? Events.sample("create-route-nat.json") : Events.sample("delete-route.json");
                        batch.add(Events.withEventId(sample, id));
                        expected.add(id);
                        if (i % 5 == 0) batch.add(Events.withEventId(sample, id)); // redelivered
                    }
                    Thread sender = new Thread(() -> {
                        for (String e : batch) {
                            send(producer, e);
                            sleep(120);
                        }
                    });
                    sender.start();
                    poll(verdicts, seen, s -> s.size() >= 5, Duration.ofSeconds(30));
                    first.destroyForcibly().waitFor(); // SIGKILL: no commit, no clean shutdown
                    int atKill = seen.size();
                    step(t0, "killed after " + atKill + " verdicts");
                    assertThat(atKill).as("killed mid-stream").isLessThan(expected.size());

                    second = startService(bootstrap, tmp.resolve("state-2"), tmp.resolve("second.log"));
                    awaitRunning(second, tmp.resolve("second.log"));
                    step(t0, "second service running");
                    sender.join();
                    poll(verdicts, seen, s -> s.size() >= expected.size(), Duration.ofSeconds(60));
                    step(t0, "all " + seen.size() + " verdicts");
                    // Anything repeated would arrive now.
                    poll(verdicts, seen, s -> false, Duration.ofSeconds(3));
                } finally {
                    first.destroyForcibly();
                    if (second != null) {
                        second.destroy();
                        if (!second.waitFor(20, TimeUnit.SECONDS)) second.destroyForcibly();
                    }
                }
                List<String> ids = seen.stream().map(v -> v.path("trigger").path("eventID").asText()).toList();
                assertThat(ids).as("every change exactly once").containsExactlyInAnyOrderElementsOf(expected);
                // Toggles alternate the internet expectation: each one's new verdict is the opposite of its old.
                for (JsonNode v : seen) {
                    assertThat(v.path("old").path("verdict").asText()).isNotEqualTo(v.path("new").path("verdict").asText());
                    String id = v.path("trigger").path("eventID").asText();
                    if (id.startsWith("toggle-")) {
                        boolean create = Integer.parseInt(id.substring(7)) % 2 == 0;
                        assertThat(v.path("new").path("verdict").asText()).isEqualTo(create ? "DELIVERED" : "DROPPED");
                    }
                }
                List<JsonNode> dead = new ArrayList<>();
                poll(dlq, dead, s -> s.size() >= 1, Duration.ofSeconds(10));
                poll(dlq, dead, s -> false, Duration.ofSeconds(1));
                assertThat(dead).hasSize(1);
                assertThat(dead.get(0).path("reason").asText()).startsWith("not JSON");
            }
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(WatchOptions.EVENTS, 3, (short) 1), new NewTopic(WatchOptions.BASELINES, 3, (short) 1),
                    new NewTopic(WatchOptions.VERDICTS, 3, (short) 1), new NewTopic(WatchOptions.DEAD_LETTERS, 1, (short) 1))).all().get();
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        // A topic just created may not be in the metadata yet (a loaded machine): ask until it is.
        List<TopicPartition> parts = List.of();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (parts.isEmpty() && System.nanoTime() < end) {
            parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            if (parts.isEmpty()) sleep(200);
        }
        if (parts.isEmpty()) throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    static void poll(KafkaConsumer<String, String> c, List<JsonNode> into, Predicate<List<JsonNode>> done, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (!done.test(into) && System.nanoTime() < end) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) into.add(CloudTrailEvents.MAPPER.readTree(r.value()));
        }
    }

    static void send(KafkaProducer<String, String> producer, String value) {
        try {
            // Keyed by account/region, as the README asks of producers: one partition keeps one account's order.
            producer.send(new ProducerRecord<>(WatchOptions.EVENTS, "111122223333/us-east-1", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void step(long t0, String what) {
        System.out.printf("[broker test] %5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Process startService(String bootstrap, Path state, Path log) throws Exception {
        return startService(bootstrap, state, log, List.of(SCENARIO), null);
    }

    static Process startService(String bootstrap, Path state, Path log, List<String> scenarios, String commitMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        if (commitMs != null) cmd.add("-Dreachsim.commit.ms=" + commitMs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WatchProcess.class.getName(), bootstrap, state.toString()));
        cmd.addAll(scenarios);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    static void awaitRunning(Process p, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        File f = log.toFile();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new AssertionError("service exited: " + java.nio.file.Files.readString(log));
            if (f.exists()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.FileInputStream(f), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) if (line.equals("RUNNING")) return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("service did not start: " + java.nio.file.Files.readString(log));
    }
}
