package io.reachsim.probes;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code POST /v1/probe} body, validated. {@code port} is 0 for dns; {@code path} is the HTTP path
 * (http/https only, default {@code /}).
 */
public record ProbeRequest(ProbeProtocol protocol, String host, int port, int timeoutMs, int attempts, String path) {
    public static final int DEFAULT_TIMEOUT_MS = 2000;
    public static final int DEFAULT_ATTEMPTS = 1;
    static final Set<String> FIELDS = Set.of("protocol", "host", "port", "timeoutMs", "attempts", "path");

    /** Either a request or every reason the body is not one. */
    public record Parsed(ProbeRequest request, List<String> errors) {}

    /**
     * Checks a body against the contract and the agent's caps; collects every problem rather than the
     * first, so a caller fixes its request in one go.
     */
    public static Parsed parse(JsonObject body, AgentConfig.Limits limits) {
        List<String> errors = new ArrayList<>();
        for (String k : body.fieldNames()) {
            if (!FIELDS.contains(k)) errors.add("unknown field '" + k + "' (known: protocol, host, port, timeoutMs, attempts, path)");
        }
        Object p = body.getValue("protocol");
        ProbeProtocol protocol = p instanceof String s ? ProbeProtocol.parse(s) : null;
        if (p == null) errors.add("'protocol' is required: one of " + String.join(", ", ProbeProtocol.labels()));
        else if (protocol == null) errors.add("'protocol' must be one of " + String.join(", ", ProbeProtocol.labels()) + ", not " + show(p));

        Object h = body.getValue("host");
        String host = h instanceof String s ? s.trim() : null;
        if (h == null) errors.add("'host' is required: a name or an IP address");
        else if (host == null || (host = hostOrNull(host)) == null) {
            errors.add("'host' must be a DNS name or an IP address (an IPv6 zone id only on an IPv6 address), not " + show(h));
        }

        int port = 0;
        if (protocol == null || protocol.needsPort()) {
            Integer n = integer(body, "port", 1, 65535, null, errors);
            if (n == null && !body.containsKey("port")) errors.add("'port' is required for " + (protocol == null ? "this protocol" : protocol.label()));
            port = n == null ? 0 : n;
        } else if (body.containsKey("port")) {
            integer(body, "port", 0, 65535, null, errors); // accepted and ignored: dns asks the agent's resolver
        }
        Integer timeout = integer(body, "timeoutMs", 1, limits.maxTimeoutMs(), DEFAULT_TIMEOUT_MS, errors);
        Integer attempts = integer(body, "attempts", 1, limits.maxAttempts(), DEFAULT_ATTEMPTS, errors);

        String path = "/";
        Object pv = body.getValue("path");
        if (pv != null) {
            if (protocol != ProbeProtocol.HTTP && protocol != ProbeProtocol.HTTPS) {
                errors.add("'path' is for http and https probes only");
            } else if (!(pv instanceof String s) || !s.startsWith("/") || s.length() > 1024 || s.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                errors.add("'path' must start with '/' and hold only printable ASCII, not " + show(pv));
            } else {
                path = s;
            }
        }
        if (!errors.isEmpty()) return new Parsed(null, errors);
        return new Parsed(new ProbeRequest(protocol, host, port, timeout, attempts, path), List.of());
    }

    /**
     * Only a plain JSON integer in range: not null, not 8000.0, not a string, and never a number that
     * would wrap (2^64+8000 is not 8000). Jackson hands over Integer or Long for integers that fit, a
     * BigInteger for larger ones and a Double for anything with a fraction or an exponent.
     */
    private static Integer integer(JsonObject body, String key, int min, int max, Integer dflt, List<String> errors) {
        if (!body.containsKey(key)) return dflt;
        Object v = body.getValue(key);
        if (v instanceof java.math.BigInteger big) {
            errors.add("'" + key + "' must be between " + min + " and " + max + ", not " + show(big));
            return null;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            errors.add("'" + key + "' must be a whole number between " + min + " and " + max + ", not " + show(v));
            return null;
        }
        long x = ((Number) v).longValue();
        if (x < min || x > max) {
            errors.add("'" + key + "' must be between " + min + " and " + max + ", not " + x);
            return null;
        }
        return (int) x;
    }

    private static final java.util.regex.Pattern DNS_NAME = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.?");

    /**
     * The host as the agent will use it, or null: a single IP address (brackets around IPv6 removed;
     * no prefix, mask or wildcard; a zone id only on IPv6), else a DNS name (RFC 1123 labels).
     */
    static String hostOrNull(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.isEmpty() || t.length() > 253) return null;
        IPAddressString s = new IPAddressString(t);
        if (s.isIPAddress()) {
            IPAddress a = s.getAddress();
            if (a == null || a.isMultiple() || a.isPrefixed() || t.contains("/")) return null;
            if (t.indexOf('%') >= 0 && !(a.isIPv6() && a.toIPv6().hasZone() && a.toIPv6().getZone().matches("[A-Za-z0-9_.\\-]{1,64}"))) return null;
            return t;
        }
        if (t.indexOf('%') >= 0 || t.indexOf(':') >= 0) return null;
        return DNS_NAME.matcher(t).matches() ? t : null;
    }

    private static String show(Object v) {
        if (v instanceof String s) return "'" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "'";
        if (v instanceof java.math.BigInteger b) {
            String d = b.toString();
            return d.length() > 24 ? d.substring(0, 24) + "…" : d;
        }
        if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) return v + " (a fraction or exponent)";
        return String.valueOf(v);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("protocol", protocol.label()).put("host", host);
        if (protocol.needsPort()) o.put("port", port);
        o.put("timeoutMs", timeoutMs).put("attempts", attempts);
        if (protocol == ProbeProtocol.HTTP || protocol == ProbeProtocol.HTTPS) o.put("path", path);
        return o;
    }
}
