package io.reachsim.probes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP listener that counts who connects: on a forbidden address it is a tripwire (any connection
 * fails the test), on an allowed one it shows where a probe really went.
 */
final class Canary implements AutoCloseable {
    private final ServerSocket server;
    final List<String> from = new CopyOnWriteArrayList<>();

    Canary(String address, int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port), 64);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    from.add(s.getRemoteSocketAddress().toString());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "canary-" + address + "-" + port);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String address() {
        return server.getInetAddress().getHostAddress();
    }

    int hits() {
        return from.size();
    }

    /**
     * The count once it reaches {@code n}, or after 2 s: the kernel completes a connection before the
     * accept loop records it, so a probe can report CONNECTED a moment before the count moves.
     */
    int hitsOnceAtLeast(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (from.size() < n && System.nanoTime() < deadline) Thread.sleep(5);
        return from.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
