package dev.playlistgateway.app.wiring;

import dev.playlistgateway.domain.cache.CacheTtls;
import dev.playlistgateway.domain.cache.DataKind;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads {@code cache.ttl.<kind>} and {@code cache.stale-grace} (env: {@code CACHE_TTL_PLAYLISTS=2s},
 * {@code CACHE_STALE_GRACE=0s}); unset ones keep the domain's documented defaults.
 */
final class CacheSettings {
    private CacheSettings() {
    }

    static CacheTtls ttls(Environment environment) {
        CacheTtls defaults = CacheTtls.defaults();
        Map<DataKind, Duration> fresh = new EnumMap<>(DataKind.class);
        for (DataKind kind : DataKind.values()) {
            fresh.put(kind, Settings.positiveDuration(environment, "cache.ttl." + kind.tag()).orElse(defaults.freshFor(kind)));
        }
        Duration grace = Settings.nonNegativeDuration(environment, "cache.stale-grace").orElse(defaults.staleGrace());
        try {
            return new CacheTtls(fresh, grace);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid cache TTL configuration: " + e.getMessage());
        }
    }
}
