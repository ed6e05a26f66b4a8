package io.reachsim.probes;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static io.reachsim.probes.Api.probe;
import static io.reachsim.probes.Api.req;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per refusal: each answers with its status and a JSON error saying why, and none of them
 * sends a packet to the refused target (every target here is loopback or refused before contact).
 */
class AgentSecurityTest {
    @TempDir
    static Path dir;
    static Targets targets;
    static DnsResponder dns;
    static ProbeAgent agent;

    @BeforeAll
    static void start() throws Exception {
        targets = new Targets(dir);
        // rebind.test: one allowed and one forbidden address, as a rebinding attacker would answer.
        dns = new DnsResponder().add("rebind.test", "127.0.0.1", "10.9.9.9").add("inside.test", "127.0.0.1");
        agent = ProbeAgent.start(Api.config(Api.allow("127.0.0.1/32:" + targets.tcp + "," + targets.closedTcp, "127.0.0.2/32"),
                new AgentConfig.HostPort("127.0.0.1", dns.port()), null, new AgentConfig.Limits(3000, 3, 512, 1000, 1000, 16)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) agent.close();
        if (dns != null) dns.close();
        if (targets != null) targets.close();
    }

    private static void refused(Api.Reply r, int status, String error, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonObject body = r.json();
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).contains(messagePart);
    }

