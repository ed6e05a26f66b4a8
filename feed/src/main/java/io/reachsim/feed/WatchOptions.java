package io.reachsim.feed;

import java.nio.file.Path;
import java.util.Map;

/**
 * How {@code reachsim watch} connects: the broker, its four topics, the Kafka Streams application id
 * (instances with the same id share the work) and the local state folder. {@code overrides} are extra
 * Kafka Streams properties (tests shorten timeouts with them).
 */
public record WatchOptions(String bootstrapServers, String eventsTopic, String baselinesTopic, String verdictsTopic,
                           String deadLettersTopic, String applicationId, Path stateDir, Map<String, String> overrides) {
    public static final String EVENTS = "reachsim.events";
    public static final String BASELINES = "reachsim.baselines";
    public static final String VERDICTS = "reachsim.verdicts";
    public static final String DEAD_LETTERS = "reachsim.dlq";
    public static final String APPLICATION_ID = "reachsim-watch";

    public WatchOptions {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    public static WatchOptions defaults(String bootstrapServers, Path stateDir) {
        return new WatchOptions(bootstrapServers, EVENTS, BASELINES, VERDICTS, DEAD_LETTERS, APPLICATION_ID, stateDir, Map.of());
    }

    public WatchOptions withOverrides(Map<String, String> o) {
        return new WatchOptions(bootstrapServers, eventsTopic, baselinesTopic, verdictsTopic, deadLettersTopic, applicationId, stateDir, o);
    }
}
