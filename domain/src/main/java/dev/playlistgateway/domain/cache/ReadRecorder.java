package dev.playlistgateway.domain.cache;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Hears, for one request, what its reads cost and what they read; the service hands
 * {@link ReadThrough} the recorder of the request's {@code QueryCost}. Called from any thread the
 * request's loads run on: implementations MUST be thread safe, and MUST NOT throw.
 */
public interface ReadRecorder {

    /** Hears nothing: for reads whose cost nobody looks at (tests, tools). */
    ReadRecorder NONE = new ReadRecorder() {
        @Override
        public void hits(int count) {
        }

        @Override
        public void misses(int count) {
        }

        @Override
        public void upstreamCall() {
        }

        @Override
        public void staleServed(int count) {
        }

        @Override
        public void readShared(Instant freshUntil) {
        }

        @Override
        public void readUnshared() {
        }
    };

    /** Entries found fresh. */
    void hits(int count);

    /** Entries not found, or not fresh. */
    void misses(int count);

    /** One call made to the {@code PlaylistPort} (it may be a batch). */
    void upstreamCall();

    /** Entries served past their freshness because the music service was failing. */
    void staleServed(int count);

    /** Something the same for every caller was read, fresh until {@code freshUntil}. */
    void readShared(Instant freshUntil);

    /**
     * Something was read that depends on who asks, or that is never cached (an id the music service does
     * not know).
     */
    void readUnshared();

    /**
     * One cache round trip of a read: the keys asked for and the bytes of those found (absent: nothing
     * there). Heard only by a request that keeps what it read ({@link EntriesRead}); the bytes MUST NOT be
     * changed or kept past the request.
     */
    default void entriesRead(Collection<String> keys, Map<String, byte[]> found) {
    }
}
