package io.reachsim.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls agents' {@code POST /v1/probe} (the coordinator's side of the contract). A refusal or an
 * unreachable agent is an {@link AgentException} with the agent's own words; a 429 is retried after
 * its Retry-After (capped at 5 s), so a suite larger than an agent's burst is paced, not failed.
 */
public final class AgentClient {
    /** An agent's rate limit is per second, so a busy agent is asked again for up to about this many seconds. */
    static final int MAX_RETRIES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** The agent could not answer the probe: unreachable, or it refused (401/403/400/429...). */
    public static final class AgentException extends Exception {
        public AgentException(String message) {
            super(message);
        }
    }

    public ProbeResult probe(AgentsFile.Agent agent, String protocol, String host, int port) throws AgentException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("protocol", protocol).put("host", host);
        if (port > 0) body.put("port", port);
        body.put("timeoutMs", agent.timeoutMs()).put("attempts", agent.attempts());
        URI uri = agent.url().resolve("/" + ProbeAgent.API_VERSION + "/probe");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis((long) agent.timeoutMs() * agent.attempts() * 2 + 10_000))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + agent.token())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r;
            try {
                r = client(agent).send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AgentException("agent " + agent.url() + " did not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            if (r.statusCode() == 429 && attempt < MAX_RETRIES) {
                long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.min(5, Math.max(1, wait)) * 1000);
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(r.body());
            } catch (IOException e) {
                throw new AgentException("agent " + agent.url() + " answered HTTP " + r.statusCode() + " with something that is not JSON");
            }
            if (r.statusCode() != 200) {
                String msg = json.path("message").asText(json.path("error").asText("no message"));
                throw new AgentException("agent " + agent.url() + " refused (HTTP " + r.statusCode() + " " + json.path("error").asText("?") + "): " + msg);
            }
            try {
                return ProbeResult.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new AgentException("agent " + agent.url() + " answered something that is not a probe result: " + e.getMessage());
            }
        }
    }

    private HttpClient client(AgentsFile.Agent agent) throws AgentException {
        String key = agent.caFile() == null ? "" : agent.caFile().toString();
        HttpClient c = clients.get(key);
        if (c != null) return c;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (agent.caFile() != null) b.sslContext(sslContext(agent));
        c = b.build();
        clients.putIfAbsent(key, c);
        return clients.get(key);
    }

    /** Trusts the agent's CA (caFile) for an agent serving HTTPS with its own certificate. */
    private static SSLContext sslContext(AgentsFile.Agent agent) throws AgentException {
        try (InputStream in = Files.newInputStream(agent.caFile())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("ca-" + i++, cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new AgentException("caFile " + agent.caFile() + " of agent '" + agent.ref() + "' is not a PEM certificate: " + e.getMessage());
        }
    }
}
