package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Network;
import io.reachsim.report.JsonReport;
import io.reachsim.report.Sentences;
import io.reachsim.trace.FlowResult;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The re-check step, one instance per stream task (so per set of watched networks, keyed by network id).
 *
 * <p>What survives a crash lives in three changelogged stores, written in the same exactly-once
 * transaction as the outputs: {@link #LOG} (per network, the applied {@link LogEntry}s in order, from
 * the latest baseline on), {@link #SEEN} (network and event id of events already handled: CloudTrail
 * and EventBridge may deliver an event more than once) and {@link #VERDICTS} (the last verdicts
 * reported per expectation). The traced network is an in-memory cache of the log: rebuilt by replaying
 * it when absent or when its position differs from the log's last entry (after a restart, a rebalance
 * or an aborted transaction). A logged change that cannot be replayed is never skipped silently: it
 * and the changes after it are dead letters, the log is cut back to the last state that could be
 * rebuilt, and every verdict that state contradicts is published again ({@code "trigger": {"kind":
 * "rebuild"}}), so the verdicts topic always agrees with the network the service holds.
 */
final class RecheckProcessor implements Processor<String, LogEntry, String, Out> {
    static final String LOG = "reachsim-watch-log";
    static final String SEEN = "reachsim-watch-seen";
    static final String VERDICTS = "reachsim-watch-verdicts";
    /** How long an event id is remembered for de-duplication. */
    static final Duration SEEN_RETENTION = Duration.ofDays(7);

    private static final Logger LOG_ = LoggerFactory.getLogger(RecheckProcessor.class);

    private final WatchedNetworks networks;
    private final BaselineReader baselines;
    private final Stats stats;
    private ProcessorContext<String, Out> context;
    private KeyValueStore<String, String> log;
    private KeyValueStore<String, String> seen;
    private KeyValueStore<String, String> verdicts;
    private final Map<String, Engine> engines = new HashMap<>();
    /** The scope of the service's own metrics. */
    static final String METRICS_SCOPE = "reachsim-watch";
    private Sensor replayFailures;
    private Sensor deadLetters;
    /** Where the record being processed was first read (before the repartition). */
    private DeadLetters.Source source;

    /** Counters for the service's log line, tests and benchmarks. */
    static final class Stats {
        final AtomicLong events = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong traced = new AtomicLong();
        final AtomicLong flows = new AtomicLong();
        final AtomicLong rebuilds = new AtomicLong();
        /** Logged changes that could not be replayed (each a dead letter; the network was cut back before it). */
        final AtomicLong replayFailures = new AtomicLong();
        /** Verdicts published again because a rebuilt network contradicted them. */
        final AtomicLong corrected = new AtomicLong();
        final AtomicLong checkpoints = new AtomicLong();
        /** Logged changes replayed by rebuilds (at most one checkpoint interval each). */
        final AtomicLong replayed = new AtomicLong();
    }

    /** The traced network of one watched network and the log position it reflects. */
    private static final class Engine {
        final WatchedNetworks.Entry entry;
        long seq;
        ModelChanges.State state;
        Rechecker rechecker;
        /** Changes applied since the last checkpoint (or baseline), and since when. */
        long sinceCheckpoint;
        long pendingSinceMs;
        /** Changes applied since the scenario's network (a baseline resets it). */
        long applied;

        Engine(WatchedNetworks.Entry entry) {
            this.entry = entry;
            this.state = new ModelChanges.State(entry.scenario().network(), Associations.NONE);
        }
    }

    /** When a network's log is compacted into a checkpoint: after {@code everyEvents} changes or {@code every}, whichever first. */
    record Checkpoints(int everyEvents, Duration every) {
        static final Checkpoints DEFAULT = new Checkpoints(250, Duration.ofMinutes(10));
    }

    private final Checkpoints checkpoints;

    RecheckProcessor(WatchedNetworks networks, BaselineReader baselines, Stats stats) {
        this(networks, baselines, stats, Checkpoints.DEFAULT);
    }

