package dev.playlistgateway.app.graphql;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import dev.playlistgateway.domain.cache.CacheKeys;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.port.CachePort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache, through real HTTP against the Spotify stand-in: a warm answer is given again, byte
 * for byte, without executing; never to another viewer, never after an entry it was built from changed,
 * never to a token Spotify no longer accepts; answers with errors or misses are not kept.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCacheIT implements TestPropertyProvider {

    SpotifyStandIn spotify;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Inject
    CachePort cache;

    RawGraphQL http;

    @Override
    public Map<String, String> getProperties() {
        spotify = SpotifyStandIn.builder().users(2).playlists(8).tracks(20).start();
        Map<String, String> properties = new HashMap<>(spotify.gatewayProperties());
        properties.put("gateway.security.bearer.revalidate-after", "1s");
        properties.putAll(moreProperties());
        return properties;
    }

    /** What a subclass runs the same tests on (a Redis, say). */
    Map<String, String> moreProperties() {
        return Map.of();
    }

    @AfterAll
    void stopSpotify() {
        if (spotify != null) {
            spotify.close();
        }
    }

    @BeforeEach
    void setUp() throws InterruptedException {
        http = new RawGraphQL(server.getURI());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cache.isAvailable() && System.nanoTime() < deadline) {
            Thread.sleep(50); // a Redis cache connects in the background at start-up
        }
    }

    private String bearer(int user) {
        return "Bearer " + spotify.token(spotify.user(user));
    }

    private RawGraphQL.Answer ask(String query, String authorization) {
        return authorization == null
                ? http.postJson(Map.of("query", query), "Accept", "application/json")
                : http.postJson(Map.of("query", query), "Accept", "application/json", "Authorization", authorization);
    }

    private double replayed() {
        return registry.counter("gateway.graphql.response.cache", "result", "hit").count();
    }

    private String playlistQuery(int user, int index) {
        return "{ playlist(id: \"" + spotify.playlistId(spotify.user(user), index) + "\") { name "
                + "tracks(first: 10) { edges { track { id: spotifyId name album { name } artists { name } } } } } }";
    }

    @Test
    void aWarmAnswerIsGivenAgainWithTheSameBytesAndNoExecution() {
        String query = playlistQuery(0, 0);
        RawGraphQL.Answer cold = ask(query, bearer(0));
        double before = replayed();
        RawGraphQL.Answer warm = ask(query, bearer(0));
        assertThat(replayed()).as("the first warm answer runs, and is kept").isEqualTo(before);
        spotify.resetCalls();

        RawGraphQL.Answer again = ask(query, bearer(0));

        assertThat(cold.errorCodes()).isEmpty();
        assertThat(cold.<Integer>at("extensions.cache.misses")).isPositive();
        assertThat(replayed()).isEqualTo(before + 1);
        assertThat(again.body()).isEqualTo(warm.body());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(again.<Integer>at("extensions.cache.upstreamCalls")).isZero();
        assertThat(again.<Integer>at("extensions.cache.hits")).isEqualTo(warm.<Integer>at("extensions.cache.hits"));
        assertThat(spotify.totalCalls()).isZero();
    }

    @Test
    void eachMediaTypeIsKeptOnItsOwn() {
        String query = playlistQuery(0, 1);
        for (int i = 0; i < 3; i++) {
            ask(query, bearer(0));
        }
        RawGraphQL.Answer graphqlResponse = http.postJson(Map.of("query", query),
                "Accept", "application/graphql-response+json", "Authorization", bearer(0));

        assertThat(graphqlResponse.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/graphql-response+json"));
        assertThat(graphqlResponse.body()).isEqualTo(ask(query, bearer(0)).body());
    }

    @Test
    void twoUsersNeverGetEachOthersAnswers() {
        String query = "{ me { id: spotifyId playlists(first: 4) { nodes { id: spotifyId name } } } }";
        for (int i = 0; i < 3; i++) {
            ask(query, bearer(0));
        }
        RawGraphQL.Answer first = ask(query, bearer(0));
        RawGraphQL.Answer second = ask(query, bearer(1));
        RawGraphQL.Answer secondAgain = ask(query, bearer(1));
        RawGraphQL.Answer secondThird = ask(query, bearer(1));

        assertThat(first.<String>at("data.me.id")).isEqualTo(spotify.user(0));
        for (RawGraphQL.Answer answer : List.of(second, secondAgain, secondThird)) {
            assertThat(answer.<String>at("data.me.id")).isEqualTo(spotify.user(1));
            assertThat(answer.<String>at("data.me.playlists.nodes.0.id")).isEqualTo(spotify.playlistId(spotify.user(1), 0));
        }
    }

    @Test
    void anotherUsersPrivatePlaylistIsRefusedThoughItsOwnersAnswerIsKept() {
        String query = playlistQuery(0, 3); // private: only user0 reads it
        for (int i = 0; i < 3; i++) {
            assertThat(ask(query, bearer(0)).errorCodes()).isEmpty();
        }
        double before = replayed();

        RawGraphQL.Answer other = ask(query, bearer(1));
        RawGraphQL.Answer anonymous = ask(query, null);

        assertThat(other.errorCodes()).isNotEmpty();
        assertThat(other.<Object>at("data.playlist")).isNull();
        assertThat(anonymous.errorCodes()).isNotEmpty();
        assertThat(anonymous.<Object>at("data.playlist")).isNull();
        assertThat(replayed()).isEqualTo(before);
    }

    @Test
    void anonymousAndSignedInAnswersAreKeptApart() {
        String query = "{ me { id: spotifyId } }";
        for (int i = 0; i < 3; i++) {
            assertThat(ask(query, null).<Object>at("data.me")).isNull();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(ask(query, bearer(0)).<String>at("data.me.id")).isEqualTo(spotify.user(0));
        }
        assertThat(ask(query, null).<Object>at("data.me")).isNull();
    }

    @Test
    void aTokenSpotifyStopsAcceptingIsRefusedNotAnsweredFromTheResponseCache() throws InterruptedException {
        spotify.acceptToken("token-soon-revoked", spotify.user(0));
        String query = playlistQuery(0, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(ask(query, "Bearer token-soon-revoked").errorCodes()).isEmpty();
        }

        spotify.revokeToken("token-soon-revoked");
        Thread.sleep(1100); // past revalidate-after
        RawGraphQL.Answer revoked = ask(query, "Bearer token-soon-revoked");
        RawGraphQL.Answer unknown = ask(query, "Bearer token-nobody-knows");

        for (RawGraphQL.Answer refused : List.of(revoked, unknown)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCodes()).containsExactly("UNAUTHENTICATED");
            assertThat(refused.body()).doesNotContain("\"playlist\":{");
        }
    }

    @Test
    void anEntryTheAnswerReadThatIsRemovedMakesItRunAgain() {
        String query = playlistQuery(0, 2);
        ask(query, bearer(0));
        RawGraphQL.Answer warm = ask(query, bearer(0));
        String trackId = warm.at("data.playlist.tracks.edges.4.track.id");
        double before = replayed();

        cache.delete(List.of(CacheKeys.track(new TrackId(trackId))));
        RawGraphQL.Answer afterRemoval = ask(query, bearer(0));

        assertThat(replayed()).isEqualTo(before);
        assertThat(afterRemoval.<Integer>at("extensions.cache.misses")).isEqualTo(1);
        assertThat(afterRemoval.<Object>at("data")).isEqualTo(warm.at("data"));
    }

    @Test
    void answersWithErrorsAreNotKept() {
        String query = "{ playlist(id: \"p0000000000000000000zz\") { name } }";
        double before = replayed();
        for (int i = 0; i < 3; i++) {
            assertThat(ask(query, bearer(0)).errorCodes()).isNotEmpty();
        }
        assertThat(replayed()).isEqualTo(before);
    }

    @Test
    void concurrentRequestsGetTheSameBytes() throws Exception {
        String query = playlistQuery(1, 0);
        ask(query, bearer(1));
        String warm = ask(query, bearer(1)).body();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> answers = IntStream.range(0, 64)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> ask(query, bearer(1)).body(), clients))
                    .toList();
            for (CompletableFuture<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(warm);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
