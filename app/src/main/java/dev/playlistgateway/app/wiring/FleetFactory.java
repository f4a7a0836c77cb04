package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.cache.redis.RedisCache;
import dev.playlistgateway.domain.cache.ChangeCounter;
import dev.playlistgateway.domain.cache.PlaylistChanges;
import dev.playlistgateway.domain.cache.SingleFlight;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * What gateway instances on one Redis share besides the entries: single flight (one instance loads a
 * cold key, the others wait for it and read Redis) and the change counter (a change through any
 * instance outdates the reads in flight on all). On the memory cache, both are in process.
 */
@Factory
final class FleetFactory {
    private static final Logger LOG = LoggerFactory.getLogger(FleetFactory.class);

    /** How often a waiting instance looks whether another's lease is gone: a fraction of one Spotify call. */
    static final Duration LEASE_POLL = Duration.ofMillis(20);

    @Singleton
    SingleFlight singleFlight(CacheFactory.CacheHandle cache, Environment env) {
        Optional<RedisCache> redis = cache.redis();
        if (redis.isEmpty()) {
            return SingleFlight.inProcess();
        }
        Duration lease = Settings.positiveDuration(env, "cache.redis.lease").orElse(Duration.ofSeconds(5));
        LOG.info("Single flight and change counter: across the instances on Redis (lease {})", lease);
        return SingleFlight.acrossInstances(redis.get().flightLeases(), lease, LEASE_POLL);
    }

    @Singleton
    ChangeCounter changeCounter(CacheFactory.CacheHandle cache) {
        return cache.redis()
                .map(redis -> ChangeCounter.acrossInstances(redis.sharedCounts(), PlaylistChanges.CHANGED_KINDS))
                .orElseGet(ChangeCounter::inProcess);
    }
}
