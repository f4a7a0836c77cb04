package dev.playlistgateway.app.graphql;

import graphql.introspection.IntrospectionQuery;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a client sees it, in demo mode (no Spotify credentials): real HTTP requests to
 * /graphql, answered from the bundled catalog through the in-memory cache.
 */
@MicronautTest
class GraphQLApiIT {
    static final String DEEP_FOCUS = "wYog1zmWxOnf8NVxsMQ7Ru";       // 100 items, public
    static final String SAVED_2024 = "xZHueUT5881pdetA7Jgz1x";       // 260 items, private
    static final String EMPTY = "xRNCHcWAqDaqcEJwPvygFr";            // 0 items
    static final String MARTAS_PRIVATE = "THM8T7ZdEbEclDUgBG0xNc";   // not visible to demo-listener

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    RawGraphQL graphql;

    @Test
    void theReadmeQueryAnswersWithTheDemoUsersPlaylistsAndTracks() {
        var response = graphql.query("{ me { playlists { nodes { name tracks { edges { track { name } } } } } } }");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errors()).isEmpty();
        List<Map<String, Object>> playlists = response.at("data.me.playlists.nodes");
        assertThat(playlists).hasSizeGreaterThanOrEqualTo(9);
        assertThat(playlists).extracting(p -> p.get("name")).contains("Deep Focus", "Morning Commute");
        assertThat(response.<Object>at("extensions.cache.upstreamCalls")).isInstanceOf(Number.class);
    }

    @Test
    void pagesThroughA260ItemPlaylistWithCursors() {
        String query = """
                query($id: ID!, $after: String) { playlist(id: $id) { trackCount
                  tracks(first: 100, after: $after) { totalCount
                    edges { cursor track { id: spotifyId } }
                    pageInfo { hasNextPage hasPreviousPage endCursor } } } }""";
        int seen = 0;
        String after = null;
        for (int page = 0; page < 3; page++) {
            var response = graphql.query(query, after == null ? Map.of("id", SAVED_2024) : Map.of("id", SAVED_2024, "after", after));
            assertThat(response.errors()).isEmpty();
            List<?> edges = response.at("data.playlist.tracks.edges");
            seen += edges.size();
            assertThat(response.<Integer>at("data.playlist.tracks.totalCount")).isEqualTo(260);
            assertThat(response.<Boolean>at("data.playlist.tracks.pageInfo.hasPreviousPage")).isEqualTo(page > 0);
            after = response.at("data.playlist.tracks.pageInfo.endCursor");
            assertThat(response.<Boolean>at("data.playlist.tracks.pageInfo.hasNextPage")).isEqualTo(page < 2);
        }
        assertThat(seen).isEqualTo(260);
    }

    @Test
    void tracksByIdsKeepTheOrderAskedWithNullForUnknownIds() {
        var playlist = graphql.query("{ playlist(id: \"" + DEEP_FOCUS + "\") { tracks(first: 2) { edges { track { id: spotifyId } } } } }");
        String first = playlist.at("data.playlist.tracks.edges.0.track.id");
        String second = playlist.at("data.playlist.tracks.edges.1.track.id");

        var response = graphql.query("query($ids: [ID!]!) { tracks(ids: $ids) { id: spotifyId } }",
                Map.of("ids", List.of(second, "0000000000000000000000", first)));

        assertThat(response.errors()).isEmpty();
        List<Map<String, Object>> tracks = response.at("data.tracks");
        assertThat(tracks).hasSize(3);
        assertThat(tracks.get(0)).containsEntry("id", second);
        assertThat(tracks.get(1)).isNull();
        assertThat(tracks.get(2)).containsEntry("id", first);
    }

    @Test
    void anArtistHasGenres() {
        var playlist = graphql.query("{ playlist(id: \"" + DEEP_FOCUS + "\") { tracks(first: 1) { edges { track { artists { id: spotifyId name genres } } } } } }");
        assertThat(playlist.errors()).isEmpty();
        String artistId = playlist.at("data.playlist.tracks.edges.0.track.artists.0.id");
        List<String> genres = playlist.at("data.playlist.tracks.edges.0.track.artists.0.genres");
        assertThat(genres).isNotEmpty();

        var artist = graphql.query("query($id: ID!) { artist(id: $id) { id: spotifyId name genres } }", Map.of("id", artistId));
        assertThat(artist.<List<String>>at("data.artist.genres")).isEqualTo(genres);
    }

    @Test
    void anEmptyPlaylistHasNoEdgesAndNoUpstreamItemsCall() {
        var response = graphql.query("{ playlist(id: \"" + EMPTY + "\") { trackCount tracks { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }");
        assertThat(response.errors()).isEmpty();
        assertThat(response.<Integer>at("data.playlist.tracks.totalCount")).isZero();
        assertThat(response.<List<?>>at("data.playlist.tracks.edges")).isEmpty();
        assertThat(response.<String>at("data.playlist.tracks.pageInfo.endCursor")).isNull();
    }

    @Test
    void aRepeatedQueryIsAnsweredFromTheCache() {
        String query = "{ playlist(id: \"" + DEEP_FOCUS + "\") { name tracks(first: 50) { edges { track { name album { name } artists { name } } } } } }";
        graphql.query(query);

        var warm = graphql.query(query);

        assertThat(warm.errors()).isEmpty();
        assertThat(warm.<Integer>at("extensions.cache.upstreamCalls")).isZero();
        assertThat(warm.<Integer>at("extensions.cache.hits")).isPositive();
        assertThat(warm.<Integer>at("extensions.cache.misses")).isZero();
    }

    @Test
    void anotherUsersPrivatePlaylistIsNotFound() {
        var response = graphql.query("{ playlist(id: \"" + MARTAS_PRIVATE + "\") { name } }");
        assertThat(response.<Object>at("data.playlist")).isNull();
        assertThat(response.errorCodes()).containsExactly("NOT_FOUND");
    }

    @Test
    void aMalformedIdIsBadUserInput() {
        var response = graphql.query("{ playlist(id: \"../../etc/passwd\") { name } }");
        assertThat(response.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat((String) response.errors().get(0).get("message")).contains("Not a valid playlist id");
    }

    @Test
    void pageSizesOutOfRangeAreBadUserInput() {
        var tooMany = graphql.query("{ playlist(id: \"" + DEEP_FOCUS + "\") { tracks(first: 101) { totalCount } } }");
        var negative = graphql.query("{ me { playlists(first: -1) { totalCount } } }");
        var badCursor = graphql.query("{ me { playlists(after: \"not-a-cursor\") { totalCount } } }");

        assertThat(tooMany.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(negative.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(badCursor.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void moreThan100TrackIdsIsBadUserInput() {
        List<String> ids = java.util.stream.IntStream.range(0, 101).mapToObj(i -> String.format("%022d", i)).toList();
        var response = graphql.query("query($ids: [ID!]!) { tracks(ids: $ids) { id: spotifyId } }", Map.of("ids", ids));
        assertThat(response.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void syntaxAndValidationErrorsAreBadUserInput() {
        assertThat(graphql.query("{ me { ").errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(graphql.query("{ me { nope } }").errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(graphql.query("query($n: Int) { me { playlists(first: $n) { totalCount } } }", Map.of("n", "ten"))
                .errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aBodyThatIsNotJsonGetsAGraphQLErrorNotA500() {
        var response = graphql.post("{\"query\": ", "Content-Type", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void anUnsupportedContentTypeGetsAGraphQLError() {
        var response = graphql.post("query={me{id: spotifyId}}", "Content-Type", "text/plain");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void getRunsQueriesButRefusesMutations() {
        String query = URLEncoder.encode("{ me { id: spotifyId } }", StandardCharsets.UTF_8);
        var ok = graphql.request("GET", "/graphql?query=" + query, null);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.<String>at("data.me.id")).isEqualTo("demo-listener");

        String mutation = URLEncoder.encode("mutation { removeTracksFromPlaylist(playlistId: \"" + DEEP_FOCUS
                + "\", trackIds: [\"TQMO1kVzxLPjmC3FVPPisB\"]) { trackCount } }", StandardCharsets.UTF_8);
        var refused = graphql.request("GET", "/graphql?query=" + mutation, null);
        assertThat(refused.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(refused.<Object>at("data")).isNull();
    }

    @Test
    void addingAndRemovingTracksShowsAtOnce() {
        String playlist = "GD40jTnLyAjr6HOVzJYa14"; // New Finds: 1 item, private, demo-listener's
        String track = "TQMO1kVzxLPjmC3FVPPisB";
        String read = "{ playlist(id: \"" + playlist + "\") { trackCount snapshotId tracks { edges { track { id: spotifyId } } } } }";
        var before = graphql.query(read);
        int count = before.at("data.playlist.trackCount");

        var added = graphql.query("mutation($p: ID!, $t: [ID!]!) { addTracksToPlaylist(playlistId: $p, trackIds: $t) { trackCount snapshotId } }",
                Map.of("p", playlist, "t", List.of(track)));
        assertThat(added.errors()).isEmpty();
        assertThat(added.<Integer>at("data.addTracksToPlaylist.trackCount")).isEqualTo(count + 1);
        assertThat(added.<String>at("data.addTracksToPlaylist.snapshotId")).isNotEqualTo(before.at("data.playlist.snapshotId"));
        var after = graphql.query(read);
        assertThat(after.<List<Map<String, Map<String, Object>>>>at("data.playlist.tracks.edges"))
                .extracting(edge -> edge.get("track").get("id")).contains(track);

        var removed = graphql.query("mutation($p: ID!, $t: [ID!]!) { removeTracksFromPlaylist(playlistId: $p, trackIds: $t) { trackCount } }",
                Map.of("p", playlist, "t", List.of(track)));
        assertThat(removed.<Integer>at("data.removeTracksFromPlaylist.trackCount")).isEqualTo(count);
    }

    @Test
    void editingAPlaylistTheUserMayNotEditIsForbidden() {
        var response = graphql.query("mutation { addTracksToPlaylist(playlistId: \"pdEi3PM3BMpzUxBe8YSyBX\", trackIds: [\"TQMO1kVzxLPjmC3FVPPisB\"]) { trackCount } }");
        assertThat(response.errorCodes()).containsExactly("FORBIDDEN");
    }

    @Test
    void graphiqlIsServedWithItsAssetsFromThisApp() {
        var response = http.toBlocking().exchange("/graphiql", String.class);
        String page = response.body();
        assertThat(page).doesNotContain("unpkg.com").doesNotContain("cdn").doesNotContain("<script>");
        // No inline script and no other origin: the page works under a strict policy, and says so.
        assertThat(response.header("Content-Security-Policy")).contains("script-src 'self'").contains("default-src 'none'");
        for (String asset : List.of("/graphiql-assets/graphiql/2.4.7/graphiql.min.js",
                "/graphiql-assets/graphiql/2.4.7/graphiql.min.css",
                "/graphiql-assets/react/18.3.1/umd/react.production.min.js",
                "/graphiql-assets/react-dom/18.3.1/umd/react-dom.production.min.js",
                "/graphiql-ui/graphiql-init.js")) {
            assertThat(page).contains(asset);
            assertThat(http.toBlocking().exchange(asset, byte[].class).code()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void anOperationNameTheDocumentDoesNotHaveIsBadUserInputNotA500() {
        var unknown = graphql.postJson(Map.of("query", "query A { me { id: spotifyId } }", "operationName", "B"));
        var unnamed = graphql.query("query A { me { id: spotifyId } } query B { me { id: spotifyId } }");

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(unnamed.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void queriesTooDeepOrTooLargeAreRefusedBeforeTheyRun() {
        // Owners' playlists nested: each level multiplies the answer by the page size.
        String bomb = "{ me { playlists(first: 50) { nodes { owner { playlists(first: 50) { nodes { owner { "
                + "playlists(first: 50) { nodes { name } } } } } } } } } }";
        String deep = "{ me { playlists { nodes { owner { playlists { nodes { owner { playlists { nodes { owner { "
                + "playlists { nodes { owner { playlists { nodes { name } } } } } } } } } } } } } } } }";

        var tooLarge = graphql.query(bomb);
        var tooDeep = graphql.query(deep);

        assertThat(tooLarge.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(tooLarge.<Object>at("data")).isNull();
        assertThat(tooDeep.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void introspectionAsGraphiQLSendsItStillWorks() {
        var response = graphql.query(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(response.errors()).isEmpty();
        assertThat(response.<Object>at("data.__schema.queryType.name")).isEqualTo("Query");
    }

    @Test
    void aliasesCannotMultiplyTheLimitOnIdsPerRequest() {
        String ids = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "\"" + String.format("%022d", i) + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        var response = graphql.query("{ a: tracks(ids: [" + ids + "]) { id: spotifyId } b: tracks(ids: [" + ids + "]) { id: spotifyId } }");
        assertThat(response.errorCodes()).contains("BAD_USER_INPUT");
        assertThat(response.<Integer>at("extensions.cache.upstreamCalls")).isLessThanOrEqualTo(1);
    }

    @Test
    void aContentTypeInCapitalsIsStillJson() {
        var response = graphql.post("{\"query\": \"{ me { id: spotifyId } }\"}", "Content-Type", "APPLICATION/JSON");
        assertThat(response.errors()).isEmpty();
        assertThat(response.<String>at("data.me.id")).isEqualTo("demo-listener");
    }

    @Test
    void whatTheFrameworkRefusesOnTheGraphQLPathStillHasTheGraphQLErrorShape() {
        var put = graphql.request("PUT", "/graphql", RawGraphQL.json(Map.of("query", "{ me { id: spotifyId } }")),
                "Content-Type", "application/json");
        var noQuery = graphql.request("GET", "/graphql", null);
        var tooLarge = graphql.postJson(Map.of("query", "{ me { id: spotifyId } }", "pad", "x".repeat(1_200_000)));

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(noQuery.status()).isEqualTo(400);
        assertThat(noQuery.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aTrailingSlashIsTheSameEndpointAndAnHtmlAcceptIsAGraphQLShapedRefusal() {
        var trailingSlash = graphql.request("POST", "/graphql/", RawGraphQL.json(Map.of("query", "{ me { id: spotifyId } }")),
                "Content-Type", "application/json");
        var html = graphql.query("{ me { id: spotifyId } }", Map.of(), "Accept", "text/html");

        assertThat(trailingSlash.status()).isEqualTo(200);
        assertThat(trailingSlash.<String>at("data.me.id")).isEqualTo("demo-listener");
        assertThat(html.status()).isEqualTo(406);
        assertThat(html.errorCodes()).containsExactly("BAD_USER_INPUT");
    }
}
