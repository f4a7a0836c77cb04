package dev.playlistgateway.adapter.cache.memory;

import dev.playlistgateway.domain.port.CachePort;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shared store (Redis) with this process's memory behind it: while the primary is unavailable,
 * reads and writes go to memory instead of missing and being dropped, so a Redis outage does not
 * send every repeated query upstream. Deletes go to both stores, but a delete made while the
 * primary is unreachable cannot reach it: when it returns, its older entry is served until its
 * TTL ends (docs/operations.md says so).
 *
 * <p>Every call goes to the primary first, even while it is unavailable: a primary that backs off
 * (as the Redis cache does) answers at once without touching its store, and lets one call through
 * now and then as a probe. So the pair returns to the primary as soon as a probe finds it answering
 * again (with the Redis cache's defaults, within about a second), not only once something else has
 * made it available. After each call the primary's {@link CachePort#isAvailable()} says whether
 * the answer came from the store: if not, memory answers.
 *
 * <p>{@link #isAvailable()} reports the primary's state: health shows the shared store as it is,
 * although reads keep working through the fallback. Thread-safe if both stores are.
 */
final class FallbackCache implements CachePort {
    private final CachePort primary;
    private final CachePort fallback;

    FallbackCache(CachePort primary, CachePort fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<byte[]> found = primary.get(key);
        if (found.isPresent() || primary.isAvailable()) {
            return found;
        }
        return fallback.get(key); // the primary is down, or failed during this very call
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Map<String, byte[]> found = primary.getAll(keys);
        if (primary.isAvailable()) {
            return found;
        }
        List<String> missing = keys.stream().filter(key -> !found.containsKey(key)).toList();
        if (missing.isEmpty()) {
            return found;
        }
        Map<String, byte[]> all = new HashMap<>(found);
        all.putAll(fallback.getAll(missing));
        return all;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        primary.put(key, value, ttl);
        if (!primary.isAvailable()) {
            fallback.put(key, value, ttl);
        }
    }

    @Override
    public void putAll(Map<String, byte[]> entries, Duration ttl) {
        primary.putAll(entries, ttl);
        if (!primary.isAvailable()) {
            fallback.putAll(entries, ttl);
        }
    }

    @Override
    public void delete(Collection<String> keys) {
        primary.delete(keys);
        fallback.delete(keys);
    }

    @Override
    public boolean isAvailable() {
        return primary.isAvailable();
    }
}
