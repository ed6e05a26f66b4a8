package io.reachsim.probes;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain JDK HTTP client for the agent's API, as another tool would call it. */
final class Api {
    static final String TOKEN = "test-token-0123456789abcdef";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, Map<String, List<String>> headers) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    static AgentConfig config(Allowlist allow, AgentConfig.HostPort dns, java.nio.file.Path trust, AgentConfig.Limits limits) {
        return new AgentConfig("127.0.0.1", 0, Tokens.sha256(TOKEN), allow, dns, trust, null, null, limits);
    }

    static Allowlist allow(String... entries) {
        return new Allowlist(java.util.Arrays.stream(entries).map(Allowlist::parse).toList());
    }

    static Reply probe(ProbeAgent agent, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/v1/probe"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) b.header("Authorization", authorization);
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().map());
    }

    static Reply probe(ProbeAgent agent, JsonObject body) throws Exception {
        return probe(agent, "Bearer " + TOKEN, body.encode());
    }

    static Reply get(ProbeAgent agent, String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().map());
    }

    static JsonObject req(String protocol, String host, int port) {
        JsonObject o = new JsonObject().put("protocol", protocol).put("host", host);
        if (port > 0) o.put("port", port);
        return o.put("timeoutMs", 1000);
    }
}
