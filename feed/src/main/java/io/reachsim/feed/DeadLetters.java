package io.reachsim.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;
import java.util.Optional;

/** Dead-letter records: the reason, where the input came from, and the input itself. */
final class DeadLetters {
    private DeadLetters() {}

    /** Where an input record was read: its topic, partition and offset. */
    record Source(String topic, int partition, long offset) {
        static Source of(Optional<RecordMetadata> m) {
            return m.map(x -> new Source(x.topic(), x.partition(), x.offset())).orElse(null);
        }
    }

    static String of(String reason, String kind, String eventId, String eventName, String key, String value,
                     Source where, String scenario) {
        ObjectNode n = CloudTrailEvents.MAPPER.createObjectNode();
        n.put("reason", reason);
        n.put("kind", kind);
        n.put("eventID", eventId);
        n.put("eventName", eventName);
        n.put("scenario", scenario);
        n.put("key", key);
        if (where != null) {
            n.put("topic", where.topic());
            n.put("partition", where.partition());
            n.put("offset", where.offset());
        }
        n.put("deadAt", Instant.now().toString());
        n.put("value", value);
        return n.toString();
    }
}
