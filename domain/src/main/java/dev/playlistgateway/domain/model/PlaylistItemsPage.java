package dev.playlistgateway.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A page of a playlist's items, with the full tracks they refer to. The music service returns
 * full track objects with the items; keeping them here lets the service cache them so that they
 * are never fetched again by id.
 *
 * @param items  the page of items
 * @param tracks the tracks the items refer to (each once; order not significant)
 */
public record PlaylistItemsPage(Page<PlaylistItem> items, List<Track> tracks) {
    public PlaylistItemsPage {
        Objects.requireNonNull(items, "items");
        tracks = List.copyOf(tracks);
    }
}
