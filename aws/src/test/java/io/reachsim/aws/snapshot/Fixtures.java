package io.reachsim.aws.snapshot;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteRunner;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The snapshot folders and scenarios under src/test/resources. */
final class Fixtures {
    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    static Path snapshot(String name) {
        return resource("snapshots/" + name);
    }

    static Snapshots.Result read(String name, String region) {
        try {
            return Snapshots.readFolder(snapshot(name), region);
        } catch (LoadException e) {
            throw new AssertionError("snapshot " + name + " does not load:\n  "
                    + e.errors().stream().map(LoadError::toString).collect(Collectors.joining("\n  ")));
        }
    }

    /** Loads a scenario file through the scenario loader (which finds the importer with ServiceLoader) and runs it. */
    static ScenarioResult run(Path scenario) {
        List<Scenario> s;
        try {
            s = new ScenarioLoader().load(List.of(scenario));
        } catch (LoadException e) {
            throw new AssertionError(scenario + " does not load:\n  "
                    + e.errors().stream().map(LoadError::toString).collect(Collectors.joining("\n  ")));
        }
        return new SuiteRunner().run(s, r -> { }).scenarios().get(0);
    }

    static io.reachsim.model.Network loadNetwork(Path scenario) {
        try {
            return new ScenarioLoader().loadNetwork(scenario);
        } catch (LoadException e) {
            throw new AssertionError(scenario + " does not load:\n  "
                    + e.errors().stream().map(LoadError::toString).collect(Collectors.joining("\n  ")));
        }
    }

    /** One line per flow: verdict, code and path, for failure messages. */
    static String describe(ExpectationResult r) {
        StringBuilder b = new StringBuilder(r.expectation().name() + ": " + r.mismatches() + "\n");
        for (FlowResult f : r.flows()) {
            b.append("  ").append(f.flow().packet()).append(" => ").append(f.disposition())
                    .append(f.drop() == null ? "" : " " + f.drop().code() + " at " + f.drop().component())
                    .append("  path ").append(f.pathIds()).append('\n');
        }
        return b.toString();
    }
}
