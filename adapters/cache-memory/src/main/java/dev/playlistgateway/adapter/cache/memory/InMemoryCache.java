package dev.playlistgateway.adapter.cache.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.domain.port.CachePort;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Makes the in-memory {@link CachePort}. The adapter class itself is package-private: callers
 * depend on the port, not on Caffeine.
 */
public final class InMemoryCache {

    /** Default bound: 64 MiB of keys and values, a few hundred thousand tracks. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private InMemoryCache() {
    }

    /** A cache holding at most {@code maxBytes} of keys and values (least recently used go first). */
    public static CachePort create(long maxBytes) {
        return new CaffeineCacheAdapter(maxBytes, Ticker.systemTicker());
    }

    /**
     * {@code primary} (a shared store such as Redis) with an in-memory cache of at most {@code maxBytes}
     * behind it, used while the primary is unavailable (see {@link FallbackCache}).
     */
    public static CachePort asFallbackFor(CachePort primary, long maxBytes) {
        return new FallbackCache(primary, create(maxBytes));
    }

    /**
     * As {@link #create(long)}, with a clock the caller drives (tests of expiry): {@code nanoTime} reads
     * like {@link System#nanoTime()}, only differences between its readings count.
     */
    public static CachePort create(long maxBytes, LongSupplier nanoTime) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        Ticker ticker = nanoTime::getAsLong;
        return new CaffeineCacheAdapter(maxBytes, ticker);
    }
}
