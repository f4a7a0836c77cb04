package dev.playlistgateway.adapter.cache.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;

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
     * A near tier over {@code redis}, a cache on a standalone Redis; the invalidation channel's two
     * connections are made from {@code client} (the one {@code redis} was made with) and {@code uri}.
     * The client stays its owner's; {@code redisSettings} are {@code redis}'s (connect timeout, log interval).
     */
    static NearCache standalone(RedisCache redis, RedisClient client, RedisURI uri, RedisCacheSettings redisSettings,
                                NearCacheSettings settings) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(redisSettings, "redisSettings");
        Objects.requireNonNull(settings, "settings");
        // The URI's own timeout bounds each (re)connection's handshake: 60 s unless set.
        RedisURI bounded = RedisURI.builder(uri).withTimeout(redisSettings.connectTimeout()).build();
        return new NearTier(redis, settings, listener -> new PubSubInvalidations(settings.channel(), listener, client,
                () -> client.connectPubSubAsync(StringCodec.UTF8, bounded).toCompletableFuture(),
                () -> client.connectAsync(StringCodec.UTF8, bounded).toCompletableFuture().thenApply(connection ->
                        new PubSubInvalidations.PublishingConnection(connection.async()::publish, connection)),
                redisSettings.backoff(), redisSettings.failureLogInterval()), Ticker.systemTicker());
    }

    /** As {@link #standalone}, over a cache on a Redis Cluster: a PUBLISH on any node reaches every node. */
    static NearCache cluster(RedisCache redis, RedisClusterClient client, RedisCacheSettings redisSettings,
                             NearCacheSettings settings) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redisSettings, "redisSettings");
        Objects.requireNonNull(settings, "settings");
        // As for the cache's own connection: a new client must load the topology before connecting.
        return new NearTier(redis, settings, listener -> new PubSubInvalidations(settings.channel(), listener, client,
                () -> client.refreshPartitionsAsync().toCompletableFuture()
                        .thenCompose(ignored -> client.connectPubSubAsync(StringCodec.UTF8)),
                () -> client.refreshPartitionsAsync().toCompletableFuture()
                        .thenCompose(ignored -> client.connectAsync(StringCodec.UTF8)).thenApply(connection ->
                        new PubSubInvalidations.PublishingConnection(connection.async()::publish, connection)),
                redisSettings.backoff(), redisSettings.failureLogInterval()), Ticker.systemTicker());
    }
}
