package dev.playlistgateway.app.metrics;

import dev.playlistgateway.domain.port.CacheObserver;
import dev.playlistgateway.domain.cache.DataKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caching policy's events as Micrometer counters, tagged by kind of data:
 * {@code gateway.cache.hits}, {@code gateway.cache.misses}, {@code gateway.upstream.calls},
 * {@code gateway.cache.singleflight.joins}, {@code gateway.cache.stale.served}. Every counter of every
 * kind exists from the start, at zero, so a dashboard or an alert sees 0 rather than no series.
 */
public final class MicrometerCacheObserver implements CacheObserver {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private static final String[] NAMES = {"gateway.cache.hits", "gateway.cache.misses", "gateway.upstream.calls",
            "gateway.cache.singleflight.joins", "gateway.cache.stale.served"};

    public MicrometerCacheObserver(MeterRegistry registry) {
        this.registry = registry;
        for (DataKind kind : DataKind.values()) {
            for (String name : NAMES) {
                counter(name, kind.tag());
            }
        }
    }

    @Override
    public void hits(String kind, int count) {
        add("gateway.cache.hits", kind, count);
    }

    @Override
    public void misses(String kind, int count) {
        add("gateway.cache.misses", kind, count);
    }

    @Override
    public void upstreamCall(String kind) {
        add("gateway.upstream.calls", kind, 1);
    }

    @Override
    public void singleFlightJoins(String kind, int count) {
        add("gateway.cache.singleflight.joins", kind, count);
    }

    @Override
    public void staleServed(String kind, int count) {
        add("gateway.cache.stale.served", kind, count);
    }

    private void add(String name, String kind, int count) {
        if (count > 0) {
            counter(name, kind).increment(count);
        }
    }

    private Counter counter(String name, String kind) {
        return counters.computeIfAbsent(name + '|' + kind, key -> registry.counter(name, "kind", kind));
    }
}
