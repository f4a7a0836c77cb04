package dev.playlistgateway.app.graphql;

import dev.playlistgateway.adapter.demo.DemoCatalog;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relay's conventions through real HTTP, in demo mode, with the music port's calls counted: every
 * id is a global id (the Spotify URI), {@code node(id:)} fetches each type again through the same
 * loaders and cache (so an object already loaded costs no upstream call), {@code nodes(ids:)} makes
 * one batch per type, root fields and mutations take both id forms, and edges have {@code node}.
 * Tests touch disjoint catalogue data, so they hold in any order on the shared context.
 */
@MicronautTest(environments = PlaylistPortCallCounter.ENVIRONMENT)
class GlobalIdsIT {
    static final String MORNING_COMMUTE = "0KKEdM2RHwTmbaXzdVnI0B";   // public, 42 items
    static final String LATE_NIGHT = "NxNRg9fDj7Q1vKevIywwxB";        // public, 101 items
    static final String RUNNING = "rKMjamdaTWv0RPqw9pTzeJ";           // public, 57 items
    static final String VINYL_RIPS = "mzL8HppUYUInExXChBERVt";        // jonasberg's, public, 8 items
    static final String NORDIC_NOIR = "fooFs8VWEqyLpi15iKfzCI";       // jonasberg's, public, 29 items
    static final String NEW_FINDS = "GD40jTnLyAjr6HOVzJYa14";         // demo-listener's, private, 1 item
    static final String LONE_TRACK = "TQMO1kVzxLPjmC3FVPPisB";        // in no playlist

    @Inject
    PlaylistPortCallCounter port;

    @Inject
    DemoCatalog catalog;

    @Inject
    RawGraphQL graphql;

    @Test
    void everyIdIsTheObjectsSpotifyUriAndSpotifyIdIsTheBareId() {
        var response = graphql.query("{ me { id spotifyId } playlist(id: \"" + MORNING_COMMUTE + "\") { id spotifyId owner { id spotifyId } "
                + "tracks(first: 1) { edges { node { id spotifyId uri artists { id spotifyId } album { id spotifyId } } } } } }");

        assertThat(response.errors()).isEmpty();
        assertThat(response.<String>at("data.me.id")).isEqualTo("spotify:user:demo-listener");
        assertThat(response.<String>at("data.me.spotifyId")).isEqualTo("demo-listener");
        assertThat(response.<String>at("data.playlist.id")).isEqualTo("spotify:playlist:" + MORNING_COMMUTE);
        assertThat(response.<String>at("data.playlist.spotifyId")).isEqualTo(MORNING_COMMUTE);
        assertThat(response.<String>at("data.playlist.owner.id")).isEqualTo("spotify:user:demo-listener");
        Map<String, Object> track = response.at("data.playlist.tracks.edges.0.node");
        assertThat(track.get("id")).isEqualTo("spotify:track:" + track.get("spotifyId"));
        assertThat(track.get("uri")).isEqualTo(track.get("id"));
        assertThat(response.<String>at("data.playlist.tracks.edges.0.node.artists.0.id"))
                .isEqualTo("spotify:artist:" + response.at("data.playlist.tracks.edges.0.node.artists.0.spotifyId"));
        assertThat(response.<String>at("data.playlist.tracks.edges.0.node.album.id"))
                .isEqualTo("spotify:album:" + response.at("data.playlist.tracks.edges.0.node.album.spotifyId"));
    }

