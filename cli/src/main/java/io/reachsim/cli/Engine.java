package io.reachsim.cli;

import io.reachsim.compile.Fabric;
import io.reachsim.load.EndpointRefs;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.load.SnapshotImport;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the commands ask of the simulator. The real one calls the loader and the suite runner; tests
 * of the command line itself (exit codes, output, option checks) can stand in a fixed one.
 */
interface Engine {
    List<Scenario> load(List<Path> paths) throws LoadException;

    Network loadNetwork(Path file) throws LoadException;

    /** Throws IllegalArgumentException naming the bad value and what was expected. */
    EndpointRef endpoint(String text, Network network);

    SuiteResult run(List<Scenario> scenarios, Consumer<ScenarioResult> progress);

    ExpectationResult check(Network network, Expectation expectation);

    /** The snapshot folders the last load read (README: Snapshots), for the import summary and report. */
    default List<SnapshotImport> snapshots() {
        return List.of();
    }

    /** The simulator itself. */
    Engine REAL = new Engine() {
        /** The loader of the last load; one command loads once. */
        private ScenarioLoader last = new ScenarioLoader();

        @Override
        public List<Scenario> load(List<Path> paths) throws LoadException {
            last = new ScenarioLoader();
            return last.load(paths);
        }

        @Override
        public Network loadNetwork(Path file) throws LoadException {
            last = new ScenarioLoader();
            return last.loadNetwork(file);
        }

        @Override
        public List<SnapshotImport> snapshots() {
            return last.snapshots();
        }

        @Override
        public EndpointRef endpoint(String text, Network network) {
            return EndpointRefs.parse(text, network);
        }

        @Override
        public SuiteResult run(List<Scenario> scenarios, Consumer<ScenarioResult> progress) {
            return new SuiteRunner().run(scenarios, progress);
        }

        @Override
        public ExpectationResult check(Network network, Expectation expectation) {
            return new SuiteRunner().check(Fabric.compile(network), expectation);
        }
    };
}
