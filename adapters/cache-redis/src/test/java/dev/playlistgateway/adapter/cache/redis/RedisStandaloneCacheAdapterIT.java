package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CachePort contract on a standalone Redis (PX has millisecond granularity: the default short TTL works). */
class RedisStandaloneCacheAdapterIT extends CachePortContract {

    private static RedisServer redis;
    private static RedisCache cache;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()));
    }

    @AfterAll
    static void stopRedis() {
        if (cache != null) {
            cache.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected CachePort cache() {
        return cache;
    }
}
