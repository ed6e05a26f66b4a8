package io.reachsim.feed;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Network;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.charset.StandardCharsets;

/**
 * One change for one watched network, in the one shape the service writes and reads: the value of the
 * internal repartition topic (input → re-check) and of the per-network log store the traced networks
 * are rebuilt from. {@code source} is where the change was first read (topic, partition, offset), so a
 * dead letter written later — also one written while replaying the log — names the input record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = LogEntry.Event.class, name = "event"),
        @JsonSubTypes.Type(value = LogEntry.Baseline.class, name = "baseline"),
        @JsonSubTypes.Type(value = LogEntry.Checkpoint.class, name = "checkpoint")})
sealed interface LogEntry {

    DeadLetters.Source source();

    /** The kind written in dead letters and verdict triggers. */
    String kind();

    /** A CloudTrail API call, as the EventBridge event was read (parsed again where it is applied). */
    record Event(String event, DeadLetters.Source source) implements LogEntry {
        @Override
        public String kind() {
            return "event";
        }
    }

    /** A snapshot document for one account and region, replacing the network. */
    record Baseline(String account, String region, JsonNode document, DeadLetters.Source source) implements LogEntry {
        @Override
        public String kind() {
            return "baseline";
        }
    }

    /**
     * The network as it was after {@code events} applied changes: the {@link ModelDelta} from the scenario's
     * network and the learned association and rule ids, gzip-compressed and base64-encoded. Replaces the
     * log before it, so a restart replays at most one checkpoint interval.
     */
    record Checkpoint(String model, long events, String at, DeadLetters.Source source) implements LogEntry {
        @Override
        public String kind() {
            return "checkpoint";
        }

        static Checkpoint of(Network base, ModelChanges.State state, long events) {
            ObjectNode n = ModelDelta.MAPPER.createObjectNode();
            n.set("network", ModelDelta.of(base, state.network()));
            n.set("associations", ModelDelta.MAPPER.valueToTree(state.associations()));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
                ModelDelta.MAPPER.writeValue(gz, n);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Checkpoint(java.util.Base64.getEncoder().encodeToString(bytes.toByteArray()), events,
                    java.time.Instant.now().toString(), null);
        }

        ModelChanges.State state(Network base) throws BadEventException {
            try (java.util.zip.GZIPInputStream gz = new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(model)))) {
                JsonNode n = ModelDelta.MAPPER.readTree(gz);
                return new ModelChanges.State(ModelDelta.apply(base, n.get("network")),
                        ModelDelta.MAPPER.treeToValue(n.get("associations"), Associations.class));
            } catch (java.io.IOException | RuntimeException e) {
                throw new BadEventException("checkpoint unreadable: " + e.getMessage());
            }
        }
    }

    /** The value a dead letter quotes: the record as it was read. */
    default String value() {
        if (this instanceof Event e) return e.event();
        if (this instanceof Checkpoint c) return "checkpoint after " + c.events() + " changes, " + c.at();
        JsonNode doc = ((Baseline) this).document();
        return doc == null ? null : doc.toString();
    }

    default String json() {
        try {
            return CloudTrailEvents.MAPPER.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("log entry cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an entry written by {@link #json()}; a malformed one is reported, not thrown. */
    static LogEntry parse(String json) throws BadEventException {
        if (json == null) throw new BadEventException("log entry is empty");
        try {
            LogEntry e = CloudTrailEvents.MAPPER.readValue(json, LogEntry.class);
            if (e == null) throw new BadEventException("log entry is JSON null");
            return e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new BadEventException("log entry is unreadable: " + ex.getOriginalMessage());
        }
    }

    /** The serde of the repartition topic. */
    static Serde<LogEntry> serde() {
        return Serdes.serdeFrom(
                (topic, e) -> e == null ? null : e.json().getBytes(StandardCharsets.UTF_8),
                (topic, bytes) -> {
                    if (bytes == null) return null;
                    try {
                        return parse(new String(bytes, StandardCharsets.UTF_8));
                    } catch (BadEventException ex) {
                        throw new org.apache.kafka.common.errors.SerializationException(ex.getMessage());
                    }
                });
    }
}
