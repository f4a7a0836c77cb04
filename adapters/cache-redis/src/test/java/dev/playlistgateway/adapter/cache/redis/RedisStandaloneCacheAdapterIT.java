package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CachePort contract on a standalone Redis (PX has millisecond granularity: the default short TTL works). */
class RedisStandaloneCacheAdapterIT extends CachePortContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    /** A Redis of the test's own, for the store-down clause: killed once the cache has connected. */
    @RegisterExtension
    final RedisServerExtension doomed = new RedisServerExtension();

    @Override
    protected CachePort cache() {
        return Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()));
    }

    @Override
    protected CachePort cacheWithItsStoreDown() {
        RedisCache cache = Connected.await(RedisCache.standalone(doomed.uri(), RedisCacheSettings.defaults()));
        doomed.server().kill();
        return cache;
    }
}
