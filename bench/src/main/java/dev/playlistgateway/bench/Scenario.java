package dev.playlistgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a client does to get one answer, possibly in several requests (it follows cursors as a Relay
 * client would): the unit whose upstream calls are counted.
 */
record Scenario(String name, String viewer, Steps steps) {

    @FunctionalInterface
    interface Steps {
        void run(GraphQLEndpoint endpoint);
    }

    void run(GraphQLEndpoint endpoint) {
        steps.run(endpoint);
    }

    /**
     * The three the run counts, over {@link Library}'s realistic libraries: they read disjoint data
     * (user0's playlist 0, user2's playlists, user0's playlist 1 and its artists), so that one gateway
     * answers each of them cold.
     */
    static List<Scenario> counted(String biggestPlaylist, String hundredPlaylist) {
        return List.of(
                new Scenario("one playlist with all its tracks (1,000 items, 10 pages of 100)", Library.COLLECTOR,
                        endpoint -> {
                            String after = null;
                            do {
                                JsonNode tracks = endpoint.data(Queries.playlistPage(biggestPlaylist, after))
                                        .path("playlist").path("tracks");
                                after = nextCursor(tracks.path("pageInfo"));
                            } while (after != null);
                        }),
                new Scenario("the user's 120 playlists, first 100 tracks each, with artists (3 pages of 50)",
                        Library.OTHER_COLLECTOR,
                        endpoint -> {
                            String after = null;
                            do {
                                JsonNode playlists = endpoint.data(Queries.libraryPage(after)).path("me").path("playlists");
                                after = nextCursor(playlists.path("pageInfo"));
                            } while (after != null);
                        }),
                new Scenario("100 tracks with their artists' genres", Library.COLLECTOR,
                        endpoint -> endpoint.data(Queries.genres(hundredPlaylist))));
    }

    private static String nextCursor(JsonNode pageInfo) {
        if (pageInfo.isMissingNode()) {
            throw new IllegalStateException("no pageInfo in the answer");
        }
        return pageInfo.path("hasNextPage").asBoolean() ? pageInfo.path("endCursor").asText() : null;
    }
}
