package io.reachsim.probes;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Log lines a caller can cause (refusals, bad requests) go through a token bucket, so a flood of bad
 * requests costs the agent a bounded amount of log: at most {@code BURST} lines at once and
 * {@code PER_SECOND} after that. The first line after a quiet spell says how many were left out.
 */
final class QuietLog {
    static final double PER_SECOND = 5;
    static final int BURST = 20;

    private final Logger log;
    private final RateLimiter budget = new RateLimiter(PER_SECOND, BURST);
    private final AtomicLong suppressed = new AtomicLong();

    QuietLog(Logger log) {
        this.log = log;
    }

    void warn(String format, Object... args) {
        if (admit()) log.warn(prefix() + format, args);
    }

    void error(String format, Object... args) {
        if (admit()) log.error(prefix() + format, args);
    }

    private boolean admit() {
        if (budget.tryAcquire("log")) return true;
        suppressed.incrementAndGet();
        return false;
    }

    private String prefix() {
        long n = suppressed.getAndSet(0);
        return n == 0 ? "" : "(" + n + " similar line(s) left out) ";
    }
}
