package io.reachsim.aws.snapshot;

import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
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
 * The repository's scenarios/snapshots/ suites (which import snapshot folders, so the simulator's own
 * suite test leaves them to this module): every expectation passes.
 */
class ShippedScenariosTest {

    static Path folder() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path p : List.of(module.resolve("../scenarios/snapshots"), module.resolve("scenarios/snapshots"))) {
            if (Files.isDirectory(p)) return p.normalize();
        }
        throw new IllegalStateException("no scenarios/snapshots folder next to " + module);
    }

    @TestFactory
    Stream<DynamicTest> everyExpectationPasses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder())) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("scenario files in " + folder()).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            ScenarioResult r = Fixtures.run(f);
            assertThat(r.expectations()).as(f + " has expectations").isNotEmpty();
            for (ExpectationResult e : r.expectations()) {
                tests.add(DynamicTest.dynamicTest(f.getFileName() + ": " + e.expectation().name(),
                        () -> assertThat(e.passed()).as(Fixtures.describe(e)).isTrue()));
            }
        }
        return tests.stream();
    }
}
