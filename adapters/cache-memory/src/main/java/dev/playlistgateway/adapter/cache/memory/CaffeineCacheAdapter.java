package dev.playlistgateway.adapter.cache.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.domain.port.CachePort;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CachePort} in this process's memory: Caffeine, bounded by the heap its entries take (values,
 * keys and the bookkeeping around them, see {@link #heapBytes}), with each entry expiring after the
 * TTL it was written with. Cannot fail: it never throws for store trouble because there is none.
 */
final class CaffeineCacheAdapter implements CachePort {

    /**
     * What an entry costs on the heap besides its value's bytes and its key's characters: Caffeine's
     * node (size- and expiry-bounded), the ConcurrentHashMap node and table slot, the {@link Stored}
     * record, the headers of the value array and of the key String and its array, alignment padding.
     * Measured on JDK 17 (compressed oops), Caffeine 3.2 ({@code CaffeineCacheAdapterFootprintTest}): a
     * track (31-character key) takes 221 bytes more than its value, an items page (73 characters) 291.
     */
    static final int ENTRY_OVERHEAD_BYTES = 192;

    private record Stored(byte[] value, long ttlNanos) {
    }

    private final Cache<String, Stored> entries;

    CaffeineCacheAdapter(long maxBytes, Ticker ticker) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Stored stored) -> saturatedInt(heapBytes(key, stored.value())))
                .expireAfter(new Expiry<String, Stored>() {
                    @Override
                    public long expireAfterCreate(String key, Stored stored, long now) {
                        return stored.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Stored stored, long now, long remaining) {
                        return stored.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Stored stored, long now, long remaining) {
                        return remaining;
                    }
                })
                .ticker(ticker)
                .recordStats()
                .build();
    }

    /**
     * The heap one entry takes, never less than it really does, so that {@code maxBytes} bounds the
     * heap: two bytes per key character (a key outside Latin-1 takes two; an ASCII key one, and the
     * other byte covers its String's share of the overhead), the value's bytes, {@link #ENTRY_OVERHEAD_BYTES}.
     */
    static long heapBytes(String key, byte[] value) {
        return 2L * key.length() + value.length + ENTRY_OVERHEAD_BYTES;
    }

    private static int saturatedInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        Stored stored = entries.getIfPresent(key);
        return stored == null ? Optional.empty() : Optional.of(stored.value());
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Map<String, byte[]> found = new HashMap<>();
        entries.getAllPresent(keys).forEach((key, stored) -> found.put(key, stored.value()));
        return found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        entries.put(key, new Stored(value, ttlNanos(ttl)));
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        long nanos = ttlNanos(ttl);
        Map<String, Stored> stored = new HashMap<>();
        values.forEach((key, value) -> stored.put(Objects.requireNonNull(key, "key"),
                new Stored(Objects.requireNonNull(value, "value"), nanos)));
        entries.putAll(stored);
    }

    @Override
    public void delete(Collection<String> keys) {
        entries.invalidateAll(keys);
    }

    /** Entries held now (after pending maintenance), for metrics and tests. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private static long ttlNanos(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return ttl.toNanos();
    }
}