    @Test
    void aPlaylistAndItsTracksAndArtistsAreFetchedAgainByNodeWithNoUpstreamCall() {
        String fields = "id name trackCount owner { id displayName } tracks(first: 10) { edges { cursor node { id name "
                + "artists { id name genres } album { id name } } } }";
        var first = graphql.query("{ playlist(id: \"" + LATE_NIGHT + "\") { " + fields + " } }");
        assertThat(first.errors()).isEmpty();
        String trackId = first.at("data.playlist.tracks.edges.0.node.id");
        String artistId = first.at("data.playlist.tracks.edges.0.node.artists.0.id");
        port.reset();

        var playlist = graphql.query("{ node(id: \"spotify:playlist:" + LATE_NIGHT + "\") { __typename ... on Playlist { " + fields + " } } }");
        var track = graphql.query("query($id: ID!) { node(id: $id) { __typename id ... on Track { name artists { name } album { name } } } }",
                Map.of("id", trackId));
        var artist = graphql.query("query($id: ID!) { node(id: $id) { __typename id ... on Artist { name genres } } }",
                Map.of("id", artistId));

        assertThat(playlist.errors()).isEmpty();
        assertThat(playlist.<String>at("data.node.__typename")).isEqualTo("Playlist");
        Map<String, Object> again = new java.util.LinkedHashMap<>(playlist.<Map<String, Object>>at("data.node"));
        again.remove("__typename");
        assertThat(again).isEqualTo(first.at("data.playlist"));
        assertThat(track.<String>at("data.node.__typename")).isEqualTo("Track");
        assertThat(track.<String>at("data.node.name")).isEqualTo(first.at("data.playlist.tracks.edges.0.node.name"));
        assertThat(artist.<String>at("data.node.__typename")).isEqualTo("Artist");
        assertThat(artist.<List<String>>at("data.node.genres")).isEqualTo(first.at("data.playlist.tracks.edges.0.node.artists.0.genres"));
        assertThat(port.totalCalls()).as("upstream calls for node(id:) of what was loaded").isZero();
        for (var response : List.of(playlist, track, artist)) {
            assertThat(response.<Integer>at("extensions.cache.upstreamCalls")).isZero();
            assertThat(response.<Integer>at("extensions.cache.misses")).isZero();
        }
    }

    @Test
    void theViewerAndAnOwnerAreFetchedAgainByNodeWithNoUpstreamCall() {
        var me = graphql.query("{ me { id displayName playlists(first: 5) { totalCount } } }");
        var owner = graphql.query("{ playlist(id: \"" + VINYL_RIPS + "\") { owner { id displayName playlists(first: 3) { totalCount } } } }");
        assertThat(me.errors()).isEmpty();
        assertThat(owner.errors()).isEmpty();
        port.reset();

        var viewer = graphql.query("{ node(id: \"spotify:user:demo-listener\") { __typename id ... on User { spotifyId displayName "
                + "playlists(first: 5) { totalCount } } } }");
        var other = graphql.query("query($id: ID!) { node(id: $id) { __typename ... on User { spotifyId displayName playlists(first: 3) { totalCount } } } }",
                Map.of("id", owner.at("data.playlist.owner.id")));

        assertThat(viewer.errors()).isEmpty();
        assertThat(viewer.<String>at("data.node.__typename")).isEqualTo("User");
        assertThat(viewer.<String>at("data.node.displayName")).isEqualTo(me.at("data.me.displayName"));
        assertThat(viewer.<Integer>at("data.node.playlists.totalCount")).isEqualTo(me.at("data.me.playlists.totalCount"));
        assertThat(other.errors()).isEmpty();
        assertThat(other.<String>at("data.node.spotifyId")).isEqualTo("jonasberg");
        assertThat(other.<Integer>at("data.node.playlists.totalCount")).isEqualTo(owner.at("data.playlist.owner.playlists.totalCount"));
        // Another user reached by id alone: the gateway has no profile of theirs to read.
        assertThat(other.<Object>at("data.node.displayName")).isNull();
        assertThat(port.totalCalls()).isZero();
    }

    @Test
    void anAlbumCostsOneBatchOnceThenNothing() {
        var playlist = graphql.query("{ playlist(id: \"" + NORDIC_NOIR + "\") { tracks(first: 29) { edges { node { album { id name releaseDate imageUrl } } } } } }");
        List<Map<String, Map<String, Map<String, Object>>>> edges = playlist.at("data.playlist.tracks.edges");
        List<String> albums = edges.stream().map(e -> (String) e.get("node").get("album").get("id")).distinct().limit(3).toList();
        Map<String, Object> firstAlbum = edges.get(0).get("node").get("album");
        port.reset();

        var cold = graphql.query("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Album { name releaseDate imageUrl } } }", Map.of("ids", albums));
        int coldCalls = port.calls("albums");
        port.reset();
        var warm = graphql.query("query($id: ID!) { node(id: $id) { id ... on Album { name releaseDate imageUrl } } }", Map.of("id", albums.get(0)));

        assertThat(cold.errors()).isEmpty();
        assertThat(cold.<List<?>>at("data.nodes")).hasSize(albums.size());
        assertThat(coldCalls).as("every album of the request in one batch").isEqualTo(1);
        assertThat(port.totalCalls()).isZero();
        assertThat(warm.<Map<String, Object>>at("data.node")).isEqualTo(firstAlbum);
    }

