package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import io.reachsim.model.RouteTable;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology against Kafka Streams' TopologyTestDriver, fed the CloudTrail samples under resources/events. */
class WatchTopologyTest {
    static final Path SCENARIO = Path.of("src/test/resources/scenarios/watch-shop.yaml");

    @TempDir
    Path state;
    TopologyTestDriver driver;
    TestInputTopic<String, String> events;
    TestInputTopic<String, String> baselines;
    TestOutputTopic<String, String> verdicts;
    TestOutputTopic<String, String> dlq;

    @BeforeEach
    void start() throws Exception {
        start(null);
    }

    void start(BaselineReader reader) throws Exception {
        if (driver != null) driver.close();
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(SCENARIO));
        WatchOptions o = WatchOptions.defaults("unused:9092", state);
        BaselineReader r = reader != null ? reader : (doc, account, region) -> {
            throw new BadEventException("no snapshot reader in this test");
        };
        Properties p = WatchService.properties(o);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(WatchTopology.build(o, new WatchedNetworks(scenarios), r), p);
        events = driver.createInputTopic(o.eventsTopic(), new StringSerializer(), new StringSerializer());
        baselines = driver.createInputTopic(o.baselinesTopic(), new StringSerializer(), new StringSerializer());
        verdicts = driver.createOutputTopic(o.verdictsTopic(), new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(o.deadLettersTopic(), new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) driver.close();
    }

