package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CachePort contract on the near tier over a standalone Redis. */
class NearCacheStandaloneContractIT extends CachePortContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    /** A Redis of the test's own, for the store-down clause: killed once the tier is connected. */
    @RegisterExtension
    final RedisServerExtension doomed = new RedisServerExtension();

    @Override
    protected CachePort cache() {
        return NearInstance.standalone(redis.uri(), NearCacheSettings.defaults()).cache;
    }

    @Override
    protected CachePort cacheWithItsStoreDown() {
        NearCache cache = NearInstance.standalone(doomed.uri(), NearCacheSettings.defaults()).cache;
        doomed.server().kill();
        return cache;
    }
}
