package dev.playlistgateway.app.fleet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** A fleet Redis test on a standalone Redis and a three-master Cluster, both started once and emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnBothRedisTopologies {

    FleetRedisTopologies standalone;
    FleetRedisTopologies cluster;

    @BeforeAll
    void startRedis() {
        standalone = FleetRedisTopologies.standalone();
        cluster = FleetRedisTopologies.cluster();
    }

    @AfterAll
    void stopRedis() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void empty() {
        standalone.flushAll();
        cluster.flushAll();
    }
}
