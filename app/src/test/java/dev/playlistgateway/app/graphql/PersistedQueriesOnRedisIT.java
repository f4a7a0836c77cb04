package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.playlistgateway.app.graphql.PersistedQueriesIT.persisted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on one Redis share their automatic persisted queries: a query registered through one
 * runs by its hash on the other, and sits in Redis under {@code pgw:apq:v1:<hash>} with the configured
 * time to live.
 */
class PersistedQueriesOnRedisIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static EmbeddedServer first;
    private static EmbeddedServer second;

    @BeforeAll
    static void start() throws InterruptedException {
        first = gateway();
        second = gateway();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{first, second}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing what is left
            }
        }
    }

    private static EmbeddedServer gateway() throws InterruptedException {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "redis.uri", redis.uri(),
                "graphql.persisted-queries.ttl", "30m"));
        CachePort cache = server.getApplicationContext().getBean(CachePort.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cache.isAvailable() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the Redis connection opens in the background at start-up
        }
        return server;
    }

    @Test
    void aQueryRegisteredOnOneInstanceRunsByItsHashOnTheOther() {
        String query = "# shared\n{ playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name } }";
        String hash = PersistedQueries.sha256(query);
        RawGraphQL one = new RawGraphQL(first.getURI());
        RawGraphQL other = new RawGraphQL(second.getURI());

        var missOnOther = other.postJson(Map.of("extensions", persisted(hash)));
        var registered = one.postJson(Map.of("query", query, "extensions", persisted(hash)));
        var hitOnOther = other.postJson(Map.of("extensions", persisted(hash)));
        var hitOverGet = other.get(Map.of("extensions", persisted(hash)));

        assertThat(missOnOther.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(registered.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(hitOnOther.json()).doesNotContainKey("errors");
        assertThat(hitOnOther.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(hitOverGet.<String>at("data.playlist.name")).isEqualTo("Deep Focus");

        String key = "pgw:apq:v1:" + hash;
        assertThat(((List<?>) redis.server().command("KEYS", "pgw:apq:*")).stream().map(Object::toString)).contains(key);
        assertThat(redis.server().command("GET", key).toString()).isEqualTo(query);
        long ttl = ((Number) redis.server().command("PTTL", key)).longValue();
        assertThat(Duration.ofMillis(ttl)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
    }
}
