package io.reachsim.probes;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond}. Callers
 * idle long enough to be full again are forgotten, so the map stays small.
 */
public final class RateLimiter {
    private static final int MAX_CALLERS = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, double[]> buckets = new HashMap<>(); // caller -> {tokens, lastNanos}

    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one token for {@code caller}; false when its bucket is empty. */
    public synchronized boolean tryAcquire(String caller) {
        long now = nanos.getAsLong();
        double[] b = buckets.get(caller);
        if (b == null) {
            if (buckets.size() >= MAX_CALLERS) forgetFull(now);
            b = new double[] {burst, now};
            buckets.put(caller, b);
        }
        b[0] = Math.min(burst, b[0] + (now - (long) b[1]) / 1e9 * perSecond);
        b[1] = now;
        if (b[0] < 1) return false;
        b[0] -= 1;
        return true;
    }

    /** Seconds until {@code caller} has a token again (for Retry-After). */
    public synchronized long retryAfterSeconds(String caller) {
        double[] b = buckets.get(caller);
        if (b == null || b[0] >= 1) return 0;
        return Math.max(1, (long) Math.ceil((1 - b[0]) / perSecond));
    }

    private void forgetFull(long now) {
        for (Iterator<double[]> it = buckets.values().iterator(); it.hasNext(); ) {
            double[] b = it.next();
            if (b[0] + (now - (long) b[1]) / 1e9 * perSecond >= burst) it.remove();
        }
    }
}
