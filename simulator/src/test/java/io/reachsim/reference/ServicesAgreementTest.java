package io.reachsim.reference;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Tracer;
import io.reachsim.verdict.FlowExpander;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The tracer and the reference evaluator agree, hop for hop (kind, component, subnet, outcome, detail,
 * packet) and on the drop, on every flow of the PrivateLink and Lattice scenarios
 * ({@code scenarios/cross-vpc/privatelink-*.yaml}, {@code lattice-*.yaml}).
 */
class ServicesAgreementTest {

    static Path scenariosDir() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path candidate : List.of(module.resolve("../scenarios"), module.resolve("scenarios"))) {
            if (Files.isDirectory(candidate.normalize())) return candidate.normalize();
        }
        throw new IllegalStateException("no scenarios folder found next to " + module);
    }

    static List<Path> files() throws IOException {
        Path dir = scenariosDir().resolve("cross-vpc");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith("privatelink-") || n.startsWith("lattice-")) && n.endsWith(".yaml");
            }).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> scenarioFlowsAgree() throws Exception {
        List<Path> files = files();
        assertThat(files).as("PrivateLink and Lattice scenarios").hasSizeGreaterThanOrEqualTo(6);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            for (Scenario s : new ScenarioLoader().load(List.of(f))) {
                tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> agree(s)));
            }
        }
        return tests.stream();
    }

    static int agree(Scenario s) {
        Fabric fabric = Fabric.compile(s.network());
        Tracer tracer = new Tracer(fabric);
        ReferenceEvaluator reference = new ReferenceEvaluator(s.network());
        FlowExpander expander = new FlowExpander(fabric);
        int flows = 0;
        for (Expectation e : s.expectations()) {
            for (Flow flow : expander.expand(e)) {
                FlowResult expected;
                try {
                    expected = reference.evaluate(flow);
                } catch (IllegalStateException notYet) {
                    // A scenario combining PrivateLink/Lattice with peering or transit gateways needs the reference
                    // evaluator's cross-VPC part (branch xvpc); until it is merged, such a scenario is skipped, not passed.
                    org.junit.jupiter.api.Assumptions.assumeTrue(s.network().vpcPeerings().isEmpty() && s.network().transitGateways().isEmpty(),
                            s.name() + ": the reference evaluator has no cross-VPC routing yet (" + notYet.getMessage() + ")");
                    throw notYet;
                }
                compare(s, flow, expected, tracer.trace(flow));
                flows++;
            }
        }
        assertThat(flows).isPositive();
        return flows;
    }

    static void compare(Scenario s, Flow flow, FlowResult expected, FlowResult actual) {
        String diff = TracerAgreementProperties.difference(expected, actual);
        if (diff == null && !sameHops(expected.hops(), actual.hops())) diff = "hops";
        if (diff != null) fail(s.name() + ": " + TracerAgreementProperties.report(s.network(), flow, diff, expected, actual));
    }

    /**
     * Same hops: leg, kind, component, subnet, outcome and packet of every hop, and the detail of the
     * PrivateLink, load balancer and Lattice hops (the older hops' details differ in form between the
     * engines, e.g. Arrival vs AddressCheck for NO_POSSIBLE_DESTINATION, and are not compared here).
     */
    static boolean sameHops(List<Hop> a, List<Hop> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            Hop x = a.get(i), y = b.get(i);
            boolean mine = x.kind() == HopKind.LOAD_BALANCER || x.kind() == HopKind.PRIVATELINK || x.kind() == HopKind.LATTICE;
            if (x.leg() != y.leg() || x.kind() != y.kind() || !x.component().equals(y.component())
                    || !java.util.Objects.equals(x.subnet(), y.subnet()) || x.passed() != y.passed()
                    || !java.util.Objects.equals(x.packet(), y.packet()) || (mine && !java.util.Objects.equals(x.detail(), y.detail()))) {
                return false;
            }
        }
        return true;
    }
}
