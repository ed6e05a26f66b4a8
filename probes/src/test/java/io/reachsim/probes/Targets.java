package io.reachsim.probes;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real listeners on loopback for probes to hit: a TCP server, a UDP echo, a UDP port that never
 * answers, an HTTP server, a TLS server and an HTTPS server with a self-signed certificate made here
 * (keytool), and ports known to be closed.
 */
final class Targets implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    final Path dir;
    final Path caPem;
    final int tcp;
    final int udpEcho;
    final int udpSilent;
    final int http;
    final int tls;
    final int https;
    final int closedTcp;
    final int closedUdp;

    Targets(Path dir) throws Exception {
        this.dir = dir;
        // TCP: accept and hold connections until closed.
        ServerSocket ss = new ServerSocket(0, 50, LOOPBACK);
        open.add(ss);
        daemon(() -> {
            List<Socket> held = new ArrayList<>();
            while (!ss.isClosed()) {
                try {
                    held.add(ss.accept());
                } catch (IOException e) {
                    break;
                }
            }
            for (Socket s : held) try { s.close(); } catch (IOException ignored) { /* closing */ }
        });
        tcp = ss.getLocalPort();

        DatagramSocket echo = new DatagramSocket(0, LOOPBACK);
        open.add(echo);
        daemon(() -> {
            byte[] buf = new byte[1500];
            while (!echo.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    echo.receive(p);
                    echo.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                } catch (SocketException e) {
                    break;
                } catch (IOException ignored) {
                    // keep serving
                }
            }
        });
        udpEcho = echo.getLocalPort();

        // Bound, read by nobody, never answers: the UDP way to get no reply from a reachable host.
        DatagramSocket silent = new DatagramSocket(0, LOOPBACK);
        open.add(silent);
        udpSilent = silent.getLocalPort();

        HttpServer hs = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        hs.createContext("/", ex -> {
            int status = ex.getRequestURI().getPath().equals("/") ? 204 : 404;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        hs.start();
        open.add(() -> hs.stop(0));
        http = hs.getAddress().getPort();

        caPem = selfSigned(dir);
        KeyStoreOptions ks = new KeyStoreOptions().setType("PKCS12").setPath(dir.resolve("server.p12").toString()).setPassword("changeit");
        NetServer ns = vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(ks).setHost("127.0.0.1"))
                .connectHandler(s -> { });
        tls = ns.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        https = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(ks).setHost("127.0.0.1"))
                .requestHandler(req -> req.response().setStatusCode(200).end("ok"))
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();

        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closedTcp = s.getLocalPort();
        }
        try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
            closedUdp = s.getLocalPort();
        }
    }

    /** A self-signed certificate for localhost and 127.0.0.1 in server.p12; its PEM (the "CA") returned. */
    static Path selfSigned(Path dir) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = dir.resolve("server.p12");
        Path pem = dir.resolve("ca.pem");
        Files.deleteIfExists(ks);
        run(keytool, "-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "probe", "-keystore", ks.toString(), "-storepass", "changeit", "-file", pem.toString());
        return pem;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "target");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) c.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
