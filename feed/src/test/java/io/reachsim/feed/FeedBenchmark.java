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
        incrementalVersusFull(scenarios, report, "the shipped scenarios");
        incrementalVersusFull(List.of(manyVpcs(60)), report, "one network of 60 VPCs (watch-shop's layout each), 240 expectations");
        report.append(String.format("machine: %d cores visible to the JVM, Java %s; shared with other builds while measured%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        System.out.print(report);
        Files.writeString(Path.of("target/feed-benchmark.txt"), report.toString());
    }

    /**
     * (3) Without Kafka: random CloudTrail events (as in the property test) applied to every watched
     * network; the time of the incremental update (compile Network' + re-trace what the change touched)
     * against a full re-check (compile + trace every flow), and the share of flows re-traced.
     */
    /** {@code n} copies of watch-shop's VPC (public + private subnet, IGW, NAT, bastion, app) in one scenario. */
    static Scenario manyVpcs(int n) throws Exception {
        StringBuilder y = new StringBuilder("apiVersion: reachsim/v1\nname: many-vpcs\nregion: us-east-1\nnetwork:\n");
        StringBuilder vpcs = new StringBuilder("  vpcs:\n");
        StringBuilder subnets = new StringBuilder("  subnets:\n");
        StringBuilder rts = new StringBuilder("  routeTables:\n");
        StringBuilder igws = new StringBuilder("  internetGateways:\n");
        StringBuilder nats = new StringBuilder("  natGateways:\n");
        StringBuilder sgs = new StringBuilder("  securityGroups:\n");
        StringBuilder inst = new StringBuilder("  instances:\n");
        StringBuilder exp = new StringBuilder("expect:\n");
        for (int k = 0; k < n; k++) {
            int a = k / 250;
            int b = k % 250;
            String net = "10." + (a * 100 + b / 2) + "." + (b % 2 * 128);
            vpcs.append("    - {id: vpc-").append(k).append(", cidr: ").append(net).append(".0/17}\n");
            subnets.append("    - {id: pub-").append(k).append(", vpc: vpc-").append(k).append(", az: us-east-1a, cidr: ").append(net)
                    .append(".0/24, routeTable: rt-pub-").append(k).append("}\n");
            subnets.append("    - {id: priv-").append(k).append(", vpc: vpc-").append(k).append(", az: us-east-1a, cidr: ")
                    .append(net.substring(0, net.lastIndexOf('.') + 1)).append(b % 2 * 128 + 1).append(".0/24, routeTable: rt-priv-").append(k).append("}\n");
            rts.append("    - {id: rt-pub-").append(k).append(", vpc: vpc-").append(k).append(", routes: [{destination: 0.0.0.0/0, target: igw-").append(k).append("}]}\n");
            rts.append("    - {id: rt-priv-").append(k).append(", vpc: vpc-").append(k).append(", routes: [{destination: 0.0.0.0/0, target: nat-").append(k).append("}]}\n");
            igws.append("    - {id: igw-").append(k).append(", vpc: vpc-").append(k).append("}\n");
            nats.append("    - {id: nat-").append(k).append(", subnet: pub-").append(k).append(", connectivity: public, privateIp: ").append(net)
                    .append(".5, publicIp: 198.18.").append(k / 200).append(".").append(k % 200 + 1).append("}\n");
            sgs.append("    - {id: sg-bastion-").append(k).append(", vpc: vpc-").append(k).append(", ingress: [{protocol: tcp, ports: 22, source: 203.0.113.0/24}]}\n");
            sgs.append("    - {id: sg-app-").append(k).append(", vpc: vpc-").append(k).append(", ingress: [{protocol: tcp, ports: 22, source: sg-bastion-")
                    .append(k).append("}, {protocol: tcp, ports: 443, source: ").append(net).append(".0/17}]}\n");
            inst.append("    - {id: bastion-").append(k).append(", subnet: pub-").append(k).append(", privateIp: ").append(net).append(".10, publicIp: 198.19.")
                    .append(k / 200).append(".").append(k % 200 + 1).append(", securityGroups: [sg-bastion-").append(k).append("]}\n");
            inst.append("    - {id: app-").append(k).append(", subnet: priv-").append(k).append(", privateIp: ")
                    .append(net.substring(0, net.lastIndexOf('.') + 1)).append(b % 2 * 128 + 1).append(".10, securityGroups: [sg-app-").append(k).append("]}\n");
            exp.append("  - {from: instance:app-").append(k).append(", to: internet:198.51.100.20, port: 443, reachable: true}\n");
            exp.append("  - {from: instance:bastion-").append(k).append(", to: instance:app-").append(k).append(", port: 22, reachable: true}\n");
            exp.append("  - {from: internet:203.0.113.50, to: instance:bastion-").append(k).append(", port: 22, reachable: true}\n");
            exp.append("  - {from: internet:198.51.100.20, to: instance:app-").append(k).append(", port: 443, reachable: false}\n");
        }
        y.append(vpcs).append(subnets).append(rts).append(igws).append(nats).append(sgs).append(inst).append(exp);
        Path f = Files.createTempFile("many-vpcs-", ".yaml");
        Files.writeString(f, y.toString());
        try {
            return new ScenarioLoader().load(List.of(f)).get(0);
        } finally {
            Files.delete(f);
        }
    }

    private static void incrementalVersusFull(List<Scenario> scenarios, StringBuilder report, String what) throws Exception {
        long incNanos = 0;
        long fullNanos = 0;
        long traced = 0;
        long total = 0;
        int applied = 0;
        long[] compileNanos = {0};
        long[][] byKind = new long[2][5];
        int rounds = scenarios.size() == 1 ? 8 : 3;
        for (int round = 0; round < rounds; round++) {
            for (int si = 0; si < scenarios.size(); si++) {
                Scenario s = scenarios.get(si);
                List<Watched> watched = new WatchedNetworks(List.of(s)).entries().get(0).watched();
                Rechecker inc = new Rechecker(s.network(), watched);
                ModelChanges.State state = new ModelChanges.State(s.network(), Associations.NONE);
                RandomEvents events = new RandomEvents(round * 1000L + si);
                for (int step = 0; step < 20; step++) {
                    ChangeEvent e = CloudTrailEvents.parse(events.next(state.network(), "111122223333", s.network().region()));
                    ModelChanges.Outcome out;
                    try {
                        out = ModelChanges.apply(state, e);
                    } catch (BadEventException bad) {
                        continue;
                    }
                    if (!(out instanceof ModelChanges.Outcome.Applied a)) continue;
                    state = new ModelChanges.State(a.network(), a.associations());
                    // Alternate which goes first, so neither always pays for the other's garbage.
                    long tf0 = 0, tf1 = 0;
                    if (step % 2 == 0) {
                        tf0 = System.nanoTime();
                        new Rechecker(a.network(), watched);
                        tf1 = System.nanoTime();
                    }
                    long t0 = System.nanoTime();
                    Rechecker.Update u = inc.update(a.network(), a.impact());
                    long t1 = System.nanoTime();
                    if (step % 2 != 0) {
                        tf0 = System.nanoTime();
                        new Rechecker(a.network(), watched);
                        tf1 = System.nanoTime();
                    }
                    long tc0 = System.nanoTime();
                    io.reachsim.compile.Fabric.compile(a.network());
                    compileNanos[0] += System.nanoTime() - tc0;
                    if (round > 0) { // round 0 warms the JIT
                        int k = a.impact().components().contains("internet") ? 1 : 0;
                        byKind[k][0] += t1 - t0;
                        byKind[k][1] += tf1 - tf0;
                        byKind[k][2] += u.traced();
                        byKind[k][3] += u.total();
                        byKind[k][4]++;
                        incNanos += t1 - t0;
                        fullNanos += tf1 - tf0;
                        traced += u.traced();
                        total += u.total();
                        applied++;
                    }
                }
            }
        }
        report.append(String.format("incremental vs full re-check (no Kafka), %d random applied events, %s:%n", applied, what));
        report.append(String.format("  of which compiling Network' (both pay it): about %.1f µs/event%n", compileNanos[0] / 1e3 / applied * 2 / 3));
        report.append(String.format("  re-traced %d of %d flows (%.0f%%); incremental %.1f µs/event, full %.1f µs/event (%.1fx)%n",
                traced, total, 100.0 * traced / Math.max(1, total), incNanos / 1e3 / applied, fullNanos / 1e3 / applied,
                (double) fullNanos / Math.max(1, incNanos)));
        String[] kinds = {"changes inside a VPC (routes, associations, groups, ACLs, TGW routes, EKS)",
                "changes of internet-facing gateways (IGW attach/detach, NAT create/delete)"};
        for (int k = 0; k < 2; k++) {
            long[] b = byKind[k];
            if (b[4] == 0) continue;
            report.append(String.format("    %d %s: re-traced %.0f%%, incremental %.1f µs, full %.1f µs (%.1fx)%n", b[4], kinds[k],
                    100.0 * b[2] / Math.max(1, b[3]), b[0] / 1e3 / b[4], b[1] / 1e3 / b[4], (double) b[1] / Math.max(1, b[0])));
        }
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
