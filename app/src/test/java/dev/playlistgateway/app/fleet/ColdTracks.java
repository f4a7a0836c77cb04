package dev.playlistgateway.app.fleet;

import dev.playlistgateway.adapter.spotify.SpotifyFixtures;

import java.util.ArrayList;
import java.util.List;

/**
 * Queries {@code { track(id:) { name } }} for catalogue tracks no earlier query from here asked for: each is one
 * cold Spotify call, which is what the call budget and the Retry-After tests count.
 */
final class ColdTracks {
    private int next;

    String next() {
        return "{ track(id: \"" + SpotifyFixtures.id('t', next++) + "\") { name } }";
    }

    List<String> next(int count) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            queries.add(next());
        }
        return queries;
    }
}
