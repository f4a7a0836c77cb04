package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.model.MusicDataException;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Collapses concurrent loads of the same keys into one: a caller loads the keys nobody else is
 * loading (in one batch) and waits for the rest. Keys are full cache keys, which carry the user
 * for user-scoped data, so callers never share another user's load.
 *
 * <p>Deadlock-free: a caller finishes its own loads before it waits on anybody else's.
 */
final class SingleFlight {

    /** What a flight produced for one key: the value, or null when upstream does not know the key. */
    private final ConcurrentMap<String, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();

    /** Result of {@link #load}: the values found, and how many keys were joined rather than loaded. */
    record Outcome<V>(Map<String, V> values, int joined) {
    }

    @SuppressWarnings("unchecked")
    <V> Outcome<V> load(Collection<String> keys, Function<Set<String>, Map<String, V>> loader) {
        Map<String, CompletableFuture<Object>> mine = new LinkedHashMap<>();
        Map<String, CompletableFuture<Object>> theirs = new LinkedHashMap<>();
        for (String key : keys) {
            CompletableFuture<Object> flight = new CompletableFuture<>();
            CompletableFuture<Object> running = flights.putIfAbsent(key, flight);
            if (running == null) {
                mine.put(key, flight);
            } else {
                theirs.put(key, running);
            }
        }
        Map<String, V> values = new HashMap<>();
        if (!mine.isEmpty()) {
            try {
                Map<String, V> loaded = loader.apply(mine.keySet());
                mine.forEach((key, flight) -> flight.complete(loaded.get(key)));
                loaded.forEach((key, value) -> {
                    if (mine.containsKey(key) && value != null) {
                        values.put(key, value);
                    }
                });
            } catch (RuntimeException | Error e) {
                mine.values().forEach(flight -> flight.completeExceptionally(e));
                throw e;
            } finally {
                mine.forEach(flights::remove);
            }
        }
        for (Map.Entry<String, CompletableFuture<Object>> joined : theirs.entrySet()) {
            Object value = await(joined.getValue());
            if (value != null) {
                values.put(joined.getKey(), (V) value);
            }
        }
        return new Outcome<>(values, theirs.size());
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
