package io.reachsim.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of non-negative longs as sorted, disjoint, non-adjacent inclusive ranges: ports,
 * ICMP types and IPv4 addresses. Small on purpose; set answers merge back into these.
 */
public final class Ranges {
    public static final Ranges EMPTY = new Ranges(new long[0]);

    private final long[] r; // from0, to0, from1, to1, ...

    private Ranges(long[] r) {
        this.r = r;
    }

    public static Ranges of(long from, long to) {
        if (from > to) return EMPTY;
        return new Ranges(new long[]{from, to});
    }

    public static Ranges of(long value) {
        return of(value, value);
    }

    public boolean isEmpty() {
        return r.length == 0;
    }

    public int size() {
        return r.length / 2;
    }

    public long from(int i) {
        return r[2 * i];
    }

    public long to(int i) {
        return r[2 * i + 1];
    }

    public boolean contains(long v) {
        for (int i = 0; i < r.length; i += 2) {
            if (v < r[i]) return false;
            if (v <= r[i + 1]) return true;
        }
        return false;
    }

    /** Number of values in the set. */
    public long count() {
        long n = 0;
        for (int i = 0; i < r.length; i += 2) n += r[i + 1] - r[i] + 1;
        return n;
    }

    public Ranges union(Ranges o) {
        if (o.isEmpty()) return this;
        if (isEmpty()) return o;
        Builder b = new Builder();
        b.addAll(this);
        b.addAll(o);
        return b.build();
    }

    public Ranges intersect(Ranges o) {
        List<long[]> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < r.length && j < o.r.length) {
            long lo = Math.max(r[i], o.r[j]);
            long hi = Math.min(r[i + 1], o.r[j + 1]);
            if (lo <= hi) out.add(new long[]{lo, hi});
            if (r[i + 1] < o.r[j + 1]) i += 2;
            else j += 2;
        }
        return fromPairs(out);
    }

    /** This set without the values of {@code o}. */
    public Ranges minus(Ranges o) {
        if (o.isEmpty() || isEmpty()) return this;
        return intersect(o.complement());
    }

    /** Every non-negative long not in this set. */
    public Ranges complement() {
        List<long[]> out = new ArrayList<>();
        long next = 0;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i] > next) out.add(new long[]{next, r[i] - 1});
            next = r[i + 1] + 1;
        }
        if (next <= Long.MAX_VALUE - 1 && (r.length == 0 || r[r.length - 1] != Long.MAX_VALUE)) out.add(new long[]{next, Long.MAX_VALUE});
        return fromPairs(out);
    }

    private static Ranges fromPairs(List<long[]> pairs) {
        Builder b = new Builder();
        for (long[] p : pairs) b.add(p[0], p[1]);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ranges x && Arrays.equals(r, x.r);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(r);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.length; i += 2) {
            if (s.length() > 0) s.append(',');
            s.append(r[i]);
            if (r[i + 1] != r[i]) s.append('-').append(r[i + 1]);
        }
        return s.toString();
    }

    /** Collects ranges in any order; {@link #build()} sorts and merges them. */
    public static final class Builder {
        private long[] buf = new long[16];
        private int n;

        public Builder add(long from, long to) {
            if (from > to) return this;
            if (n + 2 > buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[n++] = from;
            buf[n++] = to;
            return this;
        }

        public Builder addAll(Ranges o) {
            for (int i = 0; i < o.r.length; i += 2) add(o.r[i], o.r[i + 1]);
            return this;
        }

        public Ranges build() {
            int m = n / 2;
            if (m == 0) return EMPTY;
            Integer[] idx = new Integer[m];
            for (int i = 0; i < m; i++) idx[i] = i;
            Arrays.sort(idx, (a, b) -> Long.compare(buf[2 * a], buf[2 * b]));
            long[] out = new long[n];
            int k = 0;
            for (int ii = 0; ii < m; ii++) {
                int i = idx[ii];
                long lo = buf[2 * i], hi = buf[2 * i + 1];
                if (k > 0 && (out[k - 1] == Long.MAX_VALUE || lo <= out[k - 1] + 1)) {
                    out[k - 1] = Math.max(out[k - 1], hi);
                } else {
                    out[k++] = lo;
                    out[k++] = hi;
                }
            }
            return new Ranges(Arrays.copyOf(out, k));
        }
    }
}
