package io.reachsim.probes;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowlistTest {
    private static boolean allows(String entry, String ip, int port) throws Exception {
        return new Allowlist(java.util.List.of(Allowlist.parse(entry))).allows(InetAddress.getByName(ip), port);
    }

    @Test
    void cidrWithAndWithoutPorts() throws Exception {
        assertThat(allows("10.0.0.0/16", "10.0.200.1", 5432)).isTrue();
        assertThat(allows("10.0.0.0/16", "10.1.0.1", 5432)).isFalse();
        assertThat(allows("10.0.0.0/16:443", "10.0.0.1", 443)).isTrue();
        assertThat(allows("10.0.0.0/16:443", "10.0.0.1", 80)).isFalse();
        assertThat(allows("10.0.0.0/16:80,8000-8100", "10.0.0.1", 8050)).isTrue();
        assertThat(allows("10.0.0.0/16:80,8000-8100", "10.0.0.1", 8101)).isFalse();
        assertThat(allows("10.0.3.7:443", "10.0.3.7", 443)).isTrue();
        assertThat(allows("10.0.3.7", "10.0.3.8", 443)).isFalse();
    }

    @Test
    void aZoneIsPartOfTheTarget() throws Exception {
        java.net.InetAddress zoned = Prober.literal("::1%lo");
        assertThat(new Allowlist(java.util.List.of(Allowlist.parse("::1/128"))).allows(zoned, 22)).as("unzoned entry, zoned address").isFalse();
        assertThat(new Allowlist(java.util.List.of(Allowlist.parse("::1%lo/128:22"))).allows(zoned, 22)).isTrue();
        assertThat(new Allowlist(java.util.List.of(Allowlist.parse("::1%lo/128:22"))).allows(Prober.literal("::1"), 22)).isFalse();
        assertThat(Allowlist.parse("fe80::%eth0/64:22").zone()).isEqualTo("eth0");
        assertThat(Allowlist.parse("fe80::1%eth0").cidr().toString()).isEqualTo("fe80::1");
        assertThatThrownBy(() -> Allowlist.parse("10.0.0.0%eth0/8")).hasMessageContaining("needs an IPv6 address");
        assertThatThrownBy(() -> Allowlist.parse("fe80::%e/th0/64")).hasMessageContaining("is not a CIDR");
        assertThatThrownBy(() -> Allowlist.parse("fe80::%/64")).hasMessageContaining("is not an IPv6 zone id");
    }

    @Test
    void ipv6AndMappedAddresses() throws Exception {
        assertThat(allows("fd00::/8:53", "fd00::1", 53)).isTrue();
        assertThat(allows("fd00::/8:53", "fd00::1", 54)).isFalse();
        assertThat(allows("10.0.0.0/8", "::ffff:10.0.0.1", 1)).isTrue();
        assertThat(allows("::/0", "::ffff:10.0.0.1", 1)).as("a mapped address is IPv4, not IPv6").isFalse();
    }

    @Test
    void badEntriesSayWhatIsWrong() {
        assertThatThrownBy(() -> Allowlist.parse("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33' is not a CIDR");
        assertThatThrownBy(() -> Allowlist.parse("10.0.0.0/16:0")).hasMessageContaining("'0' is not a port");
        assertThatThrownBy(() -> Allowlist.parse("10.0.0.0/16:90-80")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> Allowlist.parse("10.0.0.0/16:")).hasMessageContaining("no ports");
        assertThatThrownBy(() -> Allowlist.parse("web-1")).hasMessageContaining("is not a CIDR");
    }

    @Test
    void emptyAllowsNothing() throws Exception {
        assertThat(new Allowlist(java.util.List.of()).allows(InetAddress.getByName("127.0.0.1"), 80)).isFalse();
    }

    @Test
    void tokenBucketRefillsAtItsRate() {
        long[] now = {0};
        RateLimiter l = new RateLimiter(2, 2, () -> now[0]);
        assertThat(l.tryAcquire("a")).isTrue();
        assertThat(l.tryAcquire("a")).isTrue();
        assertThat(l.tryAcquire("a")).isFalse();
        assertThat(l.tryAcquire("b")).as("buckets are per caller").isTrue();
        now[0] = 500_000_000L; // half a second at 2/s: one token back
        assertThat(l.tryAcquire("a")).isTrue();
        assertThat(l.tryAcquire("a")).isFalse();
        assertThat(l.retryAfterSeconds("a")).isEqualTo(1);
    }

    @Test
    void tokensCompareByHash() {
        byte[] h = Tokens.sha256("secret-token-value");
        assertThat(Tokens.matches(h, "secret-token-value")).isTrue();
        assertThat(Tokens.matches(h, "secret-token-valuf")).isFalse();
        assertThat(Tokens.matches(h, "")).isFalse();
        assertThat(Tokens.matches(h, null)).isFalse();
    }
}
