package dev.playlistgateway.app.spotify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.app.support.LogCapture;
import dev.playlistgateway.app.support.SpotifyMode;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway end to end in Spotify mode: GraphQL in, the Spotify adapter out to a WireMock server
 * that answers like Spotify's full API, with every upstream call counted. Anonymous caller, so the
 * app token (client credentials) is used, as for a public playlist.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpotifyEndToEndIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final String PLAYLIST = SpotifyFixtures.id('p', 1);
    private static final int SIZE = 150;

    private WireMockServer spotify;
    private final LogCapture logs = LogCapture.everything();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        spotify.start();
        stubSpotify();
        return SpotifyMode.against(spotify.baseUrl(), "extended",
                "spotify.max-wait", "1s");
    }

    @AfterAll
    void stopSpotify() {
        spotify.stop();
        logs.close();
    }

    private static String trackId(int n) {
        return SpotifyFixtures.id('t', n);
    }

    private void stubSpotify() {
        spotify.stubFor(post(urlPathEqualTo("/api/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"app-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));

        List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(trackId(i), Shape.EXTENDED), Shape.EXTENDED));
        }
        ObjectNode firstPage = SpotifyFixtures.paging("/v1/playlists/" + PLAYLIST + "/tracks", entries.subList(0, 100), 0, 100, SIZE);
        ObjectNode playlist = SpotifyFixtures.fullPlaylist(PLAYLIST, "ann", firstPage, Shape.EXTENDED);
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + PLAYLIST)).willReturn(json(playlist.toString())));
        ObjectNode secondPage = SpotifyFixtures.paging("/v1/playlists/" + PLAYLIST + "/items", entries.subList(100, SIZE), 100, 100, SIZE);
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items"))
                .withQueryParam("offset", equalTo("100")).willReturn(json(secondPage.toString())));

        // Several tracks by id, 60 not in the playlist: the adapter asks in chunks of 50, in order.
        stubTracks(1000, 1050);
        stubTracks(1050, 1060);

        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + SpotifyFixtures.id('p', 2))).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "3600")
                .withHeader("Content-Type", "application/json")
                .withBody(SpotifyFixtures.error(429, "API rate limit exceeded"))));
    }

    private void stubTracks(int from, int to) {
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"tracks\":[");
        for (int i = from; i < to; i++) {
            ids.add(trackId(i));
            body.append(i > from ? "," : "").append(SpotifyFixtures.track(trackId(i), Shape.EXTENDED));
        }
        body.append("]}");
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/tracks")).withQueryParam("ids", equalTo(String.join(",", ids)))
                .willReturn(json(body.toString())));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private Map<String, Object> graphql(String query) {
        return http.toBlocking().retrieve(HttpRequest.POST("/graphql", Map.of("query", query))
                .contentType(MediaType.APPLICATION_JSON_TYPE), JSON);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> body, String path) {
        Object current = body;
        for (String part : path.split("\\.")) {
            current = current instanceof Map<?, ?> map ? map.get(part) : ((List<Object>) current).get(Integer.parseInt(part));
        }
        return (T) current;
    }

    private int spotifyCalls() {
        return spotify.getAllServeEvents().size();
    }

    @Test
    @Order(1)
    void aPublicPlaylistComesInSpotifysOrderFromOneCallAndARepeatMakesNone() {
        String query = "{ playlist(id: \"" + PLAYLIST + "\") { name trackCount owner { id: spotifyId } "
                + "tracks(first: 100) { totalCount edges { track { id: spotifyId name album { name } artists { name } } } } } }";

        Map<String, Object> cold = graphql(query);

        assertThat(cold).doesNotContainKey("errors");
        assertThat(at(cold, "data.playlist.trackCount").equals(SIZE)).isTrue();
        List<Map<String, Map<String, Object>>> edges = at(cold, "data.playlist.tracks.edges");
        assertThat(edges).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(edges.get(i).get("track").get("id")).isEqualTo(trackId(i));
        }
        spotify.verify(1, postRequestedFor(urlPathEqualTo("/api/token")));
        spotify.verify(1, getRequestedFor(urlPathEqualTo("/v1/playlists/" + PLAYLIST)));
        assertThat(spotifyCalls()).isEqualTo(2); // the app token, then the playlist with its first 100 items
        assertThat(at(cold, "extensions.cache.upstreamCalls").equals(1)).isTrue();
        // The app token went to Spotify, and the client secret only to the token endpoint.
        spotify.verify(getRequestedFor(urlPathEqualTo("/v1/playlists/" + PLAYLIST))
                .withHeader("Authorization", equalTo("Bearer app-token")));
        String basic = "Basic " + Base64.getEncoder().encodeToString((SpotifyMode.CLIENT_ID + ":" + SpotifyMode.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(spotify.findAll(postRequestedFor(urlPathEqualTo("/api/token"))).get(0).getHeader("Authorization")
                .equals(basic) || spotify.findAll(postRequestedFor(urlPathEqualTo("/api/token"))).get(0).getBodyAsString()
                .contains("client_secret")).isTrue();

        Map<String, Object> warm = graphql(query);

        assertThat(warm).doesNotContainKey("errors");
        assertThat(spotifyCalls()).isEqualTo(2);
        assertThat(at(warm, "extensions.cache.upstreamCalls").equals(0)).isTrue();
    }

    @Test
    @Order(2)
    void theNextPageCostsOneItemsCall() {
        spotify.resetRequests();
        Map<String, Object> first = graphql("{ playlist(id: \"" + PLAYLIST + "\") { tracks(first: 100) { pageInfo { endCursor } } } }");
        String cursor = at(first, "data.playlist.tracks.pageInfo.endCursor");

        Map<String, Object> next = graphql("{ playlist(id: \"" + PLAYLIST + "\") { tracks(first: 100, after: \"" + cursor + "\") "
                + "{ edges { track { id: spotifyId } } pageInfo { hasNextPage } } } }");

        assertThat(next).doesNotContainKey("errors");
        List<Map<String, Map<String, Object>>> edges = at(next, "data.playlist.tracks.edges");
        assertThat(edges).hasSize(SIZE - 100);
        assertThat(edges.get(0).get("track").get("id")).isEqualTo(trackId(100));
        assertThat((Boolean) at(next, "data.playlist.tracks.pageInfo.hasNextPage")).isFalse();
        spotify.verify(1, getRequestedFor(urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items")));
        assertThat(spotifyCalls()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void sixtyUncachedTracksByIdCostTwoCallsWithTheFullApi() {
        spotify.resetRequests();
        List<String> ids = new ArrayList<>();
        for (int i = 1000; i < 1060; i++) {
            ids.add("\"" + trackId(i) + "\"");
        }
        ids.add("\"" + trackId(5) + "\""); // cached from the playlist: no call for it

        Map<String, Object> response = graphql("{ tracks(ids: [" + String.join(",", ids) + "]) { id: spotifyId name } }");

        assertThat(response).doesNotContainKey("errors");
        List<Map<String, Object>> tracks = at(response, "data.tracks");
        assertThat(tracks).hasSize(61);
        assertThat(tracks.get(0).get("id")).isEqualTo(trackId(1000));
        assertThat(tracks.get(60).get("id")).isEqualTo(trackId(5));
        spotify.verify(2, getRequestedFor(urlPathEqualTo("/v1/tracks")));
        assertThat(spotifyCalls()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aThrottledSpotifyGetsNoCallsItToldUsNotToMake() {
        spotify.resetRequests();
        Map<String, Object> throttled = graphql("{ playlist(id: \"" + SpotifyFixtures.id('p', 2) + "\") { name } }");

        assertThat(at(throttled, "errors.0.extensions.code").equals("RATE_LIMITED")).isTrue();
        assertThat(((Number) at(throttled, "errors.0.extensions.retryAfterSeconds")).longValue()).isGreaterThan(3000);
        assertThat(spotifyCalls()).isEqualTo(1);

        Map<String, Object> other = graphql("{ playlist(id: \"" + SpotifyFixtures.id('p', 3) + "\") { name } }");

        assertThat(at(other, "errors.0.extensions.code").equals("RATE_LIMITED")).isTrue();
        assertThat(spotifyCalls()).as("no call while Retry-After holds").isEqualTo(1);

        // What is cached still answers.
        Map<String, Object> cached = graphql("{ playlist(id: \"" + PLAYLIST + "\") { name } }");
        assertThat(cached).doesNotContainKey("errors");
        assertThat(spotifyCalls()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void noTokenOrClientSecretReachesTheLogsEvenAtDebug() {
        assertThat(logs.lines()).as("the adapter logged its calls at debug").anyMatch(line -> line.startsWith("dev.playlistgateway.adapter.spotify"));
        assertThat(logs.lines()).noneMatch(line -> line.contains("app-token") || line.contains(SpotifyMode.CLIENT_SECRET)
                || line.contains(Base64.getEncoder().encodeToString((SpotifyMode.CLIENT_ID + ":" + SpotifyMode.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8))));
    }
}
