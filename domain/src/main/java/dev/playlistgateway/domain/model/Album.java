package dev.playlistgateway.domain.model;

import java.util.Objects;

/**
 * A catalogue album.
 *
 * @param id          the album's id
 * @param name        its name
 * @param releaseDate its release date as the service gives it ("1981", "1981-12" or "1981-12-29"), or null
 * @param imageUrl    the URL of its largest cover image, or null
 */
public record Album(AlbumId id, String name, String releaseDate, String imageUrl) {
    public Album {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
