package dev.playlistgateway.app.spotify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.adapter.spotify.SpotifyUserTokens;
import dev.playlistgateway.app.viewer.ViewerResolver;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.app.support.SpotifyMode;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caching targets (docs/caching.md, "Targets and the tests that prove them"), end to end: GraphQL in, the Spotify adapter out to WireMock
 * answering like Spotify's full API, for signed-in users, every upstream call counted.
 *
 * <p>Sign-in is not what this tests: a test viewer resolver takes the user from an
 * {@code X-Test-User} header and a token source hands out {@code token-USER}.
 */
@MicronautTest(environments = "caching-targets")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CachingTargetsIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final int PLAYLISTS = 50;
    private static final int TRACKS = 100;
    private static final int ARTISTS = 60;
    private static final String ANNS_PRIVATE = SpotifyFixtures.id('q', 1);

    @Factory
    @Requires(env = "caching-targets")
    static class SignedInTestUsers {
        @Singleton
        @Replaces(ViewerResolver.class)
        ViewerResolver fromHeader() {
            return request -> request.getHeaders().get("X-Test-User") == null ? Viewer.ANONYMOUS
                    : Viewer.signedIn(UserId.of(request.getHeaders().get("X-Test-User")), null);
        }

        @Singleton
        @Replaces(Clock.class)
        MutableClock clock() {
            return new MutableClock(Instant.now()); // moved forward by tests instead of sleeping through TTLs
        }

        @Singleton
        @Replaces(SpotifyUserTokens.class)
        SpotifyUserTokens tokens() {
            return new SpotifyUserTokens() {
                @Override
                public Optional<String> accessToken(Viewer viewer) {
                    return Optional.of("token-" + viewer.userId().value());
                }

                @Override
                public Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken) {
                    return Optional.empty();
                }
            };
        }
    }

    /** Answers GET /v1/artists?ids=a,b,c with those artists, in that order, as Spotify does. */
    static final class SeveralArtists implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            String ids = event.getRequest().queryParameter("ids").firstValue();
            ObjectNode body = SpotifyFixtures.JSON.createObjectNode();
            ArrayNode artists = body.putArray("artists");
            for (String id : ids.split(",")) {
                ObjectNode artist = SpotifyFixtures.fullArtist(id, Shape.EXTENDED);
                artists.add(artist);
            }
            return Response.Builder.like(response).but().body(body.toString()).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "several-artists";
        }
    }

    private WireMockServer spotify;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new SeveralArtists()));
        spotify.start();
        stubUser("ann", 'p', PLAYLISTS, 1);
        stubUser("bob", 'b', 5, 1);
        stubUser("carl", 'c', 3, 1);
        stubPrivatePlaylistOfAnn();
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/artists")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("several-artists")));
        return SpotifyMode.against(spotify.baseUrl(), "extended");
    }

    @AfterAll
    void stopSpotify() {
        spotify.stop();
    }

    private static String playlistId(char prefix, int n) {
        return SpotifyFixtures.id(prefix, n);
    }

    /** A user's list of {@code count} playlists of 100 tracks each: the same 100 tracks (catalogue data) by 60 artists. */
    private void stubUser(String user, char prefix, int count, int version) {
        List<ObjectNode> lists = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode playlist = SpotifyFixtures.simplePlaylist(playlistId(prefix, i), user, TRACKS, Shape.EXTENDED);
            playlist.put("snapshot_id", "snap-" + prefix + i + "-v" + (i == 7 ? version : 1));
            lists.add(playlist);
            stubItems(prefix, i, i == 7 ? version : 1);
        }
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/me/playlists"))
                .withHeader("Authorization", equalTo("Bearer token-" + user))
                .willReturn(json(SpotifyFixtures.paging("/v1/me/playlists", lists, 0, 50, count).toString())));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer token-" + user))
                .willReturn(json("{\"id\":\"" + user + "\",\"display_name\":\"" + user + "\",\"type\":\"user\",\"uri\":\"spotify:user:" + user + "\"}")));
    }

    private void stubItems(char prefix, int playlist, int version) {
        List<ObjectNode> entries = new ArrayList<>();
        for (int j = 0; j < TRACKS; j++) {
            // Tracks are shared across playlists; a track is catalogue data, so it is the same wherever it appears.
            ObjectNode track = SpotifyFixtures.track(SpotifyFixtures.id('t', j + (version - 1) * 1000), Shape.EXTENDED);
            track.putArray("artists").add(SpotifyFixtures.artist(SpotifyFixtures.id('r', j % ARTISTS), Shape.EXTENDED));
            entries.add(SpotifyFixtures.entry(track, Shape.EXTENDED));
        }
        String path = "/v1/playlists/" + playlistId(prefix, playlist) + "/items";
        spotify.stubFor(WireMock.get(urlPathEqualTo(path))
                .willReturn(json(SpotifyFixtures.paging(path, entries, 0, TRACKS, TRACKS).toString())));
    }

    private void stubPrivatePlaylistOfAnn() {
        ObjectNode page = SpotifyFixtures.paging("/v1/playlists/" + ANNS_PRIVATE + "/items", List.of(), 0, 100, 0);
        ObjectNode playlist = SpotifyFixtures.fullPlaylist(ANNS_PRIVATE, "ann", page, Shape.EXTENDED);
        playlist.put("public", false);
        playlist.put("name", "Ann's diary");
        // Spotify shows a private playlist to its owner only; anyone else gets 404.
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + ANNS_PRIVATE)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer token-ann")).willReturn(json(playlist.toString())));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + ANNS_PRIVATE)).atPriority(2)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(SpotifyFixtures.error(404, "Resource not found"))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private Map<String, Object> graphql(String user, String query) {
        return http.toBlocking().retrieve(HttpRequest.POST("/graphql", Map.of("query", query))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Test-User", user), JSON);
    }

    @SuppressWarnings("unchecked")
    private static int upstreamCalls(Map<String, Object> response) {
        return (Integer) ((Map<String, Object>) ((Map<String, Object>) response.get("extensions")).get("cache")).get("upstreamCalls");
    }

    private int calls(String pathRegex) {
        return spotify.findAll(getRequestedFor(urlPathMatching(pathRegex))).size();
    }

    private static final String ALL_PLAYLISTS_WITH_TRACKS = "{ me { id: spotifyId playlists(first: 50) { totalCount nodes { name "
            + "tracks(first: 100) { edges { track { name album { name } artists { name } } } } } } } }";

    @Test
    @Order(1)
    void fiftyPlaylistsOfAHundredTracksColdCostOneListPageAndOneItemsPageEachThenNothingWarm() {
        spotify.resetRequests();

        Map<String, Object> cold = graphql("ann", ALL_PLAYLISTS_WITH_TRACKS);

        assertThat(cold).doesNotContainKey("errors");
        assertThat(calls("/v1/me/playlists")).isEqualTo(1);
        assertThat(calls("/v1/playlists/.*/items")).isEqualTo(PLAYLISTS);
        assertThat(spotify.getAllServeEvents()).as("nothing else: no /v1/me, no tracks, no albums").hasSize(1 + PLAYLISTS);

        spotify.resetRequests();
        Map<String, Object> warm = graphql("ann", ALL_PLAYLISTS_WITH_TRACKS);

        assertThat(warm).doesNotContainKey("errors");
        assertThat(spotify.getAllServeEvents()).extracting(e -> e.getRequest().getUrl()).isEmpty();
        assertThat(upstreamCalls(warm)).isZero();
        assertThat(warm.get("data")).isEqualTo(cold.get("data"));
    }

    @Test
    @Order(2)
    void artistGenresCostOneCallPerFiftyDistinctArtistsOnceForEveryone() {
        spotify.resetRequests();
        String genres = "{ me { playlists(first: 50) { nodes { tracks(first: 100) { edges { track { artists { genres } } } } } } } }";

        Map<String, Object> first = graphql("ann", genres);

        assertThat(first).doesNotContainKey("errors");
        assertThat(calls("/v1/artists")).as("60 distinct artists, chunks of 50").isEqualTo(2);

        spotify.resetRequests();
        Map<String, Object> otherUser = graphql("bob", genres);
        assertThat(otherUser).doesNotContainKey("errors");
        assertThat(spotify.getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
                .as("artists are shared catalogue data").noneMatch(url -> url.startsWith("/v1/artists"));
    }

    @Test
    @Order(3)
    void sixteenIdenticalColdQueriesAtOnceCostWhatOneCosts() throws Exception {
        spotify.resetRequests();
        String query = "{ me { playlists(first: 50) { nodes { tracks(first: 100) { edges { track { name } } } } } } }";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, Object>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Map<String, Object>> call = () -> {
                    start.await();
                    return graphql("carl", query);
                };
                answers.add(pool.submit(call));
            }
            start.countDown(); // carl has asked for nothing yet: everything is cold
            for (Future<Map<String, Object>> answer : answers) {
                assertThat(answer.get()).doesNotContainKey("errors");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls("/v1/me/playlists")).isEqualTo(1);
        assertThat(calls("/v1/playlists/.*/items")).isEqualTo(3);
    }

    @Test
    @Order(4)
    void afterAnOutsideEditAndThePlaylistsTtlOnlyTheListAndThatPlaylistsItemsAreFetched() {
        graphql("ann", ALL_PLAYLISTS_WITH_TRACKS);
        stubUser("ann", 'p', PLAYLISTS, 2); // playlist 7 edited elsewhere: new snapshot, new tracks
        clock.advance(Duration.ofMinutes(3)); // the playlists TTL (2 min by default) passes
        spotify.resetRequests();

        Map<String, Object> after = graphql("ann", ALL_PLAYLISTS_WITH_TRACKS);

        assertThat(after).doesNotContainKey("errors");
        assertThat(calls("/v1/me/playlists")).isEqualTo(1);
        assertThat(calls("/v1/playlists/.*/items")).isEqualTo(1);
        assertThat(calls("/v1/playlists/" + playlistId('p', 7) + "/items")).isEqualTo(1);
        assertThat(spotify.getAllServeEvents()).hasSize(2);
    }

    @Test
    @Order(5)
    void oneUsersCachedPrivatePlaylistIsNeverServedToAnother() {
        String query = "{ playlist(id: \"" + ANNS_PRIVATE + "\") { name public } }";
        Map<String, Object> ann = graphql("ann", query);
        assertThat(ann).doesNotContainKey("errors");

        spotify.resetRequests();
        Map<String, Object> bob = graphql("bob", query);

        assertThat(String.valueOf(bob.get("errors"))).contains("NOT_FOUND");
        assertThat(String.valueOf(bob.get("data"))).doesNotContain("diary");
        // Bob's read went to Spotify with Bob's token, not to Ann's cached copy.
        spotify.verify(1, getRequestedFor(urlPathEqualTo("/v1/playlists/" + ANNS_PRIVATE))
                .withHeader("Authorization", equalTo("Bearer token-bob")));
    }

    @Test
    @Order(6)
    void whileSpotifyThrottlesAStaleCopyIsServedAndTheResponseSaysSo() {
        Map<String, Object> fresh = graphql("ann", ALL_PLAYLISTS_WITH_TRACKS);
        clock.advance(Duration.ofMinutes(3)); // the list is stale now (playlists TTL 2 min, grace 1 h)
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/me/playlists")).atPriority(1).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "600").withHeader("Content-Type", "application/json")
                .withBody(SpotifyFixtures.error(429, "API rate limit exceeded"))));
        spotify.resetRequests();

        Map<String, Object> stale = graphql("ann", ALL_PLAYLISTS_WITH_TRACKS);

        assertThat(stale).doesNotContainKey("errors");
        assertThat(stale.get("data")).isEqualTo(fresh.get("data"));
        assertThat(String.valueOf(stale.get("extensions"))).contains("stale=true");
        assertThat(calls("/v1/me/playlists")).as("asked once, told to wait").isEqualTo(1);
    }

    @Test
    @Order(7)
    void theCachingMetricsArePublished() {
        String metrics = http.toBlocking().retrieve("/prometheus");

        assertThat(metrics).contains("gateway_cache_hits_total{kind=\"tracks\"")
                .contains("gateway_cache_misses_total{kind=\"items\"")
                .contains("gateway_upstream_calls_total{kind=\"playlists\"")
                .contains("gateway_cache_singleflight_joins_total")
                .contains("gateway_cache_stale_served_total{kind=\"playlists\"")
                .contains("spotify_requests_seconds_count");
    }
}
