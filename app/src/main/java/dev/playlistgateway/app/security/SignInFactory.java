package dev.playlistgateway.app.security;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.adapter.spotify.SpotifySettings;
import io.micrometer.core.instrument.MeterRegistry;
import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import dev.playlistgateway.app.wiring.StoreChoice;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Wires sign-in in Spotify mode: settings, the token cipher, the session store (a Redis of its own when
 * {@code gateway.security.redis.uri} is set, else the shared Redis when {@code redis.uri(s)} is configured,
 * memory otherwise; {@code gateway.security.session-store} overrides),
 * and the two beans the rest of the app asks for: the {@link dev.playlistgateway.app.viewer.ViewerResolver}
 * and the Spotify adapter's {@link dev.playlistgateway.adapter.spotify.SpotifyUserTokens}. They replace the
 * anonymous {@code @Secondary} fallbacks of SpotifyModeFactory.
 */
@Factory
@Requires(property = "spotify.client-id")
final class SignInFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SignInFactory.class);

    @Singleton
    SecuritySettings securitySettings(Environment env) {
        return SecuritySettings.from(env);
    }

    @Singleton
    TokenCipher tokenCipher(Environment env, SecuritySettings settings) {
        return TokenCipher.fromConfiguredKey(env.getProperty("gateway.security.token-key", String.class),
                settings.store() == StoreChoice.REDIS);
    }

    @Singleton
    @Bean(preDestroy = "close")
    SessionStore sessionStore(Environment env, SecuritySettings settings, BeanProvider<RedisClient> redisClient,
                              BeanProvider<DefaultRedisConfiguration> redisConfig,
                              BeanProvider<RedisClusterClient> clusterClient) {
        if (settings.store() == StoreChoice.MEMORY) {
            LOG.info("Sign-in sessions: in memory (they end with the process; set REDIS_URI to keep them)");
            return new InMemorySessionStore(InMemorySessionStore.MAX_BYTES);
        }
        if (settings.redisUri() != null) {
            RedisURI own;
            try {
                own = RedisURI.create(settings.redisUri());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("gateway.security.redis.uri is not a valid Redis URI: " + e.getMessage());
            }
            LOG.info("Sign-in sessions: their own Redis at {}:{}, key prefix '{}'", own.getHost(), own.getPort(), settings.redisKeyPrefix());
            return RedisSessionStore.ownStandalone(own, settings.redisKeyPrefix(), settings.redisTimeout(), settings.redisBackoff());
        }
        if (env.containsProperty("redis.uris")) {
            LOG.info("Sign-in sessions: Redis Cluster, key prefix '{}'", settings.redisKeyPrefix());
            return RedisSessionStore.cluster(clusterClient.get(), settings.redisKeyPrefix(), settings.redisTimeout());
        }
        // The configuration bean is itself a RedisURI, but with default host and port: redis.uri lives in getUri().
        DefaultRedisConfiguration config = redisConfig.get();
        RedisURI uri = config.getUri().orElse(config);
        LOG.info("Sign-in sessions: Redis at {}:{}, key prefix '{}'", uri.getHost(), uri.getPort(), settings.redisKeyPrefix());
        return RedisSessionStore.standalone(redisClient.get(), uri, settings.redisKeyPrefix(), settings.redisTimeout());
    }

    /** The sessions, with recently read ones kept in memory for store outages (docs/security.md, "Store outages"). */
    @Singleton
    Sessions sessions(SessionStore store, TokenCipher cipher, JsonMapper json, SecuritySettings settings, MeterRegistry meters) {
        SecuritySettings.SessionMemory memory = settings.sessionMemory();
        SessionStoreOutage outage = new SessionStoreOutage(settings.redisBackoff(), memory.outageGrace(),
                settings.redisFailureLogInterval(), meters, System::nanoTime);
        return new Sessions(store, cipher, json, Clock.systemUTC(), Ticker.systemTicker(), settings.sessionTtl(),
                memory, settings.redisTimeout(), outage);
    }

    @Singleton
    SessionCookies sessionCookies(SecuritySettings settings) {
        return new SessionCookies(settings);
    }

    /** Bearer tokens' users; lookups on the Spotify adapter's accounts client (its gate, bulkhead and metric). */
    @Singleton
    BearerViewers bearerViewers(SpotifyAccounts accounts, SecuritySettings settings, Environment env) {
        BearerSettings bearer = BearerSettings.from(env);
        return new BearerViewers(accounts, new BearerLookupLimits(bearer), bearer, Clock.systemUTC(),
                settings.bearerCacheTtl(), settings.bearerCacheMax());
    }

    /** The Spotify adapter's user tokens: sessions' and Bearer tokens'. Refreshes go through the adapter too. */
    @Singleton
    SessionUserTokens userTokens(Sessions sessions, SpotifyAccounts accounts, BearerViewers bearers) {
        return new SessionUserTokens(sessions, accounts, bearers);
    }

    /** Who is asking: Bearer token, session cookie, or anonymous. */
    @Singleton
    GatewayViewers viewers(Sessions sessions, SessionCookies cookies, BearerViewers bearers) {
        return new GatewayViewers(sessions, cookies, bearers);
    }
}
