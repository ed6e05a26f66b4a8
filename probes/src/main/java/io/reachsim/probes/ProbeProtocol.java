package io.reachsim.probes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What an agent can probe, as written in the API ({@code "protocol": "tcp"}). */
public enum ProbeProtocol {
    TCP, UDP, HTTP, HTTPS, TLS, DNS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for an unknown name. */
    public static ProbeProtocol parse(String s) {
        if (s == null) return null;
        for (ProbeProtocol p : values()) if (p.label().equals(s.trim().toLowerCase(Locale.ROOT))) return p;
        return null;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(ProbeProtocol::label).toList();
    }

    /** A DNS probe asks the agent's resolver; it connects to nothing, so it needs no port. */
    public boolean needsPort() {
        return this != DNS;
    }
}
