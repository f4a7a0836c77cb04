package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;

import java.util.Objects;

/**
 * A window of a playlist's items that a caller wants. The playlist (not only its id) is needed
 * because its snapshot id and visibility decide the cache key.
 *
 * @param playlist the playlist, as read through {@link PlaylistService}
 * @param window   which items
 */
public record ItemsWindow(Playlist playlist, PageRequest window) {
    public ItemsWindow {
        Objects.requireNonNull(playlist, "playlist");
        Objects.requireNonNull(window, "window");
    }
}
