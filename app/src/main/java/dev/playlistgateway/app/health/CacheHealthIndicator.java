package dev.playlistgateway.app.health;

import dev.playlistgateway.domain.port.CachePort;
import io.micronaut.configuration.lettuce.health.RedisHealthIndicator;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * Shows the cache in {@code /health} as component {@code cache}: UP, or DOWN while the store is
 * unreachable. DOWN does not make the gateway unusable (queries go to Spotify instead), so the
 * overall status reports it but the gateway keeps answering. One probe read, bounded by the
 * cache's own command timeout: /health never hangs on a dead Redis.
 */
@Singleton
@Replaces(RedisHealthIndicator.class) // it opens a new connection per check and retries 3 x 3 s while Redis is down
final class CacheHealthIndicator implements HealthIndicator {
    private static final String PROBE_KEY = "health:probe";

    private final CachePort cache;

    CacheHealthIndicator(CachePort cache) {
        this.cache = cache;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        cache.get(PROBE_KEY); // a failed read marks the store unavailable
        boolean up = cache.isAvailable();
        return Publishers.just(HealthResult.builder("cache", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("adapter", cache.getClass().getSimpleName(), "available", up))
                .build());
    }
}
