package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.CacheTtls;
import dev.playlistgateway.domain.fake.CountingPlaylistPort;
import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CacheObserver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** A service wired to counting fakes, and the reads a GraphQL query makes, as one helper. */
final class Fixture {
    final MutableClock clock = MutableClock.now();
    final FakeCache cache;
    final CountingPlaylistPort port;
    final CacheTtls ttls;
    final PlaylistService service;

    Fixture(TestCatalog catalog) {
        this(catalog, null, Runnable::run);
    }

    Fixture(TestCatalog catalog, Function<MutableClock, FakeCache> cache, Executor executor) {
        this(new CountingPlaylistPort(catalog), cache, executor, CacheObserver.NONE);
    }

    /** {@code cache} makes the store from the fixture's clock; null: a plain {@link FakeCache}. */
    Fixture(CountingPlaylistPort port, Function<MutableClock, FakeCache> cache, Executor executor, CacheObserver observer) {
        this.port = port;
        this.cache = cache != null ? cache.apply(clock) : new FakeCache(clock);
        this.ttls = CacheTtls.defaults();
        this.service = new PlaylistService(port, this.cache, ttls, clock, executor, observer);
    }

    static Viewer viewer(String user) {
        return Viewer.signedIn(UserId.of(user), null);
    }

    /** What the rendered answer of the query shows: per playlist, "track | artists | album" lines. */
    record Rendered(List<String> lines, int playlists, int tracks) {
    }

    /**
     * The reads of {@code { me { playlists(first: 50) { nodes { name tracks(first: 100) { edges { track
     * { name artists { name } album { name } } } } } } } }}: one playlists window, every playlist's items
     * window in one {@code items} call, the tracks of all items in one {@code tracks} call (the DataLoader
     * batch), and nothing for artist and album names, which tracks carry.
     */
    Rendered namesOfAllTracks(Viewer viewer, String owner, QueryCost cost) {
        List<Playlist> playlists = service.playlists(viewer, UserId.of(owner), PageRequest.of(0, 50), cost).items();
        List<ItemsWindow> windows = playlists.stream().map(p -> new ItemsWindow(p, PageRequest.of(0, 100))).toList();
        Map<ItemsWindow, PlaylistItemsPage> pages = service.items(viewer, windows, cost).orThrow();
        Set<TrackId> ids = new LinkedHashSet<>();
        windows.forEach(w -> pages.get(w).items().items().stream().map(PlaylistItem::trackId)
                .filter(Objects::nonNull).forEach(ids::add));
        Map<TrackId, Track> tracks = service.tracks(viewer, ids, cost);
        List<String> lines = new ArrayList<>();
        int count = 0;
        for (ItemsWindow window : windows) {
            lines.add("# " + window.playlist().name() + " (" + window.playlist().trackCount() + ")");
            for (PlaylistItem item : pages.get(window).items().items()) {
                Track track = tracks.get(item.trackId());
                lines.add(track.name() + " | " + track.artists().get(0).name() + " | " + track.album().name());
                count++;
            }
        }
        return new Rendered(lines, playlists.size(), count);
    }
}
