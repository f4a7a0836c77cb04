package dev.playlistgateway.domain.port;

import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where music data comes from: the Spotify Web API, or the offline demo catalog.
 *
 * <p>Every call is one logical upstream read or write on behalf of a {@link Viewer}; the service
 * caches in front of it, so implementations MUST NOT cache user data themselves (they would
 * bypass the service's per-user keys).
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use; calls may block.
 *
 * <p><b>Failures:</b> implementations MUST throw {@link dev.playlistgateway.domain.model.MusicDataException}
 * (never a transport or parser exception), with NOT_FOUND for what does not exist or may not be
 * seen, FORBIDDEN for what the service refuses this app or user, UNAUTHENTICATED where a signed-in
 * user is required, RATE_LIMITED with a retry-after when throttled, UPSTREAM_UNAVAILABLE otherwise.
 *
 * <p><b>Batches:</b> the many-ids operations exist so that an implementation can answer in as few
 * round trips as the service allows. They MUST return a map holding only the ids that were found
 * (unknown ids are absent, not mapped to null), and MUST NOT fail the whole batch for one unknown id.
 */
public interface PlaylistPort {

    /** The signed-in viewer. UNAUTHENTICATED for an anonymous viewer. */
    User currentUser(Viewer viewer);

    /**
     * A page of the playlists of {@code owner} that {@code viewer} may see. When the owner is the
     * viewer this includes their private and collaborative playlists.
     */
    Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page);

    /** A playlist and, where the service includes it in the same read, its first page of items. */
    PlaylistWithItems playlist(Viewer viewer, PlaylistId id);

    /**
     * A window of a playlist's items with the tracks they refer to. The implementation pages
     * upstream as the service allows and returns entries from {@code page.offset()}: at most
     * {@code page.limit()}, fewer only at the end of the playlist.
     */
    PlaylistItemsPage items(Viewer viewer, PlaylistId id, PageRequest page);

    /** The largest window {@link #items} fills with one upstream call; the service reads in these blocks. */
    int itemsPageSize();

    /** Tracks by id, in as few upstream calls as possible. Unknown ids are absent from the result. */
    Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids);

    /** Artists by id, in as few upstream calls as possible. Unknown ids are absent from the result. */
    Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids);

    /** Albums by id, in as few upstream calls as possible. Unknown ids are absent from the result. */
    Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids);

    /** Appends tracks to a playlist, in order; returns the playlist's new snapshot. */
    SnapshotId addItems(Viewer viewer, PlaylistId id, List<TrackId> tracks);

    /** Removes every occurrence of the tracks from a playlist; returns the playlist's new snapshot. */
    SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> tracks);
}
