package dev.playlistgateway.domain.model;

/**
 * Identifies a playlist. Validated on construction, so an instance is always safe to use in a key or a path.
 *
 * @param value the id as the music service knows it
 */
public record PlaylistId(String value) implements Comparable<PlaylistId> {
    public PlaylistId {
        Id.require("playlist", value);
    }

    public static PlaylistId of(String value) {
        return new PlaylistId(value);
    }

    @Override
    public int compareTo(PlaylistId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
