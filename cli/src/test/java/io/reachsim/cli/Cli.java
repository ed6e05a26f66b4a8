package io.reachsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@link Main} in-process with captured output. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final boolean interactive;
    final Map<String, String> env;
    final Engine engine;

    Cli(Engine engine, boolean interactive, Map<String, String> env) {
        this.engine = engine;
        this.interactive = interactive;
        this.env = env;
    }

    static Cli real() {
        return new Cli(Engine.REAL, false, Map.of());
    }

    static Cli with(Engine engine) {
        return new Cli(engine, false, Map.of());
    }

    Result run(String... args) {
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), interactive, interactive, env::get);
        int code = Main.execute(t, engine, args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
