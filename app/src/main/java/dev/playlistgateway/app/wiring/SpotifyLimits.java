package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.cache.redis.RedisCacheSettings;
import dev.playlistgateway.adapter.spotify.CallBudget;
import dev.playlistgateway.adapter.spotify.ThrottleGate;
import dev.playlistgateway.app.fleet.FleetState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Spotify's limits on this gateway: the Retry-After gate and the call budget ({@code spotify.call-budget},
 * {@code SPOTIFY_CALL_BUDGET}, calls per {@code spotify.call-budget-window}, 30 s; unset, no budget). With the
 * cache in Redis both are shared by every instance on it ({@link FleetState}), over the cache's key prefix,
 * command timeout and back-off; otherwise they are this process's.
 *
 * @param gate      every call passes it
 * @param budget    every Web API call takes a slot of it
 * @param closeable what to close with the application (null when nothing is)
 */
record SpotifyLimits(ThrottleGate gate, CallBudget budget, AutoCloseable closeable) {
    private static final Logger LOG = LoggerFactory.getLogger(SpotifyLimits.class);
    static final Duration SPOTIFY_WINDOW = Duration.ofSeconds(30);

    static SpotifyLimits of(Environment env, String clientId, BeanProvider<RedisClient> redisClient,
                            BeanProvider<AbstractRedisConfiguration> redisConfiguration,
                            BeanProvider<RedisClusterClient> clusterClient) {
        Optional<Integer> calls = callBudget(env);
        Duration window = Settings.positiveDuration(env, "spotify.call-budget-window").orElse(SPOTIFY_WINDOW);
        if (StoreChoice.of(env, "cache.adapter") == StoreChoice.MEMORY) {
            calls.ifPresent(n -> LOG.info("Spotify call budget: {} calls per {} s, in this process", n, window.toSeconds()));
            return new SpotifyLimits(ThrottleGate.inProcess(),
                    calls.map(n -> CallBudget.inProcess(n, window)).orElse(CallBudget.unlimited()), null);
        }
        RedisCacheSettings cache = CacheFactory.redisSettings(env);
        FleetState.Settings settings = new FleetState.Settings(cache.keyPrefix(), clientId, cache.connectTimeout(), cache.commandTimeout(),
                cache.backoff(), cache.failureLogInterval());
        FleetState fleet;
        if (env.containsProperty("redis.uris")) {
            fleet = FleetState.cluster(clusterClient.get(), settings);
        } else {
            RedisURI uri = redisConfiguration.get().getUri()
                    .orElseThrow(() -> new ConfigurationException("redis.uri is not a valid Redis URI"));
            fleet = FleetState.standalone(redisClient.get(), uri, settings);
        }
        calls.ifPresent(n -> LOG.info("Spotify call budget: {} calls per {} s, shared in Redis by every instance", n,
                window.toSeconds()));
        return new SpotifyLimits(fleet.throttleGate(),
                calls.map(n -> fleet.callBudget(n, window)).orElse(CallBudget.unlimited()), fleet);
    }

    /** {@code spotify.call-budget}: unset or empty means no budget. */
    private static Optional<Integer> callBudget(Environment env) {
        Optional<String> raw = env.getProperty("spotify.call-budget", String.class).map(String::trim).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int calls = Integer.parseInt(raw.get());
            if (calls < 1) {
                throw new NumberFormatException();
            }
            return Optional.of(calls);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("spotify.call-budget (SPOTIFY_CALL_BUDGET) must be a whole number of calls"
                    + " per 30 s, at least 1, was '" + raw.get() + "'");
        }
    }

    void close() throws Exception {
        if (closeable != null) {
            closeable.close();
        }
    }
}
