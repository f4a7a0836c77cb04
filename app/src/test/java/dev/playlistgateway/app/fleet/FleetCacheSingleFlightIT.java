package dev.playlistgateway.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn.Endpoint;
import dev.playlistgateway.testsupport.redis.RedisCluster;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 concurrent cold requests for one 250-item playlist, spread over three instances on one Redis
 * (standalone, then Cluster): one Spotify call for the playlist (it carries items 0 to 99) and one
 * per further items page, however many instances and requests ask at once.
 */
class FleetCacheSingleFlightIT {
    private static final int REQUESTS = 16;

    private static SpotifyStandIn spotify;

    @BeforeAll
    static void startSpotify() {
        // 100 ms per call: the 16 requests overlap while the first loads are on their way.
        spotify = SpotifyStandIn.builder().users(1).playlists(4).tracks(250).latency(Duration.ofMillis(100)).start();
    }

    @AfterAll
    static void stopSpotify() {
        if (spotify != null) {
            spotify.close();
        }
    }

    /** Base64 of the position, as the gateway's cursors are: {@code after} it, the window starts at position + 1. */
    private static String cursorAt(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("pos:v1:" + position).getBytes(StandardCharsets.US_ASCII));
    }

    private static String threeWindowsOf(String playlist) {
        String edges = "{ edges { node { name album { name } } } }";
        return "{ playlist(id: \"" + playlist + "\") { name trackCount first: tracks(first: 100) " + edges
                + " second: tracks(first: 100, after: \"" + cursorAt(99) + "\") " + edges
                + " third: tracks(first: 50, after: \"" + cursorAt(199) + "\") " + edges + " } }";
    }

    @Test
    void sixteenColdRequestsOverThreeInstancesOnStandaloneRedisLoadEachPageOnce() throws Exception {
        try (RedisServer redis = RedisServer.start();
             GatewayFleet fleet = GatewayFleet.of(3).redis(redis.uri()).properties(spotify.gatewayProperties()).start()) {
            burstLoadsEachPageOnce(fleet, spotify.playlistId(spotify.user(0), 0));
        }
    }

    @Test
    void sixteenColdRequestsOverThreeInstancesOnRedisClusterLoadEachPageOnce() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3);
             GatewayFleet fleet = GatewayFleet.of(3).redisCluster(cluster.uris()).properties(spotify.gatewayProperties()).start()) {
            burstLoadsEachPageOnce(fleet, spotify.playlistId(spotify.user(0), 1));
        }
    }

    private void burstLoadsEachPageOnce(GatewayFleet fleet, String playlist) throws Exception {
        String query = threeWindowsOf(playlist);
        for (int i = 0; i < fleet.size(); i++) {
            fleet.graphql(i, "{ track(id: \"" + "0000000000000000000000" + "\") { name } }", Map.of()); // app token, once each
        }
        spotify.resetCalls();
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try {
            CyclicBarrier together = new CyclicBarrier(REQUESTS);
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int r = 0; r < REQUESTS; r++) {
                int instance = r % fleet.size();
                answers.add(clients.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return fleet.graphql(instance, query, Map.of());
                }));
            }
            JsonNode first = answers.get(0).get(60, TimeUnit.SECONDS);
            assertThat(first.has("errors")).as("%s", first).isFalse();
            assertThat(first.at("/data/playlist/third/edges").size()).isEqualTo(50);
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS).get("data")).isEqualTo(first.get("data"));
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(spotify.calls(Endpoint.PLAYLIST)).as("playlist calls").isEqualTo(1);
        assertThat(spotify.calls(Endpoint.PLAYLIST_ITEMS)).as("items pages 100-199 and 200-249").isEqualTo(2);
        assertThat(spotify.calls(Endpoint.TRACKS)).as("tracks come with the items").isZero();
    }
}
