package io.reachsim.probes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system resolver (getaddrinfo: /etc/hosts, nsswitch, resolv.conf) on its own few threads. The JDK
 * call blocks and cannot be cancelled, so a lookup may hold its thread long after the probe gave up:
 * the slots are counted from start to the real end of the call, shown on {@code /health}, and a lookup
 * that finds every slot taken fails at once rather than queueing. Nothing else runs on these threads,
 * so literal-address probes never wait behind a slow name server.
 */
final class SystemResolver implements AutoCloseable {
    /** The blocking lookup; {@code InetAddress::getAllByName} outside tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private final WorkerExecutor pool;
    private final Lookup lookup;
    private final int slots;
    private final AtomicInteger busy = new AtomicInteger();

    SystemResolver(Vertx vertx, int slots, Lookup lookup) {
        this.slots = slots;
        this.lookup = lookup;
        // maxExecuteTime is only a warning threshold in Vert.x; the deadline is the caller's timer.
        this.pool = vertx.createSharedWorkerExecutor("reachsim-resolver-" + System.identityHashCode(this), slots);
    }

    Future<List<InetAddress>> lookup(String host) {
        if (busy.incrementAndGet() > slots) {
            busy.decrementAndGet();
            return Future.failedFuture(new UnknownHostException("the system resolver is busy: " + slots
                    + " lookups are still waiting for an answer (a slow or unreachable name server?)"));
        }
        return pool.executeBlocking(() -> {
            try {
                return List.of(lookup.lookup(host));
            } finally {
                busy.decrementAndGet();
            }
        }, false);
    }

    /** Lookups holding a thread right now, including those whose probe already timed out. */
    int busy() {
        return busy.get();
    }

    @Override
    public void close() {
        pool.close();
    }
}
