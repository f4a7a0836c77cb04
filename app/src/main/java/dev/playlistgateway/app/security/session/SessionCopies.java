package dev.playlistgateway.app.security.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micronaut.core.annotation.Nullable;

import java.time.Clock;
import java.time.Duration;

/**
 * This instance's memory of the sessions it read or wrote recently, decrypted, in Caffeine (bounded in
 * number, least used first). {@link Sessions} decides when a copy may be used; this class only keeps
 * them, with the times that decision needs, and forgets each one when it can no longer be used:
 * <ul>
 *   <li>a copy the store holds ({@link Held}, not pending) is kept for {@code keep} after the store last
 *       showed it (the outage grace);</li>
 *   <li>a copy whose newest version could not be written yet (pending, after a token refresh during an
 *       outage) is kept until the session ends (plus {@code keep}), so the refresh is not lost before it can
 *       be written;</li>
 *   <li>a session ended on this instance leaves a tombstone ({@link Ended}) for {@code tombstone}, so that
 *       a read still in flight when the logout happened cannot put the copy back.</li>
 * </ul>
 * Holds tokens: nothing here is logged, and {@link SessionRecord#toString()} shows none. Thread safe;
 * times are those of the given {@link Ticker} (nanoseconds).
 */
final class SessionCopies {
    /** The {@link Held#confirmedAt()} of a copy the store was never seen to hold. */
    static final long NEVER = Long.MIN_VALUE;

    /** What this instance remembers of a session. */
    sealed interface Entry permits Held, Ended {
    }

    /**
     * A session as this instance knows it.
     *
     * @param record      the newest version known here
     * @param sealed      {@code record} as sealed for the store
     * @param stored      what the store held when last seen (equal to {@code sealed} unless pending); null if unknown
     * @param confirmedAt when the store last showed this session exists (ticker time), or {@link #NEVER}
     */
    record Held(SessionRecord record, String sealed, @Nullable String stored, long confirmedAt) implements Entry {
        /** The store does not hold {@code record} yet: it must be written, replacing {@code stored}. */
        boolean pending() {
            return !sealed.equals(stored);
        }

        boolean confirmedWithin(long now, long windowNanos) {
            return confirmedAt != NEVER && now - confirmedAt < windowNanos;
        }

        @Override
        public String toString() {
            return "Held[" + record + ", pending=" + pending() + "]";
        }
    }

    /** The session was ended on this instance. */
    record Ended() implements Entry {
    }

    private static final Ended ENDED = new Ended();

    private final Cache<String, Entry> entries;

    SessionCopies(int maxSessions, Duration keep, Duration tombstone, Clock clock, Ticker ticker) {
        long keepNanos = keep.toNanos();
        long tombstoneNanos = tombstone.toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxSessions)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        if (!(entry instanceof Held held)) {
                            return tombstoneNanos;
                        }
                        if (held.pending() || held.confirmedAt() == NEVER) {
                            long untilEnd = Math.max(0, Duration.ofMillis(held.record().expiresAtMillis() - clock.millis()).toNanos());
                            return untilEnd + keepNanos;
                        }
                        // Kept past the session's end too (unused then): during an outage an ended session is then
                        // known to be ended, and answered as no session rather than as an unreachable store.
                        return Math.max(0, held.confirmedAt() + keepNanos - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long currentDuration) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** What is remembered of {@code handle}; null for nothing. */
    @Nullable
    Entry get(String handle) {
        return entries.getIfPresent(handle);
    }

    /** The store holds {@code sealed} ({@code record}), as of {@code at}; ignored for a session ended here. */
    void confirmed(String handle, SessionRecord record, String sealed, long at) {
        entries.asMap().compute(handle, (key, current) -> current instanceof Ended ? current : new Held(record, sealed, sealed, at));
    }

    /**
     * The store could not be written: {@code record} ({@code sealed}) is kept as pending, over what the store
     * was last seen to hold; ignored for a session ended here.
     */
    void pending(String handle, SessionRecord record, String sealed) {
        entries.asMap().compute(handle, (key, current) -> {
            if (current instanceof Ended) {
                return current;
            }
            return current instanceof Held held ? new Held(record, sealed, held.stored(), held.confirmedAt())
                    : new Held(record, sealed, null, NEVER);
        });
    }

    /** The store has no such session, or another version of it: the copy is dropped (a tombstone stays). */
    void forget(String handle) {
        entries.asMap().computeIfPresent(handle, (key, current) -> current instanceof Ended ? current : null);
    }

    /** The session was ended here: its copy is gone at once and cannot come back while the tombstone lasts. */
    void end(String handle) {
        entries.put(handle, ENDED);
    }

    /** Copies and tombstones held now (for tests and metrics; approximate). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