    @Test
    void allowedTargetIsProbed() throws Exception {
        Api.Reply r = probe(agent, req("tcp", "127.0.0.1", targets.tcp));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("outcome")).isEqualTo("CONNECTED");
    }

    @Test
    void noTokenIs401() throws Exception {
        Api.Reply r = probe(agent, null, req("tcp", "127.0.0.1", targets.tcp).encode());
        refused(r, 401, "unauthorized", "no Authorization header");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void wrongTokenIs401() throws Exception {
        refused(probe(agent, "Bearer not-the-token-at-all-0000", req("tcp", "127.0.0.1", targets.tcp).encode()), 401, "unauthorized",
                "token does not match");
        refused(probe(agent, "Basic " + Api.TOKEN, req("tcp", "127.0.0.1", targets.tcp).encode()), 401, "unauthorized",
                "not 'Bearer <token>'");
    }

    @Test
    void addressOutsideTheAllowlistIs403() throws Exception {
        refused(probe(agent, req("tcp", "10.1.2.3", 443)), 403, "forbidden", "10.1.2.3 is outside the allowlist");
    }

    @Test
    void portOutsideTheAllowlistIs403() throws Exception {
        refused(probe(agent, req("tcp", "127.0.0.1", 22)), 403, "forbidden", "127.0.0.1 is outside the allowlist for tcp/22");
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() throws Exception {
        Api.Reply r = probe(agent, req("tcp", "rebind.test", targets.tcp));
        refused(r, 403, "forbidden", "rebind.test resolves to 10.9.9.9, which is outside the allowlist");
        Api.Reply ok = probe(agent, req("tcp", "inside.test", targets.tcp));
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void ipv4MappedIpv6IsJudgedAsIpv4() throws Exception {
        refused(probe(agent, req("tcp", "::ffff:10.1.2.3", 443)), 403, "forbidden", "outside the allowlist");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        refused(probe(agent, "Bearer " + Api.TOKEN, "{\"protocol\": \"tcp\", "), 400, "bad_request", "must be a JSON object");
        refused(probe(agent, "Bearer " + Api.TOKEN, "[1, 2]"), 400, "bad_request", "must be a JSON object");
    }

    @Test
    void invalidFieldsAre400WithEveryProblem() throws Exception {
        Api.Reply r = probe(agent, new JsonObject().put("protocol", "icmp").put("host", "127.0.0.1").put("port", 70000).put("color", "red"));
        refused(r, 400, "bad_request", "'protocol' must be one of tcp, udp, http, https, tls, dns, not 'icmp'");
        assertThat(r.json().getJsonArray("problems")).hasSize(3);
        assertThat(r.json().getString("message")).contains("'port' must be between 1 and 65535, not 70000").contains("unknown field 'color'");
        refused(probe(agent, new JsonObject().put("protocol", "tcp").put("host", "127.0.0.1")), 400, "bad_request", "'port' is required for tcp");
    }

    @Test
    void timeoutAndAttemptsOverTheCapsAre400() throws Exception {
        refused(probe(agent, req("tcp", "127.0.0.1", targets.tcp).put("timeoutMs", 60_000)), 400, "bad_request",
                "'timeoutMs' must be between 1 and 3000, not 60000");
        refused(probe(agent, req("tcp", "127.0.0.1", targets.tcp).put("attempts", 50)), 400, "bad_request",
                "'attempts' must be between 1 and 3, not 50");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = req("tcp", "127.0.0.1", targets.tcp).put("path", "/" + "x".repeat(2000)).encode();
        refused(probe(agent, "Bearer " + Api.TOKEN, big), 413, "too_large", "over 512 bytes");
    }

    @Test
    void unknownEndpointIs404AndWrongMethodIs405() throws Exception {
        Api.Reply r = Api.get(agent, "/v2/probe");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getString("error")).isEqualTo("not_found");
        Api.Reply m = Api.get(agent, "/v1/probe");
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.json().getString("error")).isEqualTo("method_not_allowed");
    }

    @Test
    void overTheRateLimitIs429WithRetryAfter() throws Exception {
        try (ProbeAgent limited = ProbeAgent.start(Api.config(Api.allow("127.0.0.1/32"), null, null,
                new AgentConfig.Limits(3000, 3, 4096, 0.01, 2, 16)))) {
            assertThat(probe(limited, req("tcp", "127.0.0.1", targets.tcp)).status()).isEqualTo(200);
            assertThat(probe(limited, req("tcp", "127.0.0.1", targets.tcp)).status()).isEqualTo(200);
            Api.Reply r = probe(limited, req("tcp", "127.0.0.1", targets.tcp));
            refused(r, 429, "rate_limited", "retry later");
            assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
        }
    }

    @Test
    void overTheConcurrencyCapIs429() throws Exception {
        try (ProbeAgent one = ProbeAgent.start(Api.config(Api.allow("127.0.0.1/32"), null, null,
                new AgentConfig.Limits(3000, 3, 4096, 1000, 1000, 1)))) {
            // The first probe waits 3 s for a UDP reply that never comes; the second arrives meanwhile.
            CompletableFuture<Api.Reply> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return probe(one, req("udp", "127.0.0.1", targets.udpSilent).put("timeoutMs", 3000));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Wait until the agent reports the slow probe in flight (no race with the request below).
            for (int i = 0; i < 400 && Api.get(one, "/health").json().getInteger("inFlight") < 1; i++) Thread.sleep(10);
            assertThat(slow).as("the slow probe is still running").isNotDone();
            Api.Reply second = probe(one, req("tcp", "127.0.0.1", targets.tcp));
            refused(second, 429, "busy", "1 probes already in flight");
            assertThat(slow.get().json().getString("outcome")).isEqualTo("TIMEOUT");
        }
    }

    @Test
    void withNoTargetsConfiguredEverythingIsRefusedAndSaidAtStartUp() throws Exception {
        try (ProbeAgent none = ProbeAgent.start(Api.config(new Allowlist(java.util.List.of()), null, null, AgentConfig.Limits.DEFAULT))) {
            assertThat(none.warnings()).anyMatch(w -> w.contains("every probe will be refused"));
            refused(probe(none, req("tcp", "127.0.0.1", targets.tcp)), 403, "forbidden", "started without --allow or --vpc-cidr");
            refused(probe(none, new JsonObject().put("protocol", "dns").put("host", "localhost")), 403, "forbidden", "allows no targets");
        }
    }

    @Test
    void refusalsAreCountedByReason() throws Exception {
        probe(agent, null, "{}");
        probe(agent, req("tcp", "10.1.2.3", 443));
        String metrics = Api.get(agent, "/metrics").body();
        assertThat(metrics).containsPattern("reachsim_agent_refusals_total\\{reason=\"unauthorized\"} [1-9]")
                .containsPattern("reachsim_agent_refusals_total\\{reason=\"forbidden\"} [1-9]");
    }

    @Test
    void theTokenIsNeverLogged() throws Exception {
        String wrong = "wrong-token-secret-zzzzzzzzzzzz";
        probe(agent, req("tcp", "127.0.0.1", targets.tcp));
        probe(agent, "Bearer " + wrong, req("tcp", "127.0.0.1", targets.tcp).encode());
        probe(agent, "Bearer " + Api.TOKEN, "not json " + Api.TOKEN);
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        org.junit.jupiter.api.Assumptions.assumeTrue(file != null, "the agent's log goes to a file only under Maven (surefire sets org.slf4j.simpleLogger.logFile)");
        Path log = Path.of(file);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        // The log was written (so the test can fail), and holds neither token.
        assertThat(text).contains("401 unauthorized: token does not match").contains("probe tcp 127.0.0.1:" + targets.tcp);
        assertThat(text).doesNotContain(Api.TOKEN).doesNotContain(wrong);
    }
}
