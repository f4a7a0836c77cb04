package dev.playlistgateway.domain.model;

/**
 * Identifies a track. Validated on construction, so an instance is always safe to use in a key or a path.
 *
 * @param value the id as the music service knows it
 */
public record TrackId(String value) implements Comparable<TrackId> {
    public TrackId {
        Id.require("track", value);
    }

    public static TrackId of(String value) {
        return new TrackId(value);
    }

    @Override
    public int compareTo(TrackId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
