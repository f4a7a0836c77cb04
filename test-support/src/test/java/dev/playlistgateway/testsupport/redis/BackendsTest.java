package dev.playlistgateway.testsupport.redis;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;

class BackendsTest {

    @Test
    void aMissingRedisFailsInCiAndNamesWhatToInstall() {
        RuntimeException outcome = Backends.noRedis("no redis-server on PATH", true);

        assertThat(outcome).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y redis-server")
                .hasMessageContaining("CI=true");
    }

    @Test
    void aMissingRedisSkipsOutsideCiAndSaysWhy() {
        RuntimeException outcome = Backends.noRedis("no redis-server on PATH", false);

        assertThat(outcome).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no redis-server on PATH")
                .hasMessageContaining("apt-get install -y redis-server");
    }

    @Test
    void freePortsAreNeverRedisDefaultPort() {
        for (int i = 0; i < 20; i++) {
            assertThat(FreePorts.find(false)).isNotEqualTo(6379);
            assertThat(FreePorts.find(true)).isNotEqualTo(6379).isLessThanOrEqualTo(55_535);
        }
    }
}
