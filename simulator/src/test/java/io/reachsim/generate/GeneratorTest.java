package io.reachsim.generate;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorTest {

    @Test
    void theSameSeedGivesTheSameNetwork() {
        assertThat(NetworkGenerator.generate(NetworkGenerator.Size.M, 7)).isEqualTo(NetworkGenerator.generate(NetworkGenerator.Size.M, 7));
        assertThat(NetworkGenerator.generate(NetworkGenerator.Size.M, 7).expectations())
                .isNotEqualTo(NetworkGenerator.generate(NetworkGenerator.Size.M, 8).expectations());
    }

    @Test
    void sizesScaleByTen() {
        Stats s = Stats.of(NetworkGenerator.generate(NetworkGenerator.Size.S, 1));
        Stats l = Stats.of(NetworkGenerator.generate(NetworkGenerator.Size.L, 1));
        assertThat(s.vpcs()).isEqualTo(1);
        assertThat(s.subnets()).isEqualTo(10);
        assertThat(l.vpcs()).isEqualTo(100);
        assertThat(l.subnets()).isEqualTo(1000);
        assertThat(l.enis()).isBetween(4900, 5200);
        assertThat(l.sgRules()).isBetween(9_800, 10_600);
        assertThat(l.routeTables()).isGreaterThanOrEqualTo(200);
        assertThat(l.expectations()).isEqualTo(10_000);
    }

    /** The YAML the writer produces loads, and the loader materialises exactly the generated network. */
    @ParameterizedTest
    @EnumSource(value = NetworkGenerator.Size.class, names = {"S", "M"})
    void theWrittenYamlLoadsBackIntoTheSameNetwork(NetworkGenerator.Size size, @TempDir Path dir) throws Exception {
        NetworkGenerator.Generated g = NetworkGenerator.generate(size, 42);
        Path file = dir.resolve("gen.yaml");
        YamlWriter.write(g, file);
        List<Scenario> loaded = new ScenarioLoader().load(List.of(file));
        assertThat(loaded).hasSize(1);
        Network a = g.network(), b = loaded.get(0).network();
        same(a, b, Network::vpcs);
        same(a, b, Network::subnets);
        same(a, b, Network::routeTables);
        same(a, b, Network::internetGateways);
        same(a, b, Network::natGateways);
        same(a, b, Network::vpnGateways);
        same(a, b, Network::networkAcls);
        same(a, b, Network::securityGroups);
        same(a, b, Network::prefixLists);
        same(a, b, Network::instances);
        same(a, b, Network::networkInterfaces);
        same(a, b, Network::externals);
        same(a, b, Network::vpcEndpoints);
        same(a, b, Network::eksClusters);
        same(a, b, Network::pods);
        assertThat(loaded.get(0).expectations()).hasSameSizeAs(g.expectations());
        for (int i = 0; i < g.expectations().size(); i++) {
            var want = g.expectations().get(i);
            var got = loaded.get(0).expectations().get(i);
            assertThat(List.of(got.name(), got.from(), got.to(), got.protocol(), String.valueOf(got.port()), got.reachable(), got.ipVersion()))
                    .isEqualTo(List.of(want.name(), want.from(), want.to(), want.protocol(), String.valueOf(want.port()), want.reachable(), want.ipVersion()));
        }
    }

    private static <T> void same(Network a, Network b, Function<Network, List<T>> kind) {
        assertThat(new HashSet<>(kind.apply(b))).isEqualTo(new HashSet<>(kind.apply(a)));
    }
}
