package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.EntriesRead;
import dev.playlistgateway.domain.cache.ReadRecorder;
import dev.playlistgateway.domain.cache.ReadStamps;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
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
    private final EntriesRead entriesRead;

    /** A ledger that counts, and keeps no record of which entries were read. */
    public QueryCost() {
        this(null);
    }

    private QueryCost(EntriesRead entriesRead) {
        this.entriesRead = entriesRead;
    }

    /**
     * A ledger that also keeps which cache entries the request read and what they held
     * ({@link #entriesRead()}), for a request that began at {@code startedAt}.
     */
    public static QueryCost keepingEntriesRead(Instant startedAt) {
        return new QueryCost(new EntriesRead(startedAt));
    }

    /**
     * The ledger of an answer given again from a response cache: the cost it reports is the cost of the
     * execution it replays ({@code hits} hits, no misses, no upstream calls), and {@code sharedFreshUntil}
     * is that execution's {@link #sharedFreshUntil()}.
     */
    public static QueryCost replaying(int hits, Optional<Instant> sharedFreshUntil) {
        QueryCost cost = new QueryCost();
        cost.hits.set(hits);
        sharedFreshUntil.ifPresentOrElse(cost.freshUntil::set, () -> cost.unshared.set(true));
        return cost;
    }

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

        @Override
        public void entriesRead(Collection<String> keys, Map<String, byte[]> found) {
            if (entriesRead != null) {
                entriesRead.read(keys, found);
            }
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

    /**
     * The stamps of the cache entries this request read, if it kept them ({@link #keepingEntriesRead}) and
     * saw none of them change while it ran. Call it once the request is done.
     */
    public Optional<ReadStamps> entriesRead() {
        return entriesRead == null ? Optional.empty() : Optional.ofNullable(entriesRead.stamps());
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
