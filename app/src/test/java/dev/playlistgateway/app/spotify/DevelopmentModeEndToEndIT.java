package dev.playlistgateway.app.spotify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.app.metrics.UpstreamFailures;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Development Mode end to end: a signed-in owner (Bearer mode) reads their playlist and its tracks
 * through GraphQL, the gateway detects from Spotify's 403 that the several-ids endpoints are gone,
 * remembers it, and reads one id per call; a collaborative playlist of another user answers with its
 * tracks while Spotify refuses that owner's playlists; every HTTP call counted by WireMock.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevelopmentModeEndToEndIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final String TOKEN = "dana-dev-token";
    private static final String PLAYLIST = SpotifyFixtures.id('d', 1);
    /** Erik's, collaborative: Dana may read its items, but not Erik's list of playlists. */
    private static final String COLLABORATIVE = SpotifyFixtures.id('c', 1);
    private static final int COLLABORATIVE_SIZE = 30;
    private static final int SIZE = 120;
    private static final int ARTISTS = 10;

    /** GET /v1/tracks/{id} and /v1/artists/{id}: the object for that id, in Development Mode's shape. */
    static final class OneById implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            String[] path = event.getRequest().getUrl().split("\\?")[0].split("/");
            String id = path[path.length - 1];
            ObjectNode body = path[2].equals("tracks") ? track(id) : SpotifyFixtures.fullArtist(id, Shape.DEVELOPMENT);
            return Response.Builder.like(response).but().body(body.toString()).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "one-by-id";
        }
    }

    private static ObjectNode track(String id) {
        ObjectNode track = SpotifyFixtures.track(id, Shape.DEVELOPMENT);
        int n = Integer.parseInt(id.substring(1));
        track.putArray("artists").add(SpotifyFixtures.artist(SpotifyFixtures.id('r', n % ARTISTS), Shape.DEVELOPMENT));
        return track;
    }

    private WireMockServer spotify;
    private final LogCapture logs = LogCapture.everything();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new OneById()));
        spotify.start();
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json("{\"id\":\"dana\",\"display_name\":\"Dana\",\"type\":\"user\",\"uri\":\"spotify:user:dana\"}")));
        List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            entries.add(SpotifyFixtures.entry(track(SpotifyFixtures.id('t', i)), Shape.DEVELOPMENT));
        }
        ObjectNode first = SpotifyFixtures.paging("/v1/playlists/" + PLAYLIST + "/items", entries.subList(0, 100), 0, 100, SIZE);
        ObjectNode playlist = SpotifyFixtures.fullPlaylist(PLAYLIST, "dana", first, Shape.DEVELOPMENT);
        playlist.put("public", false);
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + PLAYLIST))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(json(playlist.toString())));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items")).withQueryParam("offset", equalTo("100"))
                .willReturn(json(SpotifyFixtures.paging("/v1/playlists/" + PLAYLIST + "/items", entries.subList(100, SIZE), 100, 100, SIZE).toString())));
        List<ObjectNode> shared = new ArrayList<>();
        for (int i = 0; i < COLLABORATIVE_SIZE; i++) {
            shared.add(SpotifyFixtures.entry(track(SpotifyFixtures.id('t', 300 + i)), Shape.DEVELOPMENT));
        }
        ObjectNode collaborative = SpotifyFixtures.fullPlaylist(COLLABORATIVE, "erik",
                SpotifyFixtures.paging("/v1/playlists/" + COLLABORATIVE + "/items", shared, 0, 100, COLLABORATIVE_SIZE), Shape.DEVELOPMENT);
        collaborative.put("collaborative", true).put("public", false);
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + COLLABORATIVE))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(json(collaborative.toString())));
        // Development Mode: another user's playlists are refused (GET /v1/users/{id}/playlists is removed).
        spotify.stubFor(WireMock.get(urlPathMatching("/v1/users/[^/]+/playlists")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(403, "Forbidden"))));
        // Development Mode: the several-ids endpoints are gone for this app.
        for (String kind : List.of("tracks", "artists", "albums")) {
            spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/" + kind)).willReturn(aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(403, "Forbidden"))));
            spotify.stubFor(WireMock.get(urlPathMatching("/v1/" + kind + "/[A-Za-z0-9]+")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withTransformers("one-by-id")));
        }
        return SpotifyMode.against(spotify.baseUrl(), "auto");
    }

    @AfterAll
    void stopSpotify() {
        spotify.stop();
        logs.close();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private Map<String, Object> graphql(String query) {
        return http.toBlocking().retrieve(HttpRequest.POST("/graphql", Map.of("query", query))
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(TOKEN), JSON);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> body, String path) {
        Object current = body;
        for (String part : path.split("\\.")) {
            current = current instanceof Map<?, ?> map ? map.get(part) : ((List<Object>) current).get(Integer.parseInt(part));
        }
        return (T) current;
    }

    private int calls(String pathRegex) {
        return spotify.findAll(getRequestedFor(urlPathMatching(pathRegex))).size();
    }

    @Test
    @Order(1)
    void theOwnerReadsTheirPlaylistInSpotifysOrderInOneCallAndARepeatMakesNone() {
        String query = "{ playlist(id: \"" + PLAYLIST + "\") { name public "
                + "tracks(first: 100) { edges { track { id: spotifyId name album { name } artists { name } } } } } }";

        Map<String, Object> cold = graphql(query);

        assertThat(cold).doesNotContainKey("errors");
        List<Map<String, Map<String, Object>>> edges = at(cold, "data.playlist.tracks.edges");
        assertThat(edges).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(edges.get(i).get("track").get("id")).isEqualTo(SpotifyFixtures.id('t', i));
        }
        assertThat(calls("/v1/playlists/.*")).isEqualTo(1);
        assertThat(calls("/v1/me")).as("the bearer token's user, looked up once").isEqualTo(1);
        spotify.verify(getRequestedFor(urlPathEqualTo("/v1/playlists/" + PLAYLIST)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));

        spotify.resetRequests();
        Map<String, Object> warm = graphql(query);
        assertThat(warm.get("data")).isEqualTo(cold.get("data"));
        assertThat(spotify.getAllServeEvents()).isEmpty();
    }

    @Test
    @Order(2)
    void tracksByIdCostOneCallPerIdOnceTheModeIsKnown() {
        spotify.resetRequests();
        Map<String, Object> first = graphql("{ tracks(ids: [\"" + SpotifyFixtures.id('t', 500) + "\", \"" + SpotifyFixtures.id('t', 501)
                + "\", \"" + SpotifyFixtures.id('t', 5) + "\"]) { id: spotifyId name } }");

        assertThat(first).doesNotContainKey("errors");
        assertThat(at(first, "data.tracks.2.id").equals(SpotifyFixtures.id('t', 5))).isTrue();
        assertThat(calls("/v1/tracks")).as("the several-ids endpoint, once: it answers 403").isEqualTo(1);
        assertThat(calls("/v1/tracks/.+")).as("then one call per uncached id: spotifyId (t5 came with the playlist)").isEqualTo(2);

        spotify.resetRequests();
        Map<String, Object> next = graphql("{ tracks(ids: [\"" + SpotifyFixtures.id('t', 502) + "\", \"" + SpotifyFixtures.id('t', 503) + "\"]) { id: spotifyId } }");
        assertThat(next).doesNotContainKey("errors");
        assertThat(calls("/v1/tracks")).as("the mode is remembered").isZero();
        assertThat(calls("/v1/tracks/.+")).isEqualTo(2);
    }

    @Test
    @Order(3)
    void artistGenresCostOneCallPerDistinctArtistOnceForAllLaterQueries() {
        spotify.resetRequests();
        String genres = "{ playlist(id: \"" + PLAYLIST + "\") { tracks(first: 100) { edges { track { artists { genres } } } } } }";

        Map<String, Object> cold = graphql(genres);

        assertThat(cold).doesNotContainKey("errors");
        assertThat(calls("/v1/artists/.+")).isEqualTo(ARTISTS);
        assertThat(calls("/v1/artists")).as("no several-ids attempt: the mode is known").isZero();

        spotify.resetRequests();
        graphql(genres);
        assertThat(spotify.getAllServeEvents()).isEmpty();
    }

    @Test
    @Order(4)
    void aCollaborativePlaylistAnswersWithItsTracksWhileItsOwnersPlaylistsAreForbidden() {
        spotify.resetRequests();
        Map<String, Object> response = graphql("{ playlist(id: \"" + COLLABORATIVE + "\") { name collaborative "
                + "owner { id: spotifyId displayName playlists { totalCount nodes { name } } } "
                + "tracks { totalCount edges { track { id: spotifyId name } } } } }");

        assertThat((String) at(response, "data.playlist.name")).isEqualTo("Playlist " + COLLABORATIVE);
        assertThat((Boolean) at(response, "data.playlist.collaborative")).isTrue();
        assertThat((Integer) at(response, "data.playlist.tracks.totalCount")).isEqualTo(COLLABORATIVE_SIZE);
        List<Map<String, Map<String, Object>>> edges = at(response, "data.playlist.tracks.edges");
        assertThat(edges).hasSize(COLLABORATIVE_SIZE);
        for (int i = 0; i < COLLABORATIVE_SIZE; i++) {
            assertThat(edges.get(i).get("track").get("id")).isEqualTo(SpotifyFixtures.id('t', 300 + i));
        }
        Map<String, Object> owner = at(response, "data.playlist.owner");
        assertThat(owner).containsEntry("id", "erik").containsEntry("displayName", "Owner erik").containsEntry("playlists", null);

        List<Map<String, Object>> errors = at(response, "errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("path")).isEqualTo(List.of("playlist", "owner", "playlists"));
        assertThat(((Map<?, ?>) errors.get(0).get("extensions")).get("code")).isEqualTo("FORBIDDEN");
        assertThat((String) errors.get(0).get("message")).contains("playlists of user erik").contains("Development Mode");
        assertThat(calls("/v1/users/erik/playlists")).isEqualTo(1);
        assertThat(calls("/v1/playlists/" + COLLABORATIVE + ".*")).as("the items came with the playlist").isEqualTo(1);
        assertThat(logs.lines()).as("a refusal is the caller's: no upstream warning")
                .noneMatch(line -> line.startsWith(UpstreamFailures.class.getName()));
    }

    @Test
    @Order(5)
    void theBearerTokenNeverReachesTheLogsEvenAtDebug() {
        assertThat(logs.lines()).as("the adapter logged its calls at debug").anyMatch(line -> line.startsWith("dev.playlistgateway.adapter.spotify"));
        assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN) || line.contains(SpotifyMode.CLIENT_SECRET));
    }
}
