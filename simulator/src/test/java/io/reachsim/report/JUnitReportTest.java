package io.reachsim.report;

import io.reachsim.model.EndpointRef;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JUnitReportTest {

    private static SuiteResult suite(String awkwardName) {
        FlowResult dropped = Fixtures.droppedBySg();
        ExpectationResult failing = new ExpectationResult(Fixtures.nodesToApi(), List.of(Fixtures.deliveredToApi(), dropped),
                List.of(new Mismatch.UnexpectedDisposition(dropped, true)));
        ExpectationResult passing = new ExpectationResult(Fixtures.expectation(awkwardName,
                new EndpointRef.InstanceRef("a"), new EndpointRef.InstanceRef("b"), 443, true),
                List.of(Fixtures.deliveredToApi()), List.of());
        ScenarioResult eks = new ScenarioResult(Fixtures.scenario("scenarios/eks/private-nodes.yaml", "eks-private-nodes",
                Fixtures.network()), List.of(failing, passing));
        ScenarioResult vpc = new ScenarioResult(Fixtures.scenario("scenarios/vpc/basic.yaml", "vpc-basic", Fixtures.network()),
                List.of(passing));
        return new SuiteResult(List.of(eks, vpc), Duration.ofMillis(400));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneSuitePerScenarioAndOneCasePerExpectation() throws Exception {
        Document doc = parse(new JUnitReport().toXml(suite("plain name")));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("0.400");

        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element eks = (Element) suites.item(0);
        assertThat(eks.getAttribute("name")).isEqualTo("eks-private-nodes");
        assertThat(eks.getAttribute("tests")).isEqualTo("2");
        assertThat(eks.getAttribute("failures")).isEqualTo("1");
        assertThat(Double.parseDouble(eks.getAttribute("time"))).isBetween(0.0, 0.4);

        NodeList cases = eks.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("scenarios/eks/private-nodes.yaml");
        assertThat(first.getAttribute("name")).isEqualTo("nodes register with the API server through the private endpoint");
        assertThat(first.getAttribute("time")).matches("\\d+\\.\\d{3}");

        NodeList failures = first.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("unexpected-drop");
        assertThat(failure.getAttribute("message")).startsWith("1/2 flows delivered: ").contains("ENI_SG_RULES_MISMATCH");
        assertThat(failure.getTextContent())
                .contains("fix: allow tcp/443 from sg-nodes (or 10.0.11.4/32) in eks-cluster-sg-prod")
                .contains("✗ eni")
                .doesNotContain("\u001b[");

        Element second = (Element) cases.item(1);
        assertThat(second.getElementsByTagName("failure").getLength()).isZero();
        Element vpc = (Element) suites.item(1);
        assertThat(vpc.getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void markupAndControlCharactersInNamesAreEscapedOrDropped() throws Exception {
        String awkward = "a <b> & \"c\" 'd' \u0001e ]]> f";
        String xml = new JUnitReport().toXml(suite(awkward));
        Document doc = parse(xml); // would throw on bad escaping or an illegal character
        NodeList cases = doc.getElementsByTagName("testcase");
        Element awkwardCase = (Element) cases.item(1);
        assertThat(awkwardCase.getAttribute("name")).isEqualTo("a <b> & \"c\" 'd' e ]]> f");
    }
}
