package dev.playlistgateway.app.fleet;

import dev.playlistgateway.testsupport.redis.RedisCluster;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fleet state on a real standalone Redis or a real three-master Cluster, for the fleet's Redis tests: each
 * {@link #member} is what one gateway instance holds, on its own Lettuce client, with the gateway's client
 * options (commands rejected at once while disconnected). {@link #close()} closes them all.
 */
final class FleetRedisTopologies implements AutoCloseable {
    static final FleetState.Settings SETTINGS = new FleetState.Settings("pgw:", "fleet-test-app",
            Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(30));

    private final RedisServer standalone;
    private final RedisCluster cluster;
    private final List<AutoCloseable> open = new ArrayList<>();

    private FleetRedisTopologies(RedisServer standalone, RedisCluster cluster) {
        this.standalone = standalone;
        this.cluster = cluster;
    }

    static FleetRedisTopologies standalone() {
        return new FleetRedisTopologies(RedisServer.start(), null);
    }

    static FleetRedisTopologies cluster() {
        return new FleetRedisTopologies(null, RedisCluster.start(3));
    }

    /** The standalone server, or the cluster node holding the fleet's slot's keys cannot be told apart here: all nodes. */
    List<RedisServer> servers() {
        return standalone != null ? List.of(standalone) : cluster.nodes();
    }

    FleetState member() {
        return member(SETTINGS);
    }

    FleetState member(FleetState.Settings settings) {
        FleetState state;
        if (standalone != null) {
            RedisClient client = RedisClient.create();
            client.setOptions(ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            open.add(client::shutdown);
            state = FleetState.standalone(client, RedisURI.create(standalone.uri()), settings);
        } else {
            RedisClusterClient client = RedisClusterClient.create(cluster.uris().stream().map(RedisURI::create).toList());
            client.setOptions(ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            open.add(client::shutdown);
            state = FleetState.cluster(client, settings);
        }
        open.add(0, state);
        return state;
    }

    void flushAll() {
        if (standalone != null) {
            standalone.flushAll();
        } else {
            cluster.flushAll();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (standalone != null) {
            standalone.close();
        } else {
            cluster.close();
        }
    }
}
