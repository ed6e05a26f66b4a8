package io.reachsim.probes;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where an agent may send probes: CIDRs, each with the ports allowed (all when none are given). Empty
 * means nothing is allowed — an agent that was told nothing refuses everything rather than becoming an
 * open port scanner inside the VPC.
 */
public final class Allowlist {
    /**
     * One {@code --allow} (or {@code --vpc-cidr}) entry. {@code ports} empty: every port. {@code zone}
     * (an IPv6 zone id such as {@code eth0}, RFC 4007 §11) or null: an entry with a zone allows only
     * addresses with that zone, and one without allows only addresses without a zone — a zone picks the
     * link a packet leaves on, so it is part of the target, never decoration to strip.
     */
    public record Entry(IPAddress cidr, List<int[]> ports, String zone, String text) {
        boolean allows(IPAddress ip, String addressZone, int port) {
            if (!Objects.equals(zone, addressZone)) return false;
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
        String zone = zoneOf(address);
        for (Entry e : entries) if (e.allows(ip, zone, port)) return true;
        return false;
    }

    /** True when some entry names {@code zone} (so a literal with that zone id may be probed at all). */
    public boolean namesZone(String zone) {
        for (Entry e : entries) if (zone.equals(e.zone())) return true;
        return false;
    }

    /** The zone of a scoped IPv6 address (its interface name, else its numeric scope id), or null. */
    static String zoneOf(InetAddress address) {
        if (!(address instanceof Inet6Address a)) return null;
        if (a.getScopedInterface() != null) return a.getScopedInterface().getName();
        return a.getScopeId() != 0 ? String.valueOf(a.getScopeId()) : null;
    }

    /**
     * An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address: a name that resolves to one
     * must be judged as the IPv4 address it reaches, not slip past IPv4 rules.
     */
    static IPAddress normalize(InetAddress address) {
        // From the bytes, never the text: the text of a scoped address carries its zone ("::1%lo").
        byte[] b = address.getAddress();
        if (b.length == 4) return new IPv4Address(b);
        IPv6Address ip = new IPv6Address(b);
        return ip.isIPv4Mapped() ? ip.getEmbeddedIPv4Address() : ip;
    }

    /**
     * Parses {@code CIDR[:PORTS]}: {@code 10.0.0.0/16}, {@code 10.0.0.0/16:443}, {@code 10.0.0.0/16:80,443,8000-8100},
     * {@code fd00::/8:53}. A bare address stands for itself (/32 or /128). Throws IllegalArgumentException
     * naming the bad part.
     */
    public static Entry parse(String text) {
        String t = text == null ? "" : text.trim();
        String zone = null;
        int pct = t.indexOf('%');
        String unzoned = t;
        if (pct >= 0) {
            // fe80::1%eth0, fe80::%eth0/64:22 -- the zone ends at the prefix (or the end)
            int end = t.indexOf('/', pct);
            if (end < 0) end = t.length();
            zone = t.substring(pct + 1, end);
            if (!zone.matches("[A-Za-z0-9_.\\-]{1,64}")) {
                throw new IllegalArgumentException("'" + text + "': '" + zone + "' is not an IPv6 zone id (an interface name like eth0)");
            }
            unzoned = t.substring(0, pct) + t.substring(end);
        }
        String cidrText = unzoned;
        String portsText = null;
        int slash = unzoned.indexOf('/');
        if (slash >= 0) {
            int colon = unzoned.indexOf(':', slash);
            if (colon >= 0) {
                cidrText = unzoned.substring(0, colon);
                portsText = unzoned.substring(colon + 1);
            }
        } else if (unzoned.chars().filter(c -> c == ':').count() == 1) {
            // 10.0.0.5:443 — an IPv4 address with ports (an IPv6 address has more than one colon)
            int colon = unzoned.indexOf(':');
            cidrText = unzoned.substring(0, colon);
            portsText = unzoned.substring(colon + 1);
        }
        IPAddress cidr;
        try {
            cidr = new IPAddressString(cidrText).toAddress();
        } catch (AddressStringException e) {
            throw new IllegalArgumentException("'" + text + "' is not CIDR[:PORTS]: '" + cidrText + "' is not a CIDR");
        }
        if (zone != null && !cidr.isIPv6()) throw new IllegalArgumentException("'" + text + "': a zone id (%" + zone + ") needs an IPv6 address");
        if (cidr.isPrefixed()) cidr = cidr.toPrefixBlock();
        else cidr = cidr.withoutPrefixLength();
        List<int[]> ports = new ArrayList<>();
        if (portsText != null) {
            if (portsText.isBlank()) throw new IllegalArgumentException("'" + text + "' has ':' but no ports after it");
            for (String part : portsText.split(",")) ports.add(range(part.trim(), text));
        }
        return new Entry(cidr, List.copyOf(ports), zone, t);
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
