package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole API suite again, with the cache in a real Redis: swapping the adapter is configuration
 * ({@code redis.uri}), not code.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQLApiOnRedisIT extends GraphQLApiIT implements TestPropertyProvider {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Inject
    CachePort cache;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("redis.uri", redis.uri());
    }

    @Test
    void theCacheIsRedisAndHoldsWhatQueriesRead() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cache.isAvailable() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the connection opens in the background at start-up
        }
        graphql.post("{ playlist(id: \"" + DEEP_FOCUS + "\") { name } }");

        assertThat(cache.getClass().getSimpleName()).containsAnyOf("Lettuce", "NearTier"); // the near tier wraps Lettuce
        cache.get("v1:none"); // writes are sent, not awaited: a read on the cache's connection comes back after them
        Object keys = redis.server().command("DBSIZE");
        assertThat(((Number) keys).longValue()).as("keys in this test's own Redis").isPositive();
    }
}
