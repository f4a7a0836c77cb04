package dev.playlistgateway.app.graphql;

import dev.playlistgateway.adapter.demo.DemoCatalog;
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
import dev.playlistgateway.domain.port.PlaylistPort;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a PlaylistPort and counts the calls per operation and the ids of each batch. In a test context
 * with the environment {@link #ENVIRONMENT} it wraps the demo catalog's port and is the gateway's
 * PlaylistPort: {@code @MicronautTest(environments = PlaylistPortCallCounter.ENVIRONMENT)}, then
 * {@code @Inject PlaylistPortCallCounter port}.
 */
final class PlaylistPortCallCounter implements PlaylistPort {
    static final String ENVIRONMENT = "counting";

    @Factory
    @Requires(env = ENVIRONMENT)
    static class InTheGateway {
        @Singleton
        @Replaces(PlaylistPort.class)
        PlaylistPortCallCounter countingPort(DemoCatalog catalog) {
            return new PlaylistPortCallCounter(catalog.playlistPort());
        }
    }

    private final PlaylistPort delegate;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<Integer> trackBatchSizes = new CopyOnWriteArrayList<>();
    final List<Integer> artistBatchSizes = new CopyOnWriteArrayList<>();

    PlaylistPortCallCounter(PlaylistPort delegate) {
        this.delegate = delegate;
    }

    int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void reset() {
        calls.clear();
        trackBatchSizes.clear();
        artistBatchSizes.clear();
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public User currentUser(Viewer viewer) {
        count("currentUser");
        return delegate.currentUser(viewer);
    }

    @Override
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page) {
        count("playlists");
        return delegate.playlists(viewer, owner, page);
    }

    @Override
    public PlaylistWithItems playlist(Viewer viewer, PlaylistId id) {
        count("playlist");
        return delegate.playlist(viewer, id);
    }

    @Override
    public PlaylistItemsPage items(Viewer viewer, PlaylistId id, PageRequest page) {
        count("items");
        return delegate.items(viewer, id, page);
    }

    @Override
    public int itemsPageSize() {
        return delegate.itemsPageSize();
    }

    @Override
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids) {
        count("tracks");
        trackBatchSizes.add(ids.size());
        return delegate.tracks(viewer, ids);
    }

    @Override
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids) {
        count("artists");
        artistBatchSizes.add(ids.size());
        return delegate.artists(viewer, ids);
    }

    @Override
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids) {
        count("albums");
        return delegate.albums(viewer, ids);
    }

    @Override
    public SnapshotId addItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        count("addItems");
        return delegate.addItems(viewer, id, tracks);
    }

    @Override
    public SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        count("removeItems");
        return delegate.removeItems(viewer, id, tracks);
    }
}
