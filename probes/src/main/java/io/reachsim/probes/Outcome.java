package io.reachsim.probes;

/**
 * What one probe saw. For {@code dns} probes CONNECTED means the name resolved (the addresses are in
 * {@code resolved}); for {@code udp} it means a reply came back.
 */
public enum Outcome {
    /** The connection (or handshake, HTTP response, UDP reply, DNS answer) completed. */
    CONNECTED,
    /** The host answered "nothing here": a TCP reset, or ICMP port unreachable for UDP. */
    REFUSED,
    /** Nothing came back in time: a drop on the way (security group, NACL, route) or a silent host. */
    TIMEOUT,
    /** The agent's kernel (or a router on the way) said there is no route to the address. */
    UNREACHABLE,
    /** The name did not resolve through the agent's resolver. */
    DNS_FAILURE,
    /** TCP connected but the TLS handshake failed (untrusted or wrong certificate, protocol mismatch). */
    TLS_FAILURE,
    /**
     * TCP connected and the certificate chains to a trusted CA, but it does not name the host the probe
     * asked for (RFC 6125): what a client that verifies names, as https clients do, refuses.
     */
    TLS_NAME_MISMATCH;

    public boolean connected() {
        return this == CONNECTED;
    }
}
