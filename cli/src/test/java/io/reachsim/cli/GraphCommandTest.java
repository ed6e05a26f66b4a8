package io.reachsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim graph} on shipped scenarios, each format read back by a real parser. */
class GraphCommandTest {
    static final String TGW = "../scenarios/cross-vpc/tgw-segmentation-route-tables.yaml";
    static final String NAT = "../scenarios/eks/broken-missing-nat-route.yaml";

    @Test
    void jsonHasEveryComponentAndLabelledRoutes() throws Exception {
        Cli.Result r = Cli.real().run("graph", "--network", TGW, "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode g = new ObjectMapper().readTree(r.out());
        Set<String> ids = new HashSet<>();
        g.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        assertThat(ids).contains("tgw-hub", "vpc-shared", "vpc-dev").doesNotContain("");
        boolean tgwRoute = false;
        for (JsonNode e : g.get("edges")) {
            assertThat(ids).contains(e.get("source").asText(), e.get("target").asText());
            if (e.get("kind").asText().equals("route") && e.get("label").asText().contains("/")) tgwRoute = true;
        }
        assertThat(tgwRoute).as("a route edge labelled with its destination").isTrue();
        assertThat(g.get("nodes").findValuesAsText("kind")).contains("vpc", "subnet", "route-table", "transit-gateway", "tgw-route-table", "tgw-attachment");
    }

    @Test
    void dotAndGraphmlAreWellFormed(@TempDir Path dir) throws Exception {
        Cli.Result dot = Cli.real().run("graph", "--network", NAT);
        assertThat(dot.exitCode()).as(dot.toString()).isZero();
        assertThat(dot.out()).startsWith("digraph reachsim {").contains("\"rt-private-a\" -> \"nat-a\"", "label=\"0.0.0.0/0\"");
        Path ml = dir.resolve("g.graphml");
        Cli.Result r = Cli.real().run("graph", "--network", NAT, "--format", "graphml", "-o", ml.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readString(ml).getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("node").getLength()).isGreaterThan(10);
        assertThat(doc.getElementsByTagName("edge").getLength()).isGreaterThan(10);
    }

    @Test
    void fromToKeepsOnlyThePathsComponents() throws Exception {
        Cli.Result all = Cli.real().run("graph", "--network", NAT, "--format", "json");
        Cli.Result path = Cli.real().run("graph", "--network", NAT, "--format", "json",
                "--from", "nodes:prod/workers-a", "--to", "internet:198.51.100.30", "--protocol", "tcp", "--port", "443");
        assertThat(path.exitCode()).as(path.toString()).isZero();
        JsonNode g = new ObjectMapper().readTree(path.out());
        Set<String> ids = new HashSet<>();
        g.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        // the us-west-2a path: its NAT gateway and route tables, not the 2b side
        assertThat(ids).contains("nat-a", "rt-private-a", "rt-public", "igw-main", "internet", "vpc-eks")
                .doesNotContain("nat-b", "rt-private-b", "private-b");
        assertThat(g.get("nodes").size()).isLessThan(new ObjectMapper().readTree(all.out()).get("nodes").size());
    }

    @Test
    void traceHtmlDrawsTheNetworkWithTheDroppedFlowShown(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("trace.html");
        Cli.Result r = Cli.real().run("trace", "--network", NAT, "--from", "nodes:prod/workers-b", "--to", "eks-api:prod",
                "--port", "443", "--html", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String page = Files.readString(html);
        assertThat(page).contains("<svg class=\"topology\"", "data-id=\"rt-private-b\"", "NO_ROUTE_TO_DESTINATION")
                .doesNotContain("<script src", "<link ");
    }

    @Test
    void badFormatIsAUsageError() {
        Cli.Result r = Cli.real().run("graph", "--network", NAT, "--format", "png");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format 'png': expected dot, graphml or json");
    }
}
