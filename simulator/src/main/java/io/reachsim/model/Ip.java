package io.reachsim.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.math.BigInteger;

/**
 * One IPv4 or IPv6 address as two longs, so comparisons and prefix tests on the hot path never
 * allocate. IPv4 lives in the low 32 bits of {@code lo}; {@code hi} is 0.
 */
public record Ip(int version, long hi, long lo) implements Comparable<Ip> {

    public Ip {
        if (version != 4 && version != 6) throw new IllegalArgumentException("IP version must be 4 or 6");
        if (version == 4 && (hi != 0 || (lo >>> 32) != 0)) throw new IllegalArgumentException("IPv4 out of range");
    }

    public static Ip v4(long bits) {
        return new Ip(4, 0, bits & 0xFFFF_FFFFL);
    }

    public static Ip v6(long hi, long lo) {
        return new Ip(6, hi, lo);
    }

    /** Parses a plain address (no prefix). Throws {@link IllegalArgumentException} with a readable reason. */
    public static Ip parse(String text) {
        IPAddressString s = new IPAddressString(text == null ? "" : text.trim());
        try {
            IPAddress a = s.toAddress();
            if (a.isPrefixed() && a.getNetworkPrefixLength() != a.getBitCount()) {
                throw new IllegalArgumentException("expected an address without a prefix length");
            }
            return of(a.withoutPrefixLength());
        } catch (AddressStringException e) {
            throw new IllegalArgumentException(reason(e));
        }
    }

    static Ip of(IPAddress a) {
        BigInteger v = a.getValue();
        if (a.isIPv4()) return v4(v.longValue());
        return v6(v.shiftRight(64).longValue(), v.longValue());
    }

    static String reason(AddressStringException e) {
        String m = e.getMessage();
        // The library prefixes messages with the offending string; keep only the reason.
        int colon = m == null ? -1 : m.lastIndexOf(": ");
        return (colon >= 0 ? m.substring(0, colon) : String.valueOf(m)).trim().toLowerCase();
    }

    public boolean isV4() {
        return version == 4;
    }

    public int bits() {
        return version == 4 ? 32 : 128;
    }

    /** Bit {@code i} counted from the most significant (0) end. */
    public int bit(int i) {
        if (version == 4) return (int) ((lo >>> (31 - i)) & 1L);
        return i < 64 ? (int) ((hi >>> (63 - i)) & 1L) : (int) ((lo >>> (127 - i)) & 1L);
    }

    public Ip plus(long n) {
        if (version == 4) return v4(lo + n);
        long nlo = lo + n;
        long carry = Long.compareUnsigned(nlo, lo) < 0 ? 1 : 0;
        return v6(hi + carry, nlo);
    }

    @Override
    public int compareTo(Ip o) {
        if (version != o.version) return Integer.compare(version, o.version);
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (version == 4) {
            return ((lo >>> 24) & 255) + "." + ((lo >>> 16) & 255) + "." + ((lo >>> 8) & 255) + "." + (lo & 255);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new inet.ipaddr.ipv6.IPv6Address(b).toCompressedString();
    }
}
