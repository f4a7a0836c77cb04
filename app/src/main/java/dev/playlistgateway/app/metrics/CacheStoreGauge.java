package dev.playlistgateway.app.metrics;

import dev.playlistgateway.domain.port.CachePort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * {@code gateway.cache.store.up}: 1 while the cache store is reachable, 0 while it is known to be down
 * ({@link CachePort#isAvailable()}, what {@code /health} reports as {@code cache.details.store}), so that
 * an alert can watch it in Prometheus. Reading it costs nothing: the adapters keep the state.
 */
@Context
final class CacheStoreGauge {
    private final CachePort cache; // held: a gauge keeps only a weak reference

    CacheStoreGauge(CachePort cache, MeterRegistry registry) {
        this.cache = cache;
        Gauge.builder("gateway.cache.store.up", this, gauge -> gauge.cache.isAvailable() ? 1 : 0)
                .description("1 while the cache store (Redis) answers, 0 while it is known to be unreachable")
                .register(registry);
    }
}
