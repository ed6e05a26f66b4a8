package io.reachsim.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the command writes and what it knows about its terminal. Colour and progress are only for a
 * person watching: colour needs stdout to be a terminal, progress needs stderr to be one; colour also
 * yields to {@code NO_COLOR} (https://no-color.org) and {@code TERM=dumb}.
 */
record Terminal(PrintWriter out, PrintWriter err, boolean stdoutTty, boolean stderrTty, Function<String, String> env) {

    static Terminal system() {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        boolean console = System.console() != null;
        return new Terminal(out, err, isTty(1, console), isTty(2, console), System::getenv);
    }

    /**
     * Java 17 only tells whether stdin and stdout are both a terminal (System.console()); on Linux the
     * descriptor's link says for each stream on its own, so `reachsim run x > out.txt` still shows progress.
     */
    private static boolean isTty(int fd, boolean fallback) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception | LinkageError e) {
            return fallback;
        }
    }

    boolean color(boolean noColorOption) {
        if (noColorOption || !stdoutTty) return false;
        String noColor = env.apply("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        return !"dumb".equals(env.apply("TERM"));
    }
}
