package dev.playlistgateway.app.security.session;

import dev.playlistgateway.adapter.cache.memory.InMemoryCache;
import dev.playlistgateway.domain.port.CachePort;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sessions in this process's memory: the default. They end with the process and are not shared
 * between instances. Kept in the in-memory cache adapter (Caffeine: per-entry expiry, bounded by
 * bytes), so expiry and the bound are not written again here; at the bound the least used
 * sessions go first, and their users sign in again. Thread safe; never unavailable. Replacing and
 * deleting hold one lock, so a replace cannot bring back what a delete removed.
 */
final class InMemorySessionStore implements SessionStore {
    /** 32 MiB: a sealed session is well under 1 KB, so hundreds of thousands of sessions. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final CachePort entries;

    InMemorySessionStore(long maxBytes) {
        this.entries = InMemoryCache.create(maxBytes);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, value.getBytes(StandardCharsets.UTF_8), ttl);
    }

    @Override
    public synchronized boolean replace(String key, @Nullable String expected, String value, Duration ttl) {
        Optional<String> current = get(key);
        if (current.isEmpty() || (expected != null && !expected.equals(current.get()))) {
            return false;
        }
        put(key, value, ttl);
        return true;
    }

    @Override
    public Optional<String> get(String key) {
        return entries.get(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void delete(String key) {
        entries.delete(List.of(key));
    }
}
