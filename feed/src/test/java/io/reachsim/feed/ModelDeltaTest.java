package io.reachsim.feed;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A checkpoint's model delta reads back into the same network. */
class ModelDeltaTest {
    @Test
    void everyShippedNetworkWrittenWholeReadsBackEqual() throws Exception {
        List<Scenario> scenarios = new ScenarioLoader().load(List.of(Path.of("../scenarios"), WatchTopologyTest.SCENARIO));
        Network empty = Network.builder().build();
        for (Scenario s : scenarios) {
            var delta = ModelDelta.of(empty, s.network());
            Network back = ModelDelta.apply(empty, ModelDelta.MAPPER.readTree(ModelDelta.MAPPER.writeValueAsString(delta)));
            assertThat(back).as(s.file()).isEqualTo(s.network());
        }
    }
}