    List<JsonNode> read(TestOutputTopic<String, String> t) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String v : t.readValuesToList()) out.add(CloudTrailEvents.MAPPER.readTree(v));
        return out;
    }

    void send(String sample) {
        events.pipeInput(null, Events.sample(sample));
    }

    @Test
    void deletingTheNatRouteFlipsOnlyTheInternetExpectationAndRestoringItFlipsItBack() throws Exception {
        send("delete-route.json");
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).hasSize(1);
        JsonNode c = changes.get(0);
        assertThat(c.path("expectation").asText()).isEqualTo("the app server reaches the internet through the NAT gateway");
        assertThat(c.path("old").path("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(c.path("new").path("verdict").asText()).isEqualTo("DROPPED");
        assertThat(c.path("new").path("code").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
        assertThat(c.path("new").path("component").asText()).isEqualTo("rtb-0private000000001");
        assertThat(c.path("expectationPassed").path("old").asBoolean()).isTrue();
        assertThat(c.path("expectationPassed").path("new").asBoolean()).isFalse();
        assertThat(c.path("trigger").path("eventID").asText()).isEqualTo("11111111-aaaa-4bbb-8ccc-000000000001");
        assertThat(c.path("trigger").path("eventName").asText()).isEqualTo("DeleteRoute");
        assertThat(c.path("trace").path("hops").size()).isGreaterThan(0);
        assertThat(c.path("explanation").asText()).isNotBlank();
        assertThat(c.path("account").asText()).isEqualTo("111122223333");
        assertThat(c.path("packet").asText()).isEqualTo("tcp 10.0.1.10:49152 → 198.51.100.20:443");

        send("create-route-nat.json");
        changes = read(verdicts);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).path("old").path("code").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
        assertThat(changes.get(0).path("new").path("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(changes.get(0).path("expectationPassed").path("new").asBoolean()).isTrue();
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void aDuplicateEventIdIsAppliedOnce() throws Exception {
        send("delete-route.json");
        send("delete-route.json"); // EventBridge delivers at least once
        assertThat(read(verdicts)).hasSize(1);
        assertThat(read(dlq)).as("the second copy is skipped, not refused as 'no route to delete'").isEmpty();
    }

    @Test
    void aChangeThatChangesNoVerdictEmitsNothing() throws Exception {
        // A deny for 10.0.0.0/24 on ssh into the private subnet: the bastion's SSH flips, nothing else.
        send("create-nacl-entry-deny.json");
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).extracting(c -> c.path("expectation").asText())
                .containsExactly("the bastion reaches the app server over SSH");
        assertThat(changes.get(0).path("new").path("code").asText()).isEqualTo("SUBNET_ACL_RESTRICTION");
        // The same deny again as a new event id cannot be created twice: a dead letter, no verdict.
        events.pipeInput(null, Events.withEventId(Events.sample("create-nacl-entry-deny.json"), "deny-again"));
        assertThat(read(verdicts)).isEmpty();
        assertThat(read(dlq)).extracting(d -> d.path("reason").asText()).singleElement().asString().contains("already has ingress rule 50");
        send("delete-nacl-entry.json");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("verdict").asText()).containsExactly("DELIVERED");
    }

    @Test
    void securityGroupRulesAreRevokedByPermissionAndByTheRuleIdLearnedFromAnAuthorize() throws Exception {
        send("revoke-sg-ingress.json");
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).path("new").path("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
        send("authorize-sg-ingress.json");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("verdict").asText()).containsExactly("DELIVERED");
        send("revoke-sg-ingress-by-rule-id.json");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("verdict").asText()).containsExactly("DROPPED");
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicWithTheReasonAndTheServiceKeepsRunning() throws Exception {
        events.pipeInput(null, "{not json");
        events.pipeInput(null, "{\"detail-type\": \"EC2 Instance State-change Notification\", \"source\": \"aws.ec2\", \"detail\": {}}");
        events.pipeInput(null, Events.sample("delete-route.json").replace("\"eventID\": \"11111111-aaaa-4bbb-8ccc-000000000001\",", ""));
        events.pipeInput(null, Events.withEventId(Events.sample("delete-route.json").replace("\"destinationCidrBlock\": \"0.0.0.0/0\"",
                "\"destinationCidrBlock\": \"0.0.0.0/99\""), "bad-cidr"));
        send("unsupported-run-instances.json");
        send("disassociate-unknown.json");
        events.pipeInput(null, (String) null);
        List<JsonNode> dead = read(dlq);
        assertThat(dead).extracting(d -> d.path("reason").asText()).satisfiesExactly(
                r -> assertThat(r).startsWith("not JSON"),
                r -> assertThat(r).contains("detail-type is 'EC2 Instance State-change Notification'"),
                r -> assertThat(r).contains("detail.eventID is missing"),
                r -> assertThat(r).contains("'0.0.0.0/99' is not a CIDR block"),
                r -> assertThat(r).contains("eventName RunInstances is not a change reachsim applies"),
                r -> assertThat(r).contains("association rtbassoc-0nobodyknows00001 is not known"),
                r -> assertThat(r).startsWith("empty record"));
        assertThat(dead.get(0).path("value").asText()).isEqualTo("{not json");
        assertThat(dead).as("dead letters name the input record, also when they are found after the repartition")
                .allSatisfy(d -> assertThat(d.path("topic").asText()).isEqualTo(WatchOptions.EVENTS));
        assertThat(dead.get(5).path("offset").asLong()).isEqualTo(5);
        assertThat(read(verdicts)).isEmpty();
        // ...and a good event after all of that is still applied.
        send("delete-route.json");
        assertThat(read(verdicts)).hasSize(1);
    }

    @Test
    void detachingTheInternetGatewayCutsEveryInternetPathAndBlackholesItsRoutes() throws Exception {
        send("detach-igw.json");
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).extracting(c -> c.path("expectation").asText()).containsExactlyInAnyOrder(
                "the app server reaches the internet through the NAT gateway", "the office reaches the bastion over SSH",
                // still unreachable, as expected, but stopped elsewhere (no gateway any more): a changed verdict
                "nothing on the internet reaches the app server");
        assertThat(changes).allSatisfy(c -> assertThat(c.path("new").path("verdict").asText()).isEqualTo("DROPPED"));
        assertThat(changes).filteredOn(c -> c.path("expectation").asText().startsWith("nothing"))
                .allSatisfy(c -> {
                    assertThat(c.path("expectationPassed").path("new").asBoolean()).isTrue();
                    assertThat(c.path("old").path("component").asText()).isEqualTo("igw-0c0ffee000000001");
                    assertThat(c.path("new").path("component").asText()).isEqualTo("internet");
                });
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void aCallAwsRefusedChangesNothing() throws Exception {
        send("create-route-blocked-by-error.json");
        assertThat(read(verdicts)).isEmpty();
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void routeTableAssociationsFollowTheIdsFromTheResponses() throws Exception {
        // The private subnet moves to the public route table: the app now goes to the IGW without a public IP.
        send("associate-route-table.json");
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).extracting(c -> c.path("new").path("code").asText()).contains("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
        send("disassociate-route-table.json");
        // Back to the VPC's main table, which holds only local routes: still no internet, for another reason.
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("code").asText()).contains("NO_ROUTE_TO_DESTINATION");
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void deletingTheNatGatewayBlackholesItsRoutesAndANewOneIsUsedOnceRouted() throws Exception {
        send("delete-nat-gateway.json");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("code").asText()).containsExactly("BAD_STATE_ROUTE");
        send("create-nat-gateway.json");
        assertThat(read(verdicts)).as("a NAT gateway no route names changes nothing").isEmpty();
        events.pipeInput(null, Events.withEventId(Events.sample("create-route-nat.json").replace("\"natGatewayId\": \"nat-0feed000000000001\"",
                "\"natGatewayId\": \"nat-0feed000000000002\"").replace("\"CreateRoute\"", "\"ReplaceRoute\""), "replace-1"));
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).extracting(c -> c.path("new").path("verdict").asText()).containsExactly("DELIVERED");
        assertThat(changes.get(0).path("trace").toString()).contains("nat-0feed000000000002");
    }

    @Test
    void aBaselineReplacesTheNetworkAndItsAssociationIds() throws Exception {
        // A stand-in reader: the scenario's own network minus the NAT route (the real one is the aws module's importer).
        Scenario s = new ScenarioLoader().load(List.of(SCENARIO)).get(0);
        start((doc, account, region) -> {
            var b = s.network().toBuilder();
            b.routeTables.replaceAll(t -> t.id().equals("rtb-0private000000001")
                    ? new io.reachsim.model.RouteTable(t.id(), t.vpc(), t.main(), List.of(), t.propagatingVgws()) : t);
            return b.build();
        });
        String doc = "{\"RouteTables\": [{\"RouteTableId\": \"rtb-0private000000001\", \"VpcId\": \"vpc-0a1b2c3d4e5f60001\","
                + " \"Associations\": [{\"Main\": false, \"RouteTableAssociationId\": \"rtbassoc-0base00000000001\","
                + " \"RouteTableId\": \"rtb-0private000000001\", \"SubnetId\": \"subnet-0bb000000000private\"}], \"Routes\": []}]}";
        baselines.pipeInput("111122223333/us-east-1", doc);
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).extracting(c -> c.path("new").path("code").asText()).containsExactly("NO_ROUTE_TO_DESTINATION");
        assertThat(changes.get(0).path("trigger").path("kind").asText()).isEqualTo("baseline");
        // The baseline's association id is now known.
        events.pipeInput(null, Events.sample("disassociate-unknown.json").replace("rtbassoc-0nobodyknows00001", "rtbassoc-0base00000000001"));
        assertThat(read(dlq)).isEmpty();
        baselines.pipeInput("not-a-key", doc);
        baselines.pipeInput("999999999999/eu-west-1", doc);
        assertThat(read(dlq)).extracting(d -> d.path("reason").asText()).satisfiesExactly(
                r -> assertThat(r).contains("expected ACCOUNT/REGION"),
                r -> assertThat(r).contains("no watched scenario's network is in 999999999999/eu-west-1"));
    }

    @Test
    void anInternalErrorOnOneRecordIsADeadLetterAndTheServiceGoesOn() throws Exception {
        // A reader with a bug (no network at all) stands in for any failure inside the re-check.
        start((doc, account, region) -> null);
        baselines.pipeInput("111122223333/us-east-1", "{\"Vpcs\": []}");
        assertThat(read(dlq)).extracting(d -> d.path("reason").asText()).singleElement().asString().startsWith("internal error");
        assertThat(read(verdicts)).isEmpty();
        // The networks are rebuilt from what was committed, and the next event is applied to them.
        send("delete-route.json");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("code").asText()).containsExactly("NO_ROUTE_TO_DESTINATION");
    }

    @Test
    void eventsOfAnotherRegionDoNotTouchTheNetwork() throws Exception {
        events.pipeInput(null, Events.sample("delete-route.json").replace("us-east-1", "eu-west-1"));
        assertThat(read(verdicts)).isEmpty();
        assertThat(read(dlq)).isEmpty();
    }

    /**
     * A logged change that cannot be replayed (here: a snapshot importer that accepted a document once and
     * refuses it when the network is rebuilt, as after an upgrade) is never skipped in silence.
     */
    @Test
    void aChangeThatCannotBeReplayedIsADeadLetterAndTheVerdictsFollowTheRebuiltNetwork() throws Exception {
        Scenario s = new ScenarioLoader().load(List.of(SCENARIO)).get(0);
        AtomicInteger reads = new AtomicInteger();
        start((doc, account, region) -> {
            if (doc.has("bug")) return null; // an internal error: the cached network is dropped
            if (reads.incrementAndGet() > 1) throw new BadEventException("this importer no longer reads the document");
            var b = s.network().toBuilder();
            b.routeTables.replaceAll(t -> t.id().equals("rtb-0private000000001")
                    ? new RouteTable(t.id(), t.vpc(), t.main(), List.of(), t.propagatingVgws()) : t);
            return b.build();
        });
        baselines.pipeInput("111122223333/us-east-1", "{\"RouteTables\": []}");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("code").asText()).containsExactly("NO_ROUTE_TO_DESTINATION");
        baselines.pipeInput("111122223333/us-east-1", "{\"bug\": true}");
        assertThat(read(dlq)).extracting(d -> d.path("reason").asText()).singleElement().asString().startsWith("internal error");

        // The next event rebuilds the network from the log; the baseline in it cannot be read again.
        send("create-route-nat.json");
        List<JsonNode> dead = read(dlq);
        assertThat(dead).extracting(d -> d.path("reason").asText()).satisfiesExactly(
                r -> assertThat(r).contains("logged change #1 of " + SCENARIO + " could not be replayed: this importer no longer reads"),
                // The rebuilt network is the scenario's, which has the NAT route already: the model and AWS disagree.
                r -> assertThat(r).contains("already has a route to 0.0.0.0/0"));
        assertThat(dead.get(0).path("kind").asText()).isEqualTo("baseline");
        assertThat(dead.get(0).path("topic").asText()).as("names the input record").isEqualTo(WatchOptions.BASELINES);
        // The verdict published for the baseline is contradicted by the rebuilt network: published again.
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.path("trigger").path("kind").asText()).isEqualTo("rebuild");
            assertThat(c.path("trigger").path("reason").asText()).contains("could not be replayed");
            assertThat(c.path("old").path("code").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
            assertThat(c.path("new").path("verdict").asText()).isEqualTo("DELIVERED");
        });
        assertThat(metric("replay-failures-total")).isEqualTo(1.0);

        // The log was cut back to what the network now is: later events apply to it, no second failure.
        send("delete-route.json");
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("code").asText()).containsExactly("NO_ROUTE_TO_DESTINATION");
        assertThat(read(dlq)).isEmpty();
        assertThat(metric("replay-failures-total")).isEqualTo(1.0);
    }

    double metric(String name) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : driver.metrics().entrySet()) {
            if (m.getKey().name().equals(name) && m.getKey().group().equals("stream-" + RecheckProcessor.METRICS_SCOPE + "-metrics")) {
                sum += ((Number) m.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }
}
