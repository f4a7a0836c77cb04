package dev.playlistgateway.adapter.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The shape of {@code catalog.json}, as Jackson reads it. Ids are plain strings here; {@link Catalog}
 * turns them into typed ids and checks that every reference resolves.
 */
record CatalogJson(String defaultUser, List<UserJson> users, List<ArtistJson> artists, List<AlbumJson> albums,
                   List<TrackJson> tracks, List<PlaylistJson> playlists) {

    record UserJson(String id, String displayName) {
    }

    record ArtistJson(String id, String name, List<String> genres, Integer popularity) {
    }

    record AlbumJson(String id, String name, String releaseDate, String imageUrl) {
    }

    record TrackJson(String id, String name, int durationMs, boolean explicit, Integer popularity,
                     List<String> artistIds, String albumId) {
    }

    /**
     * @param version how many times the playlist had changed when the catalogue was written; it
     *                seeds the snapshot id so that snapshots differ between playlists and runs agree
     */
    record PlaylistJson(String id, String name, String description, String ownerId,
                        @JsonProperty("public") boolean isPublic, boolean collaborative,
                        List<String> collaborators, int version, List<ItemJson> items) {
    }

    /** @param trackId null for an entry that is no catalogue track (a local file) */
    record ItemJson(String addedAt, String trackId) {
    }
}
