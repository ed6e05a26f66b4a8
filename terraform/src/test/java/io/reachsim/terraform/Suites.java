package io.reachsim.terraform;

import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.report.TerminalReport;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: scenario files written next to plan fixtures, loaded and run as the command line does. */
final class Suites {
    static final Path PLANS = Path.of("src/test/resources/plans");

    private Suites() {}

    /** Writes {@code yaml} as a scenario beside the plans (in a temp copy of the folder) and runs it. */
    static SuiteResult run(Path dir, String yaml) throws IOException, LoadException {
        Path f = dir.resolve("scenario.yaml");
        Files.writeString(f, yaml);
        List<Scenario> s;
        try {
            s = new ScenarioLoader().load(List.of(f));
        } catch (LoadException e) {
            throw new AssertionError(e.errors().stream().map(Object::toString).reduce("", (a, b) -> a + "\n" + b), e);
        }
        return new SuiteRunner().run(s, r -> { });
    }

    static Path copyPlans(Path tmp) throws IOException {
        try (var files = Files.list(PLANS)) {
            for (Path p : files.toList()) Files.copy(p, tmp.resolve(p.getFileName()));
        }
        return tmp;
    }

    static String failures(SuiteResult r) {
        StringBuilder b = new StringBuilder();
        for (ScenarioResult s : r.scenarios()) {
            for (ExpectationResult e : s.expectations()) {
                if (!e.passed()) b.append(new TerminalReport(false).trace(e, s.scenario().network())).append('\n');
            }
        }
        return b.toString();
    }
}
