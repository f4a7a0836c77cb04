package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotifyFailureTest extends WireMockSpotifyTest {

    private static final TrackId TRACK = TrackId.of(SpotifyFixtures.id('t', 1));
    private static final PlaylistId PLAYLIST = PlaylistId.of("37i9dQZF1DXcBWIGoYBM5M");

    private static MusicDataException failureOf(Runnable call) {
        return thrown(MusicDataException.class, call);
    }

    @Test
    void serverErrorsOnReadsAreRetriedWithBackoffThenUpstreamUnavailable() {
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).willReturn(spotifyError(503, "Service unavailable")));
        SpotifyPlaylistAdapter port = adapter(settings().readRetries(2).build());

        MusicDataException e = failureOf(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK)));

        assertThat(e.failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/tracks")))).isEqualTo(3);
    }

    @Test
    void aServerErrorFollowedBySuccessIsRiddenOut() {
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(spotifyError(502, "Bad gateway")).willSetStateTo("ok"));
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson(ME)));

        User me = adapter().currentUser(ANN_VIEWER);

        assertThat(me.displayName()).isEqualTo("Ann");
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/me")))).isEqualTo(2);
    }

    @Test
    void malformedJsonIsAnUpstreamFailureNotACrash() {
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(okJson("{\"id\": \"ann\", \"display_na")));
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/" + PLAYLIST)).willReturn(okJson("{\"id\": 42}")));
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).willReturn(okJson("{\"tracks\": [{\"id\": \"not a valid id!\"}]}")));
        SpotifyPlaylistAdapter port = adapter();

        assertThat(failureOf(() -> port.currentUser(ANN_VIEWER)).failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
        assertThat(failureOf(() -> port.playlist(ANN_VIEWER, PLAYLIST)).failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
        assertThat(failureOf(() -> port.tracks(ANN_VIEWER, List.of(TRACK))).failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aSlowAnswerTimesOutIsRetriedThenUpstreamUnavailable() {
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(okJson(ME).withFixedDelay(1500)));
        SpotifyPlaylistAdapter port = adapter(settings().readTimeout(Duration.ofMillis(300)).readRetries(1).build());

        MusicDataException e = failureOf(() -> port.currentUser(ANN_VIEWER));

        assertThat(e.failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
        assertThat(e.getMessage()).contains("in time");
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/me")))).isEqualTo(2);
        assertThat(meters.find("spotify.requests").tag("status", "TIMEOUT").timer().count()).isEqualTo(2);
    }

    @Test
    void anUnreachableSpotifyIsUpstreamUnavailable() {
        SpotifyPlaylistAdapter port = adapter(settings().apiUrl(java.net.URI.create("http://127.0.0.1:1")).readRetries(1).build());

        assertThat(failureOf(() -> port.currentUser(ANN_VIEWER)).failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void anExpiredUserTokenIsRefreshedOnceAndTheCallRetried() {
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer ann-token"))
                .willReturn(spotifyError(401, "The access token expired")));
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer ann-token-2"))
                .willReturn(okJson(ME)));
        FixedUserTokens tokens = new FixedUserTokens("ann-token", "ann-token-2");

        User me = adapter(settings().build(), tokens).currentUser(ANN_VIEWER);

        assertThat(me.id()).isEqualTo(ANN);
        assertThat(tokens.refreshes.get()).isEqualTo(1);
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/me")))).isEqualTo(2);
        assertThat(tokenCalls()).isZero(); // a user's call never needs the app token
    }

    @Test
    void aRefreshedTokenThatIsAlsoRejectedMeansSignInAgain() {
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(spotifyError(401, "Invalid access token")));
        FixedUserTokens tokens = new FixedUserTokens("ann-token", "ann-token-2");

        MusicDataException e = failureOf(() -> adapter(settings().build(), tokens).currentUser(ANN_VIEWER));

        assertThat(e.failure()).isEqualTo(Failure.UNAUTHENTICATED);
        assertThat(tokens.refreshes.get()).isEqualTo(1);
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/me")))).isEqualTo(2);
    }

    @Test
    void aViewerWithoutTokensOrAnAnonymousOneIsUnauthenticatedWhereAUserIsNeeded() {
        SpotifyPlaylistAdapter port = adapter(settings().build(), SpotifyUserTokens.NONE);

        assertThat(failureOf(() -> port.currentUser(ANN_VIEWER)).failure()).isEqualTo(Failure.UNAUTHENTICATED);
        assertThat(failureOf(() -> port.currentUser(Viewer.ANONYMOUS)).failure()).isEqualTo(Failure.UNAUTHENTICATED);
        assertThat(failureOf(() -> port.addItems(Viewer.ANONYMOUS, PLAYLIST, List.of(TRACK))).failure())
                .isEqualTo(Failure.UNAUTHENTICATED);
        assertThat(spotify.getAllServeEvents()).isEmpty();
    }

    @Test
    void theAppTokenIsFetchedOnceHoweverManyCallersNeedItAtOnce() throws Exception {
        spotify.stubFor(post("/api/token").willReturn(okJson(
                "{\"access_token\":\"" + APP_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").withFixedDelay(300)));
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).willReturn(aResponse().withTransformers("catalogue")));
        SpotifyPlaylistAdapter port = adapter(settings().maxConcurrentCalls(32).build());
        CountDownLatch start = new CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);

        List<CompletableFuture<?>> callers = IntStream.range(0, 16).<CompletableFuture<?>>mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            port.tracks(Viewer.ANONYMOUS, List.of(TRACK));
        }, pool)).toList();
        start.countDown();
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get();
        pool.shutdown();
        port.tracks(Viewer.ANONYMOUS, List.of(TRACK));

        assertThat(tokenCalls()).isEqualTo(1);
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/tracks")).withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))))
                .isEqualTo(17);
        assertThat(spotify.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/token")))
                .get(0).getBodyAsString()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void aRejectedAppTokenIsReplacedOnce() {
        spotify.stubFor(post("/api/token").inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"access_token\":\"old\",\"token_type\":\"Bearer\",\"expires_in\":3600}")).willSetStateTo("second"));
        spotify.stubFor(post("/api/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"new\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(spotifyError(401, "The access token expired")));
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(aResponse().withTransformers("catalogue")));

        assertThat(adapter().tracks(Viewer.ANONYMOUS, List.of(TRACK))).containsOnlyKeys(TRACK);
        assertThat(tokenCalls()).isEqualTo(2);
    }

    @Test
    void requestsAreTimedPerEndpointTemplateAndStatus() {
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items")).willReturn(aResponse()
                .withTransformers("playlist-items").withTransformerParameter("total", 3)));

        adapter().items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(0, 100));

        assertThat(meters.find("spotify.requests").tag("endpoint", "/v1/playlists/{id}/items").tag("status", "200")
                .tag("method", "GET").timer().count()).isEqualTo(1);
        assertThat(meters.find("spotify.requests").tag("endpoint", "/api/token").tag("status", "200").timer().count()).isEqualTo(1);
    }
}
