package dev.playlistgateway.app.graphql;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One GraphQL query makes one batch per level, not one call per field: proved with a counting
 * PlaylistPort in front of the demo catalog, through real HTTP requests.
 */
@MicronautTest(environments = PlaylistPortCallCounter.ENVIRONMENT)
class DataLoaderBatchingIT {

    @Inject
    PlaylistPortCallCounter port;

    @Inject
    RawGraphQL graphql;

    @Test
    void oneHundredTracksByIdCostOneBatchLoad() {
        // 100 distinct catalogue track ids, taken from the 260-item playlist.
        List<String> ids = new java.util.ArrayList<>();
        for (String after : new String[]{null}) {
            var page = graphql.query("{ playlist(id: \"" + GraphQLApiIT.SAVED_2024 + "\") { tracks(first: 100) { edges { track { id: spotifyId } } } } }");
            List<Map<String, Map<String, String>>> edges = page.at("data.playlist.tracks.edges");
            edges.stream().map(e -> e.get("track")).filter(java.util.Objects::nonNull).map(t -> t.get("id")).distinct().forEach(ids::add);
        }
        // A fresh gateway would have them cached now (items bring their tracks), so ask in a new query
        // for ids that are NOT all cached: the cached ones are hits, the rest one batch.
        port.reset();

        var response = graphql.query("query($ids: [ID!]!) { tracks(ids: $ids) { id: spotifyId name artists { name } album { name } } }",
                Map.of("ids", ids));

        assertThat(response.errors()).isEmpty();
        assertThat(response.<List<?>>at("data.tracks")).hasSize(ids.size());
        assertThat(port.calls("tracks")).isLessThanOrEqualTo(1);
        assertThat(port.totalCalls()).isLessThanOrEqualTo(1);
    }

    @Test
    void aColdPlaylistWithArtistGenresCostsOnePlaylistReadAndOneArtistsBatch() {
        port.reset();
        var response = graphql.query("{ playlist(id: \"" + GraphQLApiIT.DEEP_FOCUS + "\") { name "
                + "tracks(first: 100) { edges { track { name album { name } artists { name genres } } } } } }");

        assertThat(response.errors()).isEmpty();
        assertThat(response.<List<?>>at("data.playlist.tracks.edges")).hasSize(100);
        // The playlist read carries its first 100 items with their full tracks: no items or tracks call.
        assertThat(port.calls("playlist")).isEqualTo(1);
        assertThat(port.calls("items")).isZero();
        assertThat(port.calls("tracks")).isZero();
        // Every distinct artist of the 100 tracks in one batch.
        assertThat(port.calls("artists")).isEqualTo(1);
        assertThat(port.artistBatchSizes.get(0)).isGreaterThan(1);
        assertThat(response.<Integer>at("extensions.cache.upstreamCalls")).isEqualTo(2);

        port.reset();
        var warm = graphql.query("{ playlist(id: \"" + GraphQLApiIT.DEEP_FOCUS + "\") { name "
                + "tracks(first: 100) { edges { track { name album { name } artists { name genres } } } } } }");
        assertThat(warm.errors()).isEmpty();
        assertThat(port.totalCalls()).isZero();
        assertThat(warm.<Integer>at("extensions.cache.upstreamCalls")).isZero();
    }

    @Test
    void tracksNotYetCachedAreLoadedInOneBatchAcrossTheWholeQuery() {
        port.reset();
        // Two root fields asking for tracks by id: both land in the same DataLoader batch.
        var response = graphql.query("{ a: track(id: \"TQMO1kVzxLPjmC3FVPPisB\") { name } b: tracks(ids: [\"TQMO1kVzxLPjmC3FVPPisB\", \"0000000000000000000001\"]) { name } }");
        assertThat(response.errors()).isEmpty();
        assertThat(port.calls("tracks")).isLessThanOrEqualTo(1);
    }

    @Test
    void eachRequestGetsItsOwnDataLoaders() {
        String query = "{ track(id: \"TQMO1kVzxLPjmC3FVPPisB\") { name } }";
        graphql.query(query);
        port.reset();
        var second = graphql.query(query);
        // Served from the cache (a hit counted in this request), not from a loader kept from the last one.
        assertThat(second.<Integer>at("extensions.cache.hits")).isEqualTo(1);
        assertThat(port.totalCalls()).isZero();
    }
}
