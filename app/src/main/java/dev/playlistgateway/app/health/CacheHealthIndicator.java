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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows the cache in {@code /health} as component {@code cache}. While the store (Redis) is
 * unreachable the component is {@code DEGRADED} with {@code store: DOWN} in its details: the
 * gateway still answers every query (from Spotify instead, or from memory with
 * {@code cache.redis.fallback=memory}), so the instance must stay in its load balancer's rotation; a
 * {@code DOWN} here would turn /health and /health/readiness into 503 on every instance at once.
 *
 * <p>One read per check, through the cache itself: with the memory fallback too it goes to Redis
 * first, so once the back-off window has passed a check is a probe, and the component turns UP
 * again as soon as Redis answers. A dead or hung Redis costs the check at most the cache's command
 * timeout of silence: /health never hangs on it. The details name no class: /health is public.
 */
@Singleton
@Replaces(RedisHealthIndicator.class) // it opens a new connection per check and retries 3 x 3 s while Redis is down
final class CacheHealthIndicator implements HealthIndicator {
    /** Operational (HTTP 200), more severe than UP and less than DOWN, so a real DOWN elsewhere still wins. */
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "the cache store is unreachable: queries are answered from upstream or from memory", true, 500);
    private static final String PROBE_KEY = "health:probe";

    private final CachePort cache;

    CacheHealthIndicator(CachePort cache) {
        this.cache = cache;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        cache.get(PROBE_KEY); // a failed read marks the store unavailable
        boolean up = cache.isAvailable();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", up ? "UP" : "DOWN");
        return Publishers.just(HealthResult.builder("cache", up ? HealthStatus.UP : DEGRADED).details(details).build());
    }
}
