package io.reachsim.probes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand over a socket: from a chosen source address (127.0.0.2 is "another caller"), and
 * as slowly or as incompletely as an attacker likes.
 */
final class RawHttp implements AutoCloseable {
    final Socket socket;

    RawHttp(String source, int port) throws IOException {
        socket = new Socket();
        if (source != null) socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(10_000);
    }

    static String post(String token, String body) {
        return "POST /v1/probe HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    RawHttp write(String s) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** What came back until the agent closed the connection (or {@code timeoutMs} passed). */
    String readAll(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) b.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            b.write("<timeout>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            // a reset is a close, too
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** True when the agent closed the connection within {@code timeoutMs} (end of stream or reset). */
    boolean closedWithin(int timeoutMs) throws IOException {
        return !readAll(timeoutMs).endsWith("<timeout>");
    }

    static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) return -1;
        return Integer.parseInt(response.substring(9, 12));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
