package dev.playlistgateway.app.wiring;

import dev.playlistgateway.app.metrics.MicrometerCacheObserver;
import dev.playlistgateway.domain.cache.ChangeCounter;
import dev.playlistgateway.domain.cache.SingleFlight;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.domain.port.PlaylistPort;
import dev.playlistgateway.domain.service.PlaylistService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires adapters to ports and builds the domain service. The only place that knows which adapters
 * exist; the domain is built with {@code new}, so it stays free of the framework.
 */
@Factory
final class GatewayFactory {

    /**
     * Built at start-up so that invalid configuration (a zero TTL, say) stops the start with a clear
     * message instead of failing every request later.
     */
    @Context
    PlaylistService playlistService(PlaylistPort port, CachePort cache, Environment environment, Clock clock,
                                    @Named("upstream") ExecutorService upstream, MeterRegistry meters,
                                    SingleFlight flights, ChangeCounter changes) {
        return new PlaylistService(port, cache, CacheSettings.ttls(environment), clock, upstream,
                new MicrometerCacheObserver(meters), flights, changes);
    }

    /** The time the caching policy judges freshness by; a bean so that tests can move it. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Runs the independent upstream reads of one request in parallel (for example the items of many
     * playlists). Bounded: the music adapter has its own limit on concurrent calls besides.
     */
    @Singleton
    @Named("upstream")
    @Bean(preDestroy = "shutdown")
    ExecutorService upstreamExecutor(Environment environment) {
        int threads = Settings.wholeNumber(environment, "gateway.upstream.threads", 1).orElse(16);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "upstream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }
}
