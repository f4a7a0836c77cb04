package dev.playlistgateway.app.security.session;

import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts session records (which hold the Spotify tokens) before they reach a store: AES-256-GCM, a
 * fresh 96-bit nonce per record, and the record's store key as associated data, so a record copied under
 * another key does not decrypt. Layout: {@code [version 1][nonce 12][ciphertext + 16-byte tag]}.
 * Thread safe (a {@link Cipher} per call).
 */
final class TokenCipher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCipher.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;
    static final String MISSING_SHARED_KEY = "Sign-in sessions are kept in Redis, shared by every gateway instance on it,"
            + " but GATEWAY_SECURITY_TOKEN_KEY (gateway.security.token-key) is not set: each instance would seal sessions"
            + " with a key of its own, so a session made on one would be unknown to the others and lost at every restart."
            + " Set GATEWAY_SECURITY_TOKEN_KEY to base64 of 32 random bytes (openssl rand -base64 32), the same on every"
            + " instance and across restarts; or keep sessions in each instance's memory with"
            + " GATEWAY_SECURITY_SESSION_STORE=memory.";

    /** The record could not be decrypted: another key, or tampered with. */
    static final class Undecryptable extends RuntimeException {
        Undecryptable(String message) {
            super(message, null, false, false);
        }
    }

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    TokenCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The cipher for {@code gateway.security.token-key} (base64 of 32 bytes). When none is configured: with
     * sessions in this process's memory, a random key with a warning; with a shared store (Redis), a
     * {@link ConfigurationException} that says what to set, since a key of one process's own would make every
     * session unknown to the other instances and lost at each restart, without any error to show it.
     */
    static TokenCipher fromConfiguredKey(Optional<String> configured, boolean sharedStore) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            byte[] key;
            try {
                String text = configured.get().trim();
                key = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("gateway.security.token-key (GATEWAY_SECURITY_TOKEN_KEY) is not valid base64");
            }
            if (key.length != KEY_BYTES) {
                throw new ConfigurationException("gateway.security.token-key (GATEWAY_SECURITY_TOKEN_KEY) must be base64 of "
                        + KEY_BYTES + " bytes (e.g. `openssl rand -base64 32`), was " + key.length + " bytes");
            }
            return new TokenCipher(key);
        }
        if (sharedStore) {
            throw new ConfigurationException(MISSING_SHARED_KEY);
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        LOG.warn("GATEWAY_SECURITY_TOKEN_KEY is not set: Spotify tokens are encrypted with a key made for this process only."
                + " Set it to base64 of 32 random bytes (openssl rand -base64 32).");
        return new TokenCipher(key);
    }

    byte[] seal(byte[] plain, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    byte[] open(byte[] sealed, byte[] associatedData) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new Undecryptable("not a sealed record of this version");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Undecryptable("the record does not decrypt with the configured key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
