package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Several {@code reachsim watch} processes sharing one application id on a real broker: one shop network
 * per account (the shop scenario with its VPC in that account), each account's NAT route toggled
 * {@code togglesPerAccount} times (keyed {@code ACCOUNT/REGION}; every toggle flips one verdict), and
 * optionally one process killed with SIGKILL once {@code killAfter} verdicts have arrived. Shared by the
 * scale-out test and the feed benchmark.
 */
final class ScaleOut {
    static final String SHOP = "src/test/resources/scenarios/watch-shop.yaml";
    static final String REGION = "us-east-1";

    /** What to run. {@code killAfter} < 0: nobody is killed. {@code pauseMs}: between two sends. */
    record Config(int instances, int accounts, int partitions, int togglesPerAccount, int killAfter, long pauseMs,
                  String commitMs) {}

    /** One verdict change as read (read_committed) and when. */
    record Seen(JsonNode verdict, long atNanos, long atWallMs) {}

    /**
     * What happened: every verdict read; the first send and the kill instants; {@code recoverS} the time from
     * the kill until every account with changes still to come had a verdict again (-1: no kill).
     */
    record Result(List<Seen> seen, List<String> expected, Map<String, List<String>> expectedByAccount, long firstSendNanos,
                  long lastVerdictNanos, long killNanos, double recoverS, int killedAt, int victim, List<String> logs) {
        long count(String id) {
            return seen.stream().filter(s -> s.verdict().path("trigger").path("eventID").asText().equals(id)).count();
        }

        double eventsPerSecond() {
            return expected.size() / ((lastVerdictNanos - firstSendNanos) / 1e9);
        }
    }

    private ScaleOut() {}

    static String account(int k) {
        return String.format("1000000000%02d", k);
    }

    /** The shop scenario, its VPC moved into {@code account}. */
    static Path scenario(Path dir, int k) throws Exception {
        String yaml = Files.readString(Path.of(SHOP));
        String moved = yaml.replaceFirst("cidr: 10\\.0\\.0\\.0/16\\}", "cidr: 10.0.0.0/16, account: \"" + account(k) + "\"}")
                .replaceFirst("name: watch-shop", "name: watch-shop-" + account(k));
        if (moved.equals(yaml)) throw new IllegalStateException("the shop scenario's VPC line moved; update ScaleOut");
        Path f = dir.resolve("shop-" + account(k) + ".yaml");
        Files.writeString(f, moved);
        return f;
    }

