package dev.playlistgateway.domain.model;

import java.util.Objects;

/**
 * The version of a playlist: every change to its items makes a new one. Items are cached under it,
 * so a new snapshot never reads old items. Snapshot ids are opaque strings of any shape.
 *
 * @param value the snapshot id as the music service reports it
 */
public record SnapshotId(String value) {
    public SnapshotId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 256) {
            throw new InvalidInputException("Not a valid snapshot id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
