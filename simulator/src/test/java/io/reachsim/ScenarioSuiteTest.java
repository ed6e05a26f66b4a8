package io.reachsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Drop;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every scenario file under the repository's {@code scenarios/} folder: one dynamic test per
 * expectation, failing with the flows' hops and drop. Also checks that every {@code scenarios/vpc/} and
 * {@code scenarios/eks/} file is a documented, two-sided rule test (an AWS documentation link, a reachable and an
 * unreachable expectation with its explanation code).
 */
class ScenarioSuiteTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The repository's scenarios folder: {@code ../scenarios} from the module dir, or {@code scenarios} from the root. */
    static Path scenariosDir() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path candidate : List.of(module.resolve("../scenarios"), module.resolve("scenarios"))) {
            Path p = candidate.normalize();
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("no scenarios folder found next to " + module);
    }

    static List<Path> scenarioFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thereAreScenarios() {
        assertFalse(scenarioFiles(scenariosDir()).isEmpty(), "no scenario files under " + scenariosDir());
    }

    @TestFactory
    Stream<DynamicNode> everyExpectationOfEveryScenarioPasses() {
        Path root = scenariosDir();
        // scenarios/snapshots/ imports snapshot folders, read by the reachsim-aws module (its tests run them).
        boolean importer = io.reachsim.load.SnapshotImporter.find().isPresent();
        return scenarioFiles(root).stream()
                .filter(file -> importer || !root.relativize(file).startsWith("snapshots"))
                .map(file -> scenarioNode(root, file));
    }

    private static DynamicNode scenarioNode(Path root, Path file) {
        String label = root.relativize(file).toString();
        List<Scenario> scenarios;
        try {
            scenarios = new ScenarioLoader().load(List.of(file));
        } catch (LoadException e) {
            String errors = e.errors().stream().map(LoadError::toString).collect(Collectors.joining("\n  "));
            return DynamicTest.dynamicTest(label + " loads", file.toUri(),
                    () -> fail(label + " does not load:\n  " + errors));
        } catch (RuntimeException e) {
            return DynamicTest.dynamicTest(label + " loads", file.toUri(),
                    () -> fail(label + " could not be loaded: " + e, e));
        }
        SuiteResult result;
        try {
            result = new SuiteRunner().run(scenarios, r -> { });
        } catch (RuntimeException e) {
            return DynamicTest.dynamicTest(label + " runs", file.toUri(),
                    () -> fail(label + " could not be run: " + e, e));
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (ScenarioResult sr : result.scenarios()) {
            int i = 0;
            for (ExpectationResult er : sr.expectations()) {
                i++;
                Expectation x = er.expectation();
                String name = label + " #" + i + " " + (x.name() != null && !x.name().isBlank()
                        ? x.name()
                        : x.from().text() + " -> " + x.to().text());
                tests.add(DynamicTest.dynamicTest(name, file.toUri(),
                        () -> assertTrue(er.passed(), () -> describeFailure(label, er))));
            }
        }
        if (tests.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("has expectations", file.toUri(),
                    () -> fail(label + " has no expectations")));
        }
        return DynamicContainer.dynamicContainer(label, file.toUri(), tests.stream());
    }

    /** The failure message: what was expected, each mismatch, and every flow with its hops and drop. */
    static String describeFailure(String file, ExpectationResult er) {
        Expectation x = er.expectation();
        StringBuilder b = new StringBuilder();
        b.append(file).append(x.origin() != null && x.origin().line() > 0 ? ":" + x.origin().line() : "")
                .append("  expected ").append(x.from().text()).append(" -> ").append(x.to().text())
                .append(' ').append(x.protocol()).append(x.port() != null ? "/" + x.port() : "")
                .append(" reachable=").append(x.reachable());
        if (x.because() != null) b.append(" because ").append(x.because());
        if (!x.via().isEmpty()) b.append(" via ").append(x.via());
        if (!x.viaAny().isEmpty()) b.append(" viaAny ").append(x.viaAny());
        if (!x.notVia().isEmpty()) b.append(" notVia ").append(x.notVia());
        b.append('\n');
        for (Mismatch m : er.mismatches()) b.append("  mismatch: ").append(describe(m)).append('\n');
        int n = 0;
        for (FlowResult f : er.flows()) {
            n++;
            b.append("  flow ").append(n).append(": ").append(f.flow().packet())
                    .append(" from ").append(f.flow().source().label())
                    .append(" to ").append(f.flow().destination().label())
                    .append(f.flow().roundTrip() ? " (round trip)" : " (one way)")
                    .append(" => ").append(f.disposition()).append('\n');
            for (Hop h : f.hops()) {
                b.append("      ").append(h.leg()).append(' ').append(h.kind().label()).append(' ')
                        .append(h.component())
                        .append(h.subnet() != null ? " [" + h.subnet() + "]" : "")
                        .append(h.passed() ? " ok " : " DROP ")
                        .append(h.packet() != null ? h.packet() : "")
                        .append(h.detail() != null ? "  " + h.detail() : "")
                        .append('\n');
            }
            Drop d = f.drop();
            if (d != null) {
                b.append("      drop: ").append(d.code()).append(" at ").append(d.component())
                        .append(" (").append(d.leg()).append(')')
                        .append(d.detail() != null ? "  " + d.detail() : "").append('\n');
            }
        }
        if (er.flows().isEmpty()) b.append("  (no flows)\n");
        return b.toString();
    }

    private static String describe(Mismatch m) {
        if (m instanceof Mismatch.UnexpectedDisposition u) {
            return u.expectedReachable() ? "expected delivered, was dropped" : "expected dropped, was delivered";
        } else if (m instanceof Mismatch.MissingVia v) {
            return "'" + v.id() + "' is not on the path";
        } else if (m instanceof Mismatch.MissingViaAny v) {
            return "none of " + v.ids() + " is on the path";
        } else if (m instanceof Mismatch.ForbiddenVia v) {
            return "'" + v.id() + "' is on the path";
        } else if (m instanceof Mismatch.WrongCode w) {
            Drop d = w.flow().drop();
            return "expected code " + w.expected() + ", was " + (d == null ? "no drop" : d.code() + " at " + d.component());
        }
        return String.valueOf(m);
    }

    // ---- the scenarios/vpc/ and scenarios/eks/ rule files are documented and two-sided ----

    @TestFactory
    Stream<DynamicTest> everyVpcRuleScenarioCitesAwsDocsAndTestsBothSides() {
        return ruleFiles("vpc");
    }

    @TestFactory
    Stream<DynamicTest> everyEksScenarioCitesAwsDocsAndTestsBothSides() {
        return ruleFiles("eks");
    }

    @TestFactory
    Stream<DynamicTest> everyCrossVpcScenarioCitesAwsDocsAndTestsBothSides() {
        return ruleFiles("cross-vpc");
    }

    private static Stream<DynamicTest> ruleFiles(String folder) {
        Path dir = scenariosDir().resolve(folder);
        List<Path> files = scenarioFiles(dir);
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("scenarios/" + folder + " has files",
                    () -> fail("no scenario files under " + dir)));
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(folder + "/" + file.getFileName(), file.toUri(),
                () -> checkRuleFile(file)));
    }

    private static void checkRuleFile(Path file) throws IOException {
        JsonNode doc = YAML.readTree(file.toFile());
        String f = file.getFileName().toString();
        assertTrue(doc != null && doc.isObject(), f + ": not a YAML mapping");
        assertTrue("reachsim/v1".equals(doc.path("apiVersion").asText()), f + ": apiVersion must be reachsim/v1");
        assertFalse(doc.path("name").asText("").isBlank(), f + ": has no name");
        String description = doc.path("description").asText("");
        assertTrue(description.contains("https://docs.aws.amazon.com/"),
                f + ": description must name the AWS documentation page it follows (https://docs.aws.amazon.com/...)");
        JsonNode expect = doc.path("expect");
        assertTrue(expect.isArray() && expect.size() > 0, f + ": has no expectations");
        boolean reachable = false;
        boolean blockedWithCode = false;
        for (JsonNode e : expect) {
            JsonNode r = e.path("reachable");
            if (r.isBoolean() && r.booleanValue()) reachable = true;
            if (r.isBoolean() && !r.booleanValue() && !e.path("because").asText("").isBlank()) blockedWithCode = true;
        }
        assertTrue(reachable, f + ": needs at least one 'reachable: true' expectation (the rule lets traffic through)");
        assertTrue(blockedWithCode, f + ": needs at least one 'reachable: false' expectation with 'because' (the rule blocks)");
    }
}
