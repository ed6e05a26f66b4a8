package io.reachsim.probes;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one probe request: the overall outcome (CONNECTED when any attempt connected, else the
 * last attempt's), every attempt, the total time, the local address the agent sent from, and the
 * addresses the host resolved to.
 */
public record ProbeResult(Outcome outcome, List<Attempt> attempts, double elapsedMs, String localAddress, List<String> resolved) {
    public ProbeResult {
        attempts = List.copyOf(attempts);
        resolved = List.copyOf(resolved);
    }

    /**
     * One try. {@code address} is the remote address tried (null for dns); {@code localAddress} the
     * agent's side (for a failed connect: the source address the kernel picks for that destination);
     * {@code status} the HTTP status; {@code tls} the negotiated protocol and cipher; {@code detail}
     * what went wrong, in words.
     */
    public record Attempt(Outcome outcome, double elapsedMs, String address, String localAddress, Integer status, String tls, String detail) {}

    public JsonObject toJson() {
        JsonArray as = new JsonArray();
        for (Attempt a : attempts) {
            JsonObject o = new JsonObject().put("outcome", a.outcome().name()).put("elapsedMs", a.elapsedMs());
            if (a.address() != null) o.put("address", a.address());
            if (a.localAddress() != null) o.put("localAddress", a.localAddress());
            if (a.status() != null) o.put("status", a.status());
            if (a.tls() != null) o.put("tls", a.tls());
            if (a.detail() != null) o.put("detail", a.detail());
            as.add(o);
        }
        return new JsonObject().put("outcome", outcome.name()).put("attempts", as).put("elapsedMs", elapsedMs)
                .put("localAddress", localAddress).put("resolved", new JsonArray(new ArrayList<>(resolved)));
    }

    /** Reads an agent's answer (the coordinator's side); IllegalArgumentException when it is not one. */
    public static ProbeResult fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("outcome").isTextual()) {
            throw new IllegalArgumentException("not a probe result: no 'outcome'");
        }
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(n.get("outcome").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome '" + n.get("outcome").asText() + "'");
        }
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : n.path("attempts")) {
            Outcome o;
            try {
                o = Outcome.valueOf(a.path("outcome").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown attempt outcome '" + a.path("outcome").asText() + "'");
            }
            attempts.add(new Attempt(o, a.path("elapsedMs").asDouble(), text(a, "address"), text(a, "localAddress"),
                    a.hasNonNull("status") ? a.get("status").asInt() : null, text(a, "tls"), text(a, "detail")));
        }
        List<String> resolved = new ArrayList<>();
        for (JsonNode r : n.path("resolved")) resolved.add(r.asText());
        return new ProbeResult(outcome, attempts, n.path("elapsedMs").asDouble(), text(n, "localAddress"), resolved);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The last attempt's words on a failure, or null. */
    public String detail() {
        for (int i = attempts.size() - 1; i >= 0; i--) if (attempts.get(i).detail() != null) return attempts.get(i).detail();
        return null;
    }
}
