package dev.playlistgateway.adapter.cache.memory;

import dev.playlistgateway.domain.port.CachePort;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A shared store (Redis) with this process's memory behind it: while the primary is unavailable,
 * reads and writes go to memory instead of missing and being dropped, so a Redis outage does not
 * send every repeated query upstream. Deletes go to both stores, but a delete made while the
 * primary is unreachable cannot reach it: when it returns, its older entry is served until its
 * TTL ends (docs/operations.md says so).
 *
 * <p>{@link #isAvailable()} reports the primary's state: health shows the shared store as it is,
 * although reads keep working through the fallback.
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
        if (primary.isAvailable()) {
            Optional<byte[]> found = primary.get(key);
            if (found.isPresent() || primary.isAvailable()) {
                return found;
            }
        }
        return fallback.get(key); // the primary is down, or failed during this very call
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        if (primary.isAvailable()) {
            Map<String, byte[]> found = primary.getAll(keys);
            if (primary.isAvailable()) {
                return found;
            }
        }
        return fallback.getAll(keys);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (primary.isAvailable()) {
            primary.put(key, value, ttl);
            if (primary.isAvailable()) {
                return;
            }
        }
        fallback.put(key, value, ttl);
    }

    @Override
    public void putAll(Map<String, byte[]> entries, Duration ttl) {
        if (primary.isAvailable()) {
            primary.putAll(entries, ttl);
            if (primary.isAvailable()) {
                return;
            }
        }
        fallback.putAll(entries, ttl);
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
