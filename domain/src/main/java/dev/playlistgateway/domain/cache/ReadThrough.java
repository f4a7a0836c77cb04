package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.port.CacheObserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The read-through engine, the same for every kind of data: one cache round trip for all keys of a
 * {@link Read}; fresh entries are hits; for the misses a {@link SingleFlight} claim (keys another
 * request is loading are joined, not loaded again; keys another gateway instance is loading are waited
 * for and read from the cache), a second cache read if a flight landed since the first, upstream calls
 * only for what is still missing, and what they bring stored (unless the
 * {@link ChangeCounter} says a change began since they started) and handed to those who joined.
 * Entries past their freshness but within the stale grace are served when the port answers
 * RATE_LIMITED or UPSTREAM_UNAVAILABLE. Each request's {@link ReadRecorder} hears what its reads cost
 * and what they read; the {@link CacheObserver} hears the same for metrics.
 *
 * <p>Thread safe; one instance serves all requests. Failures of upstream calls come back per id in
 * {@link Loaded#failures()}, always as {@link MusicDataException}.
 */
public final class ReadThrough {

    private final EntryStore store;
    private final Executor upstreamExecutor;
    private final CacheObserver observer;
    private final SingleFlight flights;
    private final ChangeCounter changes;

    /**
     * @param store            where entries are kept
     * @param upstreamExecutor runs the upstream calls of one read in parallel ({@code Runnable::run}: one
     *                         after another)
     * @param observer         hears hits, misses, upstream calls, joins and stale serves for metrics
     * @param flights          collapses concurrent loads of one key
     * @param changes          tells whether a change began while a load was on its way
     */
    public ReadThrough(EntryStore store, Executor upstreamExecutor, CacheObserver observer, SingleFlight flights,
                       ChangeCounter changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.upstreamExecutor = Objects.requireNonNull(upstreamExecutor, "upstreamExecutor");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.flights = Objects.requireNonNull(flights, "flights");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** The values of {@code ids}, from the cache where fresh, else from upstream; each id's failure is its own. */
    public <I, V> Loaded<I, V> read(Read<I, V> read, Collection<I> ids, ReadRecorder cost) {
        Map<I, EntryCodec.Entry<V>> shared = freshSharedCopies(read, ids, cost);
        List<I> rest = ids.stream().filter(id -> !shared.containsKey(id)).distinct().toList();
        Loaded<I, V> own = rest.isEmpty() ? Loaded.none() : new Pass<>(read, rest, cost).run();
        if (shared.isEmpty()) {
            return own;
        }
        Map<I, V> values = new HashMap<>(own.values());
        shared.forEach((id, entry) -> {
            values.put(id, entry.value());
            cost.readShared(entry.freshUntil());
        });
        cost.hits(shared.size());
        observer.hits(read.kind().tag(), shared.size());
        return new Loaded<>(values, own.failures());
    }

    /**
     * One upstream call outside a read (a change to a playlist), counted like the reads' calls. A port
     * that breaks its contract by throwing anything but {@link MusicDataException} fails as UPSTREAM_UNAVAILABLE.
     */
    public <T> T call(DataKind kind, ReadRecorder cost, Supplier<T> call) {
        cost.upstreamCall();
        observer.upstreamCall(kind.tag());
        try {
            return call.get();
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            // A port broke its contract; do not let its exception type leak to callers.
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "The music service failed", e);
        }
    }

    private <I, V> Map<I, EntryCodec.Entry<V>> freshSharedCopies(Read<I, V> read, Collection<I> ids, ReadRecorder cost) {
        if (!read.hasSharedCopy() || ids.isEmpty()) {
            return Map.of();
        }
        Map<String, I> byKey = new LinkedHashMap<>();
        ids.forEach(id -> byKey.put(read.sharedCopyKeyOf(id), id));
        Instant now = store.now();
        Map<I, EntryCodec.Entry<V>> fresh = new HashMap<>();
        store.getAll(byKey.keySet(), read.codec(), cost).forEach((key, entry) -> {
            if (entry.isFreshAt(now)) {
                fresh.put(byKey.get(key), entry);
            }
        });
        return fresh;
    }

    /** One read of some ids under their own keys: what it found, loaded and failed, and what it cost. */
    private final class Pass<I, V> {
        private final Read<I, V> read;
        private final ReadRecorder cost;
        private final String kind;
        private final Map<String, I> byKey = new LinkedHashMap<>();
        private final Map<I, V> values = new ConcurrentHashMap<>();
        private final Map<I, Instant> hitsFreshUntil = new ConcurrentHashMap<>();
        private final Map<I, V> staleCopies = new HashMap<>();
        private final Map<I, MusicDataException> failures = new ConcurrentHashMap<>();
        private int joined;

        Pass(Read<I, V> read, Collection<I> ids, ReadRecorder cost) {
            this.read = read;
            this.cost = cost;
            this.kind = read.kind().tag();
            ids.forEach(id -> byKey.put(read.keyOf(id), id));
        }

        Loaded<I, V> run() {
            long landedBeforeRead = flights.landed();
            Instant readAt = store.now();
            List<String> missing = lookUp();
            if (!missing.isEmpty()) {
                SingleFlight.Claim<V> claim = flights.claim(missing);
                try {
                    Set<String> toLoad = new LinkedHashSet<>(claim.mine());
                    if (!toLoad.isEmpty() && (flights.landed() != landedBeforeRead || claim.mayHaveLandedElsewhere())) {
                        // Another request's flight landed since our read, and may have stored what we missed:
                        // without this second look we would fetch it again (16 requests made 783 calls, not 50).
                        lookAgain(toLoad, claim);
                    }
                    loadUpstream(toLoad, claim);
                    awaitElsewhere(claim);
                } finally {
                    claim.release();
                }
                awaitTheirs(claim);
                if (joined > 0) {
                    observer.singleFlightJoins(kind, joined);
                }
            }
            recordReads(readAt);
            return new Loaded<>(values, failures);
        }

        /** The first cache read: fresh entries are hits; the keys of the rest are returned. */
        private List<String> lookUp() {
            Map<String, EntryCodec.Entry<V>> found = store.getAll(byKey.keySet(), read.codec(), cost);
            Instant now = store.now();
            List<String> missing = new ArrayList<>();
            byKey.forEach((key, id) -> {
                EntryCodec.Entry<V> entry = found.get(key);
                if (entry != null && entry.isFreshAt(now)) {
                    values.put(id, entry.value());
                    hitsFreshUntil.put(id, entry.freshUntil());
                } else {
                    if (entry != null && store.withinStaleGrace(entry, now)) {
                        staleCopies.put(id, entry.value());
                    }
                    missing.add(key);
                }
            });
            int hits = byKey.size() - missing.size();
            cost.hits(hits);
            cost.misses(missing.size());
            observer.hits(kind, hits);
            observer.misses(kind, missing.size());
            return missing;
        }

        /** Takes what another flight stored for our claimed keys; those are joined, not loaded. */
        private void lookAgain(Set<String> toLoad, SingleFlight.Claim<V> claim) {
            Map<String, EntryCodec.Entry<V>> again = store.getAll(toLoad, read.codec(), cost);
            Instant now = store.now();
            for (String key : List.copyOf(toLoad)) {
                EntryCodec.Entry<V> entry = again.get(key);
                if (entry != null && entry.isFreshAt(now)) {
                    values.put(byKey.get(key), entry.value());
                    hitsFreshUntil.put(byKey.get(key), entry.freshUntil());
                    claim.complete(key, entry.value());
                    toLoad.remove(key);
                    joined++;
                }
            }
        }

        /**
         * Keys another instance loads: once its flight lands, the cache has them; what it does not have
         * (that instance failed or died, or upstream does not know the id) this read loads itself.
         */
        private void awaitElsewhere(SingleFlight.Claim<V> claim) {
            for (Set<String> landed = claim.awaitElsewhere(); !landed.isEmpty(); landed = claim.awaitElsewhere()) {
                Set<String> stillMissing = new LinkedHashSet<>(landed);
                lookAgain(stillMissing, claim);
                if (!stillMissing.isEmpty()) {
                    loadUpstream(claim.takeOver(stillMissing), claim);
                }
            }
        }

        private void loadUpstream(Set<String> toLoad, SingleFlight.Claim<V> claim) {
            if (toLoad.isEmpty()) {
                return; // every miss was joined or found on the second look: a call for no ids would cost one for nothing
            }
            List<I> load = toLoad.stream().map(byKey::get).toList();
            List<Runnable> calls = new ArrayList<>();
            for (List<I> group : read.calls(load)) {
                calls.add(() -> loadGroup(group, claim));
            }
            runAll(calls);
        }

        /** One upstream call for claimed keys; hands each key's value or failure to whoever joined it. */
        private void loadGroup(List<I> group, SingleFlight.Claim<V> claim) {
            try {
                ChangeCounter.Mark began = changes.mark();
                Map<I, V> fetched = call(read.kind(), cost, () -> read.load(group));
                Map<String, V> byFetchedKey = new HashMap<>();
                fetched.forEach((id, value) -> {
                    if (value != null) {
                        byFetchedKey.put(read.keyOf(id), value);
                    }
                });
                store.putRead(read.kind(), read.codec(), byFetchedKey, began);
                for (I id : group) {
                    String key = read.keyOf(id);
                    V value = byFetchedKey.get(key);
                    if (value != null) {
                        values.put(id, value);
                    }
                    claim.complete(key, value);
                }
            } catch (MusicDataException e) {
                for (I id : group) {
                    claim.fail(read.keyOf(id), e);
                    failOrServeStale(id, e);
                }
            }
        }

        private void awaitTheirs(SingleFlight.Claim<V> claim) {
            for (String key : claim.theirs()) {
                I id = byKey.get(key);
                try {
                    V value = claim.await(key);
                    if (value != null) {
                        values.put(id, value);
                    }
                    joined++;
                } catch (MusicDataException e) {
                    failOrServeStale(id, e);
                }
            }
        }

        /** A failed read of one id: its stale copy when the failure is transient and there is one, else the failure. */
        private void failOrServeStale(I id, MusicDataException e) {
            V stale = staleCopies.get(id);
            if (stale != null && isTransient(e)) {
                values.put(id, stale);
                cost.staleServed(1);
                observer.staleServed(kind, 1);
            } else {
                failures.put(id, e);
            }
        }

        /**
         * Tells the request's cost what it read: each value either the same for every caller, with the
         * instant until which it is fresh, or not. A value found fresh in the cache is fresh until its entry
         * says; one loaded upstream or joined from another request's load was stored after this read began,
         * so {@code readAt} plus the kind's TTL is a lower bound for it. An id nobody knows is a negative
         * result, which is never cached: it counts as not shared.
         */
        private void recordReads(Instant readAt) {
            Instant loadedFreshUntil = store.freshUntilIfStoredAt(read.kind(), readAt);
            for (I id : byKey.values()) {
                V value = values.get(id);
                if (value == null) {
                    if (!failures.containsKey(id)) {
                        cost.readUnshared();
                    }
                } else if (read.isSameForEveryone(id, value)) {
                    cost.readShared(hitsFreshUntil.getOrDefault(id, loadedFreshUntil));
                } else {
                    cost.readUnshared();
                }
            }
        }
    }

    /** Throttling and outages are worth riding out with stale data; NOT_FOUND or FORBIDDEN are not. */
    private static boolean isTransient(MusicDataException e) {
        return e.failure() == Failure.RATE_LIMITED || e.failure() == Failure.UPSTREAM_UNAVAILABLE;
    }

    private void runAll(List<Runnable> calls) {
        if (calls.size() == 1) {
            calls.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> futures = calls.stream()
                .map(call -> CompletableFuture.runAsync(call, upstreamExecutor)).toList();
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
