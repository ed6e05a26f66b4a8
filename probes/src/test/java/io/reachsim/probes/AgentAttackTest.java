package io.reachsim.probes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.NetServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.reachsim.probes.Api.probe;
import static io.reachsim.probes.Api.req;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of the agent's threat model (probes/README.md), each against a real agent on loopback.
 * Canary listeners sit on addresses no agent here may reach (127.0.0.2, 127.0.0.3) on the very ports
 * the allowed targets use: a probe that went anywhere but the address it was judged by would land on
 * one, and {@link #noCanaryWasTouched()} fails the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentAttackTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static Canary v6;          // allowed: [::1]:P
    static Canary v4;          // allowed: 127.0.0.1:P4
    static final List<Canary> tripwires = new ArrayList<>();
    static DnsResponder dns;
    static int tlsIpOnly;
    static int httpsIpOnly;
    static Path ipOnlyPem;

    @BeforeAll
    static void start() throws Exception {
        try {
            v6 = new Canary("::1", 0);
        } catch (IOException noIpv6) {
            v6 = null; // a container without IPv6 on loopback: the zone test says so and is skipped
        }
        v4 = new Canary("127.0.0.1", 0);
        for (String a : List.of("127.0.0.2", "127.0.0.3")) {
            if (v6 != null) tripwires.add(new Canary(a, v6.port()));
            tripwires.add(new Canary(a, v4.port()));
        }
        dns = new DnsResponder().add("only-ip.test", "127.0.0.1").add("inside.test", "127.0.0.1");
        vertx = Vertx.vertx();
        ipOnlyPem = ipOnlyCertificate(dir);
        KeyStoreOptions ks = new KeyStoreOptions().setType("PKCS12").setPath(dir.resolve("ip-only.p12").toString()).setPassword("changeit");
        tlsIpOnly = vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(ks).setHost("127.0.0.1"))
                .connectHandler(s -> { }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        httpsIpOnly = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(ks).setHost("127.0.0.1"))
                .requestHandler(r -> r.response().end("ok")).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Canary c : tripwires) c.close();
        if (v6 != null) v6.close();
        if (v4 != null) v4.close();
        if (dns != null) dns.close();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void noCanaryWasTouched() {
        for (Canary c : tripwires) assertThat(c.from).as("connections to the forbidden %s:%d", c.address(), c.port()).isEmpty();
    }

    static AgentConfig config(String... allow) {
        return Api.config(Api.allow(allow), new AgentConfig.HostPort("127.0.0.1", dns.port()), null,
                new AgentConfig.Limits(3000, 3, 512, 1000, 1000, 64));
    }

    static AgentConfig withGuards(AgentConfig c, AgentConfig.Guards g) {
        return new AgentConfig(c.host(), c.port(), c.tokenHash(), c.allowlist(), c.dnsServer(), c.trustCa(), c.serverCert(), c.serverKey(),
                c.clientCa(), c.limits(), g);
    }

    // ------------------------------------------------------------------ 1. IPv6 zone ids

    @Test
    void aZoneIdIsRefusedUnlessAnAllowEntryNamesItAndTheProbeGoesToTheCheckedAddress() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(v6 != null, "no IPv6 on loopback here (::1 cannot be bound)");
        try (ProbeAgent agent = ProbeAgent.start(config("::1/128:" + v6.port()))) {
            for (String protocol : List.of("tcp", "tls", "http", "https")) {
                Api.Reply r = probe(agent, req(protocol, "::1%lo", v6.port()));
                assertThat(r.status()).as(protocol + " " + r.body()).isEqualTo(403);
                assertThat(r.json().getString("message")).contains("zone id %lo").contains("no --allow entry names that zone");
            }
            // Without the zone, the same address is allowed and the connection lands on ::1 itself.
            int before = v6.hits();
            assertThat(probe(agent, req("tcp", "::1", v6.port())).json().getString("outcome")).isEqualTo("CONNECTED");
            assertThat(v6.hitsOnceAtLeast(before + 1)).isEqualTo(before + 1);
        }
        try (ProbeAgent zoned = ProbeAgent.start(config("::1%lo/128:" + v6.port()))) {
            int before = v6.hits();
            Api.Reply r = probe(zoned, req("tcp", "::1%lo", v6.port()));
            assertThat(r.json().getString("outcome")).as(r.body()).isEqualTo("CONNECTED");
            assertThat(v6.hitsOnceAtLeast(before + 1)).as("the connection went to [::1], the address that was checked").isEqualTo(before + 1);
            // The zoned entry does not allow the unzoned address, nor another zone.
            assertThat(probe(zoned, req("tcp", "::1", v6.port())).status()).isEqualTo(403);
            assertThat(probe(zoned, req("tcp", "::1%1", v6.port())).status()).isEqualTo(403);
        }
    }

    @Test
    void addressSpellingsAreJudgedAndDialledAsTheSameBytes() throws Exception {
        try (ProbeAgent agent = ProbeAgent.start(config("127.0.0.1/32:" + v4.port()))) {
            // Forms that are, or could be read as, 127.0.0.2/3 -- and a mapped one of the allowed address.
            for (String host : List.of("127.0.0.2", "::ffff:127.0.0.2", "[::ffff:127.0.0.3]", "0x7f.0.0.2", "2130706434", "127.2",
                    "127.0.0.2%lo", "::ffff:7f00:3")) {
                Api.Reply r = probe(agent, req("tcp", host, v4.port()));
                assertThat(r.status()).as(host + ": " + r.body()).isIn(400, 403);
            }
            assertThat(probe(agent, req("tcp", "::ffff:127.0.0.1", v4.port())).json().getString("outcome")).isEqualTo("CONNECTED");
        }
    }

    // ------------------------------------------------------------------ 2. slow DNS

    @Test
    void aSilentNameServerDoesNotStallLiteralProbesAndHealthCountsTheWaiting() throws Exception {
        try (DnsResponder slow = new DnsResponder().add("slow.test", "127.0.0.1")) {
            slow.delayMs = Long.MAX_VALUE;
            AgentConfig c = Api.config(Api.allow("127.0.0.1/32:" + v4.port()), new AgentConfig.HostPort("127.0.0.1", slow.port()), null,
                    new AgentConfig.Limits(3000, 3, 512, 1000, 1000, 64));
            try (ProbeAgent agent = ProbeAgent.start(c)) {
                List<CompletableFuture<Api.Reply>> lookups = new ArrayList<>();
                for (int i = 0; i < 20; i++) lookups.add(async(agent, req("tcp", "slow.test", v4.port()).put("timeoutMs", 1500)));
                waitFor(() -> health(agent).getInteger("inFlight") >= 20, 5000);
                long t = System.nanoTime();
                Api.Reply literal = probe(agent, req("tcp", "127.0.0.1", v4.port()));
                assertThat(literal.json().getString("outcome")).isEqualTo("CONNECTED");
                assertThat(ms(t)).as("a literal probe while 20 lookups wait").isLessThan(1000);
                for (CompletableFuture<Api.Reply> f : lookups) {
                    JsonObject o = f.get(10, TimeUnit.SECONDS).json();
                    assertThat(o.getString("outcome")).isEqualTo("DNS_FAILURE");
                    assertThat(o.getDouble("elapsedMs")).isLessThan(4000);
                }
                assertThat(health(agent).getInteger("inFlight")).isZero();
            }
        }
    }

    @Test
    void aStuckSystemResolverHoldsAtMostItsOwnThreadsAndHealthShowsThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Stands for getaddrinfo waiting on an unreachable resolv.conf name server: it blocks, and cannot be interrupted.
        SystemResolver.Lookup stuck = host -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()};
        };
        AgentConfig c = Api.config(Api.allow("127.0.0.1/32:" + v4.port()), null, null, new AgentConfig.Limits(3000, 3, 512, 1000, 1000, 64));
        try (ProbeAgent agent = ProbeAgent.start(c, stuck)) {
            List<CompletableFuture<Api.Reply>> lookups = new ArrayList<>();
            for (int i = 0; i < 12; i++) lookups.add(async(agent, req("tcp", "stuck.test", v4.port()).put("timeoutMs", 500)));
            int timedOut = 0;
            for (CompletableFuture<Api.Reply> f : lookups) {
                Api.Reply r = f.get(10, TimeUnit.SECONDS);
                // A lookup that got a thread gives up at its deadline; once every thread is held, the answer is 429 at once.
                if (r.status() == 429) {
                    assertThat(r.json().getString("error")).isEqualTo("busy");
                    assertThat(r.json().getString("message")).contains("system resolver is busy");
                    continue;
                }
                JsonObject o = r.json();
                assertThat(o.getString("outcome")).as(o.encode()).isEqualTo("DNS_FAILURE");
                assertThat(o.getDouble("elapsedMs")).as(o.encode()).isLessThan(2000);
                timedOut++;
            }
            assertThat(timedOut).isGreaterThanOrEqualTo(AgentConfig.Guards.DEFAULT.resolverThreads());
            Api.Reply more = probe(agent, req("tcp", "stuck.test", v4.port()));
            assertThat(more.status()).as(more.body()).isEqualTo(429);
            // Every probe has answered; the lookups still hold the resolver's threads, and /health says so.
            JsonObject h = health(agent);
            assertThat(h.getInteger("inFlight")).isZero();
            assertThat(h.getInteger("resolverBusy")).isEqualTo(AgentConfig.Guards.DEFAULT.resolverThreads());
            long t = System.nanoTime();
            assertThat(probe(agent, req("tcp", "127.0.0.1", v4.port())).json().getString("outcome")).isEqualTo("CONNECTED");
            assertThat(ms(t)).isLessThan(1000);
            release.countDown();
            waitFor(() -> health(agent).getInteger("resolverBusy") == 0, 5000);
        } finally {
            release.countDown();
        }
    }

    // ------------------------------------------------------------------ 3. connection exhaustion

    @Test
    void unauthenticatedBodiesAreNeverReadAndTheConnectionIsClosed() throws Exception {
        try (ProbeAgent agent = ProbeAgent.start(config("127.0.0.1/32"))) {
            List<RawHttp> conns = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    // Headers promise 100000 bytes; none follow. The answer comes from the headers alone.
                    RawHttp h = new RawHttp(null, agent.port());
                    conns.add(h);
                    h.write("POST /v1/probe HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n{");
                }
                for (RawHttp h : conns) {
                    long t = System.nanoTime();
                    String resp = h.readAll(3000);
                    assertThat(RawHttp.status(resp)).as(resp).isIn(401, 429);
                    assertThat(ms(t)).isLessThan(3000);
                }
            } finally {
                for (RawHttp h : conns) h.close();
            }
        }
    }

    @Test
    void slowClientsAreCutOffAndCappedWhileAnotherCallerIsServed() throws Exception {
        AgentConfig.Guards g = new AgentConfig.Guards(256, 8, 1500, 1, 10, 4, false, false);
        try (ProbeAgent agent = ProbeAgent.start(withGuards(config("127.0.0.1/32:" + v4.port()), g))) {
            List<RawHttp> slow = new ArrayList<>();
            try {
                // 20 connections from 127.0.0.1 that trickle headers: 8 are kept (per-source cap), 12 closed at once.
                for (int i = 0; i < 20; i++) slow.add(new RawHttp("127.0.0.1", agent.port()).write("POST /v1/probe HTTP/1.1\r\nHo"));
                // An authenticated caller whose body never ends.
                RawHttp slowBody = new RawHttp("127.0.0.1", agent.port());
                slowBody.write("POST /v1/probe HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + Api.TOKEN + "\r\nContent-Length: 300\r\n\r\n{\"pro");
                // Another caller, from another address, is served meanwhile.
                long t = System.nanoTime();
                try (RawHttp other = new RawHttp("127.0.0.2", agent.port())) {
                    String resp = other.write(RawHttp.post(Api.TOKEN, req("tcp", "127.0.0.1", v4.port()).encode())).readAll(5000);
                    assertThat(RawHttp.status(resp)).as(resp).isEqualTo(200);
                    assertThat(resp).contains("CONNECTED");
                }
                assertThat(ms(t)).isLessThan(2000);
                // Over the cap: closed at once. Within it: closed when the deadline passes, however the bytes trickle.
                long t0 = System.nanoTime();
                int closed = 0;
                for (RawHttp h : slow) {
                    try {
                        h.write("s"); // one more byte: an idle timer would be reset by it
                    } catch (IOException alreadyClosed) {
                        // over the cap: the agent closed it at once
                    }
                    if (h.closedWithin(4000)) closed++;
                }
                assertThat(closed).isEqualTo(20);
                assertThat(slowBody.closedWithin(4000)).as("a body that never ends is cut off").isTrue();
                assertThat(ms(t0)).isLessThan(6000);
                slowBody.close();
                assertThat(Api.get(agent, "/metrics").body()).containsPattern("reason=\"too_many_connections\"} [1-9]")
                        .containsPattern("reason=\"slow_client\"} [1-9]");
            } finally {
                for (RawHttp h : slow) h.close();
            }
        }
    }

    // ------------------------------------------------------------------ 4. validation and the log

    @Test
    void anythingButAPlainInRangeIntegerIs400AndBadRequestsCostLittleLog() throws Exception {
        try (ProbeAgent agent = ProbeAgent.start(config("127.0.0.1/32"))) {
            List<String> bodies = List.of(
                    "{\"protocol\":\"udp\",\"host\":\"127.0.0.1\",\"port\":null}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":18446744073709559616}",   // 2^64 + 8000
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + v4.port() + ".0}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":\"" + v4.port() + "\"}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":8e3}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1,\"timeoutMs\":18446744073709551617}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1,\"attempts\":-18446744073709551615}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1,\"timeoutMs\":null}",
                    "{\"protocol\":\"tcp\",\"host\":null,\"port\":1}",
                    "{\"protocol\":\"tcp\",\"host\":\"127.0.0.1/8\",\"port\":1}",
                    "{\"protocol\":\"tcp\",\"host\":\"a..b\",\"port\":1}",
                    "not json", "[]", "{\"protocol\":");
            Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "/nonexistent"));
            long before = Files.exists(log) ? Files.size(log) : -1;
            for (int round = 0; round < 8; round++) {
                for (String b : bodies) {
                    Api.Reply r = probe(agent, "Bearer " + Api.TOKEN, b);
                    assertThat(r.status()).as(b + " -> " + r.body()).isEqualTo(400);
                    assertThat(r.json().getString("error")).isEqualTo("bad_request");
                }
            }
            if (before >= 0) {
                String added = Files.readString(log, StandardCharsets.UTF_8).substring((int) before);
                assertThat(added).as("no stack trace in the log").doesNotContain("\tat ").doesNotContain("Exception:");
                // 112 bad requests: the log budget (QuietLog.BURST lines at once) keeps them to a few KB.
                assertThat(added.length()).as("log bytes for 112 bad requests").isLessThan(12_000);
            }
        }
    }

    // ------------------------------------------------------------------ 5. TLS names

    @Test
    void aTlsOrHttpsProbeToANameVerifiesTheNameNotTheDialledAddress() throws Exception {
        AgentConfig c = Api.config(Api.allow("127.0.0.1/32"), new AgentConfig.HostPort("127.0.0.1", dns.port()), ipOnlyPem,
                new AgentConfig.Limits(5000, 3, 512, 1000, 1000, 64));
        try (ProbeAgent agent = ProbeAgent.start(c)) {
            for (String p : List.of("tls", "https")) {
                int port = p.equals("tls") ? tlsIpOnly : httpsIpOnly;
                JsonObject byName = probe(agent, req(p, "only-ip.test", port).put("timeoutMs", 5000)).json();
                assertThat(byName.getString("outcome")).as(p + " " + byName.encode()).isEqualTo("TLS_NAME_MISMATCH");
                JsonObject byIp = probe(agent, req(p, "127.0.0.1", port).put("timeoutMs", 5000)).json();
                assertThat(byIp.getString("outcome")).as(p + " " + byIp.encode()).isEqualTo("CONNECTED");
            }
        }
    }

    // ------------------------------------------------------------------ 6. budgets per identity

    @Test
    void unauthenticatedRequestsCannotDrainTheTokenHoldersBudget() throws Exception {
        AgentConfig base = Api.config(Api.allow("127.0.0.1/32:" + v4.port()), null, null, new AgentConfig.Limits(3000, 3, 512, 0.01, 3, 64));
        try (ProbeAgent agent = ProbeAgent.start(withGuards(base, new AgentConfig.Guards(256, 32, 10_000, 0.01, 2, 4, false, false)))) {
            List<Integer> anon = new ArrayList<>();
            for (int i = 0; i < 6; i++) anon.add(probe(agent, null, req("tcp", "127.0.0.1", v4.port()).encode()).status());
            assertThat(anon).containsExactly(401, 401, 429, 429, 429, 429);
            // Same address, with the token: its own budget, untouched by the flood.
            for (int i = 0; i < 3; i++) assertThat(probe(agent, req("tcp", "127.0.0.1", v4.port())).status()).isEqualTo(200);
            // The budget is the identity's, not the address's: from 127.0.0.2 the token holder is still over it.
            try (RawHttp other = new RawHttp("127.0.0.2", agent.port())) {
                String resp = other.write(RawHttp.post(Api.TOKEN, req("tcp", "127.0.0.1", v4.port()).encode())).readAll(5000);
                assertThat(RawHttp.status(resp)).as(resp).isEqualTo(429);
                assertThat(resp).contains("for this caller's identity");
            }
        }
    }

    // ------------------------------------------------------------------ 7. transport

    @Test
    void h2cIsOffAndMetricsCanRequireTheToken() throws Exception {
        AgentConfig base = config("127.0.0.1/32");
        try (ProbeAgent agent = ProbeAgent.start(withGuards(base, AgentConfig.Guards.DEFAULT.withMetricsNeedToken(true)))) {
            try (RawHttp h = new RawHttp(null, agent.port())) {
                String resp = h.write("GET /health HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").readAll(1500);
                assertThat(RawHttp.status(resp)).as(resp).isEqualTo(200);
            }
            assertThat(Api.get(agent, "/metrics").status()).isEqualTo(401);
            try (RawHttp h = new RawHttp(null, agent.port())) {
                String resp = h.write("GET /metrics HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + Api.TOKEN + "\r\nConnection: close\r\n\r\n")
                        .readAll(3000);
                assertThat(RawHttp.status(resp)).isEqualTo(200);
                assertThat(resp).contains("reachsim_agent_refusals");
            }
            assertThat(agent.warnings()).anyMatch(w -> w.contains("plain HTTP"));
        }
    }

    // ------------------------------------------------------------------ helpers

    static CompletableFuture<Api.Reply> async(ProbeAgent agent, JsonObject body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return probe(agent, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "caller");
            t.setDaemon(true);
            t.start();
        });
    }

    static JsonObject health(ProbeAgent agent) throws Exception {
        return Api.get(agent, "/health").json();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c, long ms) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!c.ok()) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + ms + " ms");
            Thread.sleep(20);
        }
    }

    static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /** A certificate that names only the IP 127.0.0.1 (no DNS name); its PEM returned. */
    static Path ipOnlyCertificate(Path dir) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = dir.resolve("ip-only.p12");
        Path pem = dir.resolve("ip-only.pem");
        exec(keytool, "-genkeypair", "-alias", "ip", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        exec(keytool, "-exportcert", "-rfc", "-alias", "ip", "-keystore", ks.toString(), "-storepass", "changeit", "-file", pem.toString());
        return pem;
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
}
