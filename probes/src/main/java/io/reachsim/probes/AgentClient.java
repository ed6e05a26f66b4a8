package io.reachsim.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis((long) agent.timeoutMs() * agent.attempts() * 2 + 10_000))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (agent.token() != null) builder.header("Authorization", "Bearer " + agent.token());
        HttpRequest request = builder.build();
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
        String key = agent.caFile() + "|" + agent.clientCert() + "|" + agent.clientKey();
        HttpClient c = clients.get(key);
        if (c != null) return c;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (agent.caFile() != null || agent.clientCert() != null) b.sslContext(sslContext(agent));
        c = b.build();
        clients.putIfAbsent(key, c);
        return clients.get(key);
    }

    /**
     * Trusts the agent's CA (caFile; else the JDK's CAs) and presents the client certificate (mTLS)
     * when agents.yaml gives one.
     */
    private static SSLContext sslContext(AgentsFile.Agent agent) throws AgentException {
        try {
            TrustManager[] trust = null;
            if (agent.caFile() != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (Certificate cert : certificates(agent.caFile())) ks.setCertificateEntry("ca-" + i++, cert);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (agent.clientCert() != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] none = new char[0];
                ks.setKeyEntry("client", privateKey(agent.clientKey()), none, certificates(agent.clientCert()).toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, none);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new AgentException("TLS files of agent '" + agent.ref() + "' are not usable PEM: " + e.getMessage());
        }
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (out.isEmpty()) throw new GeneralSecurityException(pem + " holds no certificate");
            return out;
        }
    }

    /** An unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), RSA or EC. */
    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new GeneralSecurityException(pem + " is not an unencrypted PKCS#8 key ('BEGIN PRIVATE KEY'; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException ignored) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(pem + ": not an RSA, EC or Ed25519 key");
    }
}
