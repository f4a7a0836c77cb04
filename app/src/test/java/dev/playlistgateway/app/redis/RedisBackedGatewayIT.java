package dev.playlistgateway.app.redis;

import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with its cache in Redis, started and stopped as a whole: what it keeps survives a
 * restart of the gateway, and a Redis that dies or hangs mid-run slows queries by at most one
 * command timeout before they are answered from upstream alone.
 */
class RedisBackedGatewayIT {
    private static final String QUERY = "{ playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name "
            + "tracks(first: 100) { edges { track { name album { name } artists { name genres } } } } } }";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private EmbeddedServer server;

    @AfterEach
    void stopGateway() {
        if (server != null) {
            server.close();
        }
    }

    private EmbeddedServer startGateway() throws InterruptedException {
        return startGateway(Map.of());
    }

    private EmbeddedServer startGateway(Map<String, Object> more) throws InterruptedException {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "redis.uri", redis.uri(),
                "cache.redis.command-timeout", "200ms",
                "cache.redis.backoff", "500ms",
                // what Redis itself does when it goes away; the near tier's part: NearCacheStandaloneFleetIT
                "cache.near.enabled", "false"));
        properties.putAll(more);
        EmbeddedServer started = ApplicationContext.run(EmbeddedServer.class, properties);
        awaitCacheUp(started);
        return started;
    }

    /** The Redis connection opens in the background at start-up; a test that counts hits waits for it. */
    private static void awaitCacheUp(EmbeddedServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (health(server).toString().contains("store=DOWN") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cost(Map<String, Object> response) {
        return (Map<String, Object>) ((Map<String, Object>) response.get("extensions")).get("cache");
    }

    private static Map<String, Object> post(EmbeddedServer server, String query) {
        try (HttpClient client = HttpClient.create(server.getURL())) {
            return client.toBlocking().retrieve(HttpRequest.POST("/graphql", Map.of("query", query))
                    .contentType(MediaType.APPLICATION_JSON_TYPE), JSON);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> health(EmbeddedServer server) {
        try (HttpClient client = HttpClient.create(server.getURL())) {
            return client.toBlocking().retrieve(HttpRequest.GET("/health"), JSON);
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(JSON).orElseThrow();
        }
    }

    @Test
    void aRestartedGatewayAnswersAWarmQueryWithNoUpstreamCall() throws InterruptedException {
        redis.server().flushAll();
        server = startGateway();
        Map<String, Object> cold = post(server, QUERY);
        assertThat(((Number) cost(cold).get("upstreamCalls")).intValue()).isPositive();
        server.close();

        server = startGateway();
        Map<String, Object> warm = post(server, QUERY);

        assertThat(warm).doesNotContainKey("errors");
        assertThat(cost(warm).get("upstreamCalls")).isEqualTo(0);
        assertThat(cost(warm).get("misses")).isEqualTo(0);
    }

    @Test
    void everyKeyInRedisHasATtlAndThePrefix() throws InterruptedException {
        redis.server().flushAll();
        server = startGateway();
        post(server, QUERY);
        post(server, QUERY); // writes are sent, not awaited: the repeat's reads come back after them

        List<Object> keys = (List<Object>) redis.server().command("KEYS", "*");
        assertThat(keys).isNotEmpty();
        for (Object key : keys) {
            String name = key.toString();
            assertThat(name).startsWith("pgw:v1:");
            assertThat(((Number) redis.server().command("PTTL", name)).longValue()).as(name).isPositive();
        }
    }

    @Test
    void queriesKeepAnsweringWhileRedisIsDownAndUseItAgainWhenItReturns() throws Exception {
        redis.server().flushAll();
        server = startGateway();
        post(server, QUERY); // warm
        assertThat(health(server).toString()).contains("cache").doesNotContain("DOWN");

        redis.server().kill();
        long start = System.nanoTime();
        Map<String, Object> duringOutage = post(server, QUERY);
        Duration first = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        Map<String, Object> again = post(server, QUERY);
        Duration second = Duration.ofNanos(System.nanoTime() - start);

        assertThat(duringOutage).doesNotContainKey("errors");
        assertThat(again).doesNotContainKey("errors");
        assertThat(((Number) cost(again).get("upstreamCalls")).intValue()).isPositive(); // answered upstream
        // Generous bounds for a shared machine: one command timeout (200 ms) plus the demo's work.
        assertThat(first).isLessThan(Duration.ofSeconds(3));
        assertThat(second).isLessThan(Duration.ofSeconds(3));
        // The gateway still answers, so it stays in rotation: 200, with the store shown DOWN.
        assertThat(healthStatus(server)).isEqualTo(200);
        assertThat(health(server).toString()).contains("DEGRADED").contains("store=DOWN");

        redis.server().restart();
        Map<String, Object> recovered = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            post(server, QUERY);
            recovered = post(server, QUERY);
            if (cost(recovered).get("upstreamCalls").equals(0)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(recovered).isNotNull();
        assertThat(cost(recovered).get("upstreamCalls")).as("warm again from Redis").isEqualTo(0);
        assertThat(health(server).toString()).doesNotContain("DOWN").doesNotContain("DEGRADED");
    }

    @Test
    void withTheMemoryFallbackARedisOutageCostsOneUpstreamReadNotOneEveryQuery() throws Exception {
        redis.server().flushAll();
        server = startGateway(Map.of("cache.redis.fallback", "memory"));
        post(server, QUERY); // warm in Redis

        redis.server().kill();
        try {
            Map<String, Object> first = post(server, QUERY);   // Redis gone: upstream, kept in memory
            Map<String, Object> second = post(server, QUERY);  // answered from memory

            assertThat(first).doesNotContainKey("errors");
            assertThat(((Number) cost(first).get("upstreamCalls")).intValue()).isPositive();
            assertThat(cost(second).get("upstreamCalls")).isEqualTo(0);
            assertThat(health(server).toString()).contains("store=DOWN");
        } finally {
            redis.server().restart();
        }
    }

    private static int healthStatus(EmbeddedServer server) {
        try (HttpClient client = HttpClient.create(server.getURL())) {
            return client.toBlocking().exchange(HttpRequest.GET("/health"), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }
}
