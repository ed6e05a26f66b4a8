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
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<String> warnings = new ArrayList<>();
    private HttpServer server;

    private ProbeAgent(AgentConfig config, TrustOptions trust) {
        this.config = config;
        this.vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(Math.max(4, config.limits().maxConcurrent() + 2)));
        this.prober = new Prober(vertx, config.dnsServer(), trust);
        this.limiter = new RateLimiter(config.limits().ratePerSecond(), config.limits().burst());
    }

    /**
     * Starts an agent and waits until it listens. Throws IOException for what the operator must fix
     * (a CA file that is not PEM, a port in use), naming it.
     */
    public static ProbeAgent start(AgentConfig config) throws IOException {
        if (config.tokenHash() == null && config.clientCa() == null) {
            throw new IOException("no token and no --client-ca: give --token-file FILE, set " + Tokens.ENV + ", or require client certificates");
        }
        if (config.clientCa() != null && config.serverCert() == null) {
            throw new IOException("--client-ca needs --tls-cert and --tls-key: client certificates are checked in the TLS handshake");
        }
        TrustOptions trust = Prober.trust(config.trustCa());
        ProbeAgent agent = new ProbeAgent(config, trust);
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
        // Idle connections are closed so slow or abandoned clients cannot hold the agent's sockets.
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS);
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
            server = vertx.createHttpServer(options).requestHandler(router()).listen()
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
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", AgentMetrics.contentType()).end(metrics.scrape()));
        router.post("/" + API_VERSION + "/probe")
                .handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()))
                .handler(this::probe);
        router.errorHandler(404, ctx -> error(ctx, 404, "not_found", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()
                + " (the API is POST /" + API_VERSION + "/probe, GET /health, GET /metrics)"));
        router.errorHandler(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> {
            metrics.refused("too_large");
            error(ctx, 413, "too_large", "request body over " + config.limits().maxBodyBytes() + " bytes");
        });
        router.errorHandler(500, ctx -> {
            LOG.error("internal error on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            error(ctx, 500, "internal", "internal error; see the agent's log");
        });
        return router;
    }

    private void health(RoutingContext ctx) {
        JsonObject o = new JsonObject().put("status", "UP").put("api", API_VERSION)
                .put("targetsAllowed", !config.allowlist().isEmpty()).put("inFlight", inFlight.get());
        json(ctx, 200, o);
    }

    private void probe(RoutingContext ctx) {
        long t0 = System.nanoTime();
        String caller = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        if (!limiter.tryAcquire(caller)) {
            metrics.refused("rate_limited");
            LOG.warn("429 rate limited: {}", caller);
            ctx.response().putHeader("Retry-After", String.valueOf(limiter.retryAfterSeconds(caller)));
            error(ctx, 429, "rate_limited", "over " + config.limits().ratePerSecond() + " requests/s (burst "
                    + config.limits().burst() + ") from " + caller + "; retry later");
            return;
        }
        if (config.clientCa() != null && !clientCertificate(ctx)) {
            metrics.refused("unauthorized");
            LOG.warn("401 unauthorized: no client certificate from {}", caller);
            error(ctx, 401, "unauthorized", "no client certificate: this agent requires mTLS with a certificate signed by its --client-ca");
            return;
        }
        if (config.tokenHash() != null) {
            if (!authorized(ctx, caller)) return;
        }
        body(ctx, caller, t0);
    }

    private static boolean clientCertificate(RoutingContext ctx) {
        try {
            return !ctx.request().connection().peerCertificates().isEmpty();
        } catch (javax.net.ssl.SSLPeerUnverifiedException | RuntimeException e) {
            return false;
        }
    }

    private boolean authorized(RoutingContext ctx, String caller) {
        String auth = ctx.request().getHeader("Authorization");
        String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (!Tokens.matches(config.tokenHash(), presented)) {
            metrics.refused("unauthorized");
            // Says which check failed, never what was sent.
            String why = auth == null ? "no Authorization header" : presented == null ? "Authorization is not 'Bearer <token>'" : "token does not match";
            LOG.warn("401 unauthorized: {} from {}", why, caller);
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"reachsim-agent\"");
            error(ctx, 401, "unauthorized", why + ": send 'Authorization: Bearer <token>' with the agent's token");
            return false;
        }
        return true;
    }

    private void body(RoutingContext ctx, String caller, long t0) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            metrics.refused("bad_request");
            error(ctx, 400, "bad_request", "the body must be a JSON object like {\"protocol\": \"tcp\", \"host\": \"10.0.1.5\", \"port\": 443}");
            return;
        }
        ProbeRequest.Parsed parsed = ProbeRequest.parse(body, config.limits());
        if (parsed.request() == null) {
            metrics.refused("bad_request");
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
        if (inFlight.incrementAndGet() > config.limits().maxConcurrent()) {
            inFlight.decrementAndGet();
            metrics.refused("busy");
            LOG.warn("429 busy: {} probes in flight, request from {}", config.limits().maxConcurrent(), caller);
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
                ctx.fail(500, ar.cause());
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
        LOG.warn("403 forbidden: {} {}:{} for {}", r.protocol().label(), r.host(), r.port(), caller);
        error(ctx, 403, "forbidden", message);
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
