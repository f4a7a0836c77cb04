package dev.playlistgateway.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A playlist as one upstream read returns it: its own data and, where the service includes it,
 * the first page of its items (Spotify's {@code GET /playlists/{id}} does: one call, not two).
 *
 * @param playlist   the playlist
 * @param firstItems the first page of items starting at offset 0, or null when not included
 */
public record PlaylistWithItems(Playlist playlist, PlaylistItemsPage firstItems) {
    public PlaylistWithItems {
        Objects.requireNonNull(playlist, "playlist");
    }

    public Optional<PlaylistItemsPage> firstItemsPage() {
        return Optional.ofNullable(firstItems);
    }
}
