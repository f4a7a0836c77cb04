package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.model.MusicDataException;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collapses concurrent loads of the same keys into one: a caller {@linkplain #claim claims} the keys
 * nobody else is loading, loads them, and waits for the rest. Keys are full cache keys, which carry
 * the user for user-scoped data, so callers never share another user's load.
 *
 * <p>Deadlock-free: a caller finishes (or abandons, in {@link Claim#release()}) its own loads before it
 * waits on anybody else's, and a key is only ever claimed by a caller that is loading it.
 *
 * <p>A caller that read the cache, missed, and claimed a key only after another caller's flight for it
 * had landed would load it a second time. {@link #landed()} lets it notice: the count moves (after the
 * loader stored its values, before the key is free to claim again) whenever a flight lands, so a caller
 * that sees it moved since its cache read reads the cache again for what it claimed.
 */
final class SingleFlight {

    /** What a flight produced for one key: the value, or null when upstream does not know the key. */
    private final ConcurrentMap<String, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();
    private final AtomicLong landed = new AtomicLong();


    /** Moves whenever a claim is released; read it before a cache read, compare after claiming. */
    long landed() {
        return landed.get();
    }

    /** Claims the keys nobody is loading and joins the flights of the others. */
    Claim claim(Collection<String> keys) {
        Map<String, CompletableFuture<Object>> mine = new LinkedHashMap<>();
        Map<String, CompletableFuture<Object>> theirs = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(keys)) {
            CompletableFuture<Object> flight = new CompletableFuture<>();
            CompletableFuture<Object> running = flights.putIfAbsent(key, flight);
            if (running == null) {
                mine.put(key, flight);
            } else {
                theirs.put(key, running);
            }
        }
        return new Claim(mine, theirs);
    }

    /**
     * The keys of one caller: those it must load ({@link #mine()}), completing each, and those it joined
     * ({@link #theirs()}), read with {@link #await}. {@link #release()} MUST be called, in a finally,
     * before awaiting anything.
     */
    final class Claim {
        private final Map<String, CompletableFuture<Object>> mine;
        private final Map<String, CompletableFuture<Object>> theirs;
        private boolean released;

        private Claim(Map<String, CompletableFuture<Object>> mine, Map<String, CompletableFuture<Object>> theirs) {
            this.mine = mine;
            this.theirs = theirs;
        }

        Set<String> mine() {
            return Collections.unmodifiableSet(mine.keySet());
        }

        Set<String> theirs() {
            return Collections.unmodifiableSet(theirs.keySet());
        }

        /** Hands the value (null: upstream does not know the key) to everyone waiting on a claimed key. */
        void complete(String key, Object value) {
            mine.get(key).complete(value);
        }

        /** Hands the failure to everyone waiting on a claimed key. */
        void fail(String key, Throwable failure) {
            mine.get(key).completeExceptionally(failure);
        }

        /** Ends this caller's flights: any claimed key not completed fails, and all may be claimed again. */
        void release() {
            if (released) {
                return;
            }
            released = true;
            mine.values().forEach(flight -> flight.completeExceptionally(new MusicDataException(
                    MusicDataException.Failure.UPSTREAM_UNAVAILABLE, "The music service failed")));
            if (!mine.isEmpty()) {
                landed.incrementAndGet(); // before the keys are free: see the class comment
            }
            mine.forEach(flights::remove);
        }

        /** What another caller's flight produced for a joined key: the value, null, or its failure thrown. */
        Object await(String key) {
            return SingleFlight.await(theirs.get(key));
        }
    }

    private static Object await(CompletableFuture<Object> flight) {
        try {
            return flight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MusicDataException(MusicDataException.Failure.UPSTREAM_UNAVAILABLE, "Interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new MusicDataException(MusicDataException.Failure.UPSTREAM_UNAVAILABLE, "Upstream failed", cause);
        }
    }
}
