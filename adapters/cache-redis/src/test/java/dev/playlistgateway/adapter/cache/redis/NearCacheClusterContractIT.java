package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisClusterExtension;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CachePort contract on the near tier over a Redis Cluster of three masters. */
class NearCacheClusterContractIT extends CachePortContract {

    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3);

    /** A cluster of the test's own, for the store-down clause: every node killed once the tier is connected. */
    @RegisterExtension
    final RedisClusterExtension doomed = new RedisClusterExtension(3);

    @Override
    protected CachePort cache() {
        return NearInstance.cluster(cluster.uris(), NearCacheSettings.defaults()).cache;
    }

    @Override
    protected CachePort cacheWithItsStoreDown() {
        NearCache cache = NearInstance.cluster(doomed.uris(), NearCacheSettings.defaults()).cache;
        doomed.cluster().nodes().forEach(RedisServer::kill);
        return cache;
    }
}
