package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.ReadRecorder;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one request cost (cache hits and misses, upstream calls, stale serves), and what it read:
 * whether all of it is the same for every caller, and until when all of it stays fresh. One instance
 * per request, filled by the service (and by callers for what they answer from the viewer alone) from
 * any thread, read once when the response is written: the cost is shown to developers as
 * {@code extensions.cache}, the freshness decides whether an HTTP cache may keep the answer.
 */
public final class QueryCost {
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final AtomicInteger stale = new AtomicInteger();
    private final AtomicReference<Instant> freshUntil = new AtomicReference<>(Instant.MAX);
    private final AtomicBoolean unshared = new AtomicBoolean();

    /** Where the caching policy writes what this request's reads cost and read. */
    private final ReadRecorder recorder = new ReadRecorder() {
        @Override
        public void hits(int count) {
            hits.addAndGet(count);
        }

        @Override
        public void misses(int count) {
            misses.addAndGet(count);
        }

        @Override
        public void upstreamCall() {
            upstreamCalls.incrementAndGet();
        }

        @Override
        public void staleServed(int count) {
            stale.addAndGet(count);
        }

        @Override
        public void readShared(Instant until) {
            Objects.requireNonNull(until, "until");
            freshUntil.accumulateAndGet(until, (a, b) -> a.isBefore(b) ? a : b);
        }

        @Override
        public void readUnshared() {
            unshared.set(true);
        }
    };

    /** For the service only: the caller reads the cost, never writes it (but {@link #dependsOnViewer()}). */
    ReadRecorder recorder() {
        return recorder;
    }

    /**
     * The answer depends on who asks though nothing personal was read: the caller's own id, say.
     * Callers mark it for what they answer from the viewer alone.
     */
    public void dependsOnViewer() {
        unshared.set(true);
    }

    /**
     * Until when everything this request read stays fresh, if all of it is the same for every caller
     * and none was served stale: an answer built from it alone may be kept by a shared cache until
     * then. {@link Instant#MAX} when the request read nothing (an answer from the schema alone); empty
     * when it read anything personal or stale, or was marked {@link #dependsOnViewer()}. Reads in
     * flight when this is called are not counted: call it once the request is done.
     */
    public Optional<Instant> sharedFreshUntil() {
        if (unshared.get() || stale.get() > 0) {
            return Optional.empty();
        }
        return Optional.of(freshUntil.get());
    }

    public int hits() {
        return hits.get();
    }

    public int misses() {
        return misses.get();
    }

    /** Calls made to the {@code PlaylistPort} for this request (each may be a batch). */
    public int upstreamCalls() {
        return upstreamCalls.get();
    }

    /** Entries served past their freshness because the music service was failing. */
    public int staleServed() {
        return stale.get();
    }

    @Override
    public String toString() {
        return "QueryCost[hits=" + hits + ", misses=" + misses + ", upstreamCalls=" + upstreamCalls
                + ", stale=" + stale + "]";
    }
}
