package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * One playlist at one version: immutable, so a reader always sees a playlist and items that belong
 * together while a writer swaps in the next version.
 */
record PlaylistState(Playlist playlist, Set<UserId> collaborators, int version, List<PlaylistItem> items) {

    PlaylistState {
        collaborators = Set.copyOf(collaborators);
        items = List.copyOf(items);
    }

    static PlaylistState initial(PlaylistId id, String name, String description, User owner, boolean isPublic,
                                 boolean collaborative, Set<UserId> collaborators, int version,
                                 List<PlaylistItem> items) {
        Playlist playlist = new Playlist(id, name, description, owner, isPublic, collaborative,
                snapshot(id, version, items), items.size());
        return new PlaylistState(playlist, collaborators, version, items);
    }

    /** The next version of this playlist, holding {@code newItems}. */
    PlaylistState withItems(List<PlaylistItem> newItems) {
        int next = version + 1;
        Playlist p = playlist;
        Playlist changed = new Playlist(p.id(), p.name(), p.description(), p.owner(), p.isPublic(), p.collaborative(),
                snapshot(p.id(), next, newItems), newItems.size());
        return new PlaylistState(changed, collaborators, next, newItems);
    }

    /** Public playlists for everyone; others for their owner and collaborators only. */
    boolean visibleTo(Viewer viewer) {
        return playlist.knownPublic() || editableBy(viewer);
    }

    boolean editableBy(Viewer viewer) {
        return viewer.user()
                .map(user -> user.equals(playlist.owner().id()) || collaborators.contains(user))
                .orElse(false);
    }

    /**
     * Spotify-like snapshot ids: base64 of a version counter and a digest of the content. The version
     * makes every change a new snapshot even when it restores earlier items (Spotify does the same);
     * the digest keeps two runs that reach the same version with different items apart, which matters
     * when a shared cache outlives the process.
     */
    private static SnapshotId snapshot(PlaylistId id, int version, List<PlaylistItem> items) {
        MessageDigest digest = sha256();
        digest.update(id.value().getBytes(StandardCharsets.UTF_8));
        for (PlaylistItem item : items) {
            digest.update((item.addedAt() + "|" + item.trackId() + ";").getBytes(StandardCharsets.UTF_8));
        }
        byte[] content = digest.digest();
        ByteBuffer raw = ByteBuffer.allocate(24).putInt(version).put(content, 0, 20);
        return new SnapshotId(Base64.getEncoder().encodeToString(raw.array()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
