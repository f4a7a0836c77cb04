package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisClusterExtension;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The CachePort contract on a Redis Cluster of three masters, and MGET across slots. */
class RedisClusterCacheAdapterIT extends CachePortContract {

    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3);

    /** A cluster of the test's own, for the store-down clause: every node killed once the cache has connected. */
    @RegisterExtension
    final RedisClusterExtension doomed = new RedisClusterExtension(3);

    @Override
    protected CachePort cache() {
        return connect();
    }

    private static RedisCache connect() {
        return Connected.await(RedisCache.cluster(cluster.uris(), RedisCacheSettings.defaults()));
    }

    @Override
    protected CachePort cacheWithItsStoreDown() {
        RedisCache cache = Connected.await(RedisCache.cluster(doomed.uris(), RedisCacheSettings.defaults()));
        doomed.cluster().nodes().forEach(RedisServer::kill);
        return cache;
    }

    @Test
    void getAllReadsKeysThatLiveOnEveryMasterInOneCall() {
        try (RedisCache cache = connect()) {
            Map<String, byte[]> entries = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                entries.put("v1:track:slot-test-" + i, ("value-" + i).getBytes(StandardCharsets.UTF_8));
            }
            cache.putAll(entries, Duration.ofMinutes(1));

            Set<Integer> slots = entries.keySet().stream().map(key -> SlotHash.getSlot("pgw:" + key)).collect(Collectors.toSet());
            Set<Integer> mastersHoldingKeys = new java.util.HashSet<>();
            List<RedisServer> nodes = cluster.cluster().nodes();
            for (int n = 0; n < nodes.size(); n++) {
                RedisServer node = nodes.get(n);
                for (String key : entries.keySet()) {
                    Object count = node.command("CLUSTER", "COUNTKEYSINSLOT", Long.toString(SlotHash.getSlot("pgw:" + key)));
                    if (((Long) count) > 0) {
                        mastersHoldingKeys.add(n);
                    }
                }
            }
            assertThat(slots).hasSizeGreaterThan(10);
            assertThat(mastersHoldingKeys).hasSize(3);

            Map<String, byte[]> found = cache.getAll(entries.keySet());

            assertThat(found).hasSize(30);
            entries.forEach((key, value) -> assertThat(found.get(key)).isEqualTo(value));
        }
    }

    @Test
    void theKeyPrefixHasNoHashTagSoKeysSpreadOverSlots() {
        assertThat(SlotHash.getSlot("pgw:v1:track:a")).isNotEqualTo(SlotHash.getSlot("pgw:v1:track:b"));
    }
}
