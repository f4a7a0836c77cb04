package dev.playlistgateway.domain.service;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one request cost: cache hits and misses, upstream calls, stale serves. One instance per
 * request, filled by the service from any thread, read once when the response is written (it is
 * shown to developers as {@code extensions.cache}).
 */
public final class QueryCost {
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final AtomicInteger stale = new AtomicInteger();
    private final AtomicInteger joined = new AtomicInteger();

    /** A cost nobody reads, for callers that do not report it. */
    public static QueryCost untracked() {
        return new QueryCost();
    }

    void hits(int n) {
        hits.addAndGet(n);
    }

    void misses(int n) {
        misses.addAndGet(n);
    }

    void upstreamCall() {
        upstreamCalls.incrementAndGet();
    }

    void staleServed(int n) {
        stale.addAndGet(n);
    }

    void joined(int n) {
        joined.addAndGet(n);
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

    /** Entries this request got from another request's upstream call rather than its own. */
    public int joinedFlights() {
        return joined.get();
    }

    @Override
    public String toString() {
        return "QueryCost[hits=" + hits + ", misses=" + misses + ", upstreamCalls=" + upstreamCalls
                + ", stale=" + stale + ", joined=" + joined + "]";
    }
}
