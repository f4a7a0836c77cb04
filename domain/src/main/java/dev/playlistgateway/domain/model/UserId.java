package dev.playlistgateway.domain.model;

/**
 * Identifies a user. Validated on construction, so an instance is always safe to use in a key or a path.
 *
 * @param value the id as the music service knows it
 */
public record UserId(String value) implements Comparable<UserId> {
    public UserId {
        Id.require("user", value);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
