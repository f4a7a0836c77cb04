package dev.playlistgateway.testsupport.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisClusterIT {

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

    @Test
    void startsThreeMastersThatShareAllSlots() {
        assertThat(cluster.uris()).hasSize(3).doesNotHaveDuplicates()
                .allSatisfy(uri -> assertThat(uri).startsWith("redis://127.0.0.1:").doesNotEndWith(":6379"));
        for (RedisServer node : cluster.nodes()) {
            String info = String.valueOf(node.command("CLUSTER", "INFO"));
            assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_size:3");
        }
    }

    @Test
    void eachMasterServesItsOwnSlotsAndRedirectsTheOthers() {
        // "a" hashes to slot 15495 and "b" to 3300: on different masters of three.
        long owners = cluster.nodes().stream().filter(node -> accepts(node, "a")).count();
        assertThat(owners).isEqualTo(1);
        RedisServer ownerOfA = cluster.nodes().stream().filter(node -> accepts(node, "a")).findFirst().orElseThrow();
        assertThatThrownBy(() -> ownerOfA.command("SET", "b", "1")).hasMessageContaining("MOVED 3300");
    }

    @Test
    void refusesFewerThanThreeMasters() {
        assertThatThrownBy(() -> RedisCluster.start(2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean accepts(RedisServer node, String key) {
        try {
            node.command("SET", key, "1");
            return true;
        } catch (IllegalStateException moved) {
            return false;
        }
    }
}
