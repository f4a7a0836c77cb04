package dev.playlistgateway.domain.model;

import java.util.Objects;

/**
 * A playlist's own data, without its items (see {@link PlaylistItemsPage}).
 *
 * @param id            the playlist's id
 * @param name          its name
 * @param description   its description, or null
 * @param owner         the user who owns it
 * @param isPublic      true if public, false if private, null when the service does not say
 * @param collaborative true if other users may edit it
 * @param snapshotId    the version of its items
 * @param trackCount    how many items it holds
 */
public record Playlist(PlaylistId id, String name, String description, User owner, Boolean isPublic,
                       boolean collaborative, SnapshotId snapshotId, int trackCount) {
    public Playlist {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(snapshotId, "snapshotId");
        if (trackCount < 0) {
            throw new IllegalArgumentException("trackCount < 0");
        }
    }

    /** Only playlists known to be public may be cached for everyone; unknown counts as private. */
    public boolean knownPublic() {
        return Boolean.TRUE.equals(isPublic);
    }
}
