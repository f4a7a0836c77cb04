package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;

import java.util.Collection;
import java.util.Collections;
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
 * {@link SingleFlight} within one process: a future per key in flight. Joiners get the value the
 * claimer hands over, with no cache read.
 */
final class InProcessSingleFlight implements SingleFlight {

    /** What a flight produced for one key: the value, or null when upstream does not know the key. */
    private final ConcurrentMap<String, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();
    private final AtomicLong landed = new AtomicLong();

    @Override
    public long landed() {
        return landed.get();
    }

    @Override
    public <V> Claim<V> claim(Collection<String> keys) {
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
        return new LocalClaim<>(mine, theirs);
    }

    private final class LocalClaim<V> implements Claim<V> {
        private final Map<String, CompletableFuture<Object>> mine;
        private final Map<String, CompletableFuture<Object>> theirs;
        private boolean released;

        private LocalClaim(Map<String, CompletableFuture<Object>> mine, Map<String, CompletableFuture<Object>> theirs) {
            this.mine = mine;
            this.theirs = theirs;
        }

        @Override
        public Set<String> mine() {
            return Collections.unmodifiableSet(mine.keySet());
        }

        @Override
        public Set<String> theirs() {
            return Collections.unmodifiableSet(theirs.keySet());
        }

        @Override
        public void complete(String key, V value) {
            mine.get(key).complete(value);
        }

        @Override
        public void fail(String key, Throwable failure) {
            mine.get(key).completeExceptionally(failure);
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            mine.values().forEach(flight -> flight.completeExceptionally(
                    new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "The music service failed")));
            if (!mine.isEmpty()) {
                landed.incrementAndGet(); // before the keys are free: see SingleFlight
            }
            mine.forEach(flights::remove);
        }

        @Override
        @SuppressWarnings("unchecked") // a key names one kind of value, and only a Claim<V> completes it
        public V await(String key) {
            return (V) InProcessSingleFlight.await(theirs.get(key));
        }
    }

    private static Object await(CompletableFuture<Object> flight) {
        try {
            return flight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Upstream failed", cause);
        }
    }
}
