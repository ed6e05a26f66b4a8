package io.reachsim.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./reachsim runs run, trace, lint, diff, generate and graph on a class path without the AWS SDK, Kafka,
 * Vert.x and Netty (and without the feed and probes modules), for a fast start. This test starts the
 * command line in a fresh JVM on this test's class path minus those, as the launcher does, so a command
 * that starts to need them (or a new always-registered command that names their types) fails here.
 */
class CoreClassPathTest {
    /** What cli/pom.xml's classpath-core execution leaves out, as paths in the local repository or reactor. */
    static final Pattern HEAVY = Pattern.compile("/(software/amazon|org/apache/kafka|io/vertx|io/netty|org/jctools|io/prometheus"
            + "|com/github/luben|org/lz4|org/xerial/snappy|org/rocksdb)/|/(feed|probes)/target/|reachsim-(feed|probes)-");

    @Test
    void coreCommandsRunWithoutTheHeavyLibraries() throws Exception {
        List<String> core = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = e.replace('\\', '/');
            if (!HEAVY.matcher(unix).find() && !unix.contains("/test-classes")) core.add(e);
        }
        assertThat(core).noneMatch(e -> e.contains("kafka") || e.contains("vertx") || e.contains("awssdk"));
        String cp = String.join(File.pathSeparator, core);
        String file = "../scenarios/eks/broken-missing-nat-route.yaml";

        assertThat(run(cp, "run", "run", "--no-color", file)).startsWith("0:");
        assertThat(run(cp, "trace", "trace", "--network", file, "--from", "nodes:prod/workers-a", "--to", "eks-api:prod", "--port", "443"))
                .startsWith("0:");
        assertThat(run(cp, "graph", "graph", "--network", file)).startsWith("0:").contains("digraph reachsim");
        for (String c : List.of("run", "trace", "lint", "diff", "generate", "graph")) {
            assertThat(run(cp, c, c, "--help")).as(c).startsWith("0:").contains("Usage: reachsim " + c);
        }
    }

    /** "exit:stdout+stderr" of the command line in a fresh JVM, as ./reachsim starts it. */
    private static String run(String cp, String command, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dreachsim.classpath=core", "-Dreachsim.command=" + command, "-cp", cp, "io.reachsim.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ":" + out;
    }
}
