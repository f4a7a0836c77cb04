package dev.playlistgateway.domain.model;

/**
 * Identifies an album. Validated on construction, so an instance is always safe to use in a key or a path.
 *
 * @param value the id as the music service knows it
 */
public record AlbumId(String value) implements Comparable<AlbumId> {
    public AlbumId {
        Id.require("album", value);
    }

    public static AlbumId of(String value) {
        return new AlbumId(value);
    }

    @Override
    public int compareTo(AlbumId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