    @Test
    void nodesLoadsEveryTypeInOneBatchAndKeepsTheOrderAsked() {
        // Tracks and artists no other test reads through the gateway: taken from the catalogue itself.
        // (Tracks are cached by every playlist read; artists only where genres were asked.)
        Viewer demo = Viewer.signedIn(UserId.of("demo-listener"), null);
        java.util.Set<String> readElsewhere = new java.util.HashSet<>();
        for (String other : List.of(MORNING_COMMUTE, LATE_NIGHT, VINYL_RIPS, NORDIC_NOIR, NEW_FINDS)) {
            catalog.playlistPort().items(demo, PlaylistId.of(other), PageRequest.of(0, 100)).tracks()
                    .forEach(t -> readElsewhere.add("spotify:track:" + t.id().value()));
        }
        catalog.playlistPort().items(demo, PlaylistId.of(LATE_NIGHT), PageRequest.of(0, 10)).tracks()
                .forEach(t -> t.artists().forEach(a -> readElsewhere.add("spotify:artist:" + a.id().value())));
        var items = catalog.playlistPort().items(demo, PlaylistId.of(RUNNING), PageRequest.of(0, 57));
        List<String> tracks = items.items().items().stream().map(PlaylistItem::trackId).filter(Objects::nonNull)
                .map(id -> "spotify:track:" + id.value()).filter(id -> !readElsewhere.contains(id)).distinct().limit(4).toList();
        List<String> artists = items.tracks().stream().flatMap(t -> t.artists().stream()).map(a -> "spotify:artist:" + a.id().value())
                .filter(id -> !readElsewhere.contains(id)).distinct().limit(3).toList();
        assertThat(tracks).isNotEmpty();
        assertThat(artists).isNotEmpty();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Math.max(tracks.size(), artists.size()); i++) {
            if (i < tracks.size()) {
                ids.add(tracks.get(i));
            }
            if (i < artists.size()) {
                ids.add(artists.get(i));
            }
        }
        port.reset();

        var response = graphql.query("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Artist { genres } } }", Map.of("ids", ids));

