package io.reachsim.probes;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an agent may send probes: CIDRs, each with the ports allowed (all when none are given). Empty
 * means nothing is allowed — an agent that was told nothing refuses everything rather than becoming an
 * open port scanner inside the VPC.
 */
public final class Allowlist {
    /** One {@code --allow} (or {@code --vpc-cidr}) entry. {@code ports} empty: every port. */
    public record Entry(IPAddress cidr, List<int[]> ports, String text) {
        boolean allows(IPAddress ip, int port) {
            if (!cidr.contains(ip)) return false;
            if (ports.isEmpty()) return true;
            for (int[] r : ports) if (port >= r[0] && port <= r[1]) return true;
            return false;
        }
    }

    private final List<Entry> entries;

    public Allowlist(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** {@code port} 0 means "no port" (a check of the address alone). */
    public boolean allows(InetAddress address, int port) {
        IPAddress ip = normalize(address);
        for (Entry e : entries) if (e.allows(ip, port)) return true;
        return false;
    }

    /**
     * An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address: a name that resolves to one
     * must be judged as the IPv4 address it reaches, not slip past IPv4 rules.
     */
    static IPAddress normalize(InetAddress address) {
        IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
        if (address instanceof Inet6Address && ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) return ip.toIPv6().getEmbeddedIPv4Address();
        return ip.withoutPrefixLength();
    }

    /**
     * Parses {@code CIDR[:PORTS]}: {@code 10.0.0.0/16}, {@code 10.0.0.0/16:443}, {@code 10.0.0.0/16:80,443,8000-8100},
     * {@code fd00::/8:53}. A bare address stands for itself (/32 or /128). Throws IllegalArgumentException
     * naming the bad part.
     */
    public static Entry parse(String text) {
        String t = text == null ? "" : text.trim();
        String cidrText = t;
        String portsText = null;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            int colon = t.indexOf(':', slash);
            if (colon >= 0) {
                cidrText = t.substring(0, colon);
                portsText = t.substring(colon + 1);
            }
        } else if (t.chars().filter(c -> c == ':').count() == 1) {
            // 10.0.0.5:443 — an IPv4 address with ports (an IPv6 address has more than one colon)
            int colon = t.indexOf(':');
            cidrText = t.substring(0, colon);
            portsText = t.substring(colon + 1);
        }
        IPAddress cidr;
        try {
            cidr = new IPAddressString(cidrText).toAddress();
        } catch (AddressStringException e) {
            throw new IllegalArgumentException("'" + text + "' is not CIDR[:PORTS]: '" + cidrText + "' is not a CIDR");
        }
        if (cidr.isPrefixed()) cidr = cidr.toPrefixBlock();
        else cidr = cidr.withoutPrefixLength();
        List<int[]> ports = new ArrayList<>();
        if (portsText != null) {
            if (portsText.isBlank()) throw new IllegalArgumentException("'" + text + "' has ':' but no ports after it");
            for (String part : portsText.split(",")) ports.add(range(part.trim(), text));
        }
        return new Entry(cidr, List.copyOf(ports), t);
    }

    private static int[] range(String part, String text) {
        String[] ends = part.split("-", -1);
        if (ends.length > 2) throw new IllegalArgumentException("'" + text + "': '" + part + "' is not a port or a range like 8000-8100");
        int lo = port(ends[0], text);
        int hi = ends.length == 2 ? port(ends[1], text) : lo;
        if (hi < lo) throw new IllegalArgumentException("'" + text + "': port range " + part + " ends before it starts");
        return new int[] {lo, hi};
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "': '" + s + "' is not a port (1-65535)");
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "(nothing)" : String.join(", ", entries.stream().map(Entry::text).toList());
    }
}
