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

    @Test
    void componentsNestAndInterfacesAreDrawnAsTheirOwners() throws Exception {
        SuiteResult r = run("eks/broken-missing-nat-route.yaml");
        var net = r.scenarios().get(0).scenario().network();
        ComponentGraph g = ComponentGraph.of(net);
        assertThat(g.component("private-b").orElseThrow().parent()).isEqualTo("vpc-eks/us-west-2b");
        assertThat(g.component("vpc-eks/us-west-2b").orElseThrow().parent()).isEqualTo("vpc-eks");
        assertThat(g.component("nat-a").orElseThrow().parent()).isEqualTo("public-a");
        for (var i : net.instances()) {
            for (String eni : i.networkInterfaces()) assertThat(g.resolve(eni)).isEqualTo(i.id());
        }
        // one route edge per (table, target), labelled with the destination
        assertThat(g.graph().edgeSet()).anySatisfy(l -> {
            assertThat(l.source()).isEqualTo("rt-private-a");
            assertThat(l.target()).isEqualTo("nat-a");
            assertThat(l.kind()).isEqualTo(Link.Kind.ROUTE);
            assertThat(l.label()).isEqualTo("0.0.0.0/0");
        });
        assertThat(g.graph().edgeSet()).noneMatch(l -> l.source().equals("rt-private-b") && l.kind() == Link.Kind.ROUTE);
        // restricting keeps the regions around what is kept
        ComponentGraph only = g.restrictTo(java.util.Set.of("nat-b"));
        assertThat(only.components()).extracting(Component::id).containsExactly("vpc-eks", "vpc-eks/us-west-2b", "public-b", "nat-b");
    }

    @Test
    void aDeliveredFlowsPathRunsThroughTheNatGatewayBothWays() throws Exception {
        SuiteResult r = run("eks/broken-missing-nat-route.yaml");
        ComponentGraph g = ComponentGraph.of(r.scenarios().get(0).scenario().network());
        FlowResult ok = r.scenarios().get(0).expectations().stream().filter(e -> e.expectation().name().startsWith("nodes in us-west-2a"))
                .findFirst().orElseThrow().flows().get(0);
        assertThat(ok.delivered()).isTrue();
        assertThat(g.path(ok, io.reachsim.trace.Leg.FORWARD)).containsSubsequence("rt-private-a", "nat-a", "rt-public", "igw-main");
        assertThat(g.path(ok, io.reachsim.trace.Leg.RETURN)).contains("nat-a");
        assertThat(g.dropAt(ok)).isNull();
    }

    @Test
    void boxesAreWideEnoughForTheirIds() throws Exception {
        SuiteResult r = run("cross-vpc/tgw-segmentation-route-tables.yaml");
        ComponentGraph g = ComponentGraph.of(r.scenarios().get(0).scenario().network());
        String svg = new TopologyDrawing().svg(g, List.of());
        var m = java.util.regex.Pattern.compile("<g class=\"n [^\"]*\" data-id=\"([^\"]+)\"><title>[^<]*</title><rect x=\"[^\"]+\" y=\"[^\"]+\" width=\"([0-9.]+)\"")
                .matcher(svg);
        int boxes = 0;
        while (m.find()) {
            Component c = g.component(m.group(1)).orElseThrow();
            String text = c.kind().container() ? c.kind().tag() + " " + c.label() : c.label();
            assertThat(Double.parseDouble(m.group(2))).as(c.id()).isGreaterThanOrEqualTo(text.length() * 6.7);
            boxes++;
        }
        assertThat(boxes).isEqualTo(g.components().size());
    }
}
