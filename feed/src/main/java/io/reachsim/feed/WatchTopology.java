package io.reachsim.feed;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology of {@code reachsim watch}:
 * <pre>
 * events ──parse, fan out──┐                                        ┌─> verdicts
 *                           ├─ by network id (repartition) ─ recheck ─┤
 * baselines ─read, fan out─┘                                        └─> dead letters
 *  (unreadable input goes to dead letters before the repartition)
 * </pre>
 * A change goes to every watched network holding resources of its account and region, keyed by the
 * network: one network's changes, from all its accounts, are applied in order by one task; tasks
 * spread over instances with the same application id.
 */
public final class WatchTopology {
    private WatchTopology() {}

    public static Topology build(WatchOptions o, WatchedNetworks networks, BaselineReader reader) {
        return build(o, networks, reader, new RecheckProcessor.Stats());
    }

    static Topology build(WatchOptions o, WatchedNetworks networks, BaselineReader reader, RecheckProcessor.Stats stats) {
        return build(o, networks, reader, stats, RecheckProcessor.Checkpoints.DEFAULT);
    }

    static Topology build(WatchOptions o, WatchedNetworks networks, BaselineReader reader, RecheckProcessor.Stats stats,
                          RecheckProcessor.Checkpoints checkpoints) {
        StreamsBuilder b = new StreamsBuilder();
        // Changelogged by default: a restarted or moved task restores them from Kafka.
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecheckProcessor.LOG), Serdes.String(), Serdes.String()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecheckProcessor.SEEN), Serdes.String(), Serdes.String()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecheckProcessor.VERDICTS), Serdes.String(), Serdes.String()));

        Produced<String, String> out = Produced.with(Serdes.String(), Serdes.String());
        KStream<String, Parsed> events = b.stream(o.eventsTopic(), Consumed.with(Serdes.String(), Serdes.String()).withName("events"))
                .process(() -> new ParseInput(false, networks), Named.as("parse-events"));
        KStream<String, Parsed> baselines = b.stream(o.baselinesTopic(), Consumed.with(Serdes.String(), Serdes.String()).withName("baselines"))
                .process(() -> new ParseInput(true, networks), Named.as("read-baselines"));
        KStream<String, Parsed> input = events.merge(baselines, Named.as("changes"));
        KStream<String, Parsed> good = input.split(Named.as("input-"))
                .branch((k, v) -> v.isDead(), Branched.withConsumer(s -> s.mapValues(Parsed::deadLetter, Named.as("input-dead-letter"))
                        .to(o.deadLettersTopic(), out.withName("input-dead-letters")), "dead"))
                .defaultBranch(Branched.as("ok"))
                .get("input-ok");
        KStream<String, Out> results = good
                .mapValues(Parsed::entry, Named.as("entry"))
                .repartition(Repartitioned.<String, LogEntry>with(Serdes.String(), LogEntry.serde())
                        .withName("by-network"))
                .process(() -> new RecheckProcessor(networks, reader, stats, checkpoints), Named.as("recheck"),
                        RecheckProcessor.LOG, RecheckProcessor.SEEN, RecheckProcessor.VERDICTS);
        results.split(Named.as("output-"))
                .branch((k, v) -> v.deadLetter(), Branched.withConsumer(s -> s.mapValues(Out::json, Named.as("apply-dead-letter"))
                        .to(o.deadLettersTopic(), out.withName("apply-dead-letters")), "dead"))
                .defaultBranch(Branched.withConsumer(s -> s.mapValues(Out::json, Named.as("verdict-change"))
                        .to(o.verdictsTopic(), out.withName("verdict-changes")), "verdicts"));
        return b.build();
    }

}
