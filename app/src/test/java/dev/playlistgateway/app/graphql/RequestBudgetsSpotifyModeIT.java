package dev.playlistgateway.app.graphql;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn.Endpoint;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request budgets in Spotify mode, against the {@link SpotifyStandIn} (WireMock shaped like Spotify), counting
 * what reaches Spotify: aliases of {@code playlist(id:)} cost at most the 100 ids of the request's budget, however
 * many the document has, and an operation with more mutation fields than {@code graphql.max-mutation-fields}
 * writes nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBudgetsSpotifyModeIT implements TestPropertyProvider {
    private SpotifyStandIn spotify;

    @Inject
    RawGraphQL http;

    @Override
    public Map<String, String> getProperties() {
        spotify = SpotifyStandIn.builder().users(1).playlists(2).tracks(1).start();
        return spotify.gatewayProperties();
    }

    @AfterAll
    void stopSpotify() {
        spotify.close();
    }

    @BeforeEach
    void resetCalls() {
        spotify.resetCalls();
    }

    static String aliases(String prefix, int count, String field) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + ": " + field.replace("#", String.valueOf(i)))
                .collect(Collectors.joining(" "));
    }

    @Test
    void twelveHundredAliasesOfJunkPlaylistIdsCallSpotifyAtMost100Times() {
        var answer = http.query("{ " + aliases("a", 1200, "playlist(id: \"junk#\") { name }") + " }");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(spotify.calls(Endpoint.PLAYLIST)).isBetween(1L, (long) GatewayRequest.MAX_IDS_PER_REQUEST);
        assertThat(answer.errors()).filteredOn(e -> String.valueOf(e.get("message")).contains("at most 100 ids per request"))
                .hasSize(1100);
        assertThat(answer.errorCodes()).containsOnly("NOT_FOUND", "BAD_USER_INPUT");
    }

    @Test
    void nineHundredAliasedRemovalsOfAHundredTracksEachWriteNothing() {
        String user = spotify.user(0);
        String playlist = spotify.playlistId(user, 0);
        String token = spotify.token(user);
        String ids = IntStream.range(0, 100).mapToObj(i -> "\"" + String.format("%022d", i) + "\"").collect(Collectors.joining(","));
        http.query("{ me { id } }", Map.of(), "Authorization", "Bearer " + token); // the token's lookup, before counting
        spotify.resetCalls();

        var answer = http.query("mutation($p: ID!, $t: [ID!]!) { "
                        + aliases("r", 900, "removeTracksFromPlaylist(playlistId: $p, trackIds: $t) { trackCount }") + " }",
                Map.of("p", playlist, "t", java.util.List.of()), "Authorization", "Bearer " + token,
                "Accept", "application/graphql-response+json");
        var withIds = http.query("mutation { " + aliases("r", 11, "removeTracksFromPlaylist(playlistId: \"" + playlist
                        + "\", trackIds: [" + ids + "]) { trackCount }") + " }", Map.of(), "Authorization", "Bearer " + token);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(answer.<String>at("errors.0.message")).contains("maximum mutation fields exceeded 900 > 10");
        assertThat(withIds.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(withIds.<Object>at("data")).isNull();
        assertThat(spotify.totalCalls()).isZero();
    }
}