    RecheckProcessor(WatchedNetworks networks, BaselineReader baselines, Stats stats, Checkpoints checkpoints) {
        this.networks = networks;
        this.baselines = baselines;
        this.stats = stats;
        this.checkpoints = checkpoints;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.context = context;
        this.log = context.getStateStore(LOG);
        this.seen = context.getStateStore(SEEN);
        this.verdicts = context.getStateStore(VERDICTS);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetOldEvents);
        context.schedule(Duration.ofSeconds(Math.max(1, Math.min(60, checkpoints.every().toSeconds()))),
                PunctuationType.WALL_CLOCK_TIME, now -> {
                    for (Engine e : engines.values()) if (due(e, now)) checkpoint(e);
                });
        // In Kafka Streams' metrics (JMX, KafkaStreams#metrics): group stream-reachsim-watch-metrics,
        // replay-failures-total / dead-letters-total per task.
        String task = context.taskId().toString();
        replayFailures = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "replay-failures", Sensor.RecordingLevel.INFO);
        deadLetters = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "dead-letters", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void close() {
        String task = context.taskId().toString();
        context.metrics().removeSensor(replayFailures);
        context.metrics().removeSensor(deadLetters);
        LOG_.debug("task {} closed", task);
    }

    @Override
    public void process(Record<String, LogEntry> record) {
        String key = record.key();
        LogEntry entry = record.value();
        source = entry == null ? null : entry.source();
        WatchedNetworks.Entry net = key == null ? null : networks.byId(key);
        if (entry == null || net == null) {
            // Another instance with other scenarios under the same application id routed it here.
            deadLetter("no watched network " + CloudTrailEvents.quote(key) + " on this instance (every instance of one "
                    + "application id must watch the same scenarios)", entry == null ? "event" : entry.kind(), null, null, key,
                    entry == null ? null : entry.value(), null);
            return;
        }
        try {
            if (entry instanceof LogEntry.Baseline b) baseline(net, b, record);
            else event(net, (LogEntry.Event) entry, record);
        } catch (RuntimeException ex) {
            // A bug must not stop the service or make it retry the same record forever: report the record,
            // forget the cached network (rebuilt from the log, which is consistent with what was committed).
            LOG_.error("internal error on a {} for {}", entry.kind(), key, ex);
            engines.remove(key);
            deadLetter("internal error: " + ex, entry.kind(), null, null, key, entry.value(), net.id());
        }
    }

    // ---- events ----

    private void event(WatchedNetworks.Entry net, LogEntry.Event entry, Record<String, LogEntry> record) {
        String text = entry.event();
        String key = net.id();
        ChangeEvent e;
        try {
            e = CloudTrailEvents.parse(text);
        } catch (BadEventException bad) {
            deadLetter(bad.getMessage(), "event", null, null, key, text, net.id());
            return;
        }
        String seenKey = key + "|" + e.eventId();
        if (seen.get(seenKey) != null) {
            stats.duplicates.incrementAndGet();
            LOG_.debug("event {} ({}) already handled for {}; skipped", e.eventId(), e.eventName(), key);
            return;
        }
        stats.events.incrementAndGet();
        seen.put(seenKey, Long.toString(System.currentTimeMillis()));
        Engine engine = engine(net);
        ModelChanges.Outcome out;
        try {
            out = ModelChanges.apply(engine.state, e);
        } catch (BadEventException bad) {
            deadLetter(bad.getMessage(), "event", e.eventId(), e.eventName(), e.key(), text, net.id());
            return;
        }
        if (out instanceof ModelChanges.Outcome.NotHeld nh) {
            if (nh.unknownId()) deadLetter(nh.reason() + "; the watched network " + net.id() + " (of " + e.key()
                    + ") does not hold it", "event", e.eventId(), e.eventName(), e.key(), text, net.id());
            else LOG_.debug("event {} ({}): {} for {}", e.eventId(), e.eventName(), nh.reason(), key);
            return;
        }
        ModelChanges.Outcome.Applied a = (ModelChanges.Outcome.Applied) out;
        Rechecker.Update u;
        try {
            u = engine.rechecker.update(a.network(), a.impact());
        } catch (RuntimeException ex) {
            // The changed network cannot be checked (a bug): keep the network as it was, say so.
            LOG_.error("internal error re-checking {} after {}", net.id(), e.eventId(), ex);
            engine.rechecker = new Rechecker(engine.state.network(), net.watched());
            deadLetter("internal error re-checking the network after this event (the network is kept as it was): " + ex,
                    "event", e.eventId(), e.eventName(), e.key(), text, net.id());
            return;
        }
        engine.state = new ModelChanges.State(a.network(), a.associations());
        stats.traced.addAndGet(u.traced());
        stats.flows.addAndGet(u.total());
        append(engine, entry);
        engine.applied++;
        if (engine.sinceCheckpoint++ == 0) engine.pendingSinceMs = System.currentTimeMillis();
        if (due(engine, System.currentTimeMillis())) checkpoint(engine);
        ObjectNode trigger = CloudTrailEvents.MAPPER.createObjectNode();
        trigger.put("kind", "event");
        trigger.put("eventID", e.eventId());
        trigger.put("eventName", e.eventName());
        trigger.put("source", e.source());
        trigger.put("eventTime", e.time() == null ? null : e.time().toString());
        report(engine, e.account(), e.region(), u.changes(), trigger, record.timestamp());
    }

    // ---- baselines ----

    private void baseline(WatchedNetworks.Entry net, LogEntry.Baseline b, Record<String, LogEntry> record) {
        String where = b.account() + "/" + b.region();
        if (!net.wholeIn(b.account())) {
            deadLetter("the watched network " + net.id() + " holds resources of the accounts " + String.join(", ", new java.util.TreeSet<>(net.accounts()))
                    + ": a snapshot of " + where + " alone would drop the others' (publish its changes as events instead)",
                    "baseline", null, null, where, b.value(), net.id());
            return;
        }
        Network network;
        try {
            network = baselines.read(b.document(), b.account(), b.region());
        } catch (BadEventException bad) {
            deadLetter(bad.getMessage(), "baseline", null, null, where, b.value(), net.id());
            return;
        } catch (RuntimeException ex) {
            deadLetter("snapshot document could not be read: " + ex, "baseline", null, null, where, b.value(), net.id());
            return;
        }
        Engine engine = engine(net);
        Associations assoc = Associations.fromDocument(b.document());
        engine.state = new ModelChanges.State(network, assoc);
        Rechecker.Update u = engine.rechecker.update(network, Impact.EVERYTHING);
        // A baseline supersedes everything before it in the log.
        deleteFrom(net.id(), 0);
        append(engine, b);
        engine.sinceCheckpoint = 0;
        ObjectNode trigger = CloudTrailEvents.MAPPER.createObjectNode();
        trigger.put("kind", "baseline");
        trigger.putNull("eventID");
        trigger.putNull("eventName");
        trigger.put("resources", network.vpcs().size() + " VPCs, " + network.subnets().size() + " subnets");
        report(engine, b.account(), b.region(), u.changes(), trigger, record.timestamp());
    }

    // ---- the log and the cache ----

    private static String entryKey(String key, long seq) {
        return key + "#" + String.format("%019d", seq);
    }

    private void append(Engine engine, LogEntry entry) {
        engine.seq++;
        log.put(entryKey(engine.entry.id(), engine.seq), entry.json());
    }

    /** The position of the network's last logged change (0: none). */
    private long head(String key) {
        try (KeyValueIterator<String, String> it = log.reverseRange(entryKey(key, 0), entryKey(key, Long.MAX_VALUE))) {
            if (!it.hasNext()) return 0;
            String k = it.next().key;
            return Long.parseLong(k.substring(k.lastIndexOf('#') + 1));
        }
    }

    private List<KeyValue<String, String>> entries(String key, long fromSeq) {
        List<KeyValue<String, String>> out = new ArrayList<>();
        try (KeyValueIterator<String, String> it = log.range(entryKey(key, fromSeq), entryKey(key, Long.MAX_VALUE))) {
            while (it.hasNext()) out.add(it.next());
        }
        return out;
    }

    private void deleteFrom(String key, long fromSeq) {
        for (KeyValue<String, String> kv : entries(key, fromSeq)) log.delete(kv.key);
    }

    /** The traced network, rebuilt from its scenario and the log unless the cache is current. */
    private Engine engine(WatchedNetworks.Entry net) {
        long head = head(net.id());
        Engine cached = engines.get(net.id());
        if (cached != null && cached.seq == head) return cached;
        stats.rebuilds.incrementAndGet();
        Engine engine = new Engine(net);
        int replayed = 0;
        String failure = null;
        for (KeyValue<String, String> kv : entries(net.id(), 0)) {
            long seq = Long.parseLong(kv.key.substring(kv.key.lastIndexOf('#') + 1));
            try {
                LogEntry e = LogEntry.parse(kv.value);
                engine.state = replay(engine.state, e, net.scenario().network());
                engine.seq = seq;
                if (e instanceof LogEntry.Checkpoint c) engine.applied = c.events();
                if (e instanceof LogEntry.Event) {
                    replayed++;
                    engine.applied++;
                    if (engine.sinceCheckpoint++ == 0) engine.pendingSinceMs = System.currentTimeMillis();
                } else {
                    engine.sinceCheckpoint = 0;
                }
            } catch (BadEventException bad) {
                failure = "logged change #" + seq + " of " + net.id() + " could not be replayed: " + bad.getMessage();
                cutBack(engine, seq, failure, kv.value);
                break;
            }
        }
        engine.rechecker = new Rechecker(engine.state.network(), net.watched());
        engines.put(net.id(), engine);
        stats.replayed.addAndGet(replayed);
        if (replayed > 0 || cached != null) LOG_.info("{}: rebuilt from {} logged change(s)", net.id(), replayed);
        if (failure != null) correct(engine, failure);
        return engine;
    }

    private boolean due(Engine e, long nowMs) {
        return e.sinceCheckpoint > 0 && (e.sinceCheckpoint >= checkpoints.everyEvents()
                || nowMs - e.pendingSinceMs >= checkpoints.every().toMillis());
    }

    /**
     * Compacts the network's log into one checkpoint (written in the same transaction as the outputs), so
     * a rebuild replays at most one checkpoint interval. A network that a baseline replaced is written
     * as its difference from the scenario's like any other.
     */
    private void checkpoint(Engine engine) {
        long t0 = System.nanoTime();
        LogEntry.Checkpoint c = LogEntry.Checkpoint.of(engine.entry.scenario().network(), engine.state, engine.applied);
        String json = c.json();
        // A changelog record must fit the broker's max.message.bytes (1 MB by default): keep the log instead.
        if (json.length() > MAX_CHECKPOINT_CHARS) {
            LOG_.warn("{}: checkpoint of {} characters is too large for one record; the log is kept", engine.entry.id(), json.length());
            engine.sinceCheckpoint = 0;
            return;
        }
        deleteFrom(engine.entry.id(), 0);
        engine.seq++;
        log.put(entryKey(engine.entry.id(), engine.seq), json);
        engine.sinceCheckpoint = 0;
        stats.checkpoints.incrementAndGet();
        LOG_.debug("{}: checkpoint #{} ({} characters) in {} ms", engine.entry.id(), engine.seq, json.length(), (System.nanoTime() - t0) / 1_000_000);
    }

    static final int MAX_CHECKPOINT_CHARS = 900_000;

    /** Applies one logged change again; it was applied once, so anything else is a failure. */
    private ModelChanges.State replay(ModelChanges.State state, LogEntry entry, Network baseNetwork) throws BadEventException {
        try {
            if (entry instanceof LogEntry.Checkpoint c) return c.state(baseNetwork);
            if (entry instanceof LogEntry.Baseline b) {
                Network n = baselines.read(b.document(), b.account(), b.region());
                if (n == null) throw new BadEventException("the snapshot reader returned no network");
                return new ModelChanges.State(n, Associations.fromDocument(b.document()));
            }
            ChangeEvent e = CloudTrailEvents.parse(((LogEntry.Event) entry).event());
            ModelChanges.Outcome out = ModelChanges.apply(state, e);
            if (out instanceof ModelChanges.Outcome.Applied a) return new ModelChanges.State(a.network(), a.associations());
            throw new BadEventException(((ModelChanges.Outcome.NotHeld) out).reason());
        } catch (RuntimeException ex) {
            throw new BadEventException("internal error: " + ex);
        }
    }

    /**
     * The change at {@code seq} cannot be replayed: it and every later change (they were applied on top of
     * it) become dead letters and leave the log, which then again describes the network being rebuilt.
     */
    private void cutBack(Engine engine, long seq, String reason, String failedEntry) {
        stats.replayFailures.incrementAndGet();
        replayFailures.record();
        String key = engine.entry.id();
        LOG_.error("{}; the network is rebuilt from the last good state (change #{}) and its verdicts corrected", reason, engine.seq);
        List<KeyValue<String, String>> dropped = entries(key, seq);
        for (KeyValue<String, String> kv : dropped) {
            LogEntry e = null;
            try {
                e = LogEntry.parse(kv.value);
            } catch (BadEventException ignored) {
                // quoted as it is stored
            }
            String why = kv.value.equals(failedEntry) && kv.key.equals(entryKey(key, seq)) ? reason
                    : "dropped while rebuilding " + key + ": it was applied after logged change #" + seq + ", which could not be replayed";
            DeadLetters.Source was = source;
            source = e == null ? null : e.source();
            deadLetter(why, e == null ? "log" : e.kind(), null, null, key, e == null ? kv.value : e.value(), key);
            source = was;
            log.delete(kv.key);
        }
    }

    /**
     * Publishes every verdict the rebuilt network contradicts, and stores the network's. What was reported
     * is the store's verdict, or, for an expectation never reported, the scenario's own.
     */
    private void correct(Engine engine, String reason) {
        List<Rechecker.Change> changes = new ArrayList<>();
        Rechecker initial = null;
        for (Watched w : engine.entry.watched()) {
            Rechecker.Checked now = engine.rechecker.checked(w.id());
            Rechecker.Checked before = null;
            if (verdicts.get(w.id()) == null) {
                if (initial == null) initial = new Rechecker(engine.entry.scenario().network(), engine.entry.watched());
                before = initial.checked(w.id());
            }
            for (int i = 0; i < now.verdicts().size(); i++) {
                FlowResult r = i < now.results().size() ? now.results().get(i) : null;
                FlowVerdict was = before == null || i >= before.verdicts().size() ? null : before.verdicts().get(i);
                changes.add(new Rechecker.Change(w, i, now.verdicts().size(), was, now.verdicts().get(i), r,
                        before != null && before.passed(), now.passed()));
            }
        }
        ObjectNode trigger = CloudTrailEvents.MAPPER.createObjectNode();
        trigger.put("kind", "rebuild");
        trigger.putNull("eventID");
        trigger.putNull("eventName");
        trigger.put("reason", reason);
        long corrected = report(engine, engine.entry.homeAccount(), engine.state.network().region(), changes, trigger,
                System.currentTimeMillis());
        stats.corrected.addAndGet(corrected);
    }

    private void forgetOldEvents(long now) {
        long cutoff = now - SEEN_RETENTION.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> it = seen.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (Long.parseLong(kv.value) < cutoff) expired.add(kv.key);
            }
        }
        expired.forEach(seen::delete);
    }

    // ---- output ----

    /**
     * Publishes the changes against the verdicts last reported (the store, which survives restarts) and
     * stores the expectations' verdicts now; returns how many were published.
     */
    private long report(Engine engine, String account, String region, List<Rechecker.Change> changes, ObjectNode trigger,
                        long timestamp) {
        Map<String, List<Rechecker.Change>> byWatched = new java.util.LinkedHashMap<>();
        for (Rechecker.Change c : changes) byWatched.computeIfAbsent(c.watched().id(), k -> new ArrayList<>()).add(c);
        long published = 0;
        for (List<Rechecker.Change> group : byWatched.values()) {
            Rechecker.Change first = group.get(0);
            String storeKey = first.watched().id();
            JsonNode stored = readStored(storeKey);
            boolean anyEmitted = false;
            for (Rechecker.Change ch : group) {
                FlowVerdict before = ch.before();
                if (stored != null) {
                    JsonNode f = stored.path("flows").path(ch.flowIndex());
                    before = f.isMissingNode() ? null : FlowVerdict.fromJson(f);
                }
                if (ch.after().equals(before)) continue;
                boolean passedBefore = stored != null ? stored.path("passed").asBoolean() : ch.passedBefore();
                context.forward(new Record<>(ch.watched().id() + "/" + (ch.flowIndex() + 1),
                        new Out(false, verdictChange(account, region, engine, ch, before, passedBefore, trigger, timestamp)), timestamp));
                anyEmitted = true;
                published++;
            }
            if (anyEmitted || stored != null) {
                Rechecker.Checked now = engine.rechecker.checked(first.watched().id());
                ObjectNode v = CloudTrailEvents.MAPPER.createObjectNode();
                v.put("passed", now.passed());
                ArrayNode flows = v.putArray("flows");
                for (FlowVerdict fv : now.verdicts()) flows.add(fv.json());
                verdicts.put(storeKey, v.toString());
            }
        }
        return published;
    }

    private JsonNode readStored(String storeKey) {
        String s = verdicts.get(storeKey);
        if (s == null) return null;
        try {
            return CloudTrailEvents.MAPPER.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }

    private String verdictChange(String account, String region, Engine engine, Rechecker.Change ch, FlowVerdict before,
                                 boolean passedBefore, ObjectNode trigger, long timestamp) {
        Watched w = ch.watched();
        ObjectNode n = CloudTrailEvents.MAPPER.createObjectNode();
        n.put("account", account);
        n.put("region", region);
        n.put("network", engine.entry.id());
        n.put("scenario", w.scenarioFile());
        n.put("scenarioName", w.scenarioName());
        n.put("expectation", w.name());
        n.put("expectationIndex", w.index());
        n.put("from", w.expectation().from().text());
        n.put("to", w.expectation().to().text());
        n.put("reachable", w.expectation().reachable());
        n.put("flow", ch.flowIndex() + 1);
        n.put("flows", ch.flowCount());
        if (before == null) n.putNull("old");
        else n.set("old", before.json());
        n.set("new", ch.after().json());
        ObjectNode passed = n.putObject("expectationPassed");
        passed.put("old", passedBefore);
        passed.put("new", ch.passedAfter());
        FlowResult r = ch.result();
        Network network = engine.state.network();
        if (r != null) {
            Sentences say = new Sentences(network);
            n.put("packet", r.flow().packet().toString());
            n.put("explanation", say.reason(r));
            n.put("fix", say.fix(r).orElse(null));
            n.set("trace", new JsonReport().flow(r, say));
        } else {
            n.put("explanation", ch.after().component());
        }
        n.set("trigger", trigger);
        n.put("eventRecordTime", Instant.ofEpochMilli(timestamp).toString());
        n.put("detectedAt", Instant.now().toString());
        return n.toString();
    }

    private void deadLetter(String reason, String kind, String id, String name, String key, String value, String scenario) {
        LOG_.info("dead letter ({}{}): {}", kind, id == null ? "" : " " + id, reason);
        deadLetters.record();
        context.forward(new Record<>(key, new Out(true, DeadLetters.of(reason, kind, id, name, key, value,
                source != null ? source : DeadLetters.Source.of(context.recordMetadata()), scenario)), System.currentTimeMillis()));
    }
}
