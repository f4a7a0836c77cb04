package dev.playlistgateway.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A catalogue track: the same for every user, so it is cached once per id for everyone.
 *
 * @param id         the track's id
 * @param name       its name
 * @param durationMs its length in milliseconds
 * @param explicit   whether it has explicit lyrics
 * @param popularity 0-100, or null where the music service no longer returns it to this app
 * @param uri        the service's URI for it
 * @param artists    its artists, in credit order
 * @param album      the album it is on
 */
public record Track(TrackId id, String name, int durationMs, boolean explicit, Integer popularity,
                    String uri, List<ArtistCredit> artists, Album album) {
    public Track {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(album, "album");
        artists = List.copyOf(artists);
    }

    /**
     * An artist as credited on a track: enough to show a name; the full {@link Artist} is loaded by id.
     *
     * @param id   the artist's id
     * @param name the artist's name
     */
    public record ArtistCredit(ArtistId id, String name) {
        public ArtistCredit {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }
}
