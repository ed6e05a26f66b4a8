package io.reachsim.reference;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracer and the reference evaluator agree hop for hop (kind, component, subnet, outcome, detail, packet)
 * and on the drop, on every flow of the peering, transit gateway, private NAT and shared VPC scenarios
 * ({@code scenarios/cross-vpc/peering-*.yaml}, {@code tgw-*.yaml}, {@code private-nat-*.yaml},
 * {@code shared-vpc-*.yaml}) — the hand-built shapes random networks rarely produce.
 */
class CrossVpcAgreementTest {

    static List<Path> files() throws IOException {
        Path dir = ServicesAgreementTest.scenariosDir().resolve("cross-vpc");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith("peering-") || n.startsWith("tgw-") || n.startsWith("private-nat-") || n.startsWith("shared-vpc-"))
                        && n.endsWith(".yaml");
            }).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> scenarioFlowsAgree() throws Exception {
        List<Path> files = files();
        assertThat(files).as("peering, transit gateway, private NAT and shared VPC scenarios").hasSizeGreaterThanOrEqualTo(10);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            for (Scenario s : new ScenarioLoader().load(List.of(f))) {
                tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> ServicesAgreementTest.agree(s)));
            }
        }
        return tests.stream();
    }
}
