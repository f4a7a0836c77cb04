package dev.playlistgateway.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change through one instance, read through the others: three instances on one Redis, Spotify a
 * WireMock whose playlist is version 1 until the change (a POST of its items) makes it version 2.
 */
class FleetCacheWritesIT {
    private static final String PLAYLIST = SpotifyFixtures.id('p', 7);
    private static final String ADDED = SpotifyFixtures.id('t', 99);
    private static final String TOKEN = "token-ann";
    private static final String READ = "{ playlist(id: \"" + PLAYLIST + "\") { snapshotId trackCount } }";
    private static final String CHANGE = "mutation { addTracksToPlaylist(playlistId: \"" + PLAYLIST
            + "\", trackIds: [\"" + ADDED + "\"]) { snapshotId trackCount } }";

    private static WireMockServer spotify;
    private static RedisServer redis;
    private static GatewayFleet fleet;

    @BeforeAll
    static void start() {
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        spotify.start();
        redis = RedisServer.start();
        fleet = GatewayFleet.of(3).redis(redis.uri()).properties(Map.of(
                "spotify.client-id", "fleet-client",
                "spotify.client-secret", "fleet-secret",
                "spotify.api-url", spotify.baseUrl(),
                "spotify.accounts-url", spotify.baseUrl(),
                "spotify.api-mode", "extended",
                "spotify.read-retries", "0",
                // Each test starts from an empty Redis (FLUSHALL announces nothing to the near tiers, which would
                // hold the last test's version for their TTL); FleetNearCacheIT covers changes seen through them.
                "cache.near.enabled", "false")).start();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (spotify != null) {
            spotify.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void versionOne() {
        redis.flushAll();
        spotify.resetAll();
        spotify.stubFor(WireMock.post(urlPathEqualTo("/api/token")).willReturn(json(
                "{\"access_token\":\"app-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json("{\"id\":\"ann\",\"display_name\":\"Ann\",\"type\":\"user\",\"uri\":\"spotify:user:ann\"}")));
        spotify.stubFor(WireMock.post(urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items"))
                .inScenario("playlist").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("changed")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"snapshot_id\":\"snap-2\"}")));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + PLAYLIST))
                .inScenario("playlist").whenScenarioStateIs("changed")
                .willReturn(json(playlist(2).toString())));
    }

    private void versionOneAnswersAfter(int delayMillis) {
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + PLAYLIST))
                .inScenario("playlist").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(playlist(1).toString()).withFixedDelay(delayMillis)));
    }

    /** Version 1 has three tracks; the change adds a fourth and makes snapshot 2. */
    private static ObjectNode playlist(int version) {
        List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(SpotifyFixtures.id('t', i), Shape.EXTENDED), Shape.EXTENDED));
        }
        if (version == 2) {
            entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(ADDED, Shape.EXTENDED), Shape.EXTENDED));
        }
        ObjectNode page = SpotifyFixtures.paging("/v1/playlists/" + PLAYLIST + "/items", entries, 0, 100, entries.size());
        ObjectNode playlist = SpotifyFixtures.fullPlaylist(PLAYLIST, "ann", page, Shape.EXTENDED);
        playlist.put("snapshot_id", "snap-" + version);
        return playlist;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static Map<String, String> ann() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    private static String snapshotReadOn(int instance) {
        JsonNode answer = fleet.graphql(instance, READ, ann());
        assertThat(answer.has("errors")).as("%s", answer).isFalse();
        return answer.at("/data/playlist/snapshotId").asText();
    }

    @Test
    void aChangeThroughOneInstanceIsReadOnTheOthersRightAfter() {
        versionOneAnswersAfter(0);
        for (int i = 0; i < fleet.size(); i++) {
            assertThat(snapshotReadOn(i)).isEqualTo("snap-1");
        }

        JsonNode changed = fleet.graphql(0, CHANGE, ann());

        assertThat(changed.has("errors")).as("%s", changed).isFalse();
        assertThat(snapshotReadOn(1)).isEqualTo("snap-2");
        assertThat(snapshotReadOn(2)).isEqualTo("snap-2");
        assertThat(fleet.graphql(2, READ, ann()).at("/data/playlist/trackCount").asInt()).isEqualTo(4);
    }

    @Test
    void anAnswerKeptByAnotherInstancesResponseCacheIsNotGivenAfterTheChange() {
        versionOneAnswersAfter(0);
        MeterRegistry second = fleet.bean(1, MeterRegistry.class);
        for (int i = 0; i < 2; i++) {
            assertThat(snapshotReadOn(1)).isEqualTo("snap-1");
        }
        double replayed = second.counter("gateway.graphql.response.cache", "result", "hit").count();
        assertThat(snapshotReadOn(1)).isEqualTo("snap-1");
        assertThat(second.counter("gateway.graphql.response.cache", "result", "hit").count())
                .as("instance 1 gave its kept answer").isEqualTo(replayed + 1);

        JsonNode changed = fleet.graphql(0, CHANGE, ann());

        assertThat(changed.has("errors")).as("%s", changed).isFalse();
        assertThat(snapshotReadOn(1)).isEqualTo("snap-2");
        assertThat(snapshotReadOn(1)).isEqualTo("snap-2");
    }

    @Test
    void aReadInFlightOnAnotherInstanceWhenTheChangeIsMadeDoesNotCacheTheOldVersion() throws Exception {
        versionOneAnswersAfter(1_500);
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> snapshotReadOn(1));
        awaitPlaylistReads(1);

        JsonNode changed = fleet.graphql(0, CHANGE, ann());
        String answeredInFlight = inFlight.get(30, TimeUnit.SECONDS);

        assertThat(changed.has("errors")).as("%s", changed).isFalse();
        assertThat(answeredInFlight).as("the read begun before the change").isEqualTo("snap-1");
        assertThat(snapshotReadOn(2)).as("after it, on a third instance").isEqualTo("snap-2");
        assertThat(snapshotReadOn(1)).as("and on the instance whose read was in flight").isEqualTo("snap-2");
    }

    private static void awaitPlaylistReads(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (spotify.findAll(getRequestedFor(urlPathEqualTo("/v1/playlists/" + PLAYLIST))).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the playlist was not read upstream");
            }
            Thread.sleep(10);
        }
    }
}
