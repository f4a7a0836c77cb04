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

/** One gateway instance's cache as the app wires it: a Redis cache on its own client, a near tier over it. */
final class NearInstance implements AutoCloseable {

    static final RedisCacheSettings REDIS = RedisCacheSettings.defaults().withBackoff(Duration.ofMillis(200));

    final NearCache cache;

    private NearInstance(NearCache cache) {
        this.cache = cache;
    }

    static NearInstance standalone(String uri, NearCacheSettings settings) {
        NearInstance instance = connecting(uri, settings);
        ready(instance.cache);
        return instance;
    }

    /** As {@link #standalone}, without waiting for Redis (which may not be up yet). */
    static NearInstance connecting(String uri, NearCacheSettings settings) {
        return new NearInstance(NearCache.standalone(uri, REDIS, settings, null));
    }

    static NearInstance cluster(List<String> uris, NearCacheSettings settings) {
        return new NearInstance(ready(NearCache.cluster(uris, REDIS, settings, null)));
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
        cache.close(); // the channel, then the cache, its client and resources
    }
}
