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
import static dev.playlistgateway.app.graphql.PersistedQueriesStoreBoundIT.allowance;
import static dev.playlistgateway.app.graphql.PersistedQueriesStoreBoundIT.padded;
import static dev.playlistgateway.app.graphql.PersistedQueriesStoreBoundIT.register;
import static dev.playlistgateway.app.graphql.PersistedQueriesStoreBoundIT.stored;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on one Redis share their automatic persisted queries: a query registered through one
 * runs by its hash on the other, and sits in Redis under {@code pgw:apq:v1:<hash>} with the configured
 * time to live. Padded registrations (the flood below goes to the second instance only, so that the first's
 * budget is the other test's) grow Redis by no more than the instance's budget allows.
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
                "graphql.persisted-queries.ttl", "30m",
                "gateway.security.bearer.client-address-header", "X-Forwarded-For"));
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

    @Test
    void paddedRegistrationsGrowRedisByNoMoreThanTheBudgetAndTheSizeAllow() {
        RawGraphQL other = new RawGraphQL(second.getURI());
        long before = usedMemory();
        int keysBefore = apqKeys();
        long started = System.nanoTime();

        // A flood: 900 KB of comment behind a one-field query, 60 times from one client.
        List<String> large = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String query = padded("redis-large-" + i, 900 << 10);
            register(other, "203.0.113.200", query);
            large.add(query);
        }
        // And under the size, from 30 clients.
        List<String> underTheSize = new java.util.ArrayList<>();
        for (int client = 0; client < 30; client++) {
            for (int i = 0; i < 2; i++) {
                String query = padded("redis-" + client + "-" + i, 60 << 10);
                register(other, "203.0.113." + client, query);
                underTheSize.add(query);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long grew = usedMemory() - before;
        int keys = apqKeys() - keysBefore;
        System.out.printf("PersistedQueriesOnRedisIT: 120 padded registrations (60 of 900 KB, 60 of 60 KB from 30 clients)"
                + " in %d ms: %d keys stored, used_memory %+d bytes%n", took.toMillis(), keys, grew);

        assertThat(stored(other, large)).isZero();
        int stored = stored(other, underTheSize);
        assertThat(keys).isEqualTo(stored);
        long bound = allowance(PersistedQueriesStoreBoundIT.TOTAL, took);
        assertThat(stored * RegistrationBudget.cost(60 << 10)).isLessThanOrEqualTo(bound);
        // Beside the 320 bytes an entry is charged for its key, Redis's allocator rounds a value up to its size
        // class, by at most a quarter (caching.md#persisted-queries).
        assertThat(grew).as("used_memory grew by").isLessThanOrEqualTo(bound * 5 / 4);

        // A normal Apollo flow meanwhile: registered through the instance the flood spared (the flooded one's
        // budget is spent for the minute, so it would run the query without storing it), found by the other.
        String query = "# after the flood\n{ playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name } }";
        String hash = PersistedQueries.sha256(query);
        RawGraphQL one = new RawGraphQL(first.getURI());
        assertThat(other.postJson(Map.of("extensions", persisted(hash))).errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(one.postJson(Map.of("query", query, "extensions", persisted(hash))).<String>at("data.playlist.name"))
                .isEqualTo("Deep Focus");
        var hit = other.postJson(Map.of("extensions", persisted(hash)));
        assertThat(hit.json()).doesNotContainKey("errors");
        assertThat(hit.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
    }

    private static long usedMemory() {
        return Long.parseLong(redis.server().info("memory").get("used_memory"));
    }

    private static int apqKeys() {
        return ((List<?>) redis.server().command("KEYS", "pgw:apq:*")).size();
    }
}
