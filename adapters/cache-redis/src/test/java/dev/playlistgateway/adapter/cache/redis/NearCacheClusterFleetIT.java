package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisCluster;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** {@link NearCacheFleetContract} on a Redis Cluster of three masters: a PUBLISH on one node reaches subscribers on any. */
class NearCacheClusterFleetIT extends NearCacheFleetContract {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    List<RedisServer> servers() {
        return cluster.nodes();
    }

    @Override
    NearInstance instance(NearCacheSettings settings) {
        return NearInstance.cluster(cluster.uris(), settings);
    }
}
