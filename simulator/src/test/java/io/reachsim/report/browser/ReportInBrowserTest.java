package io.reachsim.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.report.HtmlReport;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTML report as a person sees it, in headless Chromium: it renders without console errors, every
 * scenario shows its topology drawing, and clicking a failing flow highlights its path on the drawing.
 * Screenshots land in {@code target/} ({@code report-in-browser.png}: the whole first screen;
 * {@code report-topology.png}: the highlighted drawing, the picture the README shows).
 *
 * <p>Without a browser the test is skipped on a workstation and fails under {@code CI=true}
 * ({@code .ci/run} installs Debian's {@code chromium}).
 */
class ReportInBrowserTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPersonSeesTheNetworkAndTheFailingPath() throws Exception {
        Optional<Path> browser = Chromium.find();
        if (browser.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but no chromium on the PATH (apt-get install -y chromium, or set REACHSIM_CHROMIUM)");
            Assumptions.abort("no chromium on the PATH: browser test skipped (it is required under CI=true)");
        }
        Path dir = Files.createDirectories(Path.of("target/browser"));
        // A real broken network, with its first expectation turned into a wish that does not hold: one failing expectation.
        String broken = Files.readString(Path.of("../scenarios/eks/broken-missing-nat-route.yaml"))
                .replaceFirst("name: broken-missing-nat-route", "name: wished-nat-route")
                .replaceFirst("reachable: false\n    because: NO_ROUTE_TO_DESTINATION", "reachable: true");
        Path failing = Files.writeString(dir.resolve("wished-nat-route.yaml"), broken);
        List<Path> files = List.of(failing, Path.of("../scenarios/vpc/nat-gateway-subnet-nacl-must-allow-return.yaml"),
                Path.of("../scenarios/cross-vpc/tgw-segmentation-route-tables.yaml"));
        SuiteResult suite = new SuiteRunner().run(new ScenarioLoader().load(files), null);
        assertThat(suite.failedExpectations()).isEqualTo(1);
        Path html = Files.writeString(dir.resolve("report.html"), new HtmlReport().run(suite));

        try (Chromium c = new Chromium(browser.get(), 1280, 900)) {
            c.open(html.toUri());
            assertThat(c.eval("document.querySelectorAll('section.scenario').length").asInt()).isEqualTo(3);
            assertThat(c.eval("Array.from(document.querySelectorAll('section.scenario')).every(s => "
                    + "s.querySelectorAll('svg.topology g.n.vpc').length > 0 && s.querySelector('svg.topology').getBoundingClientRect().height > 50)").asBoolean())
                    .as("every scenario shows its topology with its VPCs").isTrue();
            // The script ran: the filter box is visible.
            assertThat(c.eval("document.getElementById('filter').hidden").asBoolean()).isFalse();

            // The failing expectation is listed first with the terminal's mismatch line; clicking it shows the path.
            JsonNode link = c.eval("(function(){var a=document.querySelector('.failing li.mm a');return {text:a.textContent,href:a.getAttribute('href')};})()");
            assertThat(link.get("text").asText()).contains("DROPPED NO_ROUTE_TO_DESTINATION at rt-private-b");
            String target = link.get("href").asText().substring(1);
            c.click(".failing li.mm a");
            waitFor(c, "location.hash === '#" + target + "'");
            String hl = "document.getElementById('" + target + "')";
            assertThat(c.eval("getComputedStyle(" + hl + ").display").asText()).isNotEqualTo("none");
            assertThat(c.eval(hl + ".getBoundingClientRect().width > 0").asBoolean()).as("highlight has a size on screen").isTrue();
            assertThat(c.eval(hl + ".querySelector('.drop text.code').textContent").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
            assertThat(c.eval(hl + ".querySelectorAll('rect.on.fwd').length").asInt()).isGreaterThanOrEqualTo(2);
            // the outline sits on the failing route table in the drawing
            assertThat(c.eval("(function(){var r=document.querySelector('g.n[data-id=\"rt-private-b\"] rect').getBBox();"
                    + "return Array.from(" + hl + ".querySelectorAll('rect.on')).some(o=>{var b=o.getBBox();"
                    + "return b.x<=r.x&&b.y<=r.y&&b.x+b.width>=r.x+r.width&&b.y+b.height>=r.y+r.height;});})()").asBoolean()).isTrue();
            // another flow's highlight is not shown at the same time
            assertThat(c.eval("Array.from(document.querySelectorAll('svg.topology .hl')).filter(g=>getComputedStyle(g).display!=='none'"
                    + "&&g.closest('section')===" + hl + ".closest('section')).length").asInt()).isEqualTo(1);

            Files.write(Path.of("target/report-in-browser.png"), c.screenshot(null));
            JsonNode svg = c.eval("(function(){var r=" + hl + ".ownerSVGElement.getBoundingClientRect();"
                    + "return {x:r.x+scrollX,y:r.y+scrollY,w:r.width,h:r.height};})()");
            double scale = Math.min(1.0, 900 / svg.get("w").asDouble());
            Files.write(Path.of("target/report-topology.png"), c.screenshot(Map.of("x", svg.get("x").asDouble(), "y", svg.get("y").asDouble(),
                    "width", svg.get("w").asDouble(), "height", Math.min(svg.get("h").asDouble(), 700), "scale", scale)));
            assertThat(Files.size(Path.of("target/report-topology.png"))).as("small enough for the README").isLessThan(200_000);
            assertThat(c.errors()).as("console errors").isEmpty();
        }
    }

    private static void waitFor(Chromium c, String condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.eval(condition).asBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + condition);
            Thread.sleep(25);
        }
    }
}
