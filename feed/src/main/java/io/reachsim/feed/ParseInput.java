package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * First step for both input topics: events are parsed (the envelope checked) and keyed by their
 * {@code account/region}; baselines must be keyed {@code account/region} and hold a JSON object.
 * Whatever cannot be read becomes a dead letter here, before the repartition.
 */
final class ParseInput implements FixedKeyProcessor<String, String, Parsed> {
    private final boolean baselines;
    private FixedKeyProcessorContext<String, Parsed> context;

    ParseInput(boolean baselines) {
        this.baselines = baselines;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, String> record) {
        String value = record.value();
        String kind = baselines ? "baseline" : "event";
        if (value == null || value.isBlank()) {
            dead(record, "empty record: expected " + (baselines ? "a snapshot document" : "an EventBridge event"), null, null, kind);
            return;
        }
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
            ObjectNode env = CloudTrailEvents.MAPPER.createObjectNode();
            env.put("kind", "baseline");
            source(env);
            env.set("document", doc);
            context.forward(record.withValue(Parsed.routed(key, env.toString())));
            return;
        }
        ChangeEvent e;
        try {
            e = CloudTrailEvents.parse(value);
        } catch (BadEventException bad) {
            dead(record, bad.getMessage(), null, null, kind);
            return;
        }
        ObjectNode env = CloudTrailEvents.MAPPER.createObjectNode();
        env.put("kind", "event");
        source(env);
        env.put("event", value);
        context.forward(record.withValue(Parsed.routed(e.key(), env.toString())));
    }

    /** The input's own topic, partition and offset, for dead letters written after the repartition. */
    private void source(ObjectNode env) {
        context.recordMetadata().ifPresent(m -> {
            env.put("topic", m.topic());
            env.put("partition", m.partition());
            env.put("offset", m.offset());
        });
    }

    private void dead(FixedKeyRecord<String, String> record, String reason, String id, String name, String kind) {
        context.forward(record.withValue(Parsed.dead(DeadLetters.of(reason, kind, id, name, record.key(), record.value(),
                DeadLetters.Source.of(context.recordMetadata()), null))));
    }
}
