package io.reachsim.probes;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests through the agent's own path -- the validator, the zone rule, the literal
 * resolution, the allowlist and the address the agent would dial -- checking that every request the
 * agent would run dials exactly an address and port inside the allowlist, judged here independently
 * from the allowlist's text, and that no number was wrapped or rounded on the way.
 */
class HostileRequestProperties {
    /** The allowlist as text: CIDR, zone (or null), lowest and highest allowed port. */
    record Rule(String cidr, String zone, int lo, int hi) {
        String text() {
            int slash = cidr.indexOf('/');
            String c = zone == null ? cidr : cidr.substring(0, slash) + "%" + zone + cidr.substring(slash);
            return c + ":" + (lo == hi ? String.valueOf(lo) : lo + "-" + hi);
        }
    }

    static final List<Rule> RULES = List.of(new Rule("10.0.0.0/16", null, 443, 443), new Rule("127.0.0.1/32", null, 8000, 8100),
            new Rule("fd00::/8", null, 53, 53), new Rule("::1/128", "lo", 22, 22));
    static final Allowlist ALLOW = new Allowlist(RULES.stream().map(r -> Allowlist.parse(r.text())).toList());

    @Property(tries = 1500)
    @StatisticsReport(onFailureOnly = true)
    void everyRequestTheAgentWouldRunDialsInsideTheAllowlist(@ForAll("hosts") String host, @ForAll("ports") String port,
                                                              @ForAll("protocols") String protocol) throws Exception {
        // The property means something only if generated requests do get through to a dial.
        Statistics.coverage(c -> c.check("dialled").percentage(pct -> pct > 1.0));
        String json = "{\"protocol\":\"" + protocol + "\",\"host\":" + JsonObject.of("h", host).encode().substring(5).replaceAll("}$", "")
                + (port == null ? "" : ",\"port\":" + port) + "}";
        JsonObject body;
        try {
            body = new JsonObject(json);
        } catch (DecodeException e) {
            Statistics.collect("not JSON");
            return; // the agent answers 400 "must be a JSON object"
        }
        ProbeRequest.Parsed parsed = ProbeRequest.parse(body, AgentConfig.Limits.DEFAULT);
        if (parsed.request() == null) {
            assertThat(parsed.errors()).isNotEmpty();
            Statistics.collect("400");
            return;
        }
        ProbeRequest r = parsed.request();
        if (r.protocol().needsPort()) {
            // Accepted only as the exact integer that was sent: no wrap (2^64+8000), no rounding (8000.0), no null-as-0.
            assertThat(port).isNotNull().matches("-?[0-9]+");
            assertThat(new BigInteger(port)).isEqualTo(BigInteger.valueOf(r.port()));
            assertThat(r.port()).isBetween(1, 65535);
        }
        if (!Prober.isLiteral(r.host())) {
            // A name goes to the resolver; it must be a plain DNS name, nothing an address parser could read.
            assertThat(r.host()).matches("[A-Za-z0-9_.-]+").doesNotContain("..");
            Statistics.collect("a name");
            return;
        }
        String zone = ProbeAgent.zoneOfLiteral(r.host());
        if (zone != null && !ALLOW.namesZone(zone)) {
            Statistics.collect("403 zone");
            return; // 403 before anything else
        }
        InetAddress target;
        try {
            target = Prober.literal(r.host());
        } catch (UnknownHostException e) {
            Statistics.collect("no such zone");
            return; // DNS_FAILURE: nothing dialled
        }
        int p = r.protocol().needsPort() ? r.port() : 0;
        if (r.protocol() == ProbeProtocol.DNS || !ALLOW.allows(target, p)) {
            Statistics.collect("403 or dns");
            return; // dns probes dial the resolver, not the host
        }
        Statistics.collect("dialled");
        // Vert.x's own SocketAddressImpl: what its clients connect to (its ipAddress, when set, is used as is).
        io.vertx.core.net.impl.SocketAddressImpl dialled = (io.vertx.core.net.impl.SocketAddressImpl) Prober.socketAddress(target, p);
        assertThat(dialled.ipAddress()).as("the agent dials an address, never a text to resolve").isNotNull();
        assertThat(dialled.port()).isEqualTo(p);
        assertThat(insideByText(dialled.ipAddress(), Allowlist.zoneOf(dialled.ipAddress()), p))
                .as("%s (from %s) dialled at port %d is inside %s", dialled.ipAddress(), host, p, ALLOW).isTrue();
    }

