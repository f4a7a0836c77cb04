package dev.playlistgateway.app.graphql;

import dev.playlistgateway.adapter.demo.DemoCatalog;
import dev.playlistgateway.domain.port.PlaylistPort;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors stay local: a field whose own load is refused or fails answers null with its error, at its
 * own path, and its parent and siblings keep their data (the nullability rule of schema.graphqls).
 * The demo catalog behind a {@link FaultyPlaylistPort}, through real HTTP requests.
 */
@MicronautTest(environments = "faults")
class ErrorsStayLocalIT {
    static final String KITCHEN_DISCO = "ORJy9yDmCIIeWw1vKFUUY8";     // marta's, collaborative, 34 items
    static final String NEW_FINDS = "GD40jTnLyAjr6HOVzJYa14";         // demo-listener's, 1 item
    static final String MARTAS_SUMMER_MIX = "pdEi3PM3BMpzUxBe8YSyBX"; // marta's, public: readable, not editable
    static final String HAPPY_ACCIDENTS = "TQMO1kVzxLPjmC3FVPPisB";   // by Marlowe Vance, in no playlist

    @Factory
    @Requires(env = "faults")
    static class FaultyPortFactory {
        @Singleton
        @Replaces(PlaylistPort.class)
        FaultyPlaylistPort faultyPort(DemoCatalog catalog) {
            return new FaultyPlaylistPort(catalog.playlistPort());
        }
    }

    @Inject
    RawGraphQL graphql;

    @Test
    void aCollaborativePlaylistAnswersWithItsTracksWhileItsOwnersPlaylistsAreForbidden() {
        var response = graphql.query("{ playlist(id: \"" + KITCHEN_DISCO + "\") { name collaborative "
                + "owner { id: spotifyId displayName playlists { totalCount } } "
                + "tracks(first: 5) { totalCount edges { track { name } } } } }");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.<String>at("data.playlist.name")).isEqualTo("Kitchen Disco");
        assertThat(response.<Boolean>at("data.playlist.collaborative")).isTrue();
        assertThat(response.<Integer>at("data.playlist.tracks.totalCount")).isEqualTo(34);
        List<Map<String, Map<String, Object>>> edges = response.at("data.playlist.tracks.edges");
        assertThat(edges).hasSize(5).allSatisfy(edge -> assertThat(edge.get("track").get("name")).isNotNull());
        assertThat(response.<String>at("data.playlist.owner.id")).isEqualTo("marta.kowalczyk");
        assertThat(response.<String>at("data.playlist.owner.displayName")).isNotBlank();
        Map<String, Object> owner = response.at("data.playlist.owner");
        assertThat(owner).containsEntry("playlists", null);

        assertThat(response.errors()).hasSize(1);
        Map<String, Object> error = response.errors().get(0);
        assertThat(error.get("path")).isEqualTo(List.of("playlist", "owner", "playlists"));
        assertThat(response.errorCodes()).containsExactly("FORBIDDEN");
        assertThat((String) error.get("message")).contains("Development Mode");
    }

    @Test
    void onePlaylistWhoseItemsFailKeepsTheListAndTheOtherPlaylistsTracks() {
        var response = graphql.query("{ me { id: spotifyId playlists { totalCount nodes { id: spotifyId name "
                + "tracks(first: 3) { totalCount edges { track { name } } } } } } }");

        assertThat(response.<String>at("data.me.id")).isEqualTo("demo-listener");
        List<Map<String, Object>> playlists = response.at("data.me.playlists.nodes");
        assertThat(playlists).hasSize(response.<Integer>at("data.me.playlists.totalCount"));
        int broken = indexOf(playlists, FaultyPlaylistPort.BROKEN_ITEMS.value());
        assertThat(playlists.get(broken)).containsEntry("name", "Sunday Kitchen").containsEntry("tracks", null);
        for (int i = 0; i < playlists.size(); i++) {
            if (i != broken) {
                assertThat(playlists.get(i).get("tracks")).as("tracks of %s", playlists.get(i).get("name")).isNotNull();
            }
        }
        assertThat(response.<List<?>>at("data.me.playlists.nodes." + indexOf(playlists, KITCHEN_DISCO) + ".tracks.edges")).hasSize(3);

        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().get(0).get("path")).isEqualTo(List.of("me", "playlists", "nodes", broken, "tracks"));
        assertThat(response.errorCodes()).containsExactly("UPSTREAM_UNAVAILABLE");
    }

    @Test
    void anArtistThatCannotBeLoadedLosesOnlyItsGenres() {
        var response = graphql.query("{ track(id: \"" + HAPPY_ACCIDENTS + "\") { name album { name } artists { id: spotifyId name genres } } }");

        assertThat(response.<String>at("data.track.name")).isEqualTo("Happy Accidents");
        assertThat(response.<String>at("data.track.album.name")).isNotBlank();
        assertThat(response.<String>at("data.track.artists.0.name")).isEqualTo("Marlowe Vance");
        Map<String, Object> artist = response.at("data.track.artists.0");
        assertThat(artist).containsEntry("genres", null);

        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().get(0).get("path")).isEqualTo(List.of("track", "artists", 0, "genres"));
        assertThat(response.errorCodes()).containsExactly("UPSTREAM_UNAVAILABLE");
    }

    @Test
    void aThrottledTracksLoadLeavesTheOtherRootFields() {
        var response = graphql.query("{ me { id: spotifyId } tracks(ids: [\"" + FaultyPlaylistPort.THROTTLED_TRACK.value() + "\"]) { id: spotifyId } }");

        assertThat(response.<String>at("data.me.id")).isEqualTo("demo-listener");
        Map<String, Object> data = response.at("data");
        assertThat(data).containsEntry("tracks", null);

        assertThat(response.errors()).hasSize(1);
        Map<String, Object> error = response.errors().get(0);
        assertThat(error.get("path")).isEqualTo(List.of("tracks"));
        assertThat(response.errorCodes()).containsExactly("RATE_LIMITED");
        assertThat(((Map<?, ?>) error.get("extensions")).get("retryAfterSeconds"))
                .isEqualTo((int) FaultyPlaylistPort.RETRY_AFTER.toSeconds());
    }

    @Test
    void aRefusedMutationDoesNotHideTheOneThatRanBeforeIt() {
        var response = graphql.query("mutation($t: [ID!]!) {"
                + " added: addTracksToPlaylist(playlistId: \"" + NEW_FINDS + "\", trackIds: $t) { id: spotifyId trackCount }"
                + " refused: addTracksToPlaylist(playlistId: \"" + MARTAS_SUMMER_MIX + "\", trackIds: $t) { id: spotifyId trackCount } }",
                Map.of("t", List.of(HAPPY_ACCIDENTS)));

        assertThat(response.<String>at("data.added.id")).isEqualTo(NEW_FINDS);
        assertThat(response.<Integer>at("data.added.trackCount")).isEqualTo(2);
        Map<String, Object> data = response.at("data");
        assertThat(data).containsEntry("refused", null);

        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().get(0).get("path")).isEqualTo(List.of("refused"));
        assertThat(response.errorCodes()).containsExactly("FORBIDDEN");
    }

    private static int indexOf(List<Map<String, Object>> playlists, String id) {
        for (int i = 0; i < playlists.size(); i++) {
            if (id.equals(playlists.get(i).get("id"))) {
                return i;
            }
        }
        throw new AssertionError("no playlist " + id + " in " + playlists);
    }
}
