package io.reachsim.cli;

import io.reachsim.verdict.ScenarioResult;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A one-line counter on stderr ("running 12/140 scenarios"), rewritten in place with a carriage return
 * and erased at the end, so it never mixes with the table on stdout. The runner may report from several
 * threads.
 */
final class Progress implements Consumer<ScenarioResult> {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final int total;
    private int done;
    private long lastPrint;
    private int width;

    Progress(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    @Override
    public synchronized void accept(ScenarioResult result) {
        done++;
        long now = System.nanoTime();
        if (done < total && width > 0 && now - lastPrint < MIN_INTERVAL_NANOS) return;
        lastPrint = now;
        String line = "running " + done + "/" + total + " scenarios";
        err.print("\r" + line);
        err.flush();
        width = Math.max(width, line.length());
    }

    synchronized void clear() {
        if (width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }
}
