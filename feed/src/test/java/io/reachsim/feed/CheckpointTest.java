package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service compacts a network's log into checkpoints by itself, and rebuilds from the latest one. */
class CheckpointTest {
    @TempDir
    Path state;
    TopologyTestDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) driver.close();
    }

    @Test
    void everyThreeChangesTheLogBecomesOneCheckpointAndARebuildStartsFromIt() throws Exception {
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(WatchTopologyTest.SCENARIO));
        WatchOptions o = WatchOptions.defaults("unused:9092", state);
        RecheckProcessor.Stats stats = new RecheckProcessor.Stats();
        driver = new TopologyTestDriver(WatchTopology.build(o, new WatchedNetworks(scenarios), (doc, account, region) -> null, stats,
                new RecheckProcessor.Checkpoints(3, Duration.ofHours(1))), WatchService.properties(o));
        TestInputTopic<String, String> events = driver.createInputTopic(o.eventsTopic(), new StringSerializer(), new StringSerializer());
        TestInputTopic<String, String> baselines = driver.createInputTopic(o.baselinesTopic(), new StringSerializer(), new StringSerializer());
        TestOutputTopic<String, String> verdicts = driver.createOutputTopic(o.verdictsTopic(), new StringDeserializer(), new StringDeserializer());
        TestOutputTopic<String, String> dlq = driver.createOutputTopic(o.deadLettersTopic(), new StringDeserializer(), new StringDeserializer());
        // Seven toggles of the NAT route, and an ACL entry that stays (a change the checkpoint must carry).
        events.pipeInput(null, Events.sample("create-nacl-entry-deny.json"));
        for (int i = 0; i < 7; i++) {
            events.pipeInput(null, Events.withEventId(Events.sample(i % 2 == 0 ? "delete-route.json" : "create-route-nat.json"), "t" + i));
        }
        assertThat(verdicts.readValuesToList()).hasSize(8);
        KeyValueStore<String, String> log = driver.getKeyValueStore(RecheckProcessor.LOG);
        List<String> kinds = new ArrayList<>();
        try (KeyValueIterator<String, String> it = log.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                kinds.add(LogEntry.parse(kv.value).kind());
            }
        }
        assertThat(kinds).as("8 changes, a checkpoint every 3: the checkpoint after the 6th and the 2 after it")
                .containsExactly("checkpoint", "event", "event");
        assertThat(stats.checkpoints.get()).isEqualTo(2);

        // An internal error drops the cached network; the next event rebuilds it from the checkpoint.
        baselines.pipeInput("111122223333/us-east-1", "{\"Vpcs\": []}");
        assertThat(dlq.readValuesToList()).singleElement().asString().contains("internal error");
        long before = stats.replayed.get();
        // The last toggle deleted the route (an event after the checkpoint): restoring it flips the internet expectation back.
        events.pipeInput(null, Events.withEventId(Events.sample("create-route-nat.json"), "t7"));
        List<JsonNode> changes = new ArrayList<>();
        for (String v : verdicts.readValuesToList()) changes.add(CloudTrailEvents.MAPPER.readTree(v));
        assertThat(changes).extracting(c -> c.path("new").path("code").asText()).containsExactly("null");
        assertThat(changes.get(0).path("new").path("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(stats.replayed.get() - before).as("replayed only what came after the checkpoint").isEqualTo(2);
        events.pipeInput(null, Events.sample("delete-nacl-entry.json"));
        assertThat(verdicts.readValuesToList()).as("the deny was in the checkpoint: deleting it flips SSH back").hasSize(1);
        assertThat(dlq.readValuesToList()).isEmpty();
    }
}
