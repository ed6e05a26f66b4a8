package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.aws.snapshot.Snapshots;
import io.reachsim.load.EndpointRefs;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.Scenario;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Baselines read by the aws module's importer ({@link SnapshotBaselines}): the aws module's snapshot
 * fixture (AWS CLI describe-* output) as one document on the baseline topic, the same folder read by the
 * aws module as the watched network.
 */
class SnapshotBaselineTest {
    static final Path SNAPSHOT = Path.of("../aws/src/test/resources/snapshots/single");

    @TempDir
    Path state;

    /** The folder's files merged into one document, as a producer of baselines would send it. */
    static ObjectNode document() throws Exception {
        ObjectNode doc = CloudTrailEvents.MAPPER.createObjectNode();
        try (Stream<Path> files = Files.list(SNAPSHOT)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().startsWith("entries-")) continue; // named by file, not by key
                JsonNode n = CloudTrailEvents.MAPPER.readTree(f.toFile());
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (doc.has(e.getKey()) && doc.get(e.getKey()).isArray() && e.getValue().isArray()) {
                        ((ArrayNode) doc.get(e.getKey())).addAll((ArrayNode) e.getValue());
                    } else {
                        doc.set(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return doc;
    }

    /**
     * The snapshot folder as the watched network (read by the aws module), with expectations on its real
     * ids: only what the snapshot holds, so a baseline of the same folder is the same network.
     */
    static Scenario watched() throws Exception {
        Network n = Snapshots.readFolder(SNAPSHOT, "us-east-2").network();
        List<Expectation> e = List.of(
                expectation("app reaches the internet through the NAT gateway", "instance:i-0598c7d356eba48d7", "internet:8.8.8.8", 443, n),
                expectation("the internet reaches the web server on 443 through the internet gateway", "internet:8.8.8.8",
                        "instance:i-1234567890abcdef0", 443, n),
                expectation("web reaches app on 8080 (security group reference)", "instance:i-1234567890abcdef0",
                        "instance:i-0598c7d356eba48d7", 8080, n));
        return new Scenario("snapshots/single", "web-app-snapshot", null, n, e);
    }

    static Expectation expectation(String name, String from, String to, int port, Network n) {
        return new Expectation(name, EndpointRefs.parse(from, n), EndpointRefs.parse(to, n), Protocol.TCP, port,
                Expectation.DEFAULT_SOURCE_PORT, -1, 4, true, List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
    }

    @Test
    void aFreshSnapshotWithoutTheNatRouteFlipsTheAppsInternetExpectationAndTheSameSnapshotAgainChangesNothing() throws Exception {
        List<Scenario> scenarios = List.of(watched());
        WatchOptions o = WatchOptions.defaults("unused:9092", state);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                WatchTopology.build(o, new WatchedNetworks(scenarios), new SnapshotBaselines()), WatchService.properties(o))) {
            TestInputTopic<String, String> baselines = driver.createInputTopic(o.baselinesTopic(), new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> events = driver.createInputTopic(o.eventsTopic(), new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> verdicts = driver.createOutputTopic(o.verdictsTopic(), new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> dlq = driver.createOutputTopic(o.deadLettersTopic(), new StringDeserializer(), new StringDeserializer());

            ObjectNode doc = document();
            for (JsonNode t : doc.get("RouteTables")) {
                if (t.get("RouteTableId").asText().equals("rtb-07a98f76e5EXAMPLE")) {
                    ArrayNode routes = (ArrayNode) t.get("Routes");
                    for (int i = routes.size() - 1; i >= 0; i--) {
                        if ("0.0.0.0/0".equals(routes.get(i).path("DestinationCidrBlock").asText())) routes.remove(i);
                    }
                }
            }
            baselines.pipeInput("111122223333/us-east-2", doc.toString());
            assertThat(dlq.readValuesToList()).isEmpty();
            List<JsonNode> changes = new ArrayList<>();
            for (String v : verdicts.readValuesToList()) changes.add(CloudTrailEvents.MAPPER.readTree(v));
            assertThat(changes).filteredOn(c -> c.path("expectation").asText().equals("app reaches the internet through the NAT gateway"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.path("new").path("code").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
                        assertThat(c.path("trigger").path("kind").asText()).isEqualTo("baseline");
                    });
            assertThat(changes).as("the document without prefix-list entries changes nothing else the expectations see").hasSize(1);

            baselines.pipeInput("111122223333/us-east-2", doc.toString());
            assertThat(verdicts.readValuesToList()).as("the same baseline again changes no verdict").isEmpty();

            // The snapshot's association ids are known to later events: back to the main table (local routes only).
            String disassociate = Events.withEventId(Events.sample("disassociate-unknown.json")
                    .replace("rtbassoc-0nobodyknows00001", "rtbassoc-0896c7533dEXAMPLE").replace("us-east-1", "us-east-2"), "snap-1");
            events.pipeInput(null, disassociate);
            assertThat(dlq.readValuesToList()).isEmpty();
            assertThat(verdicts.readValuesToList()).extracting(v -> CloudTrailEvents.MAPPER.readTree(v).path("expectation").asText())
                    .contains("the internet reaches the web server on 443 through the internet gateway");
        }
    }
}
