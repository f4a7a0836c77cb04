package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.TrackId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotifyMutationTest extends WireMockSpotifyTest {

    private static final PlaylistId PLAYLIST = PlaylistId.of("3cEYpjA9oz9GiPac4AsH4n");
    private static final String ITEMS = "/v1/playlists/" + PLAYLIST + "/items";

    private static List<TrackId> tracks(int count) {
        return IntStream.range(0, count).mapToObj(i -> TrackId.of(SpotifyFixtures.id('t', i))).toList();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder snapshot(int status, String id) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"snapshot_id\":\"" + id + "\"}");
    }

    private JsonNode body(com.github.tomakehurst.wiremock.verification.LoggedRequest request) throws Exception {
        return SpotifyFixtures.JSON.readTree(request.getBodyAsString());
    }

    @Test
    void adding150TracksPostsTwoChunksOfUrisInOrderAndReturnsTheLastSnapshot() throws Exception {
        spotify.stubFor(post(urlPathEqualTo(ITEMS)).inScenario("add").whenScenarioStateIs(STARTED)
                .willReturn(snapshot(201, "snap-1")).willSetStateTo("one"));
        spotify.stubFor(post(urlPathEqualTo(ITEMS)).inScenario("add").whenScenarioStateIs("one")
                .willReturn(snapshot(201, "snap-2")));

        SnapshotId snapshot = adapter().addItems(ANN_VIEWER, PLAYLIST, tracks(150));

        assertThat(snapshot).isEqualTo(new SnapshotId("snap-2"));
        var requests = spotify.findAll(postRequestedFor(urlPathEqualTo(ITEMS))
                .withHeader("Authorization", equalTo("Bearer ann-token")));
        assertThat(requests).hasSize(2);
        assertThat(body(requests.get(0)).get("uris")).hasSize(100);
        assertThat(body(requests.get(0)).get("uris").get(0).asText()).isEqualTo("spotify:track:" + SpotifyFixtures.id('t', 0));
        assertThat(body(requests.get(1)).get("uris")).hasSize(50);
        assertThat(body(requests.get(1)).get("uris").get(49).asText()).isEqualTo("spotify:track:" + SpotifyFixtures.id('t', 149));
    }

    @Test
    void removingSendsItemsWithUrisAndReturnsTheSnapshot() throws Exception {
        spotify.stubFor(delete(urlPathEqualTo(ITEMS)).willReturn(snapshot(200, "snap-9")));

        SnapshotId snapshot = adapter().removeItems(ANN_VIEWER, PLAYLIST, tracks(2));

        assertThat(snapshot.value()).isEqualTo("snap-9");
        JsonNode sent = body(spotify.findAll(deleteRequestedFor(urlPathEqualTo(ITEMS))).get(0));
        assertThat(sent.get("items").get(1).get("uri").asText()).isEqualTo("spotify:track:" + SpotifyFixtures.id('t', 1));
    }

    @Test
    void anAddThatFailsWithAServerErrorIsNotRetriedSinceItMayHaveBeenApplied() {
        spotify.stubFor(post(urlPathEqualTo(ITEMS)).willReturn(spotifyError(500, "Server error")));

        assertThatThrownBy(() -> adapter().addItems(ANN_VIEWER, PLAYLIST, tracks(3)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE));
        assertThat(calls(postRequestedFor(urlPathEqualTo(ITEMS)))).isEqualTo(1);
    }

    @Test
    void aRemoveThatFailsWithAServerErrorIsRetriedSinceItIsIdempotent() {
        spotify.stubFor(delete(urlPathEqualTo(ITEMS)).inScenario("rm").whenScenarioStateIs(STARTED)
                .willReturn(spotifyError(503, "Service unavailable")).willSetStateTo("ok"));
        spotify.stubFor(delete(urlPathEqualTo(ITEMS)).inScenario("rm").whenScenarioStateIs("ok")
                .willReturn(snapshot(200, "snap-3")));

        assertThat(adapter().removeItems(ANN_VIEWER, PLAYLIST, tracks(1)).value()).isEqualTo("snap-3");
        assertThat(calls(deleteRequestedFor(urlPathEqualTo(ITEMS)))).isEqualTo(2);
    }

    @Test
    void changingSomeoneElsesPlaylistIsForbiddenSayingWhy() {
        spotify.stubFor(post(urlPathEqualTo(ITEMS)).willReturn(spotifyError(403, "You cannot add tracks to a playlist you don't own.")));

        assertThatThrownBy(() -> adapter().addItems(ANN_VIEWER, PLAYLIST, tracks(1)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.FORBIDDEN);
                    assertThat(e.getMessage()).contains("owner or a collaborator").contains("you don't own");
                });
    }

    @Test
    void aFailureAfterTheFirstChunkSaysHowManyTracksWentThrough() {
        spotify.stubFor(post(urlPathEqualTo(ITEMS)).inScenario("add").whenScenarioStateIs(STARTED)
                .willReturn(snapshot(201, "snap-1")).willSetStateTo("one"));
        spotify.stubFor(post(urlPathEqualTo(ITEMS)).inScenario("add").whenScenarioStateIs("one")
                .willReturn(spotifyError(500, "Server error")));

        assertThatThrownBy(() -> adapter().addItems(ANN_VIEWER, PLAYLIST, tracks(101)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("first 100 of 101 tracks were added");
                });
    }
}
