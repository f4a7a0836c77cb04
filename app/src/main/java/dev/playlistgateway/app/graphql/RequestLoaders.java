package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
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
 * service's many-ids operations: a query touching 100 tracks makes one batch, never 100 loads.
 */
final class RequestLoaders {
    static final String TRACKS = "tracks";
    static final String ARTISTS = "artists";
    static final String ITEMS = "items";

    private RequestLoaders() {
    }

    static DataLoaderRegistry registryFor(PlaylistService service, Viewer viewer, QueryCost cost) {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        registry.register(TRACKS, DataLoaderFactory.<TrackId, Track>newMappedDataLoader(
                (Set<TrackId> ids) -> completed(() -> service.tracks(viewer, ids, cost))));
        registry.register(ARTISTS, DataLoaderFactory.<ArtistId, Artist>newMappedDataLoader(
                (Set<ArtistId> ids) -> completed(() -> service.artists(viewer, ids, cost))));
        registry.register(ITEMS, DataLoaderFactory.<ItemsWindow, PlaylistItemsPage>newMappedDataLoaderWithTry(
                (Set<ItemsWindow> windows) -> completed(() -> {
                    PlaylistService.Loaded<ItemsWindow, PlaylistItemsPage> loaded = service.items(viewer, windows, cost);
                    // One playlist the app may not read must not fail the others of the batch.
                    Map<ItemsWindow, Try<PlaylistItemsPage>> results = new HashMap<>();
                    loaded.values().forEach((window, page) -> results.put(window, Try.succeeded(page)));
                    loaded.failures().forEach((window, failure) -> results.put(window, Try.failed(failure)));
                    return results;
                })));
        return registry;
    }

    static DataLoader<TrackId, Track> tracks(DataFetchingEnvironment environment) {
        return environment.getDataLoader(TRACKS);
    }

    static DataLoader<ArtistId, Artist> artists(DataFetchingEnvironment environment) {
        return environment.getDataLoader(ARTISTS);
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