    /** The allowlist judged from its text, not through Allowlist: the bytes dialled, an IPv4-mapped one as IPv4. */
    static boolean insideByText(InetAddress a, String zone, int port) throws UnknownHostException {
        IPAddress ip = new IPAddressString(InetAddress.getByAddress(a.getAddress()).getHostAddress()).getAddress();
        if (ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) ip = ip.toIPv6().getEmbeddedIPv4Address();
        for (Rule r : RULES) {
            IPAddress block = new IPAddressString(r.cidr()).getAddress().toPrefixBlock();
            if (block.getIPVersion() == ip.getIPVersion() && block.contains(ip) && java.util.Objects.equals(zone, r.zone())
                    && port >= r.lo() && port <= r.hi()) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<String> protocols() {
        return Arbitraries.of("tcp", "udp", "http", "https", "tls", "dns");
    }

    @Provide
    Arbitrary<String> ports() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("443", "53", "22", "8000", "8050", "8100")),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-5, 70_000).map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("443", "53", "22", "8000", "8100", "8101", "0", "65536", "null", "443.0", "4.43e2", "\"443\"", "true",
                        "[443]", "{}", "18446744073709552059", "-18446744073709551173", "9223372036854775807", "4294967739", "1e400")
                        .map(x -> x)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63).negate(), BigInteger.TWO.pow(70))
                        .map(BigInteger::toString)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<Integer> octet = Arbitraries.oneOf(Arbitraries.integers().between(0, 255), Arbitraries.of(0, 1, 10, 127, 255));
        Arbitrary<String> dotted = Combinators.combine(Arbitraries.of(10, 127, 0, 169, 192, 255), octet, octet, octet)
                .as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> odd = Combinators.combine(Arbitraries.of(10, 127), octet, octet).as((a, b, c) -> List.of(
                "0x" + Integer.toHexString(a) + "." + b + ".0." + c, "0" + Integer.toOctalString(a) + "." + b + "." + c + ".1",
                String.valueOf(((long) a << 24) | (b << 16) | c), a + "." + c, a + "." + b + "." + c, a + "." + b + "." + c + ".1/8",
                a + "." + b + "." + c + ".*", "::ffff:" + a + "." + b + "." + c + ".1", "[::ffff:" + a + ".0.0." + c + "]",
                "::ffff:" + Integer.toHexString(a << 8 | b) + ":" + Integer.toHexString(c))).flatMap(Arbitraries::of);
        Arbitrary<String> v6 = Combinators.combine(Arbitraries.of("::1", "fd00::5", "fd12:3456::1", "fe80::1", "::", "::ffff:10.0.1.2",
                "0:0:0:0:0:0:0:1", "::0:1", "2001:db8::1", "fd00::/8"), Arbitraries.of("", "%lo", "%1", "%0", "%eth0", "%", "%lo%lo", "%../",
                "%LO")).as((a, z) -> a + z);
        Arbitrary<String> bracketed = v6.map(s -> "[" + s + "]");
        Arbitrary<String> junk = Arbitraries.strings().withChars("0123456789abcdefx.:%[]/-*_ lo").ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> names = Arbitraries.of("inside.test", "localhost", "a", "xn--bcher-kva.example", "-bad.test", "a..b", "a.b.",
                "x".repeat(64) + ".test", "x".repeat(300), "127.0.0.1.nip.io", "10.0.0.1.", "0x0a000001");
        Arbitrary<String> near = Combinators.combine(octet, octet).as((c, d) -> List.of("10.0." + c + "." + d, "127.0.0.1", "::1%lo",
                "fd00::" + Integer.toHexString(c), "::ffff:10.0." + c + "." + d, "0x0a.0." + c + "." + d, "[::1%lo]", "10.0." + (c * 256 + d),
                "010.0.0." + d, "::ffff:127.0.0.1", "[fd00::" + d + "]")).flatMap(Arbitraries::of);
        return Arbitraries.oneOf(near, near, dotted, odd, v6, bracketed, junk, names);
    }
}
