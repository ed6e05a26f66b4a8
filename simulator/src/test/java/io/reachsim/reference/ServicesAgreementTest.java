package io.reachsim.reference;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
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
                compare(s, flow, reference.evaluate(flow), tracer.trace(flow));
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

    static boolean sameHops(List<Hop> a, List<Hop> b) {
        return a.equals(b);
    }
}
