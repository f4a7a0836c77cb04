package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Single flight and the change counter across instances on a Redis Cluster of three masters. */
class RedisClusterFleetIT extends FleetCoordinationSuite {

    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3);

    @Override
    protected RedisCache newInstance() {
        return RedisCache.cluster(cluster.uris(), RedisCacheSettings.defaults());
    }

    @Test
    void aLeaseLivesOnItsDataKeysSlotSoItIsGivenBackAfterTheValueIsStored() {
        RedisFlightLeases leases = (RedisFlightLeases) instance().flightLeases();

        for (String key : new String[] {"v1:track:a", "v1:track:b", "v1:pub:playlist:p", "v1:u:ann:playlists:ann:0"}) {
            assertThat(SlotHash.getSlot(leases.leaseKey(key))).as(key).isEqualTo(SlotHash.getSlot("pgw:" + key));
        }
    }
}
