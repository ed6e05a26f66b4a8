package io.reachsim.sets;

import io.reachsim.model.Ip;
import io.reachsim.model.Ranges;

import java.util.ArrayList;
import java.util.List;

/** IPv4 address ranges written as CIDR blocks ({@code 203.0.113.7/32}); every internet address is {@code 0.0.0.0/0}. */
public final class Addresses {
    private Addresses() {}

    /** The ranges as CIDR blocks. */
    public static List<String> cidrs(Ranges r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            long a = r.from(i), b = r.to(i);
            while (a <= b) {
                int bits = Long.numberOfTrailingZeros(a == 0 ? 1L << 32 : a);
                bits = Math.min(bits, 32);
                while (bits > 0 && a + (1L << bits) - 1 > b) bits--;
                out.add(Ip.v4(a) + "/" + (32 - bits));
                a += 1L << bits;
            }
        }
        return out;
    }

    /**
     * A short description: {@code 0.0.0.0/0} when {@code r} is every public internet address of the network's
     * world ({@code internet}), else its blocks (the first three and a count).
     */
    public static String describe(Ranges r, Ranges internet) {
        if (internet != null && r.equals(internet)) return "0.0.0.0/0";
        return describe(r);
    }

    public static String describe(Ranges r) {
        List<String> c = cidrs(r);
        if (c.size() <= 3) return String.join(", ", c);
        return String.join(", ", c.subList(0, 3)) + " (+" + (c.size() - 3) + " blocks)";
    }
}
