package io.reachsim.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Help, version and usage errors: no scenario is ever loaded. */
class UsageTest {

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Cli.Result r = Cli.real().run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: reachsim").contains("run").contains("trace").contains("Exit codes:");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyCommandHasHelp() {
        Cli.Result run = Cli.real().run("run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: reachsim run").contains("--json=FILE").contains("--junit=FILE").contains("--no-color");

        Cli.Result trace = Cli.real().run("trace", "--help");
        assertThat(trace.exitCode()).isZero();
        assertThat(trace.out()).contains("Usage: reachsim trace").contains("--network=N").contains("--from=A")
                .contains("--to=B").contains("--protocol=P").contains("--port=N").contains("--source-port=N")
                .contains("--icmp-type=N").contains("--ip-version=4|6").contains("--one-way").contains("--json");

        Cli.Result help = Cli.real().run("help", "trace");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: reachsim trace");
    }

    @Test
    void versionNamesTheBuild() {
        Cli.Result r = Cli.real().run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("reachsim \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.real().run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: reachsim");
    }

    @Test
    void unknownCommandOrOptionExitsTwoWithAHint() {
        Cli.Result r = Cli.real().run("tracee");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'tracee'").contains("See 'reachsim --help'.").doesNotContain("Exception");

        Cli.Result o = Cli.real().run("run", "--jsno", "x.json", "scenarios");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--jsno").contains("See 'reachsim run --help'.");
    }

    @Test
    void runNeedsAPath() {
        Cli.Result r = Cli.real().run("run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("PATH");
    }

    @Test
    void runRefusesAPathThatDoesNotExist(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        Cli.Result r = Cli.real().run("run", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(missing + ": no such file or folder").contains("nothing was run.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void traceChecksItsOptionsBeforeLoadingAnything() {
        String[] base = {"trace", "--network", "does-not-matter.yaml", "--from", "a", "--to", "b"};
        assertThat(usage(base)).contains("--port is required for tcp");
        assertThat(usage(concat(base, "--protocol", "icmp", "--port", "22"))).contains("--port does not apply to icmp");
        assertThat(usage(concat(base, "--protocol", "gre", "--port", "22"))).contains("--protocol 'gre'");
        assertThat(usage(concat(base, "--port", "70000"))).contains("expected 1-65535");
        assertThat(usage(concat(base, "--port", "443", "--ip-version", "5"))).contains("expected 4 or 6");
        assertThat(usage(concat(base, "--port", "443", "--icmp-type", "8"))).contains("--icmp-type applies only to icmp");
        assertThat(usage(concat(base, "--port", "https"))).contains("'https'");
        assertThat(usage("trace", "--from", "a", "--to", "b", "--port", "443")).contains("--network");
    }

    @Test
    void colourNeedsATerminalAndYieldsToNoColor() {
        Terminal tty = new Terminal(null, null, true, true, Map.<String, String>of()::get);
        assertThat(tty.color(false)).isTrue();
        assertThat(tty.color(true)).as("--no-color").isFalse();
        assertThat(new Terminal(null, null, false, true, Map.<String, String>of()::get).color(false)).as("redirected").isFalse();
        assertThat(new Terminal(null, null, true, true, Map.of("NO_COLOR", "1")::get).color(false)).as("NO_COLOR").isFalse();
        assertThat(new Terminal(null, null, true, true, Map.of("NO_COLOR", "")::get).color(false)).as("empty NO_COLOR").isTrue();
        assertThat(new Terminal(null, null, true, true, Map.of("TERM", "dumb")::get).color(false)).as("TERM=dumb").isFalse();
    }

    private static String usage(String... args) {
        Cli.Result r = Cli.real().run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("See 'reachsim trace --help'.").doesNotContain("Exception");
        return r.err();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
