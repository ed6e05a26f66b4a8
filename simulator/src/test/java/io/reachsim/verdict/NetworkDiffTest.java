package io.reachsim.verdict;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** NetworkDiff: flows paired across two networks and classified. */
class NetworkDiffTest {
    static final Path NAT = Path.of("../scenarios/vpc/nat-gateway-public-gives-private-hosts-internet.yaml");

    @TempDir
    Path dir;

    private Scenario load(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("n" + System.nanoTime() + ".yaml"), text);
        return new ScenarioLoader().load(List.of(f)).get(0);
    }

    @Test
    void aSecondNatGatewayTakingTheDefaultRouteIsAPathChangeNotARegression() throws Exception {
        String text = Files.readString(NAT);
        Scenario before = load(text);
        Scenario after = load(text
                .replace("- {destination: 0.0.0.0/0, target: nat-a}", "- {destination: 0.0.0.0/0, target: nat-b}")
                .replace("  natGateways: [{id: nat-a,", "  natGateways: [{id: nat-b, subnet: public, connectivity: public, privateIp: 10.0.0.6, publicIp: 203.0.113.8}, {id: nat-a,"));
        // only the expectations that do not pin nat-a: the bastion one and the inbound ones
        List<io.reachsim.model.Expectation> questions = before.expectations();
        NetworkDiff.Result r = new NetworkDiff(before.network(), after.network()).compare(questions);

        NetworkDiff.ExpectationChange viaNat = r.expectations().get(0);
        assertThat(viaNat.status()).isEqualTo(NetworkDiff.Status.REGRESSED); // it insisted on via nat-a
        assertThat(viaNat.flows()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(NetworkDiff.FlowChange.Kind.PATH_CHANGED);
            assertThat(f.before().pathIds()).contains("nat-a");
            assertThat(f.after().pathIds()).contains("nat-b").doesNotContain("nat-a");
        });
        assertThat(r.expectations().get(1).status()).isEqualTo(NetworkDiff.Status.UNCHANGED);
        assertThat(r.count(NetworkDiff.Status.REGRESSED)).isEqualTo(1);
        assertThat(r.changedFlows()).isEqualTo(1);
    }

    @Test
    void aFlowDroppedAtAnotherComponentIsReportedAsDroppedElsewhere() throws Exception {
        String text = Files.readString(NAT);
        Scenario before = load(text);
        // the private instance loses its NAT route: its internet flow is now dropped at the route table
        Scenario broken = load(text.replace("- {destination: 0.0.0.0/0, target: nat-a}", "- {destination: 0.0.0.0/0, target: blackhole}"));
        Scenario worse = load(text.replace("- {destination: 0.0.0.0/0, target: nat-a}", "- {destination: 192.0.2.0/24, target: nat-a}"));
        var q = List.of(before.expectations().get(0));
        NetworkDiff.Result r = new NetworkDiff(broken.network(), worse.network()).compare(q);
        NetworkDiff.FlowChange f = r.expectations().get(0).flows().get(0);
        assertThat(f.kind()).isEqualTo(NetworkDiff.FlowChange.Kind.DROPPED_ELSEWHERE);
        assertThat(f.before().drop().code().name()).isEqualTo("BAD_STATE_ROUTE");
        assertThat(f.after().drop().code().name()).isEqualTo("NO_ROUTE_TO_DESTINATION");
        assertThat(r.expectations().get(0).status()).isEqualTo(NetworkDiff.Status.STILL_FAILING);
    }
}
