package io.reachsim.probes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps unauthenticated or slow callers from holding the agent's connections: a cap on connections
 * open at once (all, and per source address; over it, a new connection is closed at once), and a
 * deadline on the time a request takes to arrive -- from the connection (or the previous response) to
 * the request's headers, and from the headers to the end of its body. An idle timeout alone bounds
 * nothing, since every byte resets it. Probes themselves are bounded by their own timeouts.
 */
final class ConnectionGuard {
    private final Vertx vertx;
    private final AgentConfig.Guards guards;
    private final AgentMetrics metrics;
    private final QuietLog quiet;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perSource = new ConcurrentHashMap<>();
    private final Map<HttpConnection, AtomicInteger> requests = new ConcurrentHashMap<>();

    ConnectionGuard(Vertx vertx, AgentConfig.Guards guards, AgentMetrics metrics, QuietLog quiet) {
        this.vertx = vertx;
        this.guards = guards;
        this.metrics = metrics;
        this.quiet = quiet;
    }

    int open() {
        return open.get();
    }

    void opened(HttpConnection c) {
        String src = c.remoteAddress() == null ? "?" : c.remoteAddress().hostAddress();
        AtomicInteger mine = perSource.computeIfAbsent(src, k -> new AtomicInteger());
        int total = open.incrementAndGet();
        int fromSource = mine.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        requests.put(c, count);
        c.closeHandler(v -> {
            requests.remove(c);
            open.decrementAndGet();
            if (mine.decrementAndGet() == 0) perSource.remove(src, mine);
        });
        if (total > guards.maxConnections() || fromSource > guards.maxConnectionsPerSource()) {
            metrics.refused("too_many_connections");
            quiet.warn("connection from {} closed: {} open ({} from this address; caps {} and {})", src, total, fromSource,
                    guards.maxConnections(), guards.maxConnectionsPerSource());
            c.close();
            return;
        }
        awaitRequest(c, count);
    }

    /** Closes {@code c} unless a request's headers arrive within the deadline. */
    private void awaitRequest(HttpConnection c, AtomicInteger count) {
        int seen = count.get();
        vertx.setTimer(guards.requestDeadlineMs(), id -> {
            if (count.get() == seen && requests.containsKey(c)) {
                metrics.refused("slow_client");
                quiet.warn("connection from {} closed: no request within {} ms", c.remoteAddress(), guards.requestDeadlineMs());
                c.close();
            }
        });
    }

    /** The first handler of every request: its body must be in within the deadline, and the next request after it. */
    void request(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        HttpConnection c = req.connection();
        AtomicInteger count = requests.get(c);
        if (count != null) {
            count.incrementAndGet();
            ctx.addEndHandler(v -> {
                if (requests.containsKey(c)) awaitRequest(c, count);
            });
        }
        if (!req.isEnded()) {
            vertx.setTimer(guards.requestDeadlineMs(), id -> {
                if (!req.isEnded() && requests.containsKey(c)) {
                    metrics.refused("slow_client");
                    quiet.warn("connection from {} closed: request body not in within {} ms", c.remoteAddress(), guards.requestDeadlineMs());
                    c.close();
                }
            });
        }
        ctx.next();
    }
}
