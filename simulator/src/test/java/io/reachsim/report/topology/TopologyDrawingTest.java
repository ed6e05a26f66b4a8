package io.reachsim.report.topology;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyDrawingTest {

    static SuiteResult run(String file) throws Exception {
        return new SuiteRunner().run(new ScenarioLoader().load(List.of(Path.of("../scenarios/" + file))), null);
    }

    @Test
    void drawsRegionsGatewaysAndTheFailingFlowsDrop() throws Exception {
        SuiteResult r = run("eks/broken-missing-nat-route.yaml");
        Scenario sc = r.scenarios().get(0).scenario();
        ComponentGraph g = ComponentGraph.of(sc.network());
        FlowResult failing = r.scenarios().get(0).expectations().stream()
                .flatMap(e -> e.flows().stream()).filter(f -> f.drop() != null).findFirst().orElseThrow();
        String svg = new TopologyDrawing().svg(g, List.of(TopologyDrawing.Overlay.of(g, failing, "hl-1", true, "flow")));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/topology-smoke.svg"), svg);
        assertThat(svg).startsWith("<svg class=\"topology\"").endsWith("</svg>");
        for (var v : sc.network().vpcs()) assertThat(svg).contains("data-id=\"" + v.id() + "\"");
        for (var s : sc.network().subnets()) assertThat(svg).contains("data-id=\"" + s.id() + "\"");
        assertThat(svg).contains("<g class=\"hl default\" id=\"hl-1\"", failing.drop().code().name());
    }
}
