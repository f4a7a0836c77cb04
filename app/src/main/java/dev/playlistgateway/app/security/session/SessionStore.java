package dev.playlistgateway.app.security.session;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Optional;

/**
 * Where sealed session records live, by key. Values are opaque text (already encrypted by
 * {@link Sessions}); a store never sees a token or a session id, only the id's hash.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use.
 * <p><b>Expiry:</b> an entry MUST NOT be returned after its time to live has passed.
 * <p><b>Atomicity:</b> {@link #replace} MUST be atomic with respect to every other call on the same key.
 * <p><b>Failures:</b> when the backing service cannot be reached, implementations MUST throw
 * {@link SessionStoreUnavailable} (and MUST NOT block longer than their configured timeout); they never return
 * empty for "could not tell".
 */
interface SessionStore extends AutoCloseable {

    /** Stores {@code value} under {@code key} for {@code ttl}, replacing what was there. */
    void put(String key, String value, Duration ttl);

    /**
     * Stores {@code value} under {@code key} for {@code ttl} only if the key holds {@code expected} now (with
     * {@code expected} null: any value). Never creates a key, so a session deleted or expired meanwhile
     * stays gone, and a write based on an old version never overwrites a newer one.
     *
     * @return whether the value was replaced
     */
    boolean replace(String key, @Nullable String expected, String value, Duration ttl);

    /** The value under {@code key}; empty when there is none or it expired. */
    Optional<String> get(String key);

    /** Removes {@code key}; nothing happens if it is absent. */
    void delete(String key);

    @Override
    default void close() {
    }
}
