package io.reachsim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of protocols and ports (DESIGN §9 notation): TCP and UDP ports 0-65535, ICMP types 0-255
 * (ICMPv6 types on IPv6 flows) and {@code other}, every other IP protocol. Rules and ACL entries name
 * other protocols only through {@code all}, so those protocols always behave alike and form one class,
 * written {@code proto/*}.
 */
public record ServiceSet(Ranges tcp, Ranges udp, Ranges icmp, boolean other) {
    public static final long MAX_PORT = 65535;
    public static final long MAX_ICMP_TYPE = 255;
    public static final ServiceSet NONE = new ServiceSet(Ranges.EMPTY, Ranges.EMPTY, Ranges.EMPTY, false);
    public static final ServiceSet ALL = new ServiceSet(Ranges.of(0, MAX_PORT), Ranges.of(0, MAX_PORT),
            Ranges.of(0, MAX_ICMP_TYPE), true);

    public static ServiceSet tcp(Ranges r) {
        return new ServiceSet(r, Ranges.EMPTY, Ranges.EMPTY, false);
    }

    public static ServiceSet udp(Ranges r) {
        return new ServiceSet(Ranges.EMPTY, r, Ranges.EMPTY, false);
    }

    public static ServiceSet icmp(Ranges r) {
        return new ServiceSet(Ranges.EMPTY, Ranges.EMPTY, r, false);
    }

    public static final ServiceSet OTHER = new ServiceSet(Ranges.EMPTY, Ranges.EMPTY, Ranges.EMPTY, true);

    public boolean isEmpty() {
        return tcp.isEmpty() && udp.isEmpty() && icmp.isEmpty() && !other;
    }

    public ServiceSet union(ServiceSet o) {
        return new ServiceSet(tcp.union(o.tcp), udp.union(o.udp), icmp.union(o.icmp), other || o.other);
    }

    public ServiceSet intersect(ServiceSet o) {
        return new ServiceSet(tcp.intersect(o.tcp), udp.intersect(o.udp), icmp.intersect(o.icmp), other && o.other);
    }

    public ServiceSet minus(ServiceSet o) {
        return new ServiceSet(tcp.minus(o.tcp), udp.minus(o.udp), icmp.minus(o.icmp), other && !o.other);
    }

    /** The set in §9 notation, merged and sorted (tcp, udp, icmp, proto); {@code all} for everything. */
    public List<String> format() {
        List<String> out = new ArrayList<>();
        if (equals(ALL)) {
            out.add("all");
            return out;
        }
        ports("tcp", tcp, out);
        ports("udp", udp, out);
        if (icmp.equals(ALL.icmp)) {
            out.add("icmp");
        } else {
            ports("icmp", icmp, out);
        }
        if (other) out.add("proto/*");
        return out;
    }

    private static void ports(String proto, Ranges r, List<String> out) {
        for (int i = 0; i < r.size(); i++) {
            long a = r.from(i), b = r.to(i);
            out.add(proto + "/" + (a == b ? String.valueOf(a) : a + "-" + b));
        }
    }

    @Override
    public String toString() {
        List<String> f = format();
        return f.isEmpty() ? "nothing" : String.join(", ", f);
    }

    /**
     * Parses one item of an {@code open:} list or an {@code --deny} set: {@code tcp/443}, {@code tcp/8000-8100},
     * {@code tcp} (every port), {@code udp/53}, {@code icmp} (every type), {@code icmp/8}, {@code proto/50} or
     * {@code proto/*} (every other protocol: reachsim cannot tell them apart), {@code all}.
     *
     * @throws IllegalArgumentException with what was expected
     */
    public static ServiceSet parseItem(String text) {
        String t = text == null ? "" : text.trim().toLowerCase();
        if (t.equals("all") || t.equals("any")) return ALL;
        int slash = t.indexOf('/');
        String proto = slash < 0 ? t : t.substring(0, slash);
        String rest = slash < 0 ? null : t.substring(slash + 1).trim();
        switch (proto) {
            case "tcp", "udp" -> {
                Ranges r = rest == null || rest.equals("any") || rest.equals("*") ? Ranges.of(0, MAX_PORT) : range(rest, MAX_PORT, "port");
                return proto.equals("tcp") ? tcp(r) : udp(r);
            }
            case "icmp" -> {
                Ranges r = rest == null || rest.equals("any") || rest.equals("*") ? Ranges.of(0, MAX_ICMP_TYPE) : range(rest, MAX_ICMP_TYPE, "ICMP type");
                return icmp(r);
            }
            case "proto" -> {
                if (rest == null || rest.equals("*") || rest.equals("any")) return OTHER;
                int n;
                try {
                    n = Integer.parseInt(rest);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected proto/N with an IP protocol number 0-255, or proto/*");
                }
                if (n < 0 || n > 255) throw new IllegalArgumentException("IP protocol number must be 0-255");
                return switch (n) {
                    case 6 -> tcp(Ranges.of(0, MAX_PORT));
                    case 17 -> udp(Ranges.of(0, MAX_PORT));
                    case 1, 58 -> icmp(Ranges.of(0, MAX_ICMP_TYPE));
                    default -> OTHER;
                };
            }
            default -> throw new IllegalArgumentException(
                    "expected tcp/PORTS, udp/PORTS, icmp, icmp/TYPE, proto/N or all (e.g. tcp/443, tcp/8000-8100, udp/53, icmp/8)");
        }
    }

    /** Parses a comma-separated list of items ({@code tcp/22,tcp/3389}). */
    public static ServiceSet parseList(String text) {
        ServiceSet s = NONE;
        for (String part : text.split(",")) {
            if (!part.isBlank()) s = s.union(parseItem(part));
        }
        return s;
    }

    /**
     * Parses a {@code ports:} set item: {@code 22}, {@code 1024-65535} or {@code any}.
     *
     * @throws IllegalArgumentException with what was expected
     */
    public static Ranges parsePorts(String text) {
        String t = text == null ? "" : text.trim().toLowerCase();
        if (t.equals("any") || t.equals("all")) return Ranges.of(0, MAX_PORT);
        return range(t, MAX_PORT, "port");
    }

    private static Ranges range(String t, long max, String what) {
        try {
            int dash = t.indexOf('-');
            long a = Long.parseLong((dash < 0 ? t : t.substring(0, dash)).trim());
            long b = dash < 0 ? a : Long.parseLong(t.substring(dash + 1).trim());
            if (a < 0 || b > max || a > b) throw new IllegalArgumentException(what + " range must be within 0-" + max + ", low to high");
            return Ranges.of(a, b);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a " + what + " (443) or a range (8000-8100) within 0-" + max);
        }
    }
}
