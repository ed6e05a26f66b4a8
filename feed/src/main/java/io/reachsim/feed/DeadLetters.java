package io.reachsim.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;
import java.util.Optional;

/** Dead-letter records: the reason, where the input came from, and the input itself. */
final class DeadLetters {
    private DeadLetters() {}

    static String of(String reason, String kind, String eventId, String eventName, String key, String value,
                     Optional<RecordMetadata> where, String scenario) {
        ObjectNode n = CloudTrailEvents.MAPPER.createObjectNode();
        n.put("reason", reason);
        n.put("kind", kind);
        n.put("eventID", eventId);
        n.put("eventName", eventName);
        n.put("scenario", scenario);
        n.put("key", key);
        where.ifPresent(m -> {
            n.put("topic", m.topic());
            n.put("partition", m.partition());
            n.put("offset", m.offset());
        });
        n.put("deadAt", Instant.now().toString());
        n.put("value", value);
        return n.toString();
    }
}
