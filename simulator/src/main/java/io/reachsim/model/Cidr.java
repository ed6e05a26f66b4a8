package io.reachsim.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** A CIDR block. The base address is always the network address (host bits zero). */
public record Cidr(Ip base, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > base.bits()) throw new IllegalArgumentException("prefix length out of range");
        if (!base.equals(mask(base, prefix))) throw new IllegalArgumentException("host bits set");
    }

    public static final Cidr ANY_V4 = new Cidr(Ip.v4(0), 0);
    public static final Cidr ANY_V6 = new Cidr(Ip.v6(0, 0), 0);
    /** The NAT64 well-known prefix (RFC 6052): a DNS64 subnet's resolver synthesises 64:ff9b::IPv4 addresses. */
    public static final Cidr NAT64 = new Cidr(Ip.v6(0x0064_ff9b_0000_0000L, 0), 96);

    /**
     * Parses {@code a.b.c.d/n} or {@code x::/n}. A block with host bits set is refused, as AWS refuses it
     * (for example 10.0.1.7/24). Throws {@link IllegalArgumentException} with a readable reason.
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.contains("/")) throw new IllegalArgumentException("expected a CIDR block such as 10.0.0.0/16");
        String[] parts = t.split("/", 2);
        int len;
        try {
            len = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix length '" + parts[1] + "' is not a number");
        }
        Ip ip;
        try {
            IPAddress a = new IPAddressString(parts[0]).toAddress();
            ip = Ip.of(a.withoutPrefixLength());
        } catch (AddressStringException e) {
            throw new IllegalArgumentException(Ip.reason(e));
        }
        if (len < 0 || len > ip.bits()) {
            throw new IllegalArgumentException("prefix length must be 0.." + ip.bits());
        }
        Ip base = mask(ip, len);
        if (!base.equals(ip)) {
            throw new IllegalArgumentException("host bits are set (did you mean " + base + "/" + len + "?)");
        }
        return new Cidr(base, len);
    }

    public static Cidr host(Ip ip) {
        return new Cidr(ip, ip.bits());
    }

    static Ip mask(Ip ip, int len) {
        if (ip.isV4()) {
            long m = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
            return Ip.v4(ip.lo() & m);
        }
        long mh = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
        long ml = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
        return Ip.v6(ip.hi() & mh, ip.lo() & ml);
    }

    public int version() {
        return base.version();
    }

    public boolean contains(Ip ip) {
        return ip.version() == base.version() && mask(ip, prefix).equals(base);
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.base);
    }

    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** The n-th address of the block (0 is the network address). */
    public Ip address(long n) {
        return base.plus(n);
    }

    /** The block's last address (the IPv4 broadcast address). */
    public Ip lastAddress() {
        int hostBits = base.bits() - prefix;
        if (base.isV4()) return Ip.v4(base.lo() | (hostBits == 0 ? 0 : (0xFFFF_FFFFL >>> (32 - hostBits))));
        long loMask = hostBits >= 64 ? -1L : hostBits == 0 ? 0 : -1L >>> (64 - hostBits);
        long hiMask = hostBits <= 64 ? 0 : hostBits == 128 ? -1L : -1L >>> (128 - hostBits);
        return Ip.v6(base.hi() | hiMask, base.lo() | loMask);
    }

    // As a subnet's block: AWS reserves the first four addresses and the last one of every subnet, IPv4 and
    // IPv6 (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html). The one place of that rule.
    private static final int SUBNET_RESERVED_AT_START = 4;

    /** As a subnet's block: the first address a host can use (the network address + 4). */
    public Ip firstSubnetHost() {
        return address(SUBNET_RESERVED_AT_START);
    }

    /** As a subnet's block: the number of addresses hosts can use (saturated for large IPv6 blocks). */
    public long subnetHostCount() {
        long n = size();
        return n == Long.MAX_VALUE ? n : Math.max(0, n - SUBNET_RESERVED_AT_START - 1);
    }

    /** As a subnet's block: true for an address of the block that AWS reserves (the first four, the last). */
    public boolean isSubnetReserved(Ip ip) {
        return contains(ip) && (ip.compareTo(firstSubnetHost()) < 0 || ip.equals(lastAddress()));
    }

    /** Number of addresses, saturated at Long.MAX_VALUE for large IPv6 blocks. */
    public long size() {
        int hostBits = base.bits() - prefix;
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    @Override
    public String toString() {
        return base + "/" + prefix;
    }
}
