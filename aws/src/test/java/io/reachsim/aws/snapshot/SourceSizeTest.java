package io.reachsim.aws.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Main source files stay under 800 lines: the snapshot readers are split by AWS family. */
class SourceSizeTest {
    @Test
    void noMainSourceFileOfTheAwsModuleIsOver800Lines() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> s = Files.walk(main)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines;
                try (Stream<String> l = Files.lines(p)) {
                    lines = l.count();
                }
                if (lines > 800) tooLong.add(main.relativize(p) + " (" + lines + " lines)");
            }
        }
        assertThat(main).isDirectory();
        assertThat(tooLong).isEmpty();
    }
}
