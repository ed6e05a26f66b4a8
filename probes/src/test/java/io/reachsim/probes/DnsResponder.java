package io.reachsim.probes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server on loopback UDP (RFC 1035 §4): answers A and AAAA queries for the
 * names it was given, NXDOMAIN for the rest. Enough for the agent's resolver to be a real one.
 */
final class DnsResponder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();
    final AtomicInteger queries = new AtomicInteger();
    /** Answers are held back this long (a slow name server); {@code Long.MAX_VALUE}: never answered. */
    volatile long delayMs;
    private final Thread thread;

    DnsResponder() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "dns-responder");
        thread.setDaemon(true);
        thread.start();
    }

    DnsResponder add(String name, String... addresses) throws IOException {
        List<InetAddress> list = new ArrayList<>();
        for (String a : addresses) list.add(InetAddress.getByName(a));
        records.put(name.toLowerCase(Locale.ROOT), list);
        return this;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                queries.incrementAndGet();
                byte[] answer = answer(p.getData(), p.getLength());
                long delay = delayMs;
                if (answer == null || delay == Long.MAX_VALUE) continue;
                java.net.SocketAddress to = p.getSocketAddress();
                if (delay == 0) socket.send(new DatagramPacket(answer, answer.length, to));
                else later(delay, answer, to);
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a malformed query: no answer, like a real server under garbage
            }
        }
    }

    private void later(long delay, byte[] answer, java.net.SocketAddress to) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay);
                socket.send(new DatagramPacket(answer, answer.length, to));
            } catch (IOException | InterruptedException e) {
                // closed meanwhile
            }
        }, "dns-late");
        t.setDaemon(true);
        t.start();
    }

    private byte[] answer(byte[] q, int len) {
        if (len < 12) return null;
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (q[pos] != 0) {
            int l = q[pos] & 0xff;
            if (name.length() > 0) name.append('.');
            name.append(new String(q, pos + 1, l, java.nio.charset.StandardCharsets.US_ASCII));
            pos += l + 1;
        }
        int qEnd = pos + 5; // zero label, QTYPE, QCLASS
        int qtype = ((q[pos + 1] & 0xff) << 8) | (q[pos + 2] & 0xff);
        List<InetAddress> all = records.get(name.toString().toLowerCase(Locale.ROOT));
        List<InetAddress> matching = new ArrayList<>();
        if (all != null) {
            for (InetAddress a : all) {
                if ((qtype == 1 && a.getAddress().length == 4) || (qtype == 28 && a.getAddress().length == 16)) matching.add(a);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        int rcode = all == null ? 3 : 0; // NXDOMAIN for names we do not know
        out.write(0x84 | (q[2] & 0x01)); // QR, AA, RD copied
        out.write(0x80 | rcode);         // RA
        out.write(0); out.write(1);      // QDCOUNT
        out.write(0); out.write(matching.size());
        out.write(0); out.write(0); out.write(0); out.write(0);
        out.write(q, 12, qEnd - 12);
        for (InetAddress a : matching) {
            byte[] rdata = a.getAddress();
            out.write(0xc0); out.write(12); // pointer to the question's name
            out.write(0); out.write(qtype);
            out.write(0); out.write(1);     // IN
            out.write(0); out.write(0); out.write(0); out.write(1); // TTL 1 s
            out.write(0); out.write(rdata.length);
            out.write(rdata, 0, rdata.length);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
