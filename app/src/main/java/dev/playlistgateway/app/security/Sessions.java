package dev.playlistgateway.app.security;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed-in sessions: creates them at sign-in, finds, updates (after a refresh) and deletes them.
 *
 * <p>A session is known to the browser by its id (the cookie value, 256 random bits) and to everything
 * on the server by the id's SHA-256, its <em>handle</em>: the store key, the viewer's credential key.
 * The store sees neither the id nor a token: records are serialized and sealed with {@link TokenCipher},
 * bound to their handle. A record that does not decrypt (the key changed) counts as no session.
 * Thread safe. Store failures surface as {@link SessionStore.Unavailable}.
 */
final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final SessionStore store;
    private final TokenCipher cipher;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration ttl;

    Sessions(SessionStore store, TokenCipher cipher, JsonMapper json, Clock clock, Duration ttl) {
        this.store = store;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The handle of a session id: what the server knows the session by. */
    static String handleOf(String sessionId) {
        return Secrets.sha256(sessionId);
    }

    Duration ttl() {
        return ttl;
    }

    Instant now() {
        return clock.instant();
    }

    /** Stores a new session and returns its id, for the cookie. The id itself is kept nowhere. */
    String create(SessionRecord record) {
        String id = Secrets.newSessionId();
        save(handleOf(id), record);
        return id;
    }

    /** The live session under {@code handle}; empty when unknown, expired, or unreadable with the current key. */
    Optional<SessionRecord> find(String handle) {
        Optional<String> sealed = store.get(handle);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        SessionRecord record;
        try {
            byte[] plain = cipher.open(Base64.getDecoder().decode(sealed.get()), associatedData(handle));
            record = json.readValue(plain, Argument.of(SessionRecord.class));
        } catch (TokenCipher.Undecryptable | IllegalArgumentException | IOException e) {
            LOG.info("A stored session could not be read ({}); it is dropped and its user must sign in again", e.getMessage());
            store.delete(handle);
            return Optional.empty();
        }
        if (record == null || record.expired(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    /** Replaces the record under {@code handle} (after a refresh), keeping the session's end. */
    void update(String handle, SessionRecord record) {
        save(handle, record);
    }

    void delete(String handle) {
        store.delete(handle);
    }

    private void save(String handle, SessionRecord record) {
        Duration left = Duration.ofMillis(record.expiresAtMillis() - clock.millis());
        if (left.isNegative() || left.isZero()) {
            store.delete(handle);
            return;
        }
        byte[] plain;
        try {
            plain = json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("Could not serialize a session", e);
        }
        String sealed = Base64.getEncoder().encodeToString(cipher.seal(plain, associatedData(handle)));
        store.put(handle, sealed, left);
    }

    private static byte[] associatedData(String handle) {
        return ("pgw-session:" + handle).getBytes(StandardCharsets.UTF_8);
    }
}
