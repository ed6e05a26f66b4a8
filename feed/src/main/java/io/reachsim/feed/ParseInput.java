package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.TreeSet;

/**
 * First step for both input topics: events are parsed (the envelope checked) and baselines must be
 * keyed {@code account/region} and hold a JSON object; then each is sent, keyed by network id, to
 * every watched network that holds resources of its account and region (a transit gateway hub, a
 * shared VPC and a peering span accounts: their networks see every account's events). Whatever cannot
 * be read becomes a dead letter here, before the repartition, and so does a call reachsim does not
 * apply; calls AWS refused ({@code errorCode}) and changes for no watched network are dropped.
 */
final class ParseInput implements Processor<String, String, String, Parsed> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseInput.class);

    private final boolean baselines;
    private final WatchedNetworks networks;
    private ProcessorContext<String, Parsed> context;

    ParseInput(boolean baselines, WatchedNetworks networks) {
        this.baselines = baselines;
        this.networks = networks;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
        String value = record.value();
        String kind = baselines ? "baseline" : "event";
        if (value == null || value.isBlank()) {
            dead(record, "empty record: expected " + (baselines ? "a snapshot document" : "an EventBridge event"), null, null, kind);
            return;
        }
        DeadLetters.Source source = DeadLetters.Source.of(context.recordMetadata());
        if (baselines) {
            String key = record.key();
            if (key == null || !key.matches("[^/\\s]+/[a-z]{2}(-[a-z]+)+-\\d+")) {
                dead(record, "baseline key is " + CloudTrailEvents.quote(key) + ", expected ACCOUNT/REGION (e.g. 111122223333/us-east-1)", null, null, kind);
                return;
            }
            JsonNode doc;
            try {
                doc = CloudTrailEvents.MAPPER.readTree(value);
            } catch (Exception e) {
                dead(record, "baseline is not JSON: " + e.getMessage(), null, null, kind);
                return;
            }
            if (doc == null || !doc.isObject()) {
                dead(record, "baseline is not a JSON object (a snapshot document such as {\"Vpcs\": [...], \"Subnets\": [...]})", null, null, kind);
                return;
            }
            int slash = key.indexOf('/');
            String account = key.substring(0, slash);
            String region = key.substring(slash + 1);
            List<WatchedNetworks.Entry> to = networks.holding(account, region);
            if (to.isEmpty()) {
                dead(record, "no watched scenario's network is in " + key + " (the accounts a scenario's VPCs, subnets, groups, "
                        + "interfaces and transit gateways name, or any account when it names none, and its regions)", null, null, kind);
                return;
            }
            LogEntry entry = new LogEntry.Baseline(account, region, doc, source);
            for (WatchedNetworks.Entry n : to) context.forward(record.withKey(n.id()).withValue(Parsed.routed(entry)));
            return;
        }
        ChangeEvent e;
        try {
            e = CloudTrailEvents.parse(value);
        } catch (BadEventException bad) {
            dead(record, bad.getMessage(), null, null, kind);
            return;
        }
        if (e.errorCode() != null) {
            // AWS refused the call (CloudTrail records failed calls too): nothing changed.
            LOG.debug("event {} ({}) failed in AWS with {}; nothing to apply", e.eventId(), e.eventName(), e.errorCode());
            return;
        }
        if (!ModelChanges.SUPPORTED.contains(e.eventName())) {
            dead(record, "eventName " + e.eventName() + " is not a change reachsim applies (supported: "
                    + String.join(", ", new TreeSet<>(ModelChanges.SUPPORTED)) + ")", e.eventId(), e.eventName(), kind);
            return;
        }
        List<WatchedNetworks.Entry> to = networks.holding(e.account(), e.region());
        if (to.isEmpty()) LOG.debug("event {} for {}: no watched network there", e.eventId(), e.key());
        LogEntry entry = new LogEntry.Event(value, source);
        for (WatchedNetworks.Entry n : to) context.forward(record.withKey(n.id()).withValue(Parsed.routed(entry)));
    }

    private void dead(Record<String, String> record, String reason, String id, String name, String kind) {
        context.forward(record.withValue(Parsed.dead(DeadLetters.of(reason, kind, id, name, record.key(), record.value(),
                DeadLetters.Source.of(context.recordMetadata()), null))));
    }
}
