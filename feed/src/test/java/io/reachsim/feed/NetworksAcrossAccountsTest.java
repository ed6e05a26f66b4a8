package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transit gateway hub in the network account and a spoke VPC in an application account, watched beside
 * the single-account shop: every account's events reach the one network that holds their resources.
 */
class NetworksAcrossAccountsTest {
    static final Path TGW = Path.of("src/test/resources/scenarios/tgw-two-accounts.yaml");
    static final String HUB = "111111111111";
    static final String SPOKE = "222222222222";
    static final String EXPECTATION = "the spoke reaches the internet through the hub account's NAT gateway";

    @TempDir
    Path state;
    TopologyTestDriver driver;
    TestInputTopic<String, String> events;
    TestInputTopic<String, String> baselines;
    TestOutputTopic<String, String> verdicts;
    TestOutputTopic<String, String> dlq;
    WatchedNetworks networks;

    @BeforeEach
    void start() throws Exception {
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(TGW, WatchTopologyTest.SCENARIO));
        networks = new WatchedNetworks(scenarios);
        WatchOptions o = WatchOptions.defaults("unused:9092", state);
        driver = new TopologyTestDriver(WatchTopology.build(o, networks, (doc, account, region) -> {
            throw new BadEventException("no snapshot reader in this test");
        }), WatchService.properties(o));
        events = driver.createInputTopic(o.eventsTopic(), new StringSerializer(), new StringSerializer());
        baselines = driver.createInputTopic(o.baselinesTopic(), new StringSerializer(), new StringSerializer());
        verdicts = driver.createOutputTopic(o.verdictsTopic(), new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(o.deadLettersTopic(), new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    List<JsonNode> read(TestOutputTopic<String, String> t) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String v : t.readValuesToList()) out.add(CloudTrailEvents.MAPPER.readTree(v));
        return out;
    }

    static ObjectNode obj() {
        return CloudTrailEvents.MAPPER.createObjectNode();
    }

    void send(String id, String name, String account, ObjectNode request) {
        events.pipeInput(account + "/us-east-1", Events.envelope(id, name, "aws.ec2", account, "us-east-1", request,
                obj().put("_return", true)).toString());
    }

    @Test
    void theNetworkHoldsTheAccountsOfItsVpcsAndTransitGateway() {
        WatchedNetworks.Entry tgw = networks.byId(TGW.toString());
        assertThat(tgw.accounts()).containsExactlyInAnyOrder(HUB, SPOKE);
        // The shop names no account: it follows every account of its region.
        String shop = WatchTopologyTest.SCENARIO.toString();
        assertThat(networks.holding(SPOKE, "us-east-1")).extracting(WatchedNetworks.Entry::id).containsExactly(TGW.toString(), shop);
        assertThat(networks.holding(HUB, "us-east-1")).extracting(WatchedNetworks.Entry::id).containsExactly(TGW.toString(), shop);
        assertThat(networks.holding("333333333333", "us-east-1")).extracting(WatchedNetworks.Entry::id).containsExactly(shop);
        assertThat(networks.holding(HUB, "eu-west-1")).isEmpty();
    }

    @Test
    void changesInTheSpokeAccountAndInTheHubAccountBothFlipTheSpokesVerdict() throws Exception {
        // The application account removes its default route to the hub.
        send("spoke-1", "DeleteRoute", SPOKE, obj().put("routeTableId", "rt-spoke").put("destinationCidrBlock", "0.0.0.0/0"));
        List<JsonNode> changes = read(verdicts);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.path("expectation").asText()).isEqualTo(EXPECTATION);
            assertThat(c.path("new").path("code").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
            assertThat(c.path("account").asText()).isEqualTo(SPOKE);
            assertThat(c.path("network").asText()).isEqualTo(TGW.toString());
        });
        send("spoke-2", "CreateRoute", SPOKE, obj().put("routeTableId", "rt-spoke").put("destinationCidrBlock", "0.0.0.0/0")
                .put("transitGatewayId", "tgw-hub"));
        assertThat(read(verdicts)).extracting(c -> c.path("new").path("verdict").asText()).containsExactly("DELIVERED");

        // The network account removes the spokes' default route in the transit gateway: the same network, in order.
        ObjectNode del = obj();
        del.putObject("DeleteTransitGatewayRouteRequest").put("TransitGatewayRouteTableId", "tgw-rt-spokes")
                .put("DestinationCidrBlock", "0.0.0.0/0");
        send("hub-1", "DeleteTransitGatewayRoute", HUB, del);
        changes = read(verdicts);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.path("old").path("verdict").asText()).isEqualTo("DELIVERED");
            assertThat(c.path("new").path("verdict").asText()).isEqualTo("DROPPED");
            assertThat(c.path("account").asText()).isEqualTo(HUB);
        });
        // The hub's NAT gateway routes are the hub account's too; nothing of the shop account's network moved.
        send("hub-2", "DeleteRoute", HUB, obj().put("routeTableId", "rt-egress-tgw").put("destinationCidrBlock", "0.0.0.0/0"));
        assertThat(read(verdicts)).as("already dropped at the transit gateway: the verdict does not change").isEmpty();
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void anEventOfTheShopsAccountFlipsOnlyTheShopAndAnotherAccountsChangesNothing() throws Exception {
        events.pipeInput("111122223333/us-east-1", Events.sample("delete-route.json"));
        assertThat(read(verdicts)).extracting(c -> c.path("network").asText()).containsExactly(WatchTopologyTest.SCENARIO.toString());
        // Account 333333333333 reaches the shop (it names no account), which does not hold rt-spoke; the hub network never sees it.
        send("other-1", "DeleteRoute", "333333333333", obj().put("routeTableId", "rt-spoke").put("destinationCidrBlock", "0.0.0.0/0"));
        assertThat(read(verdicts)).isEmpty();
        assertThat(read(dlq)).isEmpty();
    }

    @Test
    void aBaselineOfOneAccountDoesNotReplaceANetworkThatSpansTwo() throws Exception {
        baselines.pipeInput(HUB + "/us-east-1", "{\"Vpcs\": []}");
        // The shop (no account) is handed the document too; this test's reader refuses it.
        assertThat(read(dlq)).extracting(d -> d.path("reason").asText()).containsExactlyInAnyOrder(
                "the watched network " + TGW + " holds resources of the accounts 111111111111, 222222222222: a snapshot of "
                        + HUB + "/us-east-1 alone would drop the others' (publish its changes as events instead)",
                "no snapshot reader in this test");
        assertThat(read(verdicts)).isEmpty();
    }
}
