package dev.playlistgateway.testsupport.redis;

import java.util.List;

/**
 * A {@link RedisCluster} for a test class or a test, started on first use and closed after:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisClusterExtension cluster = new RedisClusterExtension(3);
 * ... RedisClusterClient.create(cluster.uris()) ...
 * }</pre>
 */
public final class RedisClusterExtension extends StartedOnFirstUse<RedisCluster> {

    public RedisClusterExtension(int masters) {
        super(() -> RedisCluster.start(masters));
    }

    /** The running cluster, started now if no test asked for it before in this scope. */
    public RedisCluster cluster() {
        return started();
    }

    /** One {@code redis://} URI per master, as seed nodes. */
    public List<String> uris() {
        return cluster().uris();
    }
}
