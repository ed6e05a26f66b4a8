package io.reachsim.cli;

import io.reachsim.aws.live.ApiCall;
import io.reachsim.aws.live.ImportListener;

import java.io.PrintWriter;

/**
 * One line per API call on stderr ("✓ ec2 describe-subnets   Subnets: 2 (2 pages)"). On a terminal the
 * call under way is also shown, with its pages so far, on a line rewritten in place; otherwise (a log,
 * CI) only the finished lines, plain.
 */
final class ImportProgress implements ImportListener {
    private static final int LABEL_WIDTH = 52;

    private final PrintWriter err;
    private final boolean tty;
    private String current;
    private int width;

    ImportProgress(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override
    public void account(String account, String region) {
        err.println("importing account " + account + ", " + region);
        err.flush();
    }

    @Override
    public void started(String service, String api, String parent) {
        current = ApiCall.label(service, api, parent);
        live(current + " …");
    }

    @Override
    public void page(int pages, int items) {
        if (pages > 1) live(current + " … page " + pages + ", " + items + " items");
    }

    @Override
    public void finished(ApiCall call) {
        clear();
        String label = call.label();
        String pad = label.length() < LABEL_WIDTH ? " ".repeat(LABEL_WIDTH - label.length()) : "  ";
        String what = switch (call.outcome()) {
            case OK -> call.file() == null ? "none" : counts(call);
            case DENIED -> "denied: " + call.errorCode() + (call.message() == null ? "" : ": " + call.message());
            case FAILED -> "failed: " + (call.errorCode() == null ? "" : call.errorCode() + ": ") + call.message();
        };
        err.println((call.outcome() == ApiCall.Outcome.OK ? "  ✓ " : "  ✗ ") + label + pad + what);
        err.flush();
    }

    private static String counts(ApiCall call) {
        StringBuilder b = new StringBuilder();
        call.counts().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        if (b.length() == 0) b.append("read");
        if (call.pages() > 1) b.append(" (").append(call.pages()).append(" pages)");
        return b.toString();
    }

    private void live(String line) {
        if (!tty) return;
        err.print("\r" + line + (line.length() < width ? " ".repeat(width - line.length()) : ""));
        err.flush();
        width = Math.max(width, line.length());
    }

    void clear() {
        if (!tty || width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }
}
