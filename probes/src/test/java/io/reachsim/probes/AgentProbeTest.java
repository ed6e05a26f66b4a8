package io.reachsim.probes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.reachsim.probes.Api.probe;
import static io.reachsim.probes.Api.req;
import static org.assertj.core.api.Assertions.assertThat;

/** Every protocol and outcome against real listeners on loopback, through the agent's HTTP API. */
class AgentProbeTest {
    @TempDir
    static Path dir;
    static Targets targets;
    static DnsResponder dns;
    static ProbeAgent agent;       // trusts the test CA, resolves through the test DNS server
    static ProbeAgent plainAgent;  // the JDK's CAs only, system resolver

    @BeforeAll
    static void start() throws Exception {
        targets = new Targets(dir);
        dns = new DnsResponder().add("svc.test", "127.0.0.1").add("localhost", "127.0.0.1").add("api.eks.test", "127.0.0.7", "127.0.0.8");
        Allowlist loopback = Api.allow("127.0.0.0/8");
        agent = ProbeAgent.start(Api.config(loopback, new AgentConfig.HostPort("127.0.0.1", dns.port()), targets.caPem,
                AgentConfig.Limits.DEFAULT));
        plainAgent = ProbeAgent.start(Api.config(loopback, null, null, AgentConfig.Limits.DEFAULT));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) agent.close();
        if (plainAgent != null) plainAgent.close();
        if (dns != null) dns.close();
        if (targets != null) targets.close();
    }

    private static JsonObject ok(Api.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void tcpToAListenerConnectsAndSaysFromWhere() throws Exception {
        JsonObject r = ok(probe(agent, req("tcp", "127.0.0.1", targets.tcp)));
        assertThat(r.getString("outcome")).isEqualTo("CONNECTED");
        assertThat(r.getString("localAddress")).isEqualTo("127.0.0.1");
        assertThat(r.getJsonArray("resolved")).containsExactly("127.0.0.1");
        JsonArray attempts = r.getJsonArray("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getJsonObject(0).getString("address")).isEqualTo("127.0.0.1");
        assertThat(r.getDouble("elapsedMs")).isNotNegative();
    }

    @Test
    void tcpToAClosedPortIsRefusedOnEveryAttempt() throws Exception {
        JsonObject r = ok(probe(agent, req("tcp", "127.0.0.1", targets.closedTcp).put("attempts", 3)));
        assertThat(r.getString("outcome")).isEqualTo("REFUSED");
        assertThat(r.getJsonArray("attempts")).hasSize(3);
        assertThat(r.getJsonArray("attempts").getJsonObject(2).getString("detail")).contains("nothing listens on tcp/" + targets.closedTcp);
        // The kernel's choice of source address is reported even though nothing connected.
        assertThat(r.getString("localAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void attemptsStopAtTheFirstSuccess() throws Exception {
        JsonObject r = ok(probe(agent, req("tcp", "127.0.0.1", targets.tcp).put("attempts", 4)));
        assertThat(r.getJsonArray("attempts")).hasSize(1);
    }

    @Test
    void udpEchoConnectsClosedPortIsRefusedSilentPortTimesOut() throws Exception {
        JsonObject echo = ok(probe(agent, req("udp", "127.0.0.1", targets.udpEcho)));
        assertThat(echo.getString("outcome")).isEqualTo("CONNECTED");
        assertThat(echo.getJsonArray("attempts").getJsonObject(0).getString("detail")).isEqualTo(Prober.UDP_PAYLOAD.length + " bytes back");

        JsonObject closed = ok(probe(agent, req("udp", "127.0.0.1", targets.closedUdp)));
        assertThat(closed.getString("outcome")).isEqualTo("REFUSED");

        JsonObject silent = ok(probe(agent, req("udp", "127.0.0.1", targets.udpSilent).put("timeoutMs", 300)));
        assertThat(silent.getString("outcome")).isEqualTo("TIMEOUT");
        assertThat(silent.getString("localAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void httpReportsTheStatus() throws Exception {
        JsonObject root = ok(probe(agent, req("http", "127.0.0.1", targets.http)));
        assertThat(root.getString("outcome")).isEqualTo("CONNECTED");
        assertThat(root.getJsonArray("attempts").getJsonObject(0).getInteger("status")).isEqualTo(204);
        JsonObject missing = ok(probe(agent, req("http", "127.0.0.1", targets.http).put("path", "/nothing-here")));
        assertThat(missing.getJsonArray("attempts").getJsonObject(0).getInteger("status")).isEqualTo(404);
        JsonObject closed = ok(probe(agent, req("http", "127.0.0.1", targets.closedTcp)));
        assertThat(closed.getString("outcome")).isEqualTo("REFUSED");
    }

    @Test
    void httpsAndTlsHandshakeWithTheTrustedCaAndFailWithout() throws Exception {
        JsonObject https = ok(probe(agent, req("https", "localhost", targets.https).put("timeoutMs", 5000)));
        assertThat(https.getString("outcome")).as(https.encode()).isEqualTo("CONNECTED");
        assertThat(https.getJsonArray("attempts").getJsonObject(0).getInteger("status")).isEqualTo(200);
        assertThat(https.getJsonArray("attempts").getJsonObject(0).getString("tls")).startsWith("TLS").contains("CN=localhost");

        JsonObject tls = ok(probe(agent, req("tls", "127.0.0.1", targets.tls).put("timeoutMs", 5000)));
        assertThat(tls.getString("outcome")).as(tls.encode()).isEqualTo("CONNECTED");

        // The same servers, from an agent that trusts only the JDK's CAs.
        JsonObject untrusted = ok(probe(plainAgent, req("tls", "127.0.0.1", targets.tls)));
        assertThat(untrusted.getString("outcome")).isEqualTo("TLS_FAILURE");
        JsonObject untrustedHttps = ok(probe(plainAgent, req("https", "127.0.0.1", targets.https)));
        assertThat(untrustedHttps.getString("outcome")).isEqualTo("TLS_FAILURE");
        // TLS to a plain TCP listener: connected, but no handshake.
        JsonObject plain = ok(probe(agent, req("tls", "127.0.0.1", targets.http).put("timeoutMs", 1000)));
        assertThat(plain.getString("outcome")).isEqualTo("TLS_FAILURE");
    }

    @Test
    void dnsResolvesThroughTheAgentsResolver() throws Exception {
        int before = dns.queries.get();
        JsonObject r = ok(probe(agent, new JsonObject().put("protocol", "dns").put("host", "api.eks.test")));
        assertThat(r.getString("outcome")).isEqualTo("CONNECTED");
        assertThat(r.getJsonArray("resolved")).containsExactly("127.0.0.7", "127.0.0.8");
        assertThat(dns.queries.get()).isGreaterThan(before);

        JsonObject missing = ok(probe(agent, new JsonObject().put("protocol", "dns").put("host", "nowhere.test").put("timeoutMs", 1000)));
        assertThat(missing.getString("outcome")).isEqualTo("DNS_FAILURE");
        assertThat(missing.getJsonArray("resolved")).isEmpty();
    }

    @Test
    void aNameIsResolvedThenProbedAtItsAddress() throws Exception {
        JsonObject r = ok(probe(agent, req("tcp", "svc.test", targets.tcp)));
        assertThat(r.getString("outcome")).isEqualTo("CONNECTED");
        assertThat(r.getJsonArray("resolved")).containsExactly("127.0.0.1");

        JsonObject nx = ok(probe(agent, req("tcp", "nowhere.test", targets.tcp)));
        assertThat(nx.getString("outcome")).isEqualTo("DNS_FAILURE");
    }

    @Test
    void ipv6LoopbackWithAndWithoutBrackets() throws Exception {
        java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
        java.net.ServerSocket ss;
        try {
            ss = new java.net.ServerSocket(0, 5, v6);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (ss; ProbeAgent v6agent = ProbeAgent.start(Api.config(Api.allow("::1/128:" + ss.getLocalPort()), null, null, AgentConfig.Limits.DEFAULT))) {
            JsonObject r = ok(probe(v6agent, req("tcp", "::1", ss.getLocalPort())));
            assertThat(r.getString("outcome")).isEqualTo("CONNECTED");
            assertThat(r.getString("localAddress")).isIn("0:0:0:0:0:0:0:1", "::1");
            assertThat(ok(probe(v6agent, req("tcp", "[::1]", ss.getLocalPort()))).getString("outcome")).isEqualTo("CONNECTED");
            assertThat(probe(v6agent, req("tcp", "::1", ss.getLocalPort() == 1 ? 2 : 1)).status()).isEqualTo(403);
        }
    }

    @Test
    void healthAndMetrics() throws Exception {
        ok(probe(agent, req("tcp", "127.0.0.1", targets.tcp)));
        ok(probe(agent, req("tcp", "127.0.0.1", targets.closedTcp)));
        Api.Reply health = Api.get(agent, "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getBoolean("targetsAllowed")).isTrue();

        Api.Reply metrics = Api.get(agent, "/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .containsPattern("reachsim_agent_probes_total\\{outcome=\"CONNECTED\",protocol=\"tcp\"} [1-9]")
                .containsPattern("reachsim_agent_probes_total\\{outcome=\"REFUSED\",protocol=\"tcp\"} [1-9]")
                .contains("reachsim_agent_probe_duration_seconds_bucket{")
                .contains("le=\"+Inf\"");
    }
}
