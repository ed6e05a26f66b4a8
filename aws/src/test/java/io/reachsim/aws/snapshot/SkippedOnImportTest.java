package io.reachsim.aws.snapshot;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An id the snapshot held but the import left out is named as skipped, with the reason, not as unknown. */
class SkippedOnImportTest {
    @TempDir
    Path tmp;

    @Test
    void anExpectationNamingAStoppedInstanceSaysItWasSkippedAndWhy() throws Exception {
        Path scenario = tmp.resolve("stopped.yaml");
        Files.writeString(scenario, """
                apiVersion: reachsim/v1
                name: stopped
                region: us-east-2
                network:
                  import: %s
                expect:
                  - name: web reaches the stopped instance
                    from: instance:i-1234567890abcdef0
                    to: instance:i-0ab1c2d3e4f5a6b7c
                    port: 22
                    reachable: true
                  - name: through it
                    from: instance:i-1234567890abcdef0
                    to: internet:8.8.8.8
                    port: 443
                    reachable: true
                    via: [i-0ab1c2d3e4f5a6b7c]
                  - name: a name the snapshot never held is still unknown
                    from: instance:i-1234567890abcdef0
                    to: instance:i-0000000000nothere
                    port: 22
                    reachable: true
                """.formatted(Fixtures.snapshot("single").toString().replace('\\', '/')));
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().load(List.of(scenario)));
        List<String> messages = e.errors().stream().map(LoadError::message).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("instance 'i-0ab1c2d3e4f5a6b7c' was skipped on import: state is stopped")
                .contains("instances.json:").doesNotContain("does not exist"));
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .startsWith("'i-0ab1c2d3e4f5a6b7c' in 'via' of expectation 'through it' was skipped on import: state is stopped"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("'i-0000000000nothere' does not exist"));
    }
}
