package dev.playlistgateway.app.security.session;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.app.wiring.Settings;
import dev.playlistgateway.app.wiring.StoreChoice;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;

/**
 * Wires the sessions: the token cipher, the session store (a Redis of its own when {@code gateway.security.redis.uri}
 * is set, else the shared Redis when {@code redis.uri(s)} is configured, memory otherwise;
 * {@code gateway.security.session-store} overrides), and {@link Sessions} over them with this instance's memory copies.
 */
@Factory
final class SessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);
    private static final String STORE_KEY = "gateway.security.session-store";

    /**
     * {@code gateway.security.token-key} is read here, not bound into the settings, so that no settings object holds it.
     * Built at start-up: with sessions in Redis and no key the gateway refuses to start, not at the first sign-in.
     */
    @Context
    TokenCipher tokenCipher(Environment env, SecuritySettings settings) {
        return TokenCipher.fromConfiguredKey(env.getProperty("gateway.security.token-key", String.class),
                storeChoice(env, settings) == StoreChoice.REDIS);
    }

    @Singleton
    @Bean(preDestroy = "close")
    SessionStore sessionStore(Environment env, SecuritySettings settings, BeanProvider<RedisClient> redisClient,
                              BeanProvider<DefaultRedisConfiguration> redisConfig,
                              BeanProvider<RedisClusterClient> clusterClient) {
        SecuritySettings.Redis redis = settings.redis();
        if (storeChoice(env, settings) == StoreChoice.MEMORY) {
            LOG.info("Sign-in sessions: in memory (they end with the process; set REDIS_URI to keep them)");
            return new InMemorySessionStore(InMemorySessionStore.MAX_BYTES);
        }
        if (redis.uri() != null) {
            RedisURI own;
            try {
                own = RedisURI.create(redis.uri());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("gateway.security.redis.uri is not a valid Redis URI: " + e.getMessage());
            }
            LOG.info("Sign-in sessions: their own Redis at {}:{}, key prefix '{}'", own.getHost(), own.getPort(), redis.keyPrefix());
            return RedisSessionStore.ownStandalone(own, redis.keyPrefix(), redis.timeout(), redis.backoff());
        }
        if (env.containsProperty("redis.uris")) {
            LOG.info("Sign-in sessions: Redis Cluster, key prefix '{}'", redis.keyPrefix());
            return RedisSessionStore.cluster(clusterClient.get(), redis.keyPrefix(), redis.timeout());
        }
        // The configuration bean is itself a RedisURI, but with default host and port: redis.uri lives in getUri().
        DefaultRedisConfiguration config = redisConfig.get();
        RedisURI uri = config.getUri().orElse(config);
        LOG.info("Sign-in sessions: Redis at {}:{}, key prefix '{}'", uri.getHost(), uri.getPort(), redis.keyPrefix());
        return RedisSessionStore.standalone(redisClient.get(), uri, redis.keyPrefix(), redis.timeout());
    }

    /** The sessions, with recently read ones kept in memory for store outages (docs/security.md, "Store outages"). */
    @Singleton
    Sessions sessions(SessionStore store, TokenCipher cipher, JsonMapper json, SecuritySettings settings, MeterRegistry meters) {
        SecuritySettings.Redis redis = settings.redis();
        SessionStoreOutage outage = new SessionStoreOutage(redis.backoff(), settings.sessionMemory().outageGrace(),
                redis.failureLogInterval(), meters, System::nanoTime);
        return new Sessions(store, cipher, json, Clock.systemUTC(), Ticker.systemTicker(), settings.sessionTtl(),
                settings.sessionMemory(), redis.timeout(), outage);
    }

    /**
     * Where sessions live. Without a Redis of their own, the rule the cache follows ({@link StoreChoice#of}); with one
     * ({@code gateway.security.redis.uri}), there unless asked to stay in memory.
     */
    private static StoreChoice storeChoice(Environment env, SecuritySettings settings) {
        if (settings.redis().uri() == null) {
            return StoreChoice.of(env, STORE_KEY);
        }
        String raw = settings.sessionStore() == null ? "" : settings.sessionStore();
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "", "redis" -> StoreChoice.REDIS;
            case "memory" -> StoreChoice.MEMORY;
            default -> throw Settings.invalid(STORE_KEY, "memory or redis", raw);
        };
    }
}
