package dev.playlistgateway.adapter.cache.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import java.util.Objects;

/** Near tiers over a Redis cache and the Lettuce client it was made with (the factories of {@link NearCache}). */
final class NearTiers {

    private NearTiers() {
    }

    /**
     * A near tier over {@code redis}, a cache on a standalone Redis; the invalidation channel's two
     * connections are made from {@code client} (the one {@code redis} was made with) and {@code uri}.
     * The client stays its owner's; {@code redisSettings} are {@code redis}'s (connect timeout, log interval).
     */
    static NearCache overStandalone(RedisCache redis, RedisClient client, RedisURI uri, RedisCacheSettings redisSettings,
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

    /** As {@link #overStandalone}, over a cache on a Redis Cluster: a PUBLISH on any node reaches every node. */
    static NearCache overCluster(RedisCache redis, RedisClusterClient client, RedisCacheSettings redisSettings,
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
