package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
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
import dev.playlistgateway.domain.port.PlaylistPort;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The demo catalog with the refusals and failures Spotify hands out, always for the same things, so
 * that a cache can never hide them (failures are not cached):
 * <ul>
 *   <li>another user's playlists are FORBIDDEN, as in Development Mode ({@code GET /v1/users/{id}/playlists});</li>
 *   <li>the items of {@link #BROKEN_ITEMS} fail UPSTREAM_UNAVAILABLE, with the playlist read and on their own;</li>
 *   <li>a tracks batch holding {@link #THROTTLED_TRACK} is RATE_LIMITED;</li>
 *   <li>an artists batch holding {@link #BROKEN_ARTIST} fails UPSTREAM_UNAVAILABLE.</li>
 * </ul>
 */
final class FaultyPlaylistPort implements PlaylistPort {
    /** Sunday Kitchen: demo-listener's own, private, 18 items. */
    static final PlaylistId BROKEN_ITEMS = PlaylistId.of("YyJsN6RhQ8LDnaUjFDcHG5");
    /** A well-formed id no catalogue knows. */
    static final TrackId THROTTLED_TRACK = TrackId.of("ThrottledTrackId000000");
    /** Marlowe Vance, credited on "Happy Accidents" ({@code TQMO1kVzxLPjmC3FVPPisB}). */
    static final ArtistId BROKEN_ARTIST = ArtistId.of("Fb6AlmYfgQdoexEIVT6wru");
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final PlaylistPort catalog;

    FaultyPlaylistPort(PlaylistPort catalog) {
        this.catalog = catalog;
    }

    @Override
    public User currentUser(Viewer viewer) {
        return catalog.currentUser(viewer);
    }

    @Override
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page) {
        if (!owner.equals(viewer.userId())) {
            throw new MusicDataException(Failure.FORBIDDEN, "Spotify refuses this app the playlists of user " + owner
                    + ": in Development Mode Spotify offers an app only the signed-in user's own playlists");
        }
        return catalog.playlists(viewer, owner, page);
    }

    @Override
    public PlaylistWithItems playlist(Viewer viewer, PlaylistId id) {
        PlaylistWithItems read = catalog.playlist(viewer, id);
        return id.equals(BROKEN_ITEMS) ? new PlaylistWithItems(read.playlist(), null) : read;
    }

    @Override
    public PlaylistItemsPage items(Viewer viewer, PlaylistId id, PageRequest page) {
        if (id.equals(BROKEN_ITEMS)) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify failed (HTTP 503)");
        }
        return catalog.items(viewer, id, page);
    }

    @Override
    public int itemsPageSize() {
        return catalog.itemsPageSize();
    }

    @Override
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids) {
        if (ids.contains(THROTTLED_TRACK)) {
            throw MusicDataException.rateLimited(RETRY_AFTER, "Spotify asks the gateway to wait 30 s");
        }
        return catalog.tracks(viewer, ids);
    }

    @Override
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids) {
        if (ids.contains(BROKEN_ARTIST)) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify did not answer in time");
        }
        return catalog.artists(viewer, ids);
    }

    @Override
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids) {
        return catalog.albums(viewer, ids);
    }

    @Override
    public SnapshotId addItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        return catalog.addItems(viewer, id, tracks);
    }

    @Override
    public SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        return catalog.removeItems(viewer, id, tracks);
    }
}
