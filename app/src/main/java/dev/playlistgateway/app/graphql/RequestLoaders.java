package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.tracing.OperationTrace;
import dev.playlistgateway.domain.cache.Loaded;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.service.ItemsWindow;
import dev.playlistgateway.domain.service.PlaylistService;
import dev.playlistgateway.domain.service.QueryCost;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.Try;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The per-request DataLoaders. Each is built for one request and bound to its viewer and cost, so
 * nothing loaded for one caller can reach another's response. Their batch functions call the
 * service's many-ids operations: a query touching 100 tracks makes one batch, never 100 loads. Each batch
 * runs through the request's {@link OperationTrace} (a span per batch when tracing is on).
 */
final class RequestLoaders {
    static final String TRACKS = "tracks";
    static final String ARTISTS = "artists";
    static final String ITEMS = "items";
    static final String ALBUMS = "albums";
    static final String PLAYLISTS = "playlists";

    private RequestLoaders() {
    }

    static DataLoaderRegistry registryFor(PlaylistService service, Viewer viewer, QueryCost cost, OperationTrace trace) {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        registry.register(TRACKS, DataLoaderFactory.<TrackId, Track>newMappedDataLoader(
                (Set<TrackId> ids) -> completed(() -> trace.batch(TRACKS, ids.size(), () -> service.tracks(viewer, ids, cost)))));
        registry.register(ARTISTS, DataLoaderFactory.<ArtistId, Artist>newMappedDataLoader(
                (Set<ArtistId> ids) -> completed(() -> trace.batch(ARTISTS, ids.size(), () -> service.artists(viewer, ids, cost)))));
        registry.register(ALBUMS, DataLoaderFactory.<AlbumId, Album>newMappedDataLoader(
                (Set<AlbumId> ids) -> completed(() -> trace.batch(ALBUMS, ids.size(), () -> service.albums(viewer, ids, cost)))));
        // One playlist the app may not read must not fail the others of the batch: each id has its own Try.
        registry.register(ITEMS, DataLoaderFactory.<ItemsWindow, PlaylistItemsPage>newMappedDataLoaderWithTry(
                (Set<ItemsWindow> windows) -> completed(() -> trace.batch(ITEMS, windows.size(),
                        () -> tries(service.items(viewer, windows, cost))))));
        registry.register(PLAYLISTS, DataLoaderFactory.<PlaylistId, Playlist>newMappedDataLoaderWithTry(
                (Set<PlaylistId> ids) -> completed(() -> trace.batch(PLAYLISTS, ids.size(),
                        () -> tries(service.playlists(viewer, ids, cost))))));
        return registry;
    }

    private static <K, V> Map<K, Try<V>> tries(Loaded<K, V> loaded) {
        Map<K, Try<V>> results = new HashMap<>();
        loaded.values().forEach((key, value) -> results.put(key, Try.succeeded(value)));
        loaded.failures().forEach((key, failure) -> results.put(key, Try.failed(failure)));
        return results;
    }

    static DataLoader<TrackId, Track> tracks(DataFetchingEnvironment environment) {
        return environment.getDataLoader(TRACKS);
    }

    static DataLoader<ArtistId, Artist> artists(DataFetchingEnvironment environment) {
        return environment.getDataLoader(ARTISTS);
    }

    static DataLoader<AlbumId, Album> albums(DataFetchingEnvironment environment) {
        return environment.getDataLoader(ALBUMS);
    }

    static DataLoader<PlaylistId, Playlist> playlists(DataFetchingEnvironment environment) {
        return environment.getDataLoader(PLAYLISTS);
    }

    static DataLoader<ItemsWindow, PlaylistItemsPage> items(DataFetchingEnvironment environment) {
        return environment.getDataLoader(ITEMS);
    }

    /** Runs a blocking service call on the dispatching thread (already off the event loop). */
    private static <T> CompletableFuture<T> completed(Supplier<T> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
