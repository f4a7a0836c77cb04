package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.playlistgateway.testsupport.redis.RedisServer;

import java.util.List;

/** {@link NearCacheFleetContract} on a Redis Cluster of three masters: a PUBLISH on one node reaches subscribers on any. */
class NearCacheClusterFleetIT extends NearCacheFleetContract {

    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3);

    @Override
    List<RedisServer> servers() {
        return cluster.cluster().nodes();
    }

    @Override
    NearInstance instance(NearCacheSettings settings) {
        return NearInstance.cluster(cluster.uris(), settings);
    }
}
