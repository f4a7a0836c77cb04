package dev.playlistgateway.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A catalogue artist.
 *
 * @param id         the artist's id
 * @param name       the artist's name
 * @param genres     genres, possibly empty
 * @param popularity 0-100, or null where the music service no longer returns it to this app
 */
public record Artist(ArtistId id, String name, List<String> genres, Integer popularity) {
    public Artist {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        genres = List.copyOf(genres);
    }
}
