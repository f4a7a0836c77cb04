package dev.playlistgateway.domain.model;

import java.util.Objects;

/**
 * A user of the music service: the signed-in viewer, or the owner of a playlist.
 *
 * @param id          the user's id
 * @param displayName the name the user shows, or null when they set none
 */
public record User(UserId id, String displayName) {
    public User {
        Objects.requireNonNull(id, "id");
    }
}
