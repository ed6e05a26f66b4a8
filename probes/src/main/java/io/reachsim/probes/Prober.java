package io.reachsim.probes;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Runs probes with Vert.x: resolves names through the agent's resolver, then tries the first resolved
 * address {@code attempts} times (stopping at the first success). Never throws: every failure becomes
 * an {@link Outcome} with the reason in words.
 */
final class Prober {
    /** What a UDP probe sends; a UDP service that answers anything counts as CONNECTED. */
    static final byte[] UDP_PAYLOAD = "reachsim probe\n".getBytes(StandardCharsets.US_ASCII);

    private final Vertx vertx;
    private final AgentConfig.HostPort dnsServer;
    private final TrustOptions trust;
    private final SystemResolver system;

    Prober(Vertx vertx, AgentConfig.HostPort dnsServer, TrustOptions trust, SystemResolver system) {
        this.vertx = vertx;
        this.dnsServer = dnsServer;
        this.trust = trust;
        this.system = system;
    }

    /**
     * The JDK's trusted CAs plus those in {@code extraPem} (for example an EKS cluster's CA, which
     * signs the API server's certificate). Throws IOException naming the file when it holds no certificate.
     */
    static TrustOptions trust(Path extraPem) throws IOException {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            if (extraPem == null) return TrustOptions.wrap(jdk);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) for (X509Certificate c : x.getAcceptedIssuers()) ks.setCertificateEntry("jdk-" + i++, c);
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(extraPem)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) throw new IOException(extraPem + ": no PEM certificate in it");
            for (Certificate c : extra) ks.setCertificateEntry("extra-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return TrustOptions.wrap(tmf);
        } catch (GeneralSecurityException e) {
            throw new IOException(extraPem + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    static boolean isLiteral(String host) {
        return new IPAddressString(host).isIPAddress();
    }

    /**
     * The exact address a literal names, from its bytes (no lookup of any kind, so it never waits behind
     * a slow resolver). A zone id becomes the scope of the Inet6Address; an unknown interface is an
     * UnknownHostException.
     */
    static InetAddress literal(String host) throws UnknownHostException {
        IPAddress a = new IPAddressString(host).getAddress();
        if (a == null) throw new UnknownHostException(host + " is not an IP address");
        byte[] bytes = a.getBytes();
        if (a.isIPv6() && a.toIPv6().hasZone()) {
            String zone = a.toIPv6().getZone();
            try {
                if (zone.chars().allMatch(Character::isDigit)) return Inet6Address.getByAddress(null, bytes, Integer.parseInt(zone));
                NetworkInterface nif = NetworkInterface.getByName(zone);
                if (nif == null) throw new UnknownHostException(host + ": no interface named " + zone + " on the agent's host");
                return Inet6Address.getByAddress(null, bytes, nif);
            } catch (java.net.SocketException | NumberFormatException e) {
                throw new UnknownHostException(host + ": zone " + zone + " is not usable (" + e.getMessage() + ")");
            }
        }
        return InetAddress.getByAddress(bytes); // ::ffff:a.b.c.d comes back as the Inet4Address, as it was judged
    }

    // ------------------------------------------------------------------ resolution

    /** The addresses {@code host} resolves to through the agent's resolver; fails with UnknownHostException. */
    Future<List<InetAddress>> resolve(String host, int timeoutMs) {
        if (isLiteral(host)) {
            try {
                return Future.succeededFuture(List.of(literal(host)));
            } catch (UnknownHostException e) {
                return Future.failedFuture(e);
            }
        }
        if (dnsServer == null) {
            // The system resolver (/etc/hosts, then resolv.conf): what applications in this pod or on this node see.
            // It blocks, so it runs on its own small pool with a hard deadline (see SystemResolver).
            return within(system.lookup(host), timeoutMs, "no answer from the system resolver in " + timeoutMs + " ms");
        }
        DnsClient dns = vertx.createDnsClient(new DnsClientOptions().setHost(dnsServer.host()).setPort(dnsServer.port())
                .setQueryTimeout(timeoutMs).setRecursionDesired(true));
        Future<List<String>> a = dns.resolveA(host);
        Future<List<String>> aaaa = dns.resolveAAAA(host);
        return Future.join(a, aaaa).transform(ar -> {
            dns.close();
            List<InetAddress> out = new ArrayList<>();
            try {
                if (a.succeeded()) for (String s : a.result()) out.add(InetAddress.getByName(s));
                if (aaaa.succeeded()) for (String s : aaaa.result()) out.add(InetAddress.getByName(s));
            } catch (UnknownHostException e) {
                return Future.failedFuture(e); // a resolver answered something that is not an address
            }
            if (!out.isEmpty()) return Future.succeededFuture(out);
            Throwable why = a.failed() ? a.cause() : aaaa.failed() ? aaaa.cause() : null;
            String msg = why == null ? "no A or AAAA records for " + host + " at " + dnsServer
                    : host + ": " + describe(why) + " (resolver " + dnsServer + ")";
            return Future.failedFuture(new UnknownHostException(msg));
        });
    }

    // ------------------------------------------------------------------ probes

    /** Runs a probe of a name already resolved (and allowed) to {@code addresses}; null for dns probes. */
    Future<ProbeResult> run(ProbeRequest r, long startNanos) {
        return attempt(r, 1, new ArrayList<>(), null, startNanos);
    }

    Future<ProbeResult> run(ProbeRequest r, List<InetAddress> addresses, long startNanos) {
        return attempt(r, 1, new ArrayList<>(), addresses, startNanos);
    }

    private Future<ProbeResult> attempt(ProbeRequest r, int n, List<ProbeResult.Attempt> done, List<InetAddress> addresses, long t0) {
        Future<ProbeResult.Attempt> one;
        InetAddress target = addresses == null || addresses.isEmpty() ? null : addresses.get(0);
        switch (r.protocol()) {
            case DNS -> one = dnsAttempt(r);
            case TCP -> one = tcp(r, target, false);
            case TLS -> one = tcp(r, target, true);
            case UDP -> one = udp(r, target);
            case HTTP, HTTPS -> one = http(r, target);
            default -> throw new IllegalStateException(r.protocol().name());
        }
        return one.compose(a -> {
            done.add(a);
            if (a.outcome().connected() || n >= r.attempts()) return Future.succeededFuture(finish(r, done, addresses, t0));
            return attempt(r, n + 1, done, addresses, t0);
        });
    }

    private static ProbeResult finish(ProbeRequest r, List<ProbeResult.Attempt> done, List<InetAddress> addresses, long t0) {
        ProbeResult.Attempt last = done.get(done.size() - 1);
        Outcome outcome = done.stream().anyMatch(a -> a.outcome().connected()) ? Outcome.CONNECTED : last.outcome();
        String local = null;
        for (ProbeResult.Attempt a : done) if (a.localAddress() != null) local = a.localAddress();
        List<String> resolved = new ArrayList<>();
        if (r.protocol() == ProbeProtocol.DNS) {
            for (ProbeResult.Attempt a : done) {
                if (a.outcome().connected() && a.address() != null) resolved = List.of(a.address().split(","));
            }
        } else if (addresses != null) {
            for (InetAddress a : addresses) resolved.add(a.getHostAddress());
        }
        return new ProbeResult(outcome, done, ms(System.nanoTime() - t0), local, resolved);
    }

    private Future<ProbeResult.Attempt> dnsAttempt(ProbeRequest r) {
        long t = System.nanoTime();
        return resolve(r.host(), r.timeoutMs()).transform(ar -> {
            if (ar.succeeded()) {
                String list = String.join(",", ar.result().stream().map(InetAddress::getHostAddress).toList());
                return Future.succeededFuture(new ProbeResult.Attempt(Outcome.CONNECTED, ms(System.nanoTime() - t), list, null, null, null,
                        "resolved by " + (dnsServer == null ? "the system resolver" : dnsServer.toString())));
            }
            return Future.succeededFuture(new ProbeResult.Attempt(Outcome.DNS_FAILURE, ms(System.nanoTime() - t), null, null, null, null,
                    describe(ar.cause())));
        });
    }

    /**
     * TCP connect to the checked address (never its text: a scoped IPv6 address's text does not parse
     * and would be looked up as a name). For tls the handshake is part of the connect, with the probe's
     * host as the peer name, so the certificate is verified against that name as https does — not
     * against the IP that was dialled. A TLS failure is told from a TCP one by its cause.
     */
    private Future<ProbeResult.Attempt> tcp(ProbeRequest r, InetAddress target, boolean tls) {
        long t = System.nanoTime();
        NetClientOptions no = new NetClientOptions().setConnectTimeout(r.timeoutMs());
        if (tls) no.setSslHandshakeTimeout(r.timeoutMs()).setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        NetClient client = vertx.createNetClient(no);
        ConnectOptions co = new ConnectOptions().setRemoteAddress(socketAddress(target, r.port()))
                .setTimeout(r.timeoutMs());
        if (tls) {
            co.setSsl(true).setHost(r.host()).setPort(r.port())
                    .setSslOptions(new ClientSSLOptions().setTrustOptions(trust).setHostnameVerificationAlgorithm("HTTPS")
                            .setSslHandshakeTimeout(r.timeoutMs()).setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
            if (!isLiteral(r.host())) co.setSniServerName(r.host());
        }
        Future<NetSocket> connect = client.connect(co);
        return within(connect, (tls ? 2L : 1L) * r.timeoutMs() + 500L, "no answer in " + r.timeoutMs() + " ms").transform(ar -> {
            if (ar.failed()) {
                connect.onSuccess(NetSocket::close); // a connect that completes after our guard fired
                client.close();
                return failed(ar.cause(), ms(System.nanoTime() - t), target, r);
            }
            NetSocket s = ar.result();
            String local = s.localAddress().hostAddress();
            String info = tls ? tlsInfo(s.sslSession()) : null;
            s.close();
            client.close();
            return Future.succeededFuture(new ProbeResult.Attempt(Outcome.CONNECTED, ms(System.nanoTime() - t), target.getHostAddress(),
                    local, null, info, tls ? "handshake completed" : null));
        });
    }

    private Future<ProbeResult.Attempt> http(ProbeRequest r, InetAddress target) {
        long t = System.nanoTime();
        boolean https = r.protocol() == ProbeProtocol.HTTPS;
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(r.timeoutMs()).setKeepAlive(false)
                .setIdleTimeout(r.timeoutMs()).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setSsl(https).setVerifyHost(true).setTrustOptions(trust)
                .setSslHandshakeTimeout(r.timeoutMs()).setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        HttpClientAgent client = vertx.createHttpClient(options);
        // Connect to the address that was checked against the allowlist; the name only goes in Host and SNI.
        RequestOptions ro = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(socketAddress(target, r.port()))
                .setHost(r.host()).setPort(r.port()).setURI(r.path()).setSsl(https)
                .setConnectTimeout(r.timeoutMs()).setIdleTimeout(r.timeoutMs())
                .putHeader("User-Agent", "reachsim-agent");
        Future<ProbeResult.Attempt> f = client.request(ro).compose(req -> req.send().compose(resp -> {
            String local = resp.request().connection().localAddress().hostAddress();
            String tlsInfo = https ? tlsInfo(resp.request().connection().sslSession()) : null;
            int status = resp.statusCode();
            return Future.succeededFuture(new ProbeResult.Attempt(Outcome.CONNECTED, ms(System.nanoTime() - t), target.getHostAddress(),
                    local, status, tlsInfo, "HTTP " + status));
        }));
        return within(f, r.timeoutMs() * 2L + 500, "no HTTP response in " + r.timeoutMs() + " ms").transform(ar -> {
            client.close();
            if (ar.succeeded()) return Future.succeededFuture(ar.result());
            return failed(ar.cause(), ms(System.nanoTime() - t), target, r);
        });
    }

    /**
     * UDP through a connected JDK socket on a worker thread: Vert.x's datagram socket cannot connect,
     * and only a connected socket hears the ICMP port-unreachable that tells REFUSED from TIMEOUT.
     */
    private Future<ProbeResult.Attempt> udp(ProbeRequest r, InetAddress target) {
        return vertx.executeBlocking(() -> {
            long t = System.nanoTime();
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(target, r.port());
                String local = s.getLocalAddress().getHostAddress();
                s.setSoTimeout(r.timeoutMs());
                s.send(new DatagramPacket(UDP_PAYLOAD, UDP_PAYLOAD.length));
                DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
                try {
                    s.receive(reply);
                    return new ProbeResult.Attempt(Outcome.CONNECTED, ms(System.nanoTime() - t), target.getHostAddress(), local, null, null,
                            reply.getLength() + " bytes back");
                } catch (SocketTimeoutException e) {
                    return new ProbeResult.Attempt(Outcome.TIMEOUT, ms(System.nanoTime() - t), target.getHostAddress(), local, null, null,
                            "no reply in " + r.timeoutMs() + " ms (dropped on the way, or the service does not answer this payload)");
                } catch (PortUnreachableException e) {
                    return new ProbeResult.Attempt(Outcome.REFUSED, ms(System.nanoTime() - t), target.getHostAddress(), local, null, null,
                            "ICMP port unreachable: nothing listens on udp/" + r.port());
                }
            } catch (IOException e) {
                return new ProbeResult.Attempt(classify(e), ms(System.nanoTime() - t), target.getHostAddress(), null, null, null, describe(e));
            }
        }, false);
    }

    /** A failed connect: the outcome, and the source address the kernel would use for the target. */
    private Future<ProbeResult.Attempt> failed(Throwable cause, double ms, InetAddress target, ProbeRequest r) {
        Outcome o = classify(cause);
        String detail = describe(cause);
        if (o == Outcome.TIMEOUT) detail = "no answer in " + r.timeoutMs() + " ms";
        if (o == Outcome.TLS_FAILURE || o == Outcome.TLS_NAME_MISMATCH) {
            Throwable root = cause;
            while (root.getCause() != null) root = root.getCause();
            detail = "TCP connected; TLS failed: " + describe(root);
        }
        if (o == Outcome.REFUSED && r.protocol() != ProbeProtocol.HTTP && r.protocol() != ProbeProtocol.HTTPS) {
            detail = "connection refused: the host answered, nothing listens on " + r.protocol().label() + "/" + r.port();
        }
        String d = detail;
        return vertx.executeBlocking(() -> new ProbeResult.Attempt(o, ms, target.getHostAddress(), sourceFor(target), null, null, d), false);
    }

    /** The address the kernel's routing picks to reach {@code target} (no packet is sent), or null. */
    static String sourceFor(InetAddress target) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(target, 9);
            InetAddress a = s.getLocalAddress();
            return a == null || a.isAnyLocalAddress() ? null : a.getHostAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Outcome classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (c instanceof SSLException) return nameMismatch(c) ? Outcome.TLS_NAME_MISMATCH : Outcome.TLS_FAILURE;
            if (c instanceof UnknownHostException || c instanceof io.vertx.core.dns.DnsException) return Outcome.DNS_FAILURE;
            if (c instanceof io.netty.channel.ConnectTimeoutException || c instanceof SocketTimeoutException
                    || c instanceof TimeoutException || c.getClass().getSimpleName().contains("Timeout")) return Outcome.TIMEOUT;
            if (c instanceof NoRouteToHostException || m.contains("no route to host") || m.contains("network is unreachable")
                    || m.contains("host is unreachable")) return Outcome.UNREACHABLE;
            if (c instanceof PortUnreachableException || m.contains("connection refused")) return Outcome.REFUSED;
            if (c instanceof io.vertx.core.http.HttpClosedException || m.contains("connection reset")) return Outcome.REFUSED;
            if (c instanceof ConnectException) return Outcome.REFUSED;
        }
        return Outcome.UNREACHABLE;
    }

    /**
     * The JDK's endpoint identification failed (RFC 6125 / RFC 2818 §3.1): the certificate is trusted
     * but names neither the host asked for. Its CertificateException says "No subject alternative
     * ... matching" or "No name matching".
     */
    static boolean nameMismatch(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (c instanceof java.security.cert.CertificateException && (m.startsWith("No subject alternative") || m.startsWith("No name matching"))) {
                return true;
            }
        }
        return false;
    }

    /** The message without Netty's "annotated" prefixes, or the class name when there is none. */
    static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getMessage() == null) c = c.getCause();
        if (c instanceof io.vertx.core.http.HttpClosedException) return "connection closed before an HTTP response";
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    private static String tlsInfo(SSLSession s) {
        if (s == null) return null;
        String peer = "";
        try {
            Certificate[] certs = s.getPeerCertificates();
            if (certs.length > 0 && certs[0] instanceof X509Certificate x) peer = " " + x.getSubjectX500Principal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException ignored) {
            // no peer certificate to show
        }
        return s.getProtocol() + " " + s.getCipherSuite() + peer;
    }

    /** Fails {@code f} with a TimeoutException after {@code ms}, whatever the underlying client does. */
    private <T> Future<T> within(Future<T> f, long ms, String what) {
        Promise<T> p = Promise.promise();
        long timer = vertx.setTimer(ms, id -> p.tryFail(new TimeoutException(what)));
        f.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) p.tryComplete(ar.result());
            else p.tryFail(ar.cause());
        });
        return p.future();
    }

    /**
     * The address to dial: the checked InetAddress itself, stripped of any host name it came with, so
     * nothing downstream has a name (or an address's text) to resolve again.
     */
    static SocketAddress socketAddress(InetAddress target, int port) {
        try {
            InetAddress bare;
            if (target instanceof Inet6Address six && six.getScopedInterface() != null) {
                bare = Inet6Address.getByAddress(null, six.getAddress(), six.getScopedInterface()); // the zone as it was judged
            } else if (target instanceof Inet6Address six && six.getScopeId() != 0) {
                bare = Inet6Address.getByAddress(null, six.getAddress(), six.getScopeId());
            } else {
                bare = InetAddress.getByAddress(target.getAddress());
            }
            return SocketAddress.inetSocketAddress(new InetSocketAddress(bare, port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address's own bytes are an address", e);
        }
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
