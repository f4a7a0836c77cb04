package dev.playlistgateway.adapter.cache.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How the near tier in front of Redis behaves. {@link #defaults()} suits a fleet of gateways on one Redis.
 *
 * @param ttl      the longest this instance holds a value it read from Redis (default 5 s): the bound on
 *                 how long it may serve a value another instance changed, even while the invalidation
 *                 channel is down. A value this instance wrote is held at most its own TTL too
 * @param maxBytes the heap the near tier may take, keys and values and their bookkeeping (default 32 MiB);
 *                 least recently used go first
 * @param channel  the Redis pub/sub channel invalidations travel on (default {@value #DEFAULT_CHANNEL}):
 *                 every instance that shares the cache's keys must use the same one, gateways sharing a
 *                 Redis with other key prefixes another
 */
public record NearCacheSettings(Duration ttl, long maxBytes, String channel) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    public static final String DEFAULT_CHANNEL = "pgw:near:invalidations";

    public NearCacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(channel, "channel");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (ttl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("ttl is the staleness bound across instances: at most 1 minute, was " + ttl);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
    }

    public static NearCacheSettings defaults() {
        return new NearCacheSettings(DEFAULT_TTL, DEFAULT_MAX_BYTES, DEFAULT_CHANNEL);
    }

    /** The channel for a cache whose keys start with {@code keyPrefix}: instances sharing keys share it. */
    public static String channelFor(String keyPrefix) {
        return keyPrefix + "near:invalidations";
    }

    public NearCacheSettings withTtl(Duration value) {
        return new NearCacheSettings(value, maxBytes, channel);
    }

    public NearCacheSettings withMaxBytes(long value) {
        return new NearCacheSettings(ttl, value, channel);
    }

    public NearCacheSettings withChannel(String value) {
        return new NearCacheSettings(ttl, maxBytes, value);
    }
}
