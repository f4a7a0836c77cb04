package dev.playlistgateway.domain.model;

/**
 * Identifies an artist. Validated on construction, so an instance is always safe to use in a key or a path.
 *
 * @param value the id as the music service knows it
 */
public record ArtistId(String value) implements Comparable<ArtistId> {
    public ArtistId {
        Id.require("artist", value);
    }

    public static ArtistId of(String value) {
        return new ArtistId(value);
    }

    @Override
    public int compareTo(ArtistId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
