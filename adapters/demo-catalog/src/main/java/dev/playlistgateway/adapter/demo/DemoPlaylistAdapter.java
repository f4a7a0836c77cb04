package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link PlaylistPort} over the in-memory {@link Catalog}, with Spotify's visibility rules: public
 * playlists for everyone, private and collaborative ones for their owner and collaborators, changes
 * by owner and collaborators only. Thread safe: the catalogue swaps whole playlist states atomically.
 */
final class DemoPlaylistAdapter implements PlaylistPort {

    /** Spotify's page size for playlist items; the service reads items in blocks of this. */
    static final int ITEMS_PAGE_SIZE = 100;
    /** Spotify refuses more tracks than this in one change; the demo refuses them too. */
    static final int MAX_TRACKS_PER_CHANGE = 100;

    private final Catalog catalog;
    private final Duration latency;

    DemoPlaylistAdapter(Catalog catalog, Duration latency) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    @Override
    public User currentUser(Viewer viewer) {
        simulateUpstream();
        UserId id = viewer.user().orElseThrow(() -> unauthenticated("Sign in to see your profile"));
        User user = catalog.user(id);
        if (user == null) {
            throw MusicDataException.notFound("User " + id);
        }
        return user;
    }

    @Override
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page) {
        simulateUpstream();
        if (catalog.user(owner) == null) {
            throw MusicDataException.notFound("User " + owner);
        }
        // As Spotify's /me/playlists: your own list has your private playlists and those you
        // collaborate on; anyone else's shows only what they made public.
        boolean own = viewer.user().map(owner::equals).orElse(false);
        List<Playlist> listed = catalog.playlists().stream()
                .filter(state -> own
                        ? state.editableBy(viewer)
                        : state.playlist().owner().id().equals(owner) && state.playlist().knownPublic())
                .map(PlaylistState::playlist)
                .toList();
        return window(listed, page);
    }

    @Override
    public PlaylistWithItems playlist(Viewer viewer, PlaylistId id) {
        simulateUpstream();
        PlaylistState state = visible(viewer, id);
        return new PlaylistWithItems(state.playlist(), itemsPage(state, PageRequest.of(0, ITEMS_PAGE_SIZE)));
    }

    @Override
    public PlaylistItemsPage items(Viewer viewer, PlaylistId id, PageRequest page) {
        simulateUpstream();
        return itemsPage(visible(viewer, id), page);
    }

    @Override
    public int itemsPageSize() {
        return ITEMS_PAGE_SIZE;
    }

    @Override
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids) {
        simulateUpstream();
        return found(ids, catalog::track);
    }

    @Override
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids) {
        simulateUpstream();
        return found(ids, catalog::artist);
    }

    @Override
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids) {
        simulateUpstream();
        return found(ids, catalog::album);
    }

    @Override
    public SnapshotId addItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        simulateUpstream();
        List<TrackId> added = requireChange(viewer, tracks);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return change(viewer, id, current -> {
            List<PlaylistItem> items = new ArrayList<>(current);
            added.forEach(track -> items.add(new PlaylistItem(now, track)));
            return items;
        });
    }

    @Override
    public SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        simulateUpstream();
        Set<TrackId> removed = new HashSet<>(requireChange(viewer, tracks));
        return change(viewer, id, current -> current.stream()
                .filter(item -> item.trackId() == null || !removed.contains(item.trackId()))
                .toList());
    }

    // ------------------------------------------------------------------ helpers

    private SnapshotId change(Viewer viewer, PlaylistId id, Function<List<PlaylistItem>, List<PlaylistItem>> edit) {
        PlaylistState changed = catalog.update(id, current -> {
            // Checked inside the atomic update so that the rule and the change see the same state.
            requireVisible(viewer, id, current);
            if (!current.editableBy(viewer)) {
                throw new MusicDataException(Failure.FORBIDDEN,
                        "Only the owner and collaborators of playlist " + id + " may change it");
            }
            return current.withItems(edit.apply(current.items()));
        });
        if (changed == null) {
            throw MusicDataException.notFound("Playlist " + id);
        }
        return changed.playlist().snapshotId();
    }

    /** Checks what can be checked before touching the playlist; returns the tracks, all known. */
    private List<TrackId> requireChange(Viewer viewer, List<TrackId> tracks) {
        if (viewer.isAnonymous()) {
            throw unauthenticated("Sign in to change playlists");
        }
        Objects.requireNonNull(tracks, "tracks");
        if (tracks.isEmpty() || tracks.size() > MAX_TRACKS_PER_CHANGE) {
            throw new InvalidInputException("A change takes 1 to " + MAX_TRACKS_PER_CHANGE
                    + " tracks, was " + tracks.size());
        }
        for (TrackId track : tracks) {
            if (catalog.track(Objects.requireNonNull(track, "track id")) == null) {
                throw new MusicDataException(Failure.NOT_FOUND,
                        "Track " + track + " is not in the demo catalog; nothing was changed");
            }
        }
        return List.copyOf(tracks);
    }

    private PlaylistState visible(Viewer viewer, PlaylistId id) {
        PlaylistState state = catalog.playlist(id);
        requireVisible(viewer, id, state);
        return state;
    }

    /** A playlist the viewer may not see is reported as missing: its existence is private too. */
    private static void requireVisible(Viewer viewer, PlaylistId id, PlaylistState state) {
        if (state == null || !state.visibleTo(viewer)) {
            throw MusicDataException.notFound("Playlist " + id);
        }
    }

    private PlaylistItemsPage itemsPage(PlaylistState state, PageRequest page) {
        Page<PlaylistItem> items = window(state.items(), page);
        Map<TrackId, Track> tracks = new LinkedHashMap<>();
        for (PlaylistItem item : items.items()) {
            if (item.trackId() != null) {
                tracks.computeIfAbsent(item.trackId(), catalog::track);
            }
        }
        return new PlaylistItemsPage(items, List.copyOf(tracks.values()));
    }

    private static <T> Page<T> window(List<T> all, PageRequest page) {
        int from = Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) page.offset() + page.limit(), all.size());
        return new Page<>(all.subList(from, to), page.offset(), all.size());
    }

    private static <I, V> Map<I, V> found(Collection<I> ids, Function<I, V> lookup) {
        Map<I, V> found = new LinkedHashMap<>();
        for (I id : ids) {
            V value = lookup.apply(Objects.requireNonNull(id, "id"));
            if (value != null) {
                found.put(id, value);
            }
        }
        return found;
    }

    private static MusicDataException unauthenticated(String message) {
        return new MusicDataException(Failure.UNAUTHENTICATED, message);
    }

    /** Stands in for a network round trip, so that benchmarks see what batching and caching save. */
    private void simulateUpstream() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted while reading the demo catalog", e);
        }
    }
}