        assertThat(response.errors()).isEmpty();
        List<Map<String, Object>> nodes = response.at("data.nodes");
        assertThat(nodes).extracting(n -> n.get("id")).containsExactlyElementsOf(ids);
        assertThat(port.calls("tracks")).isEqualTo(1);
        assertThat(port.calls("artists")).isEqualTo(1);
        assertThat(port.totalCalls()).isEqualTo(2);
        assertThat(response.<Integer>at("extensions.cache.upstreamCalls")).isEqualTo(2);
    }

    @Test
    void anEntryOfNodesThatCannotBeLoadedIsNullWithItsErrorAtItsIndex() {
        var response = graphql.query("{ nodes(ids: [\"spotify:playlist:" + MORNING_COMMUTE + "\", \"spotify:playlist:THM8T7ZdEbEclDUgBG0xNc\", "
                + "\"not-a-global-id\", \"spotify:track:0000000000000000000000\"]) { id } }");

        List<Map<String, Object>> nodes = response.at("data.nodes");
        assertThat(nodes).hasSize(4);
        assertThat(nodes.get(0)).containsEntry("id", "spotify:playlist:" + MORNING_COMMUTE);
        assertThat(nodes.get(1)).isNull();
        assertThat(nodes.get(2)).isNull();
        assertThat(nodes.get(3)).as("an unknown track is null without an error").isNull();
        assertThat(response.errors()).extracting(e -> e.get("path")).containsExactly(List.of("nodes", 1), List.of("nodes", 2));
        assertThat(response.errorCodes()).containsExactly("NOT_FOUND", "BAD_USER_INPUT");
    }

    @Test
    void rootFieldsAndMutationsTakeBothFormsAndRefuseAUriOfAnotherType() {
        var bare = graphql.query("{ playlist(id: \"" + NEW_FINDS + "\") { id trackCount } track(id: \"" + LONE_TRACK + "\") { id } }");
        var uri = graphql.query("{ playlist(id: \"spotify:playlist:" + NEW_FINDS + "\") { id trackCount } track(id: \"spotify:track:"
                + LONE_TRACK + "\") { id } tracks(ids: [\"spotify:track:" + LONE_TRACK + "\", \"" + LONE_TRACK + "\"]) { id } }");
        assertThat(uri.errors()).isEmpty();
        assertThat(uri.<Object>at("data.playlist")).isEqualTo(bare.at("data.playlist"));
        assertThat(uri.<Object>at("data.track")).isEqualTo(bare.at("data.track"));
        assertThat(uri.<List<Map<String, Object>>>at("data.tracks")).extracting(t -> t.get("id"))
                .containsExactly("spotify:track:" + LONE_TRACK, "spotify:track:" + LONE_TRACK);
        int count = bare.at("data.playlist.trackCount");

        var added = graphql.query("mutation { addTracksToPlaylist(playlistId: \"spotify:playlist:" + NEW_FINDS
                + "\", trackIds: [\"spotify:track:" + LONE_TRACK + "\"]) { trackCount } }");
        var removed = graphql.query("mutation { removeTracksFromPlaylist(playlistId: \"spotify:playlist:" + NEW_FINDS
                + "\", trackIds: [\"" + LONE_TRACK + "\"]) { trackCount } }");
        assertThat(added.<Integer>at("data.addTracksToPlaylist.trackCount")).isEqualTo(count + 1);
        assertThat(removed.<Integer>at("data.removeTracksFromPlaylist.trackCount")).isEqualTo(count);

        var wrongType = graphql.query("{ playlist(id: \"spotify:track:" + LONE_TRACK + "\") { id } }");
        var wrongArtist = graphql.query("{ artist(id: \"spotify:album:" + LONE_TRACK + "\") { id } }");
        var bareNode = graphql.query("{ node(id: \"" + NEW_FINDS + "\") { id } }");
        var unknownType = graphql.query("{ node(id: \"spotify:episode:" + LONE_TRACK + "\") { id } }");
        for (var refused : List.of(wrongType, wrongArtist, bareNode, unknownType)) {
            assertThat(refused.errorCodes()).containsExactly("BAD_USER_INPUT");
        }
        assertThat((String) wrongType.errors().get(0).get("message")).contains("Expected a playlist id");
    }

    @Test
    void everyEdgeHasCursorAndNodeAndTheDeprecatedTrackIsTheSame() {
        var response = graphql.query("{ me { playlists(first: 2) { edges { cursor node { id } } } } "
                + "playlist(id: \"" + MORNING_COMMUTE + "\") { tracks(first: 3) { edges { cursor addedAt node { id } track { id } } } } }");

        assertThat(response.errors()).isEmpty();
        List<Map<String, Object>> edges = response.at("data.playlist.tracks.edges");
        assertThat(edges).hasSize(3).allSatisfy(edge -> {
            assertThat(edge.get("cursor")).isNotNull();
            assertThat(edge.get("node")).isEqualTo(edge.get("track"));
        });
        assertThat(response.<List<Map<String, Object>>>at("data.me.playlists.edges"))
                .allSatisfy(edge -> assertThat(edge).containsKeys("cursor", "node"));
        var deprecated = graphql.query("{ __type(name: \"PlaylistTrackEdge\") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }");
        assertThat(deprecated.<List<Map<String, Object>>>at("data.__type.fields"))
                .filteredOn(field -> List.of("node", "track").contains(field.get("name")))
                .extracting(field -> field.get("name") + ":" + field.get("isDeprecated") + ":" + field.get("deprecationReason"))
                .containsExactlyInAnyOrder("node:false:null", "track:true:Use node");
    }

    @Test
    void everyTypeWithAnIdImplementsNode() {
        var response = graphql.query("{ __type(name: \"Node\") { kind possibleTypes { name } } }");
        assertThat(response.<String>at("data.__type.kind")).isEqualTo("INTERFACE");
        assertThat(response.<List<Map<String, Object>>>at("data.__type.possibleTypes")).extracting(t -> t.get("name"))
                .containsExactlyInAnyOrder("User", "Playlist", "Track", "Artist", "Album");
    }

    @Test
    void nodesCountsInTheRequestsIdBudget() {
        List<String> ids = IntStream.range(0, 101).mapToObj(i -> "spotify:track:" + String.format("%022d", i)).toList();
        var tooMany = graphql.query("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", ids));
        var overBudget = graphql.query("query($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } b: tracks(ids: $b) { id } }",
                Map.of("a", ids.subList(0, 60), "b", ids.subList(0, 60)));

        assertThat(tooMany.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(tooMany.<Object>at("data")).as("nodes is [Node]!: refusing it refuses data").isNull();
        assertThat(overBudget.errorCodes()).containsExactly("BAD_USER_INPUT");
    }
}
