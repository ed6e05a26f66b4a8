package io.reachsim.model;

/**
 * IP protocols reachsim evaluates. {@code ALL} is AWS's "-1": a rule for every protocol. {@code OTHER} is a
 * packet of any other IP protocol (ESP, GRE, ...): only rules and ACL entries of protocol {@code all} match it,
 * so all of them behave alike (set questions trace it as one class, written {@code proto/*}). No rule or
 * expectation names it; {@link #parse} does not accept it.
 */
public enum Protocol {
    TCP(6, "tcp"), UDP(17, "udp"), ICMP(1, "icmp"), ICMPV6(58, "icmpv6"), ALL(-1, "all"), OTHER(-2, "proto");

    private final int number;
    private final String label;

    Protocol(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }

    public boolean isIcmp() {
        return this == ICMP || this == ICMPV6;
    }

    /** Accepts AWS's names and numbers: tcp/6, udp/17, icmp/1, icmpv6/58, all/-1. */
    public static Protocol parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase();
        for (Protocol p : values()) {
            if (p == OTHER) continue;
            if (p.label.equals(t) || String.valueOf(p.number).equals(t)) return p;
        }
        throw new IllegalArgumentException("expected one of tcp, udp, icmp, icmpv6, all (or 6, 17, 1, 58, -1)");
    }

    @Override
    public String toString() {
        return label;
    }
}