    static Result run(KafkaBroker broker, Path dir, Config c) throws Exception {
        String bootstrap = broker.bootstrapServers();
        createTopics(bootstrap, c.partitions());
        List<String> files = new ArrayList<>();
        for (int k = 0; k < c.accounts(); k++) files.add(scenario(dir, k).toString());
        List<Process> procs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try (KafkaProducer<String, String> producer = WatchWithBrokerTest.producer(bootstrap);
             KafkaConsumer<String, String> verdicts = WatchWithBrokerTest.consumer(bootstrap, WatchOptions.VERDICTS)) {
            for (int i = 0; i < c.instances(); i++) {
                Path log = dir.resolve("watch-" + i + ".log");
                logs.add(log);
                procs.add(WatchWithBrokerTest.startService(bootstrap, dir.resolve("state-" + i), log, files, c.commitMs()));
            }
            for (int i = 0; i < procs.size(); i++) WatchWithBrokerTest.awaitRunning(procs.get(i), logs.get(i));
            // Every instance has joined: wait for the group to settle on its final assignment.
            awaitStable(logs, Duration.ofSeconds(3), Duration.ofSeconds(60));

            List<String> expected = new ArrayList<>();
            Map<String, List<String>> byAccount = new TreeMap<>();
            List<ProducerRecord<String, String>> batch = new ArrayList<>();
            for (int i = 0; i < c.togglesPerAccount(); i++) {
                for (int k = 0; k < c.accounts(); k++) {
                    String acct = account(k);
                    String id = acct + "-t" + i;
                    String sample = i % 2 == 0 ? Events.sample("delete-route.json") : Events.sample("create-route-nat.json");
                    String value = Events.withEventId(sample.replace("111122223333", acct), id);
                    batch.add(new ProducerRecord<>(WatchOptions.EVENTS, acct + "/" + REGION, value));
                    if (i % 7 == 3) batch.add(new ProducerRecord<>(WatchOptions.EVENTS, acct + "/" + REGION, value)); // redelivered
                    expected.add(id);
                    byAccount.computeIfAbsent(acct, x -> new ArrayList<>()).add(id);
                }
            }
            List<Seen> seen = new ArrayList<>();
            long first = System.nanoTime();
            Thread sender = new Thread(() -> {
                for (ProducerRecord<String, String> r : batch) {
                    producer.send(r);
                    if (c.pauseMs() > 0) sleep(c.pauseMs());
                }
                producer.flush();
            });
            sender.start();
            long kill = -1;
            int killedAt = -1;
            int victim = -1;
            long killWall = -1;
            if (c.killAfter() >= 0) {
                poll(verdicts, seen, s -> s.size() >= c.killAfter(), Duration.ofSeconds(120));
                // Counters are printed once a second: wait (bounded) until one shows applied events, so the
                // victim below is one whose tasks really must move.
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < until) {
                    boolean any = false;
                    for (Path log : logs) any |= applied(log) > 0;
                    if (any) break;
                    sleep(100);
                }
                // The instance that has applied the most events: its tasks must move.
                int v = 0;
                for (int i = 0; i < procs.size(); i++) if (applied(logs.get(i)) > applied(logs.get(v))) v = i;
                victim = v;
                Process victimP = procs.get(v);
                victimP.destroyForcibly().waitFor(); // SIGKILL: no commit, no leaving the group
                kill = System.nanoTime();
                killWall = System.currentTimeMillis();
                killedAt = seen.size();
            }
            // Read while sending: a verdict's arrival time is when a consumer could have seen it.
            while (sender.isAlive()) poll(verdicts, seen, s -> false, Duration.ofMillis(100));
            sender.join();
            poll(verdicts, seen, s -> s.size() >= expected.size(), Duration.ofSeconds(180));
            long last = seen.isEmpty() ? System.nanoTime() : seen.get(seen.size() - 1).atNanos();
            // Anything repeated would arrive now.
            poll(verdicts, seen, s -> false, Duration.ofSeconds(3));
            double recover = -1;
            if (kill > 0) recover = recovery(seen, byAccount, killedAt, kill, killWall);
            List<String> logText = new ArrayList<>();
            for (Path l : logs) logText.add(Files.exists(l) ? Files.readString(l) : "");
            return new Result(seen, expected, byAccount, first, last, kill, recover, killedAt, victim, logText);
        } finally {
            for (Process p : procs) {
                p.destroy();
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    /** Events applied so far by the instance writing {@code log} (its last STATS line). */
    static long applied(Path log) throws java.io.IOException {
        long n = 0;
        if (!Files.exists(log)) return 0;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("STATS ")) n = Long.parseLong(line.substring(6, line.indexOf(' ', 6)));
        }
        return n;
    }

    /**
     * From the kill until each account with verdicts still to come had one detected after the kill (not one
     * committed before it and read late) read by a consumer; the slowest account.
     */
    private static double recovery(List<Seen> seen, Map<String, List<String>> byAccount, int killedAt, long kill, long killWall) {
        Map<String, Integer> before = new LinkedHashMap<>();
        for (int i = 0; i < killedAt; i++) before.merge(seen.get(i).verdict().path("account").asText(), 1, Integer::sum);
        long worst = 0;
        for (Map.Entry<String, List<String>> a : byAccount.entrySet()) {
            if (before.getOrDefault(a.getKey(), 0) >= a.getValue().size()) continue;
            for (int i = killedAt; i < seen.size(); i++) {
                JsonNode v = seen.get(i).verdict();
                if (v.path("account").asText().equals(a.getKey())
                        && java.time.Instant.parse(v.path("detectedAt").asText()).toEpochMilli() > killWall) {
                    worst = Math.max(worst, seen.get(i).atNanos() - kill);
                    break;
                }
            }
        }
        return worst / 1e9;
    }

    static void createTopics(String bootstrap, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(WatchOptions.EVENTS, partitions, (short) 1),
                    new NewTopic(WatchOptions.BASELINES, partitions, (short) 1), new NewTopic(WatchOptions.VERDICTS, partitions, (short) 1),
                    new NewTopic(WatchOptions.DEAD_LETTERS, 1, (short) 1))).all().get();
        }
    }

    static void poll(KafkaConsumer<String, String> c, List<Seen> into, java.util.function.Predicate<List<Seen>> done, Duration max)
            throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (!done.test(into) && System.nanoTime() < end) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(50))) {
                into.add(new Seen(CloudTrailEvents.MAPPER.readTree(r.value()), System.nanoTime(), System.currentTimeMillis()));
            }
        }
    }

    /** Waits until no log has printed RUNNING for {@code quiet} (the last rebalance is over). */
    private static void awaitStable(List<Path> logs, Duration quiet, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        int last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < end) {
            int n = 0;
            for (Path l : logs) if (Files.exists(l)) n += (int) Files.readAllLines(l).stream().filter("RUNNING"::equals).count();
            if (n != last) {
                last = n;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > quiet.toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
