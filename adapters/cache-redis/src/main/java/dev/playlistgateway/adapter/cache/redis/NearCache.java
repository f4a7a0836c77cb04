package dev.playlistgateway.adapter.cache.redis;


import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Objects;

/**
 * A {@link RedisCache} with a small in-process tier in front: warm reads are answered from this
 * process's memory without a round trip to Redis. Values are held as the bytes Redis holds (the service
 * decodes them per read, as it does from the memory adapter).
 *
 * <p><b>Staleness bound:</b> a value is held at most {@link NearCacheSettings#ttl()} (and never longer
 * than the TTL it was written with). A write or delete through any instance is published on a Redis
 * pub/sub channel, and every other instance drops those keys when it hears it, usually within
 * milliseconds; if the channel is down, the TTL alone bounds how long another instance's change goes
 * unseen, and when the channel is back the whole near tier is dropped, since messages were lost.
 * A write or delete through this instance updates its own near tier at once.
 *
 * <p>Redis down: the near tier goes on answering what it holds, within the TTL; nothing throws
 * (the {@link dev.playlistgateway.domain.port.CachePort} contract). {@link #close()} closes the
 * near tier's connections and the Redis cache under it.
 */
public interface NearCache extends RedisCache {

    /** What the near tier did since it was made, for metrics. */
    record Stats(long hits, long misses, long invalidatedKeys, long flushes, long size, boolean channelUp) {
    }

    Stats stats();

    /**
     * A cache on the standalone Redis at {@code uri} (as {@link RedisCache#standalone(String, RedisCacheSettings,
     * MeterRegistry)}) with a near tier in front of it, invalidated through a channel on the same Redis
     * whose two connections come from the cache's own client. {@code meters} may be null.
     */
    static NearCache standalone(String uri, RedisCacheSettings redisSettings, NearCacheSettings settings, MeterRegistry meters) {
        Objects.requireNonNull(settings, "settings");
        RedisClients.Standalone redis = RedisClients.standalone(uri, redisSettings, meters);
        return NearTiers.overStandalone(redis.cache(), redis.client(), redis.uri(), redisSettings, settings);
    }

    /** As {@link #standalone}, on a Redis Cluster: a PUBLISH on any node reaches every node. */
    static NearCache cluster(List<String> uris, RedisCacheSettings redisSettings, NearCacheSettings settings, MeterRegistry meters) {
        Objects.requireNonNull(settings, "settings");
        RedisClients.Cluster redis = RedisClients.cluster(uris, redisSettings, meters);
        return NearTiers.overCluster(redis.cache(), redis.client(), redisSettings, settings);
    }
}
