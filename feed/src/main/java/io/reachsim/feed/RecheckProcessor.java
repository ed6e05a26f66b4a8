package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Network;
import io.reachsim.report.JsonReport;
import io.reachsim.report.Sentences;
import io.reachsim.trace.FlowResult;
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

/**
 * The re-check step, one instance per stream task (so per set of {@code account/region} keys).
 *
 * <p>What survives a crash lives in three changelogged stores, written in the same exactly-once
 * transaction as the outputs: {@link #LOG} (per key, the applied events and baselines in order, from the
 * latest baseline on), {@link #SEEN} (event ids already handled: CloudTrail and EventBridge may deliver
 * an event more than once) and {@link #VERDICTS} (the last verdicts reported per expectation). The
 * traced networks are an in-memory cache of the log: rebuilt by replaying it when absent or when its
 * position differs from the log's head (after a restart, a rebalance or an aborted transaction).
 */
final class RecheckProcessor implements Processor<String, String, String, Out> {
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
    /** Where the record being processed was first read (before the repartition). */
    private DeadLetters.Source source;

    /** Counters for logs and benchmarks. */
    static final class Stats {
        final java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong duplicates = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong traced = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong flows = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong rebuilds = new java.util.concurrent.atomic.AtomicLong();
    }

    /** The traced networks of one key and the log position they reflect. */
    private static final class Engine {
        long seq;
        final List<Net> nets = new ArrayList<>();
    }

    private static final class Net {
        final WatchedNetworks.Entry entry;
        ModelChanges.State state;
        Rechecker rechecker;

        Net(WatchedNetworks.Entry entry, ModelChanges.State state) {
            this.entry = entry;
            this.state = state;
        }
    }

