package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CachePort contract on the near tier over a standalone Redis. */
class NearCacheStandaloneContractIT extends CachePortContract {

    private static RedisServer redis;
    private static NearInstance instance;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        instance = NearInstance.standalone(redis.uri(), NearCacheSettings.defaults());
    }

    @AfterAll
    static void stopRedis() {
        if (instance != null) {
            instance.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected CachePort cache() {
        return instance.cache;
    }
}
