package io.reachsim.report;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void drawsEachFlowsPathAndMarksTheDrop() throws Exception {
        Path file = Path.of("../scenarios/vpc/nacl-return-path-needs-ephemeral-ports.yaml");
        SuiteResult r = new SuiteRunner().run(new ScenarioLoader().load(List.of(file)), null);
        String html = new HtmlReport().run(r);
        assertThat(html).startsWith("<!doctype html>").endsWith("</html>\n");
        assertThat(html).contains("<svg class=\"path\"", "rect class=\"drop\"", "rect class=\"ret\"");
        assertThat(html).contains("SUBNET_ACL_RESTRICTION at acl-mirrored");
        assertThat(html).contains("fix: add an outbound rule");
        // every expectation passed: nothing opened by default, five summaries.
        assertThat(html).doesNotContain("<details open>");
        assertThat(html.split("<summary", -1)).hasSize(r.scenarios().get(0).expectations().size() + 1);
    }

    @Test
    void aSmallGeneratedNetworkIsDrawnALargeOneIsNot() {
        for (var size : List.of(io.reachsim.generate.NetworkGenerator.Size.S, io.reachsim.generate.NetworkGenerator.Size.M)) {
            var gen = io.reachsim.generate.NetworkGenerator.generate(size, 1);
            var scenario = new io.reachsim.model.Scenario("gen-" + size, "generated " + size, null, gen.network(), gen.expectations().subList(0, 20));
            int components = io.reachsim.report.topology.ComponentGraph.of(gen.network()).components().size();
            String html = new HtmlReport().run(new SuiteRunner().run(List.of(scenario), null));
            assertThat(components > HtmlReport.MAX_DRAWN_COMPONENTS).as(size + ": " + components + " components")
                    .isEqualTo(size == io.reachsim.generate.NetworkGenerator.Size.M);
            if (components > HtmlReport.MAX_DRAWN_COMPONENTS) {
                assertThat(html).doesNotContain("<svg class=\"topology\"").contains(components + " components, too many to draw");
            } else {
                assertThat(html).contains("<svg class=\"topology\"");
            }
        }
    }

    @Test
    void escapesMarkup() {
        assertThat(HtmlReport.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
