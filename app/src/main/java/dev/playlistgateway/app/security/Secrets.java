package dev.playlistgateway.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random session ids and the hashes that stand for secrets wherever a secret itself must not go. Thread safe. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes, base64url without padding: 43 characters. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_\\-]{43}");

    private Secrets() {
    }

    /** A new session id: 256 random bits. */
    public static String newSessionId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code value} has the shape of a session id (checked before anything is looked up). */
    public static boolean looksLikeSessionId(String value) {
        return value != null && SESSION_ID.matcher(value).matches();
    }

    /** Hex SHA-256 of {@code secret}: what stands for a session id or a Bearer token in keys and in memory. */
    public static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
