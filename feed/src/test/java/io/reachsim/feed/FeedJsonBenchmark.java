package io.reachsim.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.generate.NetworkGenerator;
import io.reachsim.model.Expectation;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The feed's figures for {@code benchmarks/run.sh --feed} (not a test: no timing assertion, its name does
 * not end in Test). Writes {@code reachsim.bench.out} (default target/feed.json):
 * <ul>
 *   <li>XL (1,000 VPCs, 100,000 expectations): one route change applied and re-checked, p50/p99; and a
 *   restart: checkpoint read + one full checkpoint interval of events replayed + every expectation checked;</li>
 *   <li>end to end on a real broker, event produced → verdict change consumed (read_committed), per commit interval;</li>
 *   <li>events/s with 1, 2 and 3 {@code watch} processes sharing one application id (6 partitions, 8 accounts);</li>
 *   <li>failover: 3 processes, the busiest SIGKILLed mid-stream: verdicts lost and duplicated, time to recover.</li>
 * </ul>
 */
class FeedJsonBenchmark {
    static final int XL_UPDATES = Integer.getInteger("reachsim.bench.xlUpdates", 12);
    static final int TOGGLES = Integer.getInteger("reachsim.bench.toggles", 120);

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        ObjectNode out = CloudTrailEvents.MAPPER.createObjectNode();
        out.put("machine", Runtime.getRuntime().availableProcessors() + " cores visible to the JVM, Java " + System.getProperty("java.version"));
        out.put("date", Instant.now().toString());
        out.put("load_average_start", loadAverage());
        // Written after every stage: a stage that fails leaves the figures of the ones before it.
        String stages = System.getProperty("reachsim.bench.stages", "xl,failover,e2e,scale");
        if (stages.contains("xl")) xl(out);
        out.put("load_average_after_xl", loadAverage());
        write(out);
        if (stages.contains("failover")) failover(out);
        write(out);
        if (stages.contains("e2e")) endToEnd(out);
        write(out);
        if (stages.contains("scale")) scaleOut(out);
        out.put("load_average_end", loadAverage());
        write(out);
    }

    private static void write(ObjectNode out) throws Exception {
        Path file = Path.of(System.getProperty("reachsim.bench.out", "target/feed.json"));
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        String text = CloudTrailEvents.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        Files.writeString(file, text + "\n");
        System.out.println("[feed bench] " + text);
    }

    // ---- XL, no Kafka ----
    // The restart replays one full checkpoint interval (the most a restart can replay), after a checkpoint
    // that carries 6,000 changes to 3,000 route tables.

    private void xl(ObjectNode out) throws Exception {
        NetworkGenerator.Generated g = NetworkGenerator.generate(NetworkGenerator.Size.XL, 42);
        List<Watched> watched = new ArrayList<>();
        for (int i = 0; i < g.expectations().size(); i++) {
            Expectation e = g.expectations().get(i);
            watched.add(new Watched("xl#" + i, "xl", "xl", i, e));
        }
        long t0 = System.nanoTime();
        Rechecker r = new Rechecker(g.network(), watched);
        double initial = (System.nanoTime() - t0) / 1e9;
        List<RouteTable> privates = g.network().routeTables().stream().filter(t -> t.id().contains("-rt-private-")).toList();
        Random rnd = new Random(7);
        ModelChanges.State state = new ModelChanges.State(g.network(), Associations.NONE);
        List<Long> times = new ArrayList<>();
        long traced = 0;
        for (int i = 0; i < XL_UPDATES * 2; i++) {
            RouteTable t = privates.get(rnd.nextInt(privates.size()));
            for (String name : List.of("DeleteRoute", "CreateRoute")) {
                ModelChanges.Outcome.Applied a = (ModelChanges.Outcome.Applied) ModelChanges.apply(state, routeEvent(name, t, "xl-" + i + name));
                state = new ModelChanges.State(a.network(), a.associations());
                long u0 = System.nanoTime();
                Rechecker.Update u = r.update(a.network(), a.impact());
                long u1 = System.nanoTime();
                if (i >= XL_UPDATES / 2) { // the first ones warm the JIT
                    times.add(u1 - u0);
                    traced += u.traced();
                }
            }
        }
        times.sort(null);
        out.put("feed_update_xl_p50_ms", pct(times, 50));
        out.put("feed_update_xl_p99_ms", pct(times, 99));
        out.put("feed_update_xl_updates", times.size());
        out.put("feed_update_xl_flows_retraced_per_update", traced / Math.max(1, times.size()));
        out.put("feed_xl_initial_check_s", initial);
        r = null;

        // Restart: the model after many changes (every private route table's route replaced, so the checkpoint
        // carries 3,000 changed tables), its checkpoint, then one full interval of 1,000 events replayed.
        ModelChanges.State s = new ModelChanges.State(g.network(), Associations.NONE);
        int changes = 0;
        for (RouteTable t : privates) {
            s = apply(s, routeEvent("DeleteRoute", t, "ck-d-" + t.id()));
            s = apply(s, routeEvent("CreateRoute", t, "ck-c-" + t.id()));
            changes += 2;
        }
        String checkpoint = LogEntry.Checkpoint.of(g.network(), s, changes).json();
        List<ChangeEvent> interval = new ArrayList<>();
        ModelChanges.State probe = s;
        int intervalEvents = RecheckProcessor.Checkpoints.DEFAULT.everyEvents();
        for (int i = 0; interval.size() < intervalEvents; i++) {
            RouteTable t = privates.get(i % privates.size());
            ChangeEvent e = routeEvent(i / privates.size() % 2 == 0 ? "DeleteRoute" : "CreateRoute", t, "iv-" + i);
            probe = apply(probe, e);
            interval.add(e);
        }
        System.gc();
        long r0 = System.nanoTime();
        ModelChanges.State back = ((LogEntry.Checkpoint) LogEntry.parse(checkpoint)).state(g.network());
        long r1 = System.nanoTime();
        for (ChangeEvent e : interval) back = apply(back, e);
        long r2 = System.nanoTime();
        Rechecker restarted = new Rechecker(back.network(), watched);
        long r3 = System.nanoTime();
        if (!back.equals(probe)) throw new AssertionError("the restored network differs");
        out.put("feed_restart_xl_s", (r3 - r0) / 1e9);
        out.put("feed_restart_xl_checkpoint_read_s", (r1 - r0) / 1e9);
        out.put("feed_restart_xl_replay_interval_s", (r2 - r1) / 1e9);
        out.put("feed_restart_xl_interval_events", intervalEvents);
        out.put("feed_restart_xl_check_all_s", (r3 - r2) / 1e9);
        out.put("feed_restart_xl_checkpoint_chars", checkpoint.length());
        out.put("feed_restart_xl_checkpoint_changes", changes);
        if (restarted.checked("xl#0") == null) throw new AssertionError("nothing checked");
    }

    private static ModelChanges.State apply(ModelChanges.State s, ChangeEvent e) throws BadEventException {
        ModelChanges.Outcome.Applied a = (ModelChanges.Outcome.Applied) ModelChanges.apply(s, e);
        return new ModelChanges.State(a.network(), a.associations());
    }

    /** Deletes or re-creates the private table's default route to its NAT gateway (the generator's). */
    private static ChangeEvent routeEvent(String name, RouteTable t, String id) throws BadEventException {
        String nat = null;
        for (Route r : t.routes()) if (r.target() instanceof RouteTarget.NatGateway n) nat = n.id();
        var req = CloudTrailEvents.MAPPER.createObjectNode().put("routeTableId", t.id()).put("destinationCidrBlock", "0.0.0.0/0");
        if (name.equals("CreateRoute")) req.put("natGatewayId", nat);
        return CloudTrailEvents.parse(Events.envelope(id, name, "aws.ec2", "111122223333", NetworkGenerator.REGION, req,
                CloudTrailEvents.MAPPER.createObjectNode().put("_return", true)).toString());
    }

    // ---- on a real broker ----

    private void endToEnd(ObjectNode out) throws Exception {
        ArrayNode rows = out.putArray("feed_e2e_by_commit_interval");
        double p99AtDefault = -1;
        for (String commit : List.of("100", "20")) {
            ScaleOut.Result r = run("e2e-" + commit, new ScaleOut.Config(1, 8, 6, 40, -1, 40, commit));
            List<Long> lat = new ArrayList<>();
            List<Long> toDetected = new ArrayList<>();
            for (ScaleOut.Seen s : r.seen()) {
                long produced = Instant.parse(s.verdict().path("eventRecordTime").asText()).toEpochMilli();
                long detected = Instant.parse(s.verdict().path("detectedAt").asText()).toEpochMilli();
                lat.add((s.atWallMs() - produced) * 1_000_000L);
                toDetected.add((detected - produced) * 1_000_000L);
            }
            lat.sort(null);
            toDetected.sort(null);
            ScaleOut.Result burst = run("burst-" + commit, new ScaleOut.Config(1, 8, 6, TOGGLES, -1, 0, commit));
            ObjectNode row = rows.addObject();
            row.put("commit_interval_ms", Integer.parseInt(commit));
            row.put("e2e_p50_ms", pct(lat, 50));
            row.put("e2e_p99_ms", pct(lat, 99));
            // Where the time goes: produced → re-checked (parse, repartition commit, re-check), the rest is the output commit.
            row.put("produced_to_detected_p50_ms", pct(toDetected, 50));
            row.put("produced_to_detected_p99_ms", pct(toDetected, 99));
            row.put("events", lat.size());
            row.put("burst_events_per_s", burst.eventsPerSecond());
            row.put("load_average", loadAverage());
            if (commit.equals(WatchService.COMMIT_INTERVAL_MS)) { // the service's default
                p99AtDefault = pct(lat, 99);
                out.put("feed_e2e_p50_ms", pct(lat, 50));
                out.put("feed_e2e_p99_ms", p99AtDefault);
                out.put("feed_events_per_s", burst.eventsPerSecond());
            }
        }
    }

    private void scaleOut(ObjectNode out) throws Exception {
        ArrayNode rows = out.putArray("feed_instances");
        for (int n = 1; n <= 3; n++) {
            ScaleOut.Result r = run("scale-" + n, new ScaleOut.Config(n, 8, 6, TOGGLES, -1, 0, null));
            ObjectNode row = rows.addObject();
            row.put("instances", n);
            row.put("events", r.expected().size());
            row.put("events_per_s", r.eventsPerSecond());
            ArrayNode per = row.putArray("events_applied_per_instance");
            for (String log : r.logs()) per.add(lastApplied(log));
            row.put("verdicts_ok", duplicates(r) == 0 && lost(r) == 0);
            row.put("load_average", loadAverage());
        }
    }

    private void failover(ObjectNode out) throws Exception {
        ScaleOut.Result r = run("failover", new ScaleOut.Config(3, 8, 6, 30, 60, 25, null));
        out.put("feed_failover_instances", 3);
        out.put("feed_failover_events", r.expected().size());
        out.put("feed_failover_killed_after_verdicts", r.killedAt());
        out.put("feed_failover_lost", lost(r));
        out.put("feed_failover_duplicated", duplicates(r));
        out.put("feed_recover_s", r.recoverS());
        out.put("load_average_failover", loadAverage());
    }

    private ScaleOut.Result run(String name, ScaleOut.Config c) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        try (KafkaBroker broker = new KafkaBroker()) {
            ScaleOut.Result r = ScaleOut.run(broker, dir, c);
            System.out.printf("[feed bench] %s: %d verdicts of %d, %.0f events/s, load %s%n", name, r.seen().size(), r.expected().size(),
                    r.eventsPerSecond(), loadAverage());
            return r;
        }
    }

    private static long lost(ScaleOut.Result r) {
        Set<String> got = new HashSet<>();
        for (ScaleOut.Seen s : r.seen()) got.add(s.verdict().path("trigger").path("eventID").asText());
        return r.expected().stream().filter(id -> !got.contains(id)).count();
    }

    private static long duplicates(ScaleOut.Result r) {
        Map<String, Integer> n = new HashMap<>();
        for (ScaleOut.Seen s : r.seen()) n.merge(s.verdict().path("trigger").path("eventID").asText(), 1, Integer::sum);
        return n.values().stream().mapToInt(x -> x - 1).sum();
    }

    private static long lastApplied(String log) {
        long n = 0;
        for (String line : log.split("\n")) if (line.startsWith("STATS ")) n = Long.parseLong(line.substring(6, line.indexOf(' ', 6)));
        return n;
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e4) / 100.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