    RecheckProcessor(WatchedNetworks networks, BaselineReader baselines, Stats stats) {
        this.networks = networks;
        this.baselines = baselines;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.context = context;
        this.log = context.getStateStore(LOG);
        this.seen = context.getStateStore(SEEN);
        this.verdicts = context.getStateStore(VERDICTS);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetOldEvents);
    }

    @Override
    public void process(Record<String, String> record) {
        String key = record.key();
        JsonNode env;
        try {
            env = CloudTrailEvents.MAPPER.readTree(record.value());
        } catch (Exception e) {
            deadLetter("internal envelope unreadable: " + e.getMessage(), "event", null, null, key, record.value(), null);
            return;
        }
        source = env.has("topic") ? new DeadLetters.Source(env.get("topic").asText(), env.path("partition").asInt(),
                env.path("offset").asLong()) : DeadLetters.Source.of(context.recordMetadata());
        String kind = "baseline".equals(env.path("kind").asText()) ? "baseline" : "event";
        try {
            if (kind.equals("baseline")) baseline(key, env.get("document"), record);
            else event(key, env.path("event").asText(), record);
        } catch (RuntimeException ex) {
            // A bug must not stop the service or make it retry the same record forever: report the record,
            // forget the cached networks (rebuilt from the log, which is consistent with what was committed).
            LOG_.error("internal error on a {} for {}", kind, key, ex);
            engines.remove(key);
            deadLetter("internal error: " + ex, kind, null, null, key, record.value(), null);
        }
    }

    // ---- events ----

    private void event(String key, String text, Record<String, String> record) {
        ChangeEvent e;
        try {
            e = CloudTrailEvents.parse(text);
        } catch (BadEventException bad) {
            deadLetter(bad.getMessage(), "event", null, null, key, text, null);
            return;
        }
        if (seen.get(e.eventId()) != null) {
            stats.duplicates.incrementAndGet();
            LOG_.debug("event {} ({}) already handled; skipped", e.eventId(), e.eventName());
            return;
        }
        stats.events.incrementAndGet();
        seen.put(e.eventId(), Long.toString(System.currentTimeMillis()));
        if (e.errorCode() != null) {
            // AWS refused the call (CloudTrail records failed calls too): nothing changed.
            LOG_.debug("event {} ({}) failed in AWS with {}; nothing to apply", e.eventId(), e.eventName(), e.errorCode());
            return;
        }
        if (!ModelChanges.SUPPORTED.contains(e.eventName())) {
            deadLetter("eventName " + e.eventName() + " is not a change reachsim applies (supported: "
                    + String.join(", ", new java.util.TreeSet<>(ModelChanges.SUPPORTED)) + ")", "event", e.eventId(),
                    e.eventName(), key, text, null);
            return;
        }
        Engine engine = engine(key);
        if (engine.nets.isEmpty()) {
            LOG_.debug("event {} for {}: no watched network there", e.eventId(), key);
            return;
        }
        List<Change> changes = new ArrayList<>();
        List<String> appliedTo = new ArrayList<>();
        String unknown = null;
        for (Net net : engine.nets) {
            ModelChanges.Outcome out;
            try {
                out = ModelChanges.apply(net.state, e);
            } catch (BadEventException bad) {
                deadLetter(bad.getMessage(), "event", e.eventId(), e.eventName(), key, text, net.entry.scenario().file());
                continue;
            }
            if (out instanceof ModelChanges.Outcome.NotHeld nh) {
                if (nh.unknownId()) unknown = nh.reason();
                continue;
            }
            ModelChanges.Outcome.Applied a = (ModelChanges.Outcome.Applied) out;
            Rechecker.Update u;
            try {
                u = net.rechecker.update(a.network(), a.impact());
            } catch (RuntimeException ex) {
                // The changed network cannot be checked (a bug): keep this network as it was, say so.
                LOG_.error("internal error re-checking {} after {}", net.entry.scenario().file(), e.eventId(), ex);
                net.rechecker = new Rechecker(net.state.network(), net.entry.watched());
                deadLetter("internal error re-checking the network after this event (the network is kept as it was): " + ex,
                        "event", e.eventId(), e.eventName(), key, text, net.entry.scenario().file());
                continue;
            }
            net.state = new ModelChanges.State(a.network(), a.associations());
            appliedTo.add(net.entry.scenario().file());
            stats.traced.addAndGet(u.traced());
            stats.flows.addAndGet(u.total());
            for (Rechecker.Change c : u.changes()) changes.add(new Change(net, c));
        }
        if (appliedTo.isEmpty()) {
            if (unknown != null) deadLetter(unknown + "; no watched network in " + key + " holds it", "event", e.eventId(),
                    e.eventName(), key, text, null);
            return;
        }
        ObjectNode entry = CloudTrailEvents.MAPPER.createObjectNode().put("kind", "event").put("event", text);
        // Replay applies the event to exactly these networks again.
        appliedTo.forEach(entry.putArray("appliedTo")::add);
        append(key, engine, entry.toString());
        ObjectNode trigger = CloudTrailEvents.MAPPER.createObjectNode();
        trigger.put("kind", "event");
        trigger.put("eventID", e.eventId());
        trigger.put("eventName", e.eventName());
        trigger.put("source", e.source());
        trigger.put("eventTime", e.time() == null ? null : e.time().toString());
        report(key, changes, trigger, record);
    }

    // ---- baselines ----

    private void baseline(String key, JsonNode doc, Record<String, String> record) {
        int slash = key.indexOf('/');
        String account = key.substring(0, slash);
        String region = key.substring(slash + 1);
        Engine engine = engine(key);
        if (engine.nets.isEmpty()) {
            deadLetter("no watched scenario's network is in " + key + " (a scenario's VPC account, or any account when it "
                    + "names none, and its region)", "baseline", null, null, key, doc.toString(), null);
            return;
        }
        Network network;
        try {
            network = baselines.read(doc, account, region);
        } catch (BadEventException bad) {
            deadLetter(bad.getMessage(), "baseline", null, null, key, doc.toString(), null);
            return;
        } catch (RuntimeException ex) {
            deadLetter("snapshot document could not be read: " + ex, "baseline", null, null, key, doc.toString(), null);
            return;
        }
        Associations assoc = Associations.fromDocument(doc);
        List<Change> changes = new ArrayList<>();
        for (Net net : engine.nets) {
            net.state = new ModelChanges.State(network, assoc);
            Rechecker.Update u = net.rechecker.update(network, Impact.EVERYTHING);
            for (Rechecker.Change c : u.changes()) changes.add(new Change(net, c));
        }
        // A baseline supersedes everything before it in the log.
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = log.range(entryKey(key, 0), entryKey(key, Long.MAX_VALUE))) {
            while (it.hasNext()) old.add(it.next().key);
        }
        old.forEach(log::delete);
        ObjectNode entry = CloudTrailEvents.MAPPER.createObjectNode().put("kind", "baseline");
        entry.set("document", doc);
        append(key, engine, entry.toString());
        ObjectNode trigger = CloudTrailEvents.MAPPER.createObjectNode();
        trigger.put("kind", "baseline");
        trigger.putNull("eventID");
        trigger.putNull("eventName");
        trigger.put("resources", network.vpcs().size() + " VPCs, " + network.subnets().size() + " subnets");
        report(key, changes, trigger, record);
    }

    // ---- the log and the cache ----

    private static String entryKey(String key, long seq) {
        return key + "#" + String.format("%019d", seq);
    }

    private static String headKey(String key) {
        return key + "#head";
    }

    private void append(String key, Engine engine, String entry) {
        engine.seq++;
        log.put(entryKey(key, engine.seq), entry);
        log.put(headKey(key), Long.toString(engine.seq));
    }

    /** The traced networks of {@code key}, rebuilt from the scenarios and the log unless the cache is current. */
    private Engine engine(String key) {
        String headText = log.get(headKey(key));
        long head = headText == null ? 0 : Long.parseLong(headText);
        Engine cached = engines.get(key);
        if (cached != null && cached.seq == head) return cached;
        stats.rebuilds.incrementAndGet();
        Engine engine = new Engine();
        engine.seq = head;
        for (WatchedNetworks.Entry entry : networks.forKey(key)) {
            engine.nets.add(new Net(entry, new ModelChanges.State(entry.scenario().network(), Associations.NONE)));
        }
        int slash = key.indexOf('/');
        int replayed = 0;
        try (KeyValueIterator<String, String> it = log.range(entryKey(key, 0), entryKey(key, head))) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                replay(engine, kv.value, key.substring(0, slash), key.substring(slash + 1));
                replayed++;
            }
        }
        for (Net net : engine.nets) net.rechecker = new Rechecker(net.state.network(), net.entry.watched());
        engines.put(key, engine);
        if (replayed > 0 || cached != null) LOG_.info("{}: rebuilt {} network(s) from {} logged change(s)", key, engine.nets.size(), replayed);
        return engine;
    }

    private void replay(Engine engine, String entryText, String account, String region) {
        try {
            JsonNode entry = CloudTrailEvents.MAPPER.readTree(entryText);
            if ("baseline".equals(entry.path("kind").asText())) {
                Network n = baselines.read(entry.get("document"), account, region);
                Associations a = Associations.fromDocument(entry.get("document"));
                for (Net net : engine.nets) net.state = new ModelChanges.State(n, a);
                return;
            }
            ChangeEvent e = CloudTrailEvents.parse(entry.path("event").asText());
            java.util.Set<String> to = new java.util.HashSet<>();
            entry.path("appliedTo").forEach(x -> to.add(x.asText()));
            for (Net net : engine.nets) {
                if (!to.isEmpty() && !to.contains(net.entry.scenario().file())) continue;
                try {
                    ModelChanges.Outcome out = ModelChanges.apply(net.state, e);
                    if (out instanceof ModelChanges.Outcome.Applied a) net.state = new ModelChanges.State(a.network(), a.associations());
                } catch (BadEventException | RuntimeException bad) {
                    // It was reported when it first arrived; the replay reproduces the same state without it.
                }
            }
        } catch (Exception ex) {
            LOG_.warn("a logged change could not be replayed: {}", ex.toString());
        }
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

    private record Change(Net net, Rechecker.Change change) {}

    private void report(String key, List<Change> changes, ObjectNode trigger, Record<String, String> record) {
        Map<String, List<Change>> byWatched = new java.util.LinkedHashMap<>();
        for (Change c : changes) byWatched.computeIfAbsent(c.change().watched().id(), k -> new ArrayList<>()).add(c);
        for (List<Change> group : byWatched.values()) {
            Rechecker.Change first = group.get(0).change();
            String storeKey = key + "|" + first.watched().id();
            JsonNode stored = readStored(storeKey);
            boolean anyEmitted = false;
            for (Change c : group) {
                Rechecker.Change ch = c.change();
                FlowVerdict before = ch.before();
                if (stored != null) {
                    JsonNode f = stored.path("flows").path(ch.flowIndex());
                    before = f.isMissingNode() ? null : FlowVerdict.fromJson(f);
                }
                if (ch.after().equals(before)) continue;
                boolean passedBefore = stored != null ? stored.path("passed").asBoolean() : ch.passedBefore();
                context.forward(new Record<>(key + "|" + ch.watched().id() + "/" + (ch.flowIndex() + 1),
                        new Out(false, verdictChange(key, c.net(), ch, before, passedBefore, trigger, record)), record.timestamp()));
                anyEmitted = true;
            }
            if (anyEmitted || stored != null) {
                Rechecker.Checked now = group.get(0).net().rechecker.checked(first.watched().id());
                ObjectNode v = CloudTrailEvents.MAPPER.createObjectNode();
                v.put("passed", now.passed());
                ArrayNode flows = v.putArray("flows");
                for (FlowVerdict fv : now.verdicts()) flows.add(fv.json());
                verdicts.put(storeKey, v.toString());
            }
        }
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

    private String verdictChange(String key, Net net, Rechecker.Change ch, FlowVerdict before, boolean passedBefore,
                                 ObjectNode trigger, Record<String, String> record) {
        int slash = key.indexOf('/');
        Watched w = ch.watched();
        ObjectNode n = CloudTrailEvents.MAPPER.createObjectNode();
        n.put("account", key.substring(0, slash));
        n.put("region", key.substring(slash + 1));
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
        Network network = net.state.network();
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
        n.put("eventRecordTime", Instant.ofEpochMilli(record.timestamp()).toString());
        n.put("detectedAt", Instant.now().toString());
        return n.toString();
    }

    private void deadLetter(String reason, String kind, String id, String name, String key, String value, String scenario) {
        LOG_.info("dead letter ({}{}): {}", kind, id == null ? "" : " " + id, reason);
        context.forward(new Record<>(key, new Out(true, DeadLetters.of(reason, kind, id, name, key, value,
                source != null ? source : DeadLetters.Source.of(context.recordMetadata()), scenario)), System.currentTimeMillis()));
    }
}
