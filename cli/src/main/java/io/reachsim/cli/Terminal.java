package io.reachsim.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Where the command writes and what it knows about its terminal. Colour and progress are only for a
 * person watching: both need a terminal, and colour also yields to {@code NO_COLOR}
 * (https://no-color.org) and {@code TERM=dumb}.
 */
record Terminal(PrintWriter out, PrintWriter err, boolean interactive, Function<String, String> env) {

    /** The process's own streams. Java 17 has a console only when stdin and stdout are both a terminal. */
    static Terminal system() {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return new Terminal(out, err, System.console() != null, System::getenv);
    }

    boolean color(boolean noColorOption) {
        if (noColorOption || !interactive) return false;
        String noColor = env.apply("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        return !"dumb".equals(env.apply("TERM"));
    }
}
