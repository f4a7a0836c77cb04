package dev.playlistgateway.app.wiring;

import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Locale;

/**
 * Where something the gateway keeps lives: this process's memory or the shared Redis. One rule for
 * the cache ({@code cache.adapter}) and the sign-in sessions ({@code gateway.security.session-store}):
 * the setting when given, otherwise Redis exactly when {@code REDIS_URI} or {@code REDIS_URIS} is set.
 */
public enum StoreChoice {
    MEMORY, REDIS;

    /**
     * @param env        the configuration
     * @param settingKey the key that may name the store ({@code memory} or {@code redis})
     */
    public static StoreChoice of(Environment env, String settingKey) {
        boolean redisConfigured = env.containsProperty("redis.uri") || env.containsProperty("redis.uris");
        String raw = env.getProperty(settingKey, String.class).orElse("");
        String asked = raw.trim().toLowerCase(Locale.ROOT);
        return switch (asked) {
            case "" -> redisConfigured ? REDIS : MEMORY;
            case "memory" -> MEMORY;
            case "redis" -> {
                if (!redisConfigured) {
                    throw new ConfigurationException(settingKey + "=redis needs REDIS_URI (or REDIS_URIS for a cluster)");
                }
                yield REDIS;
            }
            default -> throw Settings.invalid(settingKey, "memory or redis (unset: redis when REDIS_URI or REDIS_URIS is set)", raw);
        };
    }
}
