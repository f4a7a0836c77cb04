package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One gateway instance's cache as the app wires it: its own Lettuce client, a Redis cache, a near tier over it. */
final class NearInstance implements AutoCloseable {

    static final RedisCacheSettings REDIS = RedisCacheSettings.defaults().withBackoff(Duration.ofMillis(200));

    final NearCache cache;
    private final AbstractRedisClient client;

    private NearInstance(NearCache cache, AbstractRedisClient client) {
        this.cache = cache;
        this.client = client;
    }

    static NearInstance standalone(String uri, NearCacheSettings settings) {
        NearInstance instance = connecting(uri, settings);
        ready(instance.cache);
        return instance;
    }

    /** As {@link #standalone}, without waiting for Redis (which may not be up yet). */
    static NearInstance connecting(String uri, NearCacheSettings settings) {
        RedisURI redisUri = RedisURI.create(uri);
        RedisClient client = RedisClient.create(resources(), redisUri);
        client.setOptions(RedisCache.clientOptions(REDIS));
        RedisCache redis = RedisCache.standalone(client, redisUri, REDIS);
        return new NearInstance(NearCache.standalone(redis, client, redisUri, REDIS, settings), client);
    }

    static NearInstance cluster(List<String> uris, NearCacheSettings settings) {
        RedisClusterClient client = RedisClusterClient.create(resources(), uris.stream().map(RedisURI::create).toList());
        client.setOptions(RedisCache.clusterClientOptions(REDIS));
        RedisCache redis = RedisCache.cluster(client, REDIS);
        return new NearInstance(ready(NearCache.cluster(redis, client, REDIS, settings)), client);
    }

    /** As the app configures its client: reconnect attempts at most a back-off apart (Lettuce's default grows to 30 s). */
    private static ClientResources resources() {
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), REDIS.backoff(), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /** Connected to Redis and subscribed to the channel. */
    private static NearCache ready(NearCache cache) {
        Connected.await(cache);
        await(() -> cache.stats().channelUp(), Duration.ofSeconds(10), "the invalidation channel to come up");
        return cache;
    }

    static void await(java.util.function.BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within + " for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        cache.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
}
