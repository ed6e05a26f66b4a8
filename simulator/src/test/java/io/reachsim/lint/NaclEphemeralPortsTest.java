package io.reachsim.lint;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NaclEphemeralPortsTest {

    @Test
    void flagsTheLinuxOnlyRangeButNotTheFullRangeOrServicePorts() throws Exception {
        // The shipped scenario has acl-ephemeral (1024-65535), acl-mirrored (443) and acl-linux-range (32768-60999).
        List<Scenario> s = new ScenarioLoader().load(List.of(Path.of("../scenarios/vpc/nacl-return-path-needs-ephemeral-ports.yaml")));
        List<Finding> findings = new Linter().lint(s.get(0).network()).stream()
                .filter(f -> f.rule().equals("nacl-ephemeral-ports")).toList();
        assertThat(findings).extracting(Finding::resource).containsExactly("acl-linux-range");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings.get(0).message()).contains("rule 100", "32768-60999");
        assertThat(findings.get(0).fix()).contains("1024-65535");
    }
}
