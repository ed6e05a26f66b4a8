package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Writes scenario text to a temporary folder and loads it; finds where a value sits in the text. */
abstract class LoadTestSupport {
    @TempDir
    Path dir;

    /** A VPC with IPv4 and IPv6 blocks and two subnets, to which tests add sections. */
    static final String HEAD = """
            apiVersion: reachsim/v1
            name: test
            network:
              vpcs:
                - {id: vpc-main, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f14:1:2300::/56"}
              subnets:
                - {id: public-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f14:1:2300::/64"}
                - {id: private-a, vpc: vpc-main, az: us-west-2a, cidr: 10.0.1.0/24}
            """;

    Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Scenario load(String yaml) {
        try {
            List<Scenario> all = new ScenarioLoader().load(List.of(write("s.yaml", yaml)));
            assertThat(all).hasSize(1);
            // Every scenario the loader accepts is valid for the published JSON Schema too.
            assertThat(SchemaCheck.problems(yaml)).as("JSON Schema problems of a scenario the loader accepts").isEmpty();
            return all.get(0);
        } catch (LoadException e) {
            throw new AssertionError("expected no load errors, got:\n" + String.join("\n", e.errors().stream().map(LoadError::toString).toList()));
        }
    }

    Network network(String yaml) {
        return load(yaml).network();
    }

    List<LoadError> errors(String yaml) {
        return errors(List.of(write("s.yaml", yaml)));
    }

    static List<LoadError> errors(List<Path> paths) {
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().load(paths));
        assertThat(e).as("a LoadException").isNotNull();
        return e.errors();
    }

    /**
     * Where {@code marker} is written inside the first occurrence of {@code context} in {@code text}
     * (1-based line and column) — computed from the text, independently of the loader.
     */
    static int[] pos(String text, String context, String marker) {
        int c = text.indexOf(context);
        assertThat(c).as("context '%s' in the test text", context).isGreaterThanOrEqualTo(0);
        int m = text.indexOf(marker, c);
        assertThat(m).as("marker '%s' inside '%s'", marker, context).isGreaterThanOrEqualTo(c);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < m; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, m - lineStart + 1};
    }

    static int[] pos(String text, String marker) {
        return pos(text, marker, marker);
    }

    /** Asserts the load fails with exactly one error, at {@code where}, whose message holds every word. */
    LoadError onlyError(String yaml, int[] where, String... words) {
        List<LoadError> errors = errors(yaml);
        assertThat(errors).as("errors").hasSize(1);
        LoadError e = errors.get(0);
        assertAt(e, dir.resolve("s.yaml").toString(), where);
        if (words.length > 0) assertThat(e.message()).contains(words);
        return e;
    }

    static void assertAt(LoadError e, String file, int[] where) {
        assertThat(e.origin()).as("position of: " + e).isEqualTo(new Origin(file, where[0], where[1]));
    }
}
