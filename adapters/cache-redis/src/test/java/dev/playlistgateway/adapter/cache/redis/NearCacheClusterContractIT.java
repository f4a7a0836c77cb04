package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CachePort contract on the near tier over a Redis Cluster of three masters. */
class NearCacheClusterContractIT extends CachePortContract {

    private static RedisCluster cluster;
    private static NearInstance instance;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
        instance = NearInstance.cluster(cluster.uris(), NearCacheSettings.defaults());
    }

    @AfterAll
    static void stopCluster() {
        if (instance != null) {
            instance.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected CachePort cache() {
        return instance.cache;
    }
}
