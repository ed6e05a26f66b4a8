package io.reachsim.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim watch}: the parts that need no broker (usage, bad input); the service itself is tested in the feed module. */
class WatchCommandTest {

    @Test
    void helpNamesEveryOption() {
        Cli.Result r = Cli.real().run("watch", "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--bootstrap-servers", "--events", "--baselines", "--verdicts", "--dead-letters",
                "--application-id", "--state-dir", "--commit-interval-ms", "--checkpoint-events", "--checkpoint-interval-s", "reachsim.events", "reachsim.verdicts", "reachsim.dlq", "reachsim.baselines");
    }

    @Test
    void aBootstrapServerWithoutAPortIsBadInput() {
        Cli.Result r = Cli.real().run("watch", "--bootstrap-servers", "localhost", "../scenarios/vpc/sg-stateful-replies.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--bootstrap-servers 'localhost' is not HOST:PORT");
    }

    @Test
    void aMissingScenarioIsBadInputAndNothingIsWatched() {
        Cli.Result r = Cli.real().run("watch", "--bootstrap-servers", "127.0.0.1:9", "no-such-file.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-file.yaml: no such file or folder", "nothing is watched.");
    }

    @Test
    void theBootstrapServersAreRequired() {
        Cli.Result r = Cli.real().run("watch", "../scenarios/vpc/sg-stateful-replies.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--bootstrap-servers");
    }

    @Test
    void aCheckpointIntervalOfZeroIsBadInput() {
        Cli.Result r = Cli.real().run("watch", "--bootstrap-servers", "127.0.0.1:9", "--checkpoint-events", "0",
                "../scenarios/vpc/sg-stateful-replies.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("must be positive");
    }
}
