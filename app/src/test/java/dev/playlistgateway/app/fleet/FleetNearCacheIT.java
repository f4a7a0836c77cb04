package dev.playlistgateway.app.fleet;

import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways (demo mode, each with its own catalogue) on one Redis, each with a near tier: a
 * mutation through one drops what it changed from the other's near tier, so the other's next read
 * shows the new version that the first wrote to Redis, long before the near TTL (a minute here) could
 * have. Each gateway's catalogue is its own, so the new version can only have come through Redis.
 */
class FleetNearCacheIT {
    private static final String NEW_FINDS = "GD40jTnLyAjr6HOVzJYa14"; // demo-listener's, 1 item
    private static final String TRACK = "TQMO1kVzxLPjmC3FVPPisB";
    private static final String READ = "{ playlist(id: \"" + NEW_FINDS + "\") { trackCount snapshotId } }";
    private static final String ADD = "mutation($p: ID!, $t: [ID!]!) { addTracksToPlaylist(playlistId: $p, trackIds: $t) { trackCount } }";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private static RedisServer redis;
    private final List<EmbeddedServer> gateways = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stopGateways() {
        gateways.forEach(EmbeddedServer::close);
        gateways.clear();
    }

    private EmbeddedServer gateway() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("redis.uri", redis.uri());
        properties.put("cache.redis.command-timeout", "200ms");
        properties.put("cache.redis.backoff", "500ms");
        properties.put("cache.near.ttl", "1m");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        gateways.add(server);
        await(() -> meter(server, "gateway_cache_near_channel_up") == 1 && meter(server, "gateway_cache_store_up") == 1,
                Duration.ofSeconds(10), "the gateway's cache and channel to come up");
        return server;
    }

    @Test
    void aMutationOnOneGatewayIsSeenThroughTheOthersNearCache() {
        redis.flushAll();
        EmbeddedServer one = gateway();
        EmbeddedServer other = gateway();
        int before = trackCount(post(one, READ, Map.of()));

        // the other gateway holds the playlist in its near tier: reads answered without Redis
        await(() -> {
            double hits = meter(other, "gateway_cache_near_hits_total");
            Map<String, Object> read = post(other, READ, Map.of());
            return trackCount(read) == before && meter(other, "gateway_cache_near_hits_total") > hits
                    && cost(read).get("upstreamCalls").equals(0);
        }, Duration.ofSeconds(5), "the other gateway to answer from its near tier");

        Map<String, Object> added = post(one, ADD, Map.of("p", NEW_FINDS, "t", List.of(TRACK)));
        assertThat(added).doesNotContainKey("errors");
        assertThat(trackCount(post(one, READ, Map.of()))).isEqualTo(before + 1); // re-read upstream, written to Redis

        // the other gateway's own catalogue still says `before`: only Redis has the new version. It must show
        // it well before the near TTL (1 min) could have dropped the old one: 20 s, not a few, because on a
        // busy two-core machine each of these GraphQL round trips can take seconds.
        long changed = System.nanoTime();
        await(() -> trackCount(post(other, READ, Map.of())) == before + 1, Duration.ofSeconds(20),
                "the other gateway to show the new version");
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(20));
        assertThat(meter(other, "gateway_cache_near_invalidations_total")).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static int trackCount(Map<String, Object> response) {
        return ((Number) ((Map<String, Object>) ((Map<String, Object>) response.get("data")).get("playlist")).get("trackCount")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cost(Map<String, Object> response) {
        return (Map<String, Object>) ((Map<String, Object>) response.get("extensions")).get("cache");
    }

    private static Map<String, Object> post(EmbeddedServer server, String query, Map<String, Object> variables) {
        try (HttpClient client = HttpClient.create(server.getURL())) {
            return client.toBlocking().retrieve(HttpRequest.POST("/graphql", Map.of("query", query, "variables", variables))
                    .contentType(MediaType.APPLICATION_JSON_TYPE), JSON);
        }
    }

    /** A meter's value from /prometheus (summed over its series), or -1 when it is not there. */
    private static double meter(EmbeddedServer server, String name) {
        String page;
        try (HttpClient client = HttpClient.create(server.getURL())) {
            page = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
        }
        double sum = -1;
        for (String line : page.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static void await(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within + " for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
