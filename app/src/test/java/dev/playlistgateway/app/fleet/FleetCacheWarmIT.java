package dev.playlistgateway.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Three gateway instances on one Redis: what one of them read is warm for the others. */
class FleetCacheWarmIT {
    private static final String MY_PLAYLISTS = "{ me { playlists(first: 10) { totalCount nodes { name "
            + "tracks(first: 100) { edges { node { name album { name } artists { name } } } } } } } }";

    private static SpotifyStandIn spotify;
    private static RedisServer redis;
    private static GatewayFleet fleet;

    @BeforeAll
    static void start() {
        spotify = SpotifyStandIn.builder().users(1).playlists(10).tracks(100).start();
        redis = RedisServer.start();
        fleet = GatewayFleet.of(3).redis(redis.uri()).properties(spotify.gatewayProperties()).start();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (spotify != null) {
            spotify.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Map<String, String> user0() {
        return Map.of("Authorization", "Bearer " + spotify.token(spotify.user(0)));
    }

    @Test
    void whatOneInstanceReadIsWarmForTheOthers() {
        // Each instance learns who is behind the Bearer token once (kept in memory): not what is measured.
        for (int i = 0; i < fleet.size(); i++) {
            fleet.graphql(i, "{ me { id } }", user0());
        }
        spotify.resetCalls();

        JsonNode cold = fleet.graphql(0, MY_PLAYLISTS, user0());
        long coldCalls = spotify.totalCalls();
        spotify.resetCalls();
        JsonNode onSecond = fleet.graphql(1, MY_PLAYLISTS, user0());
        JsonNode onThird = fleet.graphql(2, MY_PLAYLISTS, user0());

        assertThat(cold.has("errors")).as("%s", cold).isFalse();
        assertThat(coldCalls).as("the cold read").isPositive();
        assertThat(spotify.totalCalls()).as("Spotify calls of the same query on the two other instances").isZero();
        assertThat(onSecond.get("data")).isEqualTo(cold.get("data"));
        assertThat(onThird.get("data")).isEqualTo(cold.get("data"));
        assertThat(onThird.at("/extensions/cache/upstreamCalls").asInt()).isZero();
    }

    @Test
    void aPublicPlaylistReadAnonymouslyOnOneIsWarmForAnonymousCallersOfTheOthers() {
        String query = "{ playlist(id: \"" + spotify.playlistId(spotify.user(0), 1) + "\") { name trackCount "
                + "tracks(first: 50) { edges { node { name } } } } }";
        fleet.graphql(0, query, Map.of());
        spotify.resetCalls();

        JsonNode warm = fleet.graphql(2, query, Map.of());

        assertThat(warm.has("errors")).as("%s", warm).isFalse();
        assertThat(spotify.calls()).as("calls on the third instance")
                .allSatisfy((endpoint, calls) -> assertThat(calls).as("%s", endpoint)
                        .isEqualTo(endpoint == SpotifyStandIn.Endpoint.TOKEN ? calls : 0L));
    }
}
