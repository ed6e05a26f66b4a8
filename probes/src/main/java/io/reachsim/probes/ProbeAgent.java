package io.reachsim.probes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probe agent: an HTTP API (v1, JSON) that runs probes from where it runs — a node, a pod, an
 * instance — so the simulator's predictions can be checked against what the network really does.
 *
 * <p>Secure by default: a bearer token (compared in constant time) and/or a client certificate (mTLS), an allowlist of target CIDRs and
 * ports checked against every address a name resolves to, a token bucket per caller, a cap on probes
 * in flight, on the body size, on timeouts and attempts. Every refusal is a JSON error saying why.
 * {@code /health} and {@code /metrics} need no token (kubelet and Prometheus cannot send one easily)
 * and show nothing about targets.
 */
public final class ProbeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeAgent.class);
    public static final String API_VERSION = "v1";

    private final AgentConfig config;
    private final Vertx vertx;
    private final Prober prober;
    private final AgentMetrics metrics = new AgentMetrics();
    private final RateLimiter limiter;
    private final RateLimiter anonLimiter;
    private final SystemResolver systemResolver;
    private final ConnectionGuard connections;
    private final QuietLog quiet = new QuietLog(LOG);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<String> warnings = new ArrayList<>();
    private HttpServer server;

    private ProbeAgent(AgentConfig config, TrustOptions trust, SystemResolver.Lookup lookup) {
        this.config = config;
        this.vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(Math.max(4, config.limits().maxConcurrent() + 2)));
        this.systemResolver = new SystemResolver(vertx, config.guards().resolverThreads(), lookup);
        this.prober = new Prober(vertx, config.dnsServer(), trust, systemResolver);
        this.limiter = new RateLimiter(config.limits().ratePerSecond(), config.limits().burst());
        this.anonLimiter = new RateLimiter(config.guards().anonRatePerSecond(), config.guards().anonBurst());
        this.connections = new ConnectionGuard(vertx, config.guards(), metrics, quiet);
    }

    /**
     * Starts an agent and waits until it listens. Throws IOException for what the operator must fix
     * (a CA file that is not PEM, a port in use), naming it.
     */
    public static ProbeAgent start(AgentConfig config) throws IOException {
        return start(config, InetAddress::getAllByName);
    }

    /** With another blocking lookup standing for the system resolver (tests make it slow). */
    static ProbeAgent start(AgentConfig config, SystemResolver.Lookup lookup) throws IOException {
        if (config.tokenHash() == null && config.clientCa() == null) {
            throw new IOException("no token and no --client-ca: give --token-file FILE, set " + Tokens.ENV + ", or require client certificates");
        }
        if (config.clientCa() != null && config.serverCert() == null) {
            throw new IOException("--client-ca needs --tls-cert and --tls-key: client certificates are checked in the TLS handshake");
        }
        TrustOptions trust = Prober.trust(config.trustCa());
        ProbeAgent agent = new ProbeAgent(config, trust, lookup);
        try {
            agent.listen();
        } catch (IOException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    private void listen() throws IOException {
        if (config.allowlist().isEmpty()) {
            warnings.add("no --allow and no --vpc-cidr given: every probe will be refused (403) until the agent is started with targets");
        }
        // Idle connections are closed so abandoned clients cannot hold the agent's sockets; slow ones are
        // the ConnectionGuard's (idle time resets with every byte, so it bounds nothing on its own).
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHttp2ClearTextEnabled(config.guards().h2c())
                .setMaxInitialLineLength(2048).setMaxHeaderSize(8192);
        if (config.serverCert() == null) {
            warnings.add("serving plain HTTP: the bearer token crosses the network in clear; give --tls-cert and --tls-key");
        }
        if (config.serverCert() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.serverCert().toString()).setKeyPath(config.serverKey().toString()));
        }
        if (config.clientCa() != null) {
            // REQUEST, not REQUIRED: kubelet health checks and Prometheus carry no client certificate, and
            // /v1/probe checks for one itself. A certificate that is presented must chain to the CA, or the
            // handshake fails.
            options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(new PemTrustOptions().addCertPath(config.clientCa().toString()));
        }
        try {
            server = vertx.createHttpServer(options).connectionHandler(connections::opened).requestHandler(router()).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + Prober.describe(e.getCause()), e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e, e);
        }
        LOG.info("reachsim agent listening on {}://{}:{} (API {}); targets allowed: {}; resolver: {}",
                config.serverCert() != null ? "https" : "http", config.host(), port(), API_VERSION, config.allowlist(),
                config.dnsServer() == null ? "system" : config.dnsServer());
        for (String w : warnings) LOG.warn(w);
    }

    /** The port the agent listens on (the real one when started on port 0). */
    public int port() {
        return server.actualPort();
    }

    /** What the operator should know at start-up (also logged). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Lookups of the system resolver holding a thread right now (also on /health). */
    int resolverBusy() {
        return systemResolver.busy();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("agent close: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ HTTP

    private Router router() {
        Router router = Router.router(vertx);
        // First for every request: bound the time it may take to arrive, however slowly its bytes come.
        router.route().handler(connections::request);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        // Authentication and the rate limit run on the headers, before a byte of the body is read: an
        // unauthenticated caller is answered (and disconnected) without the agent buffering anything.
        router.post("/" + API_VERSION + "/probe")
                .handler(new io.vertx.ext.web.handler.PlatformHandler() { // runs before the body handler, as Vert.x Web orders them
                    @Override
                    public void handle(RoutingContext ctx) {
                        admit(ctx);
                    }
                })
                .handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()))
                .handler(this::body);
        router.errorHandler(404, ctx -> error(ctx, 404, "not_found", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()
                + " (the API is POST /" + API_VERSION + "/probe, GET /health, GET /metrics)"));
        router.errorHandler(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> {
            metrics.refused("too_large");
            quiet.warn("413 too large from {}", source(ctx));
            closeAfter(ctx);
            error(ctx, 413, "too_large", "request body over " + config.limits().maxBodyBytes() + " bytes");
        });
        router.errorHandler(400, ctx -> {
            metrics.refused("bad_request");
            quiet.warn("400 bad request from {}: {}", source(ctx), ctx.failure() == null ? "malformed" : Prober.describe(ctx.failure()));
            error(ctx, 400, "bad_request", "malformed request");
        });
        router.errorHandler(500, ctx -> {
            // A bug, not a caller's mistake: one line, rate-limited, with the failure's class and message.
            quiet.error("500 internal error on {} {}: {}", ctx.request().method(), ctx.request().path(),
                    ctx.failure() == null ? "?" : ctx.failure().getClass().getName() + ": " + Prober.describe(ctx.failure()));
            error(ctx, 500, "internal", "internal error; see the agent's log");
        });
        return router;
    }

    private void health(RoutingContext ctx) {
        // inFlight: probes being answered; resolverBusy: system lookups still holding a thread (even after
        // their probe gave up) -- together, everything the agent is waiting on.
        JsonObject o = new JsonObject().put("status", "UP").put("api", API_VERSION)
                .put("targetsAllowed", !config.allowlist().isEmpty()).put("inFlight", inFlight.get())
                .put("resolverBusy", systemResolver.busy()).put("connections", connections.open());
        json(ctx, 200, o);
    }

    private void metrics(RoutingContext ctx) {
        if (config.guards().metricsNeedToken() && identity(ctx) == null) {
            refuseUnauthenticated(ctx);
            return;
        }
        ctx.response().putHeader("Content-Type", AgentMetrics.contentType()).end(metrics.scrape());
    }

    private static String source(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    }

    /**
     * Who is calling, from the headers and the TLS session alone, or null when the caller is not
     * authenticated: "cert:" and the SHA-256 of the client certificate, else "token" (every holder of
     * the agent's token is one identity, however many addresses it calls from).
     */
    private String identity(RoutingContext ctx) {
        String cert = null;
        if (config.clientCa() != null) {
            cert = clientCertificate(ctx);
            if (cert == null) return null;
        }
        if (config.tokenHash() != null && !Tokens.matches(config.tokenHash(), bearer(ctx))) return null;
        return cert != null ? "cert:" + cert : "token";
    }

    private static String bearer(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }

    /** Headers only: authenticate, then take a token from the caller's budget; the body comes after. */
    private void admit(RoutingContext ctx) {
        ctx.put("t0", System.nanoTime());
        String who = identity(ctx);
        if (who == null) {
            refuseUnauthenticated(ctx);
            return;
        }
        if (!limiter.tryAcquire(who)) {
            metrics.refused("rate_limited");
            quiet.warn("429 rate limited: {} from {}", who.startsWith("cert:") ? "client certificate" : "token holder", source(ctx));
            ctx.response().putHeader("Retry-After", String.valueOf(limiter.retryAfterSeconds(who)));
            closeAfter(ctx);
            error(ctx, 429, "rate_limited", "over " + config.limits().ratePerSecond() + " requests/s (burst "
                    + config.limits().burst() + ") for this caller's identity; retry later");
            return;
        }
        ctx.put("caller", source(ctx));
        ctx.next();
    }

    /**
     * 401 -- or 429 once the source address has spent the small budget of unauthenticated requests --
     * and the connection is closed, so an unread body does not keep it.
     */
    private void refuseUnauthenticated(RoutingContext ctx) {
        String caller = source(ctx);
        closeAfter(ctx);
        if (!anonLimiter.tryAcquire("anon:" + caller)) {
            metrics.refused("rate_limited_unauthenticated");
            quiet.warn("429 unauthenticated requests over budget from {}", caller);
            ctx.response().putHeader("Retry-After", String.valueOf(anonLimiter.retryAfterSeconds("anon:" + caller)));
            error(ctx, 429, "rate_limited", "too many unauthenticated requests from " + caller + "; retry later");
            return;
        }
        metrics.refused("unauthorized");
        if (config.clientCa() != null && clientCertificate(ctx) == null) {
            quiet.warn("401 unauthorized: no client certificate from {}", caller);
            error(ctx, 401, "unauthorized", "no client certificate: this agent requires mTLS with a certificate signed by its --client-ca");
            return;
        }
        String auth = ctx.request().getHeader("Authorization");
        // Says which check failed, never what was sent.
        String why = auth == null ? "no Authorization header" : bearer(ctx) == null ? "Authorization is not 'Bearer <token>'" : "token does not match";
        quiet.warn("401 unauthorized: {} from {}", why, caller);
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"reachsim-agent\"");
        error(ctx, 401, "unauthorized", why + ": send 'Authorization: Bearer <token>' with the agent's token");
    }

    private static void closeAfter(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        ctx.response().endHandler(v -> ctx.request().connection().close());
    }

    /** The SHA-256 (hex) of the verified client certificate, or null when none was presented. */
    private static String clientCertificate(RoutingContext ctx) {
        try {
            List<java.security.cert.Certificate> certs = ctx.request().connection().peerCertificates();
            if (certs == null || certs.isEmpty()) return null;
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(certs.get(0).getEncoded()));
        } catch (javax.net.ssl.SSLPeerUnverifiedException | java.security.GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private void body(RoutingContext ctx) {
        String caller = ctx.get("caller");
        long t0 = ctx.get("t0");
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            metrics.refused("bad_request");
            quiet.warn("400 bad request from {}: not a JSON object", caller);
            error(ctx, 400, "bad_request", "the body must be a JSON object like {\"protocol\": \"tcp\", \"host\": \"10.0.1.5\", \"port\": 443}");
            return;
        }
        ProbeRequest.Parsed parsed = ProbeRequest.parse(body, config.limits());
        if (parsed.request() == null) {
            metrics.refused("bad_request");
            quiet.warn("400 bad request from {}: {} problem(s), first: {}", caller, parsed.errors().size(), parsed.errors().get(0));
            JsonObject e = errorBody("bad_request", String.join("; ", parsed.errors()));
            e.put("problems", new JsonArray(new ArrayList<>(parsed.errors())));
            json(ctx, 400, e);
            return;
        }
        ProbeRequest r = parsed.request();
        if (config.allowlist().isEmpty()) {
            forbid(ctx, r, caller, "this agent allows no targets: it was started without --allow or --vpc-cidr");
            return;
        }
        String zone = zoneOfLiteral(r.host());
        if (zone != null && !config.allowlist().namesZone(zone)) {
            forbid(ctx, r, caller, r.host() + " has the IPv6 zone id %" + zone + ", and no --allow entry names that zone (e.g. fe80::/10%"
                    + zone + ")");
            return;
        }
        if (config.dnsServer() == null && !Prober.isLiteral(r.host()) && systemResolver.busy() >= config.guards().resolverThreads()) {
            // Every system-resolver thread is still waiting on an earlier lookup: say so now rather than queue.
            metrics.refused("busy");
            quiet.warn("429 busy: {} system lookups still waiting, request from {}", systemResolver.busy(), caller);
            ctx.response().putHeader("Retry-After", "1");
            error(ctx, 429, "busy", "the system resolver is busy: " + systemResolver.busy()
                    + " lookups are still waiting for an answer (a slow or unreachable name server?); retry later");
            return;
        }
        if (inFlight.incrementAndGet() > config.limits().maxConcurrent()) {
            inFlight.decrementAndGet();
            metrics.refused("busy");
            quiet.warn("429 busy: {} probes in flight, request from {}", config.limits().maxConcurrent(), caller);
            ctx.response().putHeader("Retry-After", "1");
            error(ctx, 429, "busy", config.limits().maxConcurrent() + " probes already in flight; retry later");
            return;
        }
        Future<ProbeResult> result;
        if (r.protocol() == ProbeProtocol.DNS) {
            result = prober.run(r, t0);
        } else {
            result = prober.resolve(r.host(), r.timeoutMs()).transform(ar -> {
                if (ar.failed()) {
                    ProbeResult.Attempt a = new ProbeResult.Attempt(Outcome.DNS_FAILURE, Prober.ms(System.nanoTime() - t0), null, null,
                            null, null, Prober.describe(ar.cause()));
                    return Future.succeededFuture(new ProbeResult(Outcome.DNS_FAILURE, List.of(a), Prober.ms(System.nanoTime() - t0), null, List.of()));
                }
                // Every address the name resolves to must be allowed: a name that resolves to one allowed
                // and one forbidden address (DNS rebinding) is refused, and the probe goes to the address checked here.
                for (InetAddress a : ar.result()) {
                    if (!config.allowlist().allows(a, r.port())) {
                        String what = r.host().equals(a.getHostAddress()) ? a.getHostAddress()
                                : r.host() + " resolves to " + a.getHostAddress() + ", which";
                        return Future.failedFuture(new Forbidden(what + " is outside the allowlist for " + r.protocol().label()
                                + "/" + r.port() + " (allowed: " + config.allowlist() + ")"));
                    }
                }
                return prober.run(r, ar.result(), t0);
            });
        }
        result.onComplete(ar -> {
            inFlight.decrementAndGet();
            if (ar.failed() && ar.cause() instanceof Forbidden f) {
                forbid(ctx, r, caller, f.getMessage());
                return;
            }
            if (ar.failed()) {
                quiet.error("probe {} {} failed inside the agent: {}", r.protocol().label(), r.host(), Prober.describe(ar.cause()));
                error(ctx, 500, "internal", "internal error; see the agent's log");
                return;
            }
            ProbeResult pr = ar.result();
            metrics.probe(r.protocol(), pr.outcome(), pr.elapsedMs());
            LOG.info("probe {} {}{} for {}: {} in {} ms ({} attempt(s))", r.protocol().label(), r.host(),
                    r.protocol().needsPort() ? ":" + r.port() : "", caller, pr.outcome(), pr.elapsedMs(), pr.attempts().size());
            json(ctx, 200, pr.toJson());
        });
    }

    private void forbid(RoutingContext ctx, ProbeRequest r, String caller, String message) {
        metrics.refused("forbidden");
        quiet.warn("403 forbidden: {} {}:{} for {}", r.protocol().label(), r.host(), r.port(), caller);
        error(ctx, 403, "forbidden", message);
    }

    /** The zone id of an IPv6 literal ("fe80::1%eth0" gives "eth0"), or null. */
    static String zoneOfLiteral(String host) {
        inet.ipaddr.IPAddress a = new inet.ipaddr.IPAddressString(host).getAddress();
        return a != null && a.isIPv6() && a.toIPv6().hasZone() ? a.toIPv6().getZone() : null;
    }

    /** A target outside the allowlist, found after resolution. */
    private static final class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonObject errorBody(String code, String message) {
        return new JsonObject().put("error", code).put("message", message);
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, errorBody(code, message));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
