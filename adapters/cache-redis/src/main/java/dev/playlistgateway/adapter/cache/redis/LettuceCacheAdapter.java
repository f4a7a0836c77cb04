package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link dev.playlistgateway.domain.port.CachePort} on one Lettuce connection (standalone or cluster).
 *
 * <ul>
 *   <li>{@code get} is GET, {@code getAll} one MGET (on a cluster Lettuce splits it by slot, one
 *       round trip per node, in parallel), {@code put} is SET PX, {@code putAll} one SET PX per key
 *       written back to back on the connection (pipelined) and awaited together, {@code delete}
 *       is UNLINK. Every write carries its TTL in the same command: no key is ever without expiry.</li>
 *   <li>Every call waits at most {@code commandTimeout} in all; anything that goes wrong with Redis
 *       is a miss or a dropped write, reported to the {@link FailureGate} which then keeps calls
 *       away from Redis for the back-off window.</li>
 * </ul>
 * Thread-safe: Lettuce connections are, and the adapter keeps no other mutable state.
 */
final class LettuceCacheAdapter implements RedisCache {

    private final Link link;
    private final String prefix;
    private final Duration commandTimeout;
    private final FailureGate gate;
    private volatile boolean closed;

    LettuceCacheAdapter(Link link, RedisCacheSettings settings, FailureGate gate) {
        this.link = link;
        this.prefix = settings.keyPrefix();
        this.commandTimeout = settings.commandTimeout();
        this.gate = gate;
    }

    @Override
    public Optional<byte[]> get(String key) {
        String stored = prefixed(key);
        return Optional.ofNullable(call("GET", api -> api.strings().get(stored), null));
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<String, byte[]> found = new HashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        String[] stored = new String[distinct.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = prefixed(distinct.get(i));
        }
        List<KeyValue<String, byte[]>> values = call("MGET", api -> api.strings().mget(stored), List.of());
        // MGET answers in the order asked, on a cluster too (Lettuce reassembles the per-slot parts).
        for (int i = 0; i < values.size() && i < stored.length; i++) {
            KeyValue<String, byte[]> value = values.get(i);
            if (value.hasValue()) {
                found.put(distinct.get(i), value.getValue());
            }
        }
        return found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        String stored = prefixed(key);
        Objects.requireNonNull(value, "value");
        SetArgs expiry = SetArgs.Builder.px(ttlMillis(ttl));
        call("SET", api -> api.strings().set(stored, value, expiry), null);
    }

    @Override
    public void putAll(Map<String, byte[]> entries, Duration ttl) {
        Objects.requireNonNull(entries, "entries");
        SetArgs expiry = SetArgs.Builder.px(ttlMillis(ttl));
        List<Map.Entry<String, byte[]>> writes = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> writes.add(Map.entry(prefixed(key), Objects.requireNonNull(value, "value"))));
        if (writes.isEmpty()) {
            return;
        }
        callAll("SET (" + writes.size() + " keys)", api -> {
            List<RedisFuture<String>> sent = new ArrayList<>(writes.size());
            for (Map.Entry<String, byte[]> write : writes) {
                sent.add(api.strings().set(write.getKey(), write.getValue(), expiry));
            }
            return sent;
        });
    }

    @Override
    public void delete(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        String[] stored = new LinkedHashSet<>(keys).stream().map(this::prefixed).toArray(String[]::new);
        if (stored.length == 0) {
            return;
        }
        call("UNLINK", api -> api.keys().unlink(stored), null);
    }

    @Override
    public boolean isAvailable() {
        return !closed && !gate.isFailing() && link.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        link.close();
    }

    private String prefixed(String key) {
        Objects.requireNonNull(key, "key");
        return prefix + key;
    }

    /** Whole milliseconds for PX, rounded up so that a positive TTL never becomes 0 (which Redis refuses). */
    private static long ttlMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        long millis = ttl.toMillis();
        return ttl.minusMillis(millis).isZero() ? millis : millis + 1;
    }

    /** One command: its result, or {@code fallback} for any Redis trouble. */
    private <T> T call(String operation, Function<Link.Api, RedisFuture<T>> command, T fallback) {
        List<T> results = callAll(operation, api -> List.of(command.apply(api)));
        return results == null ? fallback : results.get(0);
    }

    /**
     * Sends commands on the connection (Lettuce writes them back to back: a pipeline) and waits for
     * all of them within one command timeout in total. Null for any Redis trouble, never an exception.
     */
    private <T> List<T> callAll(String operation, Function<Link.Api, List<RedisFuture<T>>> commands) {
        if (closed || !gate.tryAcquire()) {
            return null;
        }
        long deadline = System.nanoTime() + commandTimeout.toNanos();
        List<RedisFuture<T>> sent = List.of();
        try {
            Link.Api api = link.get();
            if (api == null) {
                // Not connected yet: a miss, without waiting. A failed attempt reports itself to the gate.
                gate.release();
                return null;
            }
            sent = commands.apply(api);
            List<T> results = new ArrayList<>(sent.size());
            for (RedisFuture<T> future : sent) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            gate.success();
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gate.release();
            return null;
        } catch (ExecutionException e) {
            gate.failure(operation, e.getCause() == null ? e : e.getCause());
            return null;
        } catch (TimeoutException e) {
            sent.forEach(future -> future.cancel(false));
            gate.failure(operation, new TimeoutException("no answer within " + commandTimeout));
            return null;
        } catch (RuntimeException e) {
            // Lettuce may also throw synchronously (rejected while disconnected, connection closed).
            gate.failure(operation, e);
            return null;
        }
    }
}
