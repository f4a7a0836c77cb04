package dev.playlistgateway.app.metrics;

import dev.playlistgateway.adapter.cache.redis.NearCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;

import java.util.function.ToDoubleFunction;

/**
 * The near tier in front of Redis, when there is one: {@code gateway.cache.near.hits} and
 * {@code .misses} (keys answered from this process's memory, and those that went on to Redis),
 * {@code .invalidations} (keys dropped because another instance changed them), {@code .flushes}
 * (the whole tier dropped because the invalidation channel came back), {@code .entries}, and
 * {@code gateway.cache.near.channel.up} (0 while changes made by other instances go unheard, and
 * the near TTL alone bounds how stale this instance may be). The tier keeps the counts; a scrape reads them.
 */
@Context
final class NearCacheMeters {
    private final NearCache near; // held: meters keep only weak references

    NearCacheMeters(BeanProvider<NearCache> near, MeterRegistry registry) {
        this.near = near.isPresent() ? near.get() : null;
        if (this.near == null) {
            return;
        }
        counter(registry, "gateway.cache.near.hits", "keys answered by the near tier, without Redis", m -> m.near.stats().hits());
        counter(registry, "gateway.cache.near.misses", "keys the near tier did not hold, read from Redis", m -> m.near.stats().misses());
        counter(registry, "gateway.cache.near.invalidations", "keys dropped from the near tier because another instance changed them",
                m -> m.near.stats().invalidatedKeys());
        counter(registry, "gateway.cache.near.flushes", "times the whole near tier was dropped because the invalidation channel (re)connected",
                m -> m.near.stats().flushes());
        Gauge.builder("gateway.cache.near.entries", this, m -> m.near.stats().size())
                .description("entries held by the near tier (estimate)").register(registry);
        Gauge.builder("gateway.cache.near.channel.up", this, m -> m.near.stats().channelUp() ? 1 : 0)
                .description("1 while invalidations from other instances arrive, 0 while only the near TTL bounds staleness")
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<NearCacheMeters> count) {
        FunctionCounter.builder(name, this, count).description(description).register(registry);
    }
}
