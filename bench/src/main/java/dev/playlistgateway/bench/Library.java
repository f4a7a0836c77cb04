package dev.playlistgateway.bench;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;

import java.time.Duration;

/**
 * The fake Spotify the run measures against: {@link SpotifyStandIn} with a library shaped like a
 * real one. {@code user0} and {@code user2} each own 120 playlists of 0 to 1,000 items (mostly small,
 * a few large) drawn from one catalogue of 10,000 tracks by 900 artists, so playlists share tracks
 * and tracks share artists. {@code user1} owns the load workload: 50 playlists of exactly 100 items
 * (a 0.96 MB answer for 50 x 100), then 70 empty ones. Scenarios counted in one gateway read
 * disjoint data (their own playlists, their own artists), so each of them starts cold.
 */
final class Library {

    static final int PLAYLISTS = 120;
    static final int CATALOGUE_TRACKS = 10_000;
    static final int ARTISTS = 900;

    /** The realistic library's owners and the load workload's. */
    static final String COLLECTOR = "user0";
    static final String LOAD_USER = "user1";
    static final String OTHER_COLLECTOR = "user2";

    /** user0's playlist 0: the 1,000-item one; playlist 1: 100 items, for genres. */
    static final int BIGGEST = 0;
    static final int HUNDRED = 1;

    /** The sizes of user0's playlists from index 2 on, cycled: most playlists are small. */
    private static final int[] SIZES = {0, 12, 25, 40, 60, 80, 100, 120, 150, 200, 250, 350, 500, 750};

    private Library() {
    }

    static SpotifyStandIn start(Duration latency) {
        return SpotifyStandIn.builder()
                .users(3)
                .playlists(PLAYLISTS)
                .tracks(Library::items)
                .catalogueTracks(CATALOGUE_TRACKS)
                .catalogueArtists(ARTISTS)
                .latency(latency)
                .start();
    }

    static int items(int user, int playlist) {
        if (user == 1) {
            return playlist < 50 ? 100 : 0;
        }
        if (playlist == BIGGEST) {
            return 1_000;
        }
        if (playlist == HUNDRED) {
            return 100;
        }
        return SIZES[(playlist * 5) % SIZES.length];
    }

    static int totalItems(int user) {
        int total = 0;
        for (int i = 0; i < PLAYLISTS; i++) {
            total += items(user, i);
        }
        return total;
    }
}
