package dev.playlistgateway.app.security.session;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.app.security.Secrets;
import dev.playlistgateway.app.security.SecuritySettings;
import io.micronaut.core.annotation.Nullable;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The signed-in sessions: creates them at sign-in, finds, updates (after a refresh) and deletes them.
 *
 * <p>A session is known to the browser by its id (the cookie value, 256 random bits) and to everything
 * on the server by the id's SHA-256, its <em>handle</em>: the store key, and the viewer's credential
 * ({@code Credential.Session}). The store sees neither the id nor a token: records are serialized and
 * sealed with {@link TokenCipher}, bound to their handle. A record that does not decrypt (the key changed) counts as no session.
 *
 * <p><b>Memory copies</b> ({@link SessionCopies}; settings {@link SecuritySettings.SessionMemory}). A session
 * this instance read or wrote is kept decrypted in memory, so that a store outage neither fails nor signs out
 * the users who are using the gateway:
 * <ul>
 *   <li><b>While the store answers</b>, a copy the store showed less than {@code recheck} (5 s) ago is used
 *       without asking it; after that the store is read again. So a logout on another instance is seen here
 *       within {@code recheck}. A copy whose access token is due for renewal is always read again first, so
 *       that a refresh another instance made is used rather than repeated.</li>
 *   <li><b>While the store cannot be reached</b> (it failed, or timed out), a copy the store showed less
 *       than {@code outageGrace} (5 min) ago stands in for it: the user stays signed in and the Spotify
 *       tokens keep working. After a failure the store is not asked for the back-off window; then one
 *       request probes ({@link SessionStoreOutage}). A session with no such copy fails
 *       {@link SessionStoreUnavailable}, at once during the back-off window. A logout made on another
 *       instance after this one last read the session is seen when the store answers again, at most
 *       {@code outageGrace} late.</li>
 *   <li><b>Never past the session's end</b>: a copy of an ended session is no session, store or no store.</li>
 *   <li><b>A logout here</b> ({@link #delete}) removes the copy at once and leaves a tombstone, so a read in
 *       flight cannot bring it back; until the tombstone goes, the store is asked for that session.</li>
 *   <li><b>A refresh</b> ({@link #update}) is written with a compare-and-set against the version this
 *       instance last saw ({@link SessionStore#replace}): it never brings back a deleted session and never
 *       overwrites a newer version another instance wrote (then the store's version wins, read on next use).
 *       If the store cannot be written, the new tokens are kept in memory as pending and written, the same
 *       way, on the first use after the store answers again; until then this instance uses them.</li>
 *   <li><b>A store that comes back empty</b> (restarted without persistence) has lost its sessions: nothing
 *       is written back from memory, since a logout that Redis lost with the rest could not be told from a
 *       loss, and writing back would revive it. Users are signed out (anonymous, cookie cleared) at their
 *       first request after their copy's {@code recheck} runs out; a pending refresh is dropped with them.</li>
 * </ul>
 * Store calls of one session are serialized in this instance (one lock per handle, held for store calls
 * only). Thread safe. Store failures surface as {@link SessionStoreUnavailable}, except from
 * {@link #update}, which keeps what it could not write.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final SessionStore store;
    private final TokenCipher cipher;
    private final JsonMapper json;
    private final Clock clock;
    private final Ticker ticker;
    private final Duration ttl;
    private final long recheckNanos;
    private final long graceNanos;
    private final SessionCopies copies;
    private final SessionStoreOutage outage;
    private final LoadingCache<String, ReentrantLock> locks = Caffeine.newBuilder().weakValues().build(handle -> new ReentrantLock());

    /**
     * @param clock        wall time: when sessions end
     * @param ticker       elapsed time (nanoseconds): how old a copy is
     * @param storeTimeout the longest one store call may take; tombstones outlast any call in flight
     */
    Sessions(SessionStore store, TokenCipher cipher, JsonMapper json, Clock clock, Ticker ticker, Duration ttl,
             SecuritySettings.SessionMemory memory, Duration storeTimeout, SessionStoreOutage outage) {
        this.store = store;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
        this.ticker = ticker;
        this.ttl = ttl;
        this.recheckNanos = memory.recheck().toNanos();
        this.graceNanos = memory.outageGrace().toNanos();
        Duration tombstone = memory.recheck().plus(storeTimeout.multipliedBy(3));
        this.copies = new SessionCopies(memory.maxSessions(), memory.outageGrace(), tombstone, clock, ticker);
        this.outage = outage;
    }

    /** The handle of a session id: what the server knows the session by. */
    public static String handleOf(String sessionId) {
        return Secrets.sha256(sessionId);
    }

    public Duration ttl() {
        return ttl;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Stores a new session and returns its id, for the cookie. The id itself is kept nowhere. */
    public String create(SessionRecord record) {
        String id = Secrets.newSessionId();
        String handle = handleOf(id);
        String sealed = seal(handle, record);
        long at = ticker.read();
        try {
            store.put(handle, sealed, left(record));
            outage.answered();
        } catch (SessionStoreUnavailable e) {
            outage.failed("write", e);
            throw e;
        }
        copies.confirmed(handle, record, sealed, at);
        return id;
    }

    /**
     * The live session under {@code handle}; empty when unknown, ended, or unreadable with the current key.
     * From memory or from the store, as the class comment says.
     *
     * @throws SessionStoreUnavailable when the store cannot tell and no copy may stand in for it
     */
    public Optional<SessionRecord> find(String handle) {
        SessionCopies.Entry entry = copies.get(handle);
        if (entry instanceof SessionCopies.Held held && held.record().expired(clock.instant())) {
            return Optional.empty();
        }
        if (isFresh(entry)) {
            return Optional.of(((SessionCopies.Held) entry).record());
        }
        ReentrantLock lock = locks.get(handle);
        lock.lock();
        try {
            entry = copies.get(handle); // another request may have read it meanwhile
            if (isFresh(entry)) {
                return Optional.of(((SessionCopies.Held) entry).record());
            }
            return readThrough(handle, entry instanceof SessionCopies.Held held ? held : null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the record under {@code handle} (after a refresh), keeping the session's end. Written only over
     * the version this instance last saw; if the store cannot be written now, kept in memory and written on a
     * later use (see the class comment). Nothing happens for a session ended on this instance.
     */
    public void update(String handle, SessionRecord record) {
        Duration left = left(record);
        if (left.isNegative() || left.isZero()) {
            copies.forget(handle);
            deleteFromStore(handle);
            return;
        }
        String sealed = seal(handle, record);
        ReentrantLock lock = locks.get(handle);
        lock.lock();
        try {
            SessionCopies.Entry entry = copies.get(handle);
            if (entry instanceof SessionCopies.Ended) {
                return;
            }
            if (!outage.mayTry()) {
                copies.pending(handle, record, sealed);
                return;
            }
            String over = entry instanceof SessionCopies.Held held ? held.stored() : null;
            long at = ticker.read();
            boolean reported = false;
            try {
                boolean replaced = store.replace(handle, over, sealed, left(record));
                outage.answered();
                reported = true;
                if (replaced) {
                    copies.confirmed(handle, record, sealed, at);
                } else {
                    copies.forget(handle); // ended meanwhile, or another instance wrote a newer version: the store's word
                }
            } catch (SessionStoreUnavailable e) {
                outage.failed("write", e);
                reported = true;
                copies.pending(handle, record, sealed);
            } finally {
                if (!reported) {
                    outage.release();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the session: its memory copy at once, then the store's record.
     *
     * @throws SessionStoreUnavailable when the store could not be told: the session may live on elsewhere
     */
    public void delete(String handle) {
        copies.end(handle);
        try {
            store.delete(handle);
            outage.answered();
        } catch (SessionStoreUnavailable e) {
            outage.failed("delete", e);
            throw e;
        }
    }

    /** A copy to use without asking the store: shown by it within {@code recheck}, all written, not due for renewal. */
    private boolean isFresh(@Nullable SessionCopies.Entry entry) {
        if (!(entry instanceof SessionCopies.Held held) || held.pending()) {
            return false;
        }
        Instant now = clock.instant();
        return held.confirmedWithin(ticker.read(), recheckNanos) && !held.record().expired(now) && !held.record().needsRenewal(now);
    }

    /** Under the handle's lock: writes a pending copy, then reads the store; a usable copy stands in when it cannot answer. */
    private Optional<SessionRecord> readThrough(String handle, @Nullable SessionCopies.Held held) {
        if (!outage.mayTry()) {
            return standIn(held, () -> new SessionStoreUnavailable(
                    "The session store failed a moment ago and is not asked again yet", null));
        }
        long at = ticker.read();
        boolean reported = false;
        try {
            if (held != null && held.pending()
                    && store.replace(handle, held.stored(), held.sealed(), left(held.record()))) {
                copies.confirmed(handle, held.record(), held.sealed(), at);
                outage.answered();
                reported = true;
                return Optional.of(held.record());
            }
            Optional<SessionRecord> found = read(handle, at);
            outage.answered();
            reported = true;
            return found;
        } catch (SessionStoreUnavailable e) {
            outage.failed("read", e);
            reported = true;
            return standIn(held, () -> e);
        } finally {
            if (!reported) {
                outage.release();
            }
        }
    }

    /** The copy, when the store cannot be asked and the copy may stand in for it; else the failure. */
    private Optional<SessionRecord> standIn(@Nullable SessionCopies.Held held, Supplier<SessionStoreUnavailable> failure) {
        if (held != null && held.record().expired(clock.instant())) {
            return Optional.empty();
        }
        if (held != null && held.confirmedWithin(ticker.read(), graceNanos)) {
            outage.servedFromMemory();
            return Optional.of(held.record());
        }
        throw failure.get();
    }

    private Optional<SessionRecord> read(String handle, long at) {
        Optional<String> sealed = store.get(handle);
        if (sealed.isEmpty()) {
            copies.forget(handle);
            return Optional.empty();
        }
        SessionRecord record;
        try {
            byte[] plain = cipher.open(Base64.getDecoder().decode(sealed.get()), associatedData(handle));
            record = json.readValue(plain, Argument.of(SessionRecord.class));
        } catch (TokenCipher.Undecryptable | IllegalArgumentException | IOException e) {
            LOG.info("A stored session could not be read ({}); it is dropped and its user must sign in again", e.getMessage());
            copies.forget(handle);
            store.delete(handle);
            return Optional.empty();
        }
        if (record == null || record.expired(clock.instant())) {
            copies.forget(handle);
            return Optional.empty();
        }
        copies.confirmed(handle, record, sealed.get(), at);
        return Optional.of(record);
    }

    private void deleteFromStore(String handle) {
        try {
            store.delete(handle);
            outage.answered();
        } catch (SessionStoreUnavailable e) {
            outage.failed("delete", e); // the store expires it by itself
        }
    }

    private Duration left(SessionRecord record) {
        return Duration.ofMillis(record.expiresAtMillis() - clock.millis());
    }

    private String seal(String handle, SessionRecord record) {
        byte[] plain;
        try {
            plain = json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("Could not serialize a session", e);
        }
        return Base64.getEncoder().encodeToString(cipher.seal(plain, associatedData(handle)));
    }

    private static byte[] associatedData(String handle) {
        return ("pgw-session:" + handle).getBytes(StandardCharsets.UTF_8);
    }
}
