package io.reachsim.probes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Bearer tokens: where they come from, and a comparison that does not leak through timing. */
public final class Tokens {
    /** The environment variable an agent (and verify, by default) reads its token from. */
    public static final String ENV = "REACHSIM_AGENT_TOKEN";
    /** Shorter tokens are refused: they can be guessed. */
    public static final int MIN_LENGTH = 16;

    private Tokens() {}

    /** The token in {@code file} (trailing newline removed); IOException names the file. */
    public static String read(Path file) throws IOException {
        String t = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (t.isEmpty()) throw new IOException(file + " is empty: expected the token");
        return t;
    }

    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Compares hashes, not the tokens: both sides are 32 bytes whatever the caller sent, and
     * MessageDigest.isEqual looks at every byte, so the time taken says nothing about the token.
     */
    public static boolean matches(byte[] expectedHash, String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(expectedHash, sha256(presented));
    }
}
