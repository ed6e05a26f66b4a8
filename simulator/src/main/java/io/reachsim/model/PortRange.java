package io.reachsim.model;

/** An inclusive port range, as in AWS's FromPort/ToPort. */
public record PortRange(int from, int to) {
    public static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) throw new IllegalArgumentException("port range must be within 0-65535, from <= to");
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /** Parses {@code 443}, {@code 1024-65535} or {@code all}. */
    public static PortRange parse(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("all")) return ALL;
        try {
            int dash = t.indexOf('-');
            if (dash < 0) return of(Integer.parseInt(t));
            return new PortRange(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port (443), a range (1024-65535) or 'all'");
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public boolean containsAll(PortRange o) {
        return o.from >= from && o.to <= to;
    }

    @Override
    public String toString() {
        return from == to ? String.valueOf(from) : from + "-" + to;
    }
}
