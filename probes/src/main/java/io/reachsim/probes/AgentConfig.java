package io.reachsim.probes;

import java.nio.file.Path;

/**
 * How an agent runs. {@code tokenHash} is the SHA-256 of the bearer token (the token itself is not
 * kept); {@code dnsServer} null means the system resolver; {@code trustCa} adds CA certificates (PEM)
 * the https/tls probes trust besides the JDK's; {@code serverCert}/{@code serverKey} (PEM) serve the
 * API over HTTPS; {@code clientCa} (PEM, HTTPS only) makes callers present a client certificate it
 * signed (mTLS). At least one of {@code tokenHash} and {@code clientCa} is required; with both, both
 * are checked.
 */
public record AgentConfig(String host, int port, byte[] tokenHash, Allowlist allowlist, HostPort dnsServer,
                          Path trustCa, Path serverCert, Path serverKey, Path clientCa, Limits limits, Guards guards) {

    /** With the default {@link Guards}. */
    public AgentConfig(String host, int port, byte[] tokenHash, Allowlist allowlist, HostPort dnsServer,
                       Path trustCa, Path serverCert, Path serverKey, Path clientCa, Limits limits) {
        this(host, port, tokenHash, allowlist, dnsServer, trustCa, serverCert, serverKey, clientCa, limits, Guards.DEFAULT);
    }

    /** Token only (no mTLS). */
    public AgentConfig(String host, int port, byte[] tokenHash, Allowlist allowlist, HostPort dnsServer,
                       Path trustCa, Path serverCert, Path serverKey, Limits limits) {
        this(host, port, tokenHash, allowlist, dnsServer, trustCa, serverCert, serverKey, null, limits);
    }

    public record HostPort(String host, int port) {
        /** {@code 127.0.0.1:5353}, {@code [::1]:53}, or a bare host (port 53). */
        public static HostPort parse(String text, int defaultPort) {
            String t = text.trim();
            String host = t;
            int port = defaultPort;
            if (t.startsWith("[")) {
                int end = t.indexOf(']');
                if (end < 0) throw new IllegalArgumentException("'" + text + "': missing ']'");
                host = t.substring(1, end);
                if (t.length() > end + 1) {
                    if (t.charAt(end + 1) != ':') throw new IllegalArgumentException("'" + text + "': expected ':' after ']'");
                    port = port(t.substring(end + 2), text);
                }
            } else if (t.chars().filter(c -> c == ':').count() == 1) {
                host = t.substring(0, t.indexOf(':'));
                port = port(t.substring(t.indexOf(':') + 1), text);
            }
            if (host.isEmpty()) throw new IllegalArgumentException("'" + text + "': no host before the port");
            return new HostPort(host, port);
        }

        private static int port(String s, String text) {
            try {
                int p = Integer.parseInt(s);
                if (p >= 0 && p <= 65535) return p;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "': '" + s + "' is not a port (0-65535)");
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * The caps that keep one caller from turning the agent into a scanner or exhausting it:
     * per-probe timeout and attempts, request body size, requests per second per caller (token
     * bucket), probes in flight at once.
     */
    public record Limits(int maxTimeoutMs, int maxAttempts, int maxBodyBytes, double ratePerSecond, int burst, int maxConcurrent) {
        public static final Limits DEFAULT = new Limits(10_000, 5, 4096, 5, 20, 16);
    }

    /**
     * What keeps callers from exhausting the agent before they are even authenticated: connections open
     * at once (all, and per source address), the time a request may take to arrive (headers and body,
     * however slowly its bytes trickle in), the separate request budget of unauthenticated callers (per
     * source address, so they cannot drain an authenticated caller's budget behind the same NAT), the
     * threads of the system resolver, whether HTTP/2 without TLS (h2c) is served, and whether
     * {@code /metrics} needs the token.
     */
    public record Guards(int maxConnections, int maxConnectionsPerSource, int requestDeadlineMs, double anonRatePerSecond,
                         int anonBurst, int resolverThreads, boolean h2c, boolean metricsNeedToken) {
        public static final Guards DEFAULT = new Guards(256, 32, 10_000, 1, 10, 4, false, false);

        public Guards withMetricsNeedToken(boolean v) {
            return new Guards(maxConnections, maxConnectionsPerSource, requestDeadlineMs, anonRatePerSecond, anonBurst, resolverThreads, h2c, v);
        }

        public Guards withH2c(boolean v) {
            return new Guards(maxConnections, maxConnectionsPerSource, requestDeadlineMs, anonRatePerSecond, anonBurst, resolverThreads, v, metricsNeedToken);
        }
    }
}
