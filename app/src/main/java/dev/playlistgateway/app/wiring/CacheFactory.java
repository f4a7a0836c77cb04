package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.cache.memory.InMemoryCache;
import dev.playlistgateway.adapter.cache.redis.NearCache;
import dev.playlistgateway.adapter.cache.redis.NearCacheSettings;
import dev.playlistgateway.adapter.cache.redis.RedisCache;
import dev.playlistgateway.adapter.cache.redis.RedisCacheSettings;
import dev.playlistgateway.app.tracing.Tracing;
import dev.playlistgateway.domain.port.CachePort;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.exceptions.DisabledBeanException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Chooses the cache: {@code CACHE_ADAPTER} ({@code memory} or {@code redis}) when set; otherwise
 * Redis when {@code REDIS_URI} or {@code REDIS_URIS} (a cluster) is set; otherwise memory. The Redis
 * cache is given the URIs of {@code redis.uri(s)} and makes its own client.
 */
@Factory
final class CacheFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFactory.class);

    /** Built at start-up (not on the first request), so the Redis connection is open before traffic comes. */
    @Context
    @Bean(preDestroy = "close")
    CacheHandle cache(Environment env, MeterRegistry meters) {
        // Read whichever adapter is chosen: a value that does not read stops the start before it is needed.
        long maxBytes = Settings.bytes(env, "cache.memory.max-bytes", 1).orElse(InMemoryCache.DEFAULT_MAX_BYTES);
        if (StoreChoice.of(env, "cache.adapter") == StoreChoice.MEMORY) {
            LOG.info("Cache: in memory, at most {} bytes", maxBytes);
            return new CacheHandle(InMemoryCache.create(maxBytes), null, "memory", null);
        }
        RedisCacheSettings settings = redisSettings(env);
        // Read before the cache exists: a start that fails on a setting leaves no client behind.
        boolean memoryFallback = Settings.oneOf(env, "cache.redis.fallback", "none", "memory").orElse("none").equals("memory");
        boolean nearEnabled = Settings.flag(env, "cache.near.enabled").orElse(true);
        NearCacheSettings near = nearEnabled ? nearSettings(env, settings) : null;
        RedisCache cache;
        String adapter = env.containsProperty("redis.uris") ? "redis-cluster" : "redis";
        if (env.containsProperty("redis.uris")) {
            List<String> seeds = Arrays.stream(env.getProperty("redis.uris", String[].class).orElse(new String[0]))
                    .map(String::trim).filter(uri -> !uri.isEmpty()).toList();
            LOG.info("Cache: Redis Cluster, key prefix '{}'", settings.keyPrefix());
            if (near != null) {
                cache = redisCache("redis.uris", () -> NearCache.cluster(seeds, settings, near, meters));
            } else {
                cache = redisCache("redis.uris", () -> RedisCache.cluster(seeds, settings, meters));
            }
        } else {
            String uri = env.getProperty("redis.uri", String.class).map(String::trim).orElse("");
            LOG.info("Cache: Redis, key prefix '{}'", settings.keyPrefix());
            if (near != null) {
                cache = redisCache("redis.uri", () -> NearCache.standalone(uri, settings, near, meters));
            } else {
                cache = redisCache("redis.uri", () -> RedisCache.standalone(uri, settings, meters));
            }
        }
        NearCache tier = cache instanceof NearCache nearCache ? nearCache : null;
        if (tier != null) {
            adapter += "+near";
        }
        if (!memoryFallback) {
            return new CacheHandle(cache, cache, adapter, tier);
        }
        LOG.info("Cache: while Redis is unavailable, in memory (at most {} bytes)", maxBytes);
        return new CacheHandle(InMemoryCache.asFallbackFor(cache, maxBytes), cache, adapter + "+memory-fallback", tier);
    }

    /** A bad URI stops the start with the setting's name, as any other invalid setting does. */
    private static RedisCache redisCache(String key, Supplier<RedisCache> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + " is not a valid Redis URI: " + e.getMessage());
        }
    }

    /**
     * The cache's own client caps its reconnect wait at the back-off window (RedisCache); the client
     * micronaut-redis-lettuce builds from {@code redis.uri(s)}, which the sign-in sessions share, gets
     * the same cap here. Lettuce lets the wait grow to 30 s; capped, a Redis that comes back is used
     * again within about one window rather than up to half a minute later.
     */
    @Singleton
    ClientResourcesMutator reconnectWithinBackoff(Environment env) {
        Duration upper = redisSettings(env).backoff();
        return (builder, config) -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), upper.compareTo(Duration.ofMillis(20)) > 0 ? upper : Duration.ofMillis(20),
                        2, TimeUnit.MILLISECONDS));
    }

    /** The chosen cache; with tracing on, wrapped (outermost) in a span per round trip. */
    @Singleton
    CachePort cachePort(CacheHandle handle, Tracing tracing) {
        return tracing.traced(handle.port(), handle.adapter());
    }

    /** The near tier, for its meters; no such bean without one. */
    @Singleton
    NearCache nearCache(CacheHandle handle) {
        if (handle.near() == null) {
            throw new DisabledBeanException("no near cache: memory adapter, or cache.near.enabled=false");
        }
        return handle.near();
    }

    private static NearCacheSettings nearSettings(Environment env, RedisCacheSettings redis) {
        try {
            NearCacheSettings settings = NearCacheSettings.defaults().withChannel(NearCacheSettings.channelFor(redis.keyPrefix()));
            settings = Settings.positiveDuration(env, "cache.near.ttl").map(settings::withTtl).orElse(settings);
            settings = Settings.bytes(env, "cache.near.max-bytes", 1).map(settings::withMaxBytes).orElse(settings);
            LOG.info("Cache: near tier in front of Redis, values held at most {}, at most {} bytes, invalidations on '{}'",
                    settings.ttl(), settings.maxBytes(), settings.channel());
            return settings;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid cache.near settings: " + e.getMessage());
        }
    }

    static RedisCacheSettings redisSettings(Environment env) {
        try {
            return redisSettingsOrFail(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid cache.redis settings: " + e.getMessage());
        }
    }

    private static RedisCacheSettings redisSettingsOrFail(Environment env) {
        RedisCacheSettings settings = RedisCacheSettings.defaults();
        settings = env.getProperty("cache.redis.key-prefix", String.class).map(settings::withKeyPrefix).orElse(settings);
        settings = Settings.positiveDuration(env, "cache.redis.command-timeout").map(settings::withCommandTimeout).orElse(settings);
        settings = Settings.positiveDuration(env, "cache.redis.connect-timeout").map(settings::withConnectTimeout).orElse(settings);
        settings = Settings.positiveDuration(env, "cache.redis.backoff").map(settings::withBackoff).orElse(settings);
        settings = Settings.positiveDuration(env, "cache.redis.failure-log-interval").map(settings::withFailureLogInterval).orElse(settings);
        settings = Settings.positiveDuration(env, "cache.redis.max-wait").map(settings::withMaxWait).orElse(settings);
        settings = Settings.wholeNumber(env, "cache.redis.timeouts-to-open", 1).map(settings::withTimeoutsToOpen).orElse(settings);
        settings = Settings.wholeNumber(env, "cache.redis.max-pending-writes", 1).map(settings::withMaxPendingWrites).orElse(settings);
        return settings;
    }

    /**
     * The chosen cache, what must be closed with the application (null for memory), its name for
     * traces, and its near tier (null without one).
     */
    record CacheHandle(CachePort port, AutoCloseable closeable, String adapter, NearCache near) {
        /** The Redis cache under the chosen one, if any: what the instances share besides entries ({@code FleetFactory}). */
        Optional<RedisCache> redis() {
            return closeable instanceof RedisCache redis ? Optional.of(redis) : Optional.empty();
        }

        void close() throws Exception {
            if (closeable != null) {
                closeable.close();
            }
        }
    }
}
