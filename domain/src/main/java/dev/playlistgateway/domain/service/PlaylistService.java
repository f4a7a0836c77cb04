package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.Blocks;
import dev.playlistgateway.domain.cache.CacheKeys;
import dev.playlistgateway.domain.cache.CacheTtls;
import dev.playlistgateway.domain.cache.ChangeCounter;
import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.cache.EntryCodec;
import dev.playlistgateway.domain.cache.EntryStore;
import dev.playlistgateway.domain.cache.Loaded;
import dev.playlistgateway.domain.cache.PlaylistChanges;
import dev.playlistgateway.domain.cache.PlaylistEntries;
import dev.playlistgateway.domain.cache.Read;
import dev.playlistgateway.domain.cache.ReadThrough;
import dev.playlistgateway.domain.cache.SingleFlight;
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
import dev.playlistgateway.domain.port.CacheObserver;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.domain.port.PlaylistPort;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import static dev.playlistgateway.domain.cache.CacheKeys.PLAYLISTS_BLOCK;

/**
 * The use cases of the gateway. Each says what it reads, under which keys and for whom, and reads it
 * through the caching policy of {@code domain/cache} in front of the {@link PlaylistPort}:
 * {@link ReadThrough} (cache first, in batches, one upstream call per miss however many requests ask,
 * stale copies while the music service fails), {@link PlaylistEntries} (what a read keeps besides what
 * it was asked for) and {@link PlaylistChanges} (what a change removes). docs/caching.md explains the
 * policy and its reasons. Thread safe; one instance serves all requests.
 */
public final class PlaylistService {

    /** The most items a caller may ask for in one window. */
    public static final int MAX_WINDOW = 100;
    /** The most tracks one mutation may add or remove (Spotify's limit per request). */
    public static final int MAX_MUTATION_TRACKS = 100;

    private final PlaylistPort port;
    private final ChangeCounter changes;
    private final ReadThrough readThrough;
    private final PlaylistEntries entries;
    private final PlaylistChanges playlistChanges;

    /**
     * @param port             where music data comes from
     * @param cache            where it is kept
     * @param ttls             how long each kind stays fresh
     * @param clock            the time source (tests pass a fixed or moving clock)
     * @param upstreamExecutor runs independent upstream reads of one request in parallel
     *                         ({@code Runnable::run} runs them one after another)
     * @param observer         hears hits, misses and upstream calls for metrics
     * @param flights          collapses concurrent loads of one key: in this process, or across the
     *                         instances on one store ({@link SingleFlight#acrossInstances})
     * @param changes          counts the changes made through this process, or through any instance on
     *                         one store ({@link ChangeCounter#acrossInstances})
     */
    public PlaylistService(PlaylistPort port, CachePort cache, CacheTtls ttls, Clock clock,
                           Executor upstreamExecutor, CacheObserver observer, SingleFlight flights,
                           ChangeCounter changes) {
        this.port = Objects.requireNonNull(port, "port");
        this.changes = Objects.requireNonNull(changes, "changes");
        EntryStore store = new EntryStore(cache, ttls, clock);
        this.readThrough = new ReadThrough(store, upstreamExecutor, observer, flights, changes);
        this.entries = new PlaylistEntries(store, port::itemsPageSize);
        this.playlistChanges = new PlaylistChanges(store, changes, readThrough, entries);
    }

    /** One gateway instance on its own: single flight and change counter in process. */
    public PlaylistService(PlaylistPort port, CachePort cache, CacheTtls ttls, Clock clock,
                           Executor upstreamExecutor, CacheObserver observer) {
        this(port, cache, ttls, clock, upstreamExecutor, observer, SingleFlight.inProcess(), ChangeCounter.inProcess());
    }

    public PlaylistService(PlaylistPort port, CachePort cache) {
        this(port, cache, CacheTtls.defaults(), Clock.systemUTC(), Runnable::run, CacheObserver.NONE);
    }

    // ------------------------------------------------------------------ users and playlists

    /** The signed-in viewer, or empty for an anonymous one (who has no "me"). */
    public Optional<User> currentUser(Viewer viewer, QueryCost cost) {
        if (viewer.isAnonymous()) {
            return Optional.empty();
        }
        UserId id = viewer.userId();
        Read<UserId, User> profile = Read.of(DataKind.USERS, EntryCodec.USER, CacheKeys::me)
                .inOneCall(wanted -> Map.of(id, port.currentUser(viewer)))
                .perViewer();
        return Optional.ofNullable(readThrough.read(profile, List.of(id), cost.recorder()).orThrow().get(id));
    }

    /** A window of the playlists of {@code owner} that {@code viewer} may see. */
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest window, QueryCost cost) {
        requireWindow(window, PLAYLISTS_BLOCK);
        String scope = CacheKeys.scopeOf(viewer);
        // What a list holds depends on who asks (the owner also sees private playlists): never shared.
        Read<Integer, Page<Playlist>> listBlocks = Read.of(DataKind.PLAYLISTS, EntryCodec.PLAYLIST_PAGE,
                        (Integer block) -> CacheKeys.playlistsBlock(scope, owner, block))
                .oneCallEach(block -> {
                    ChangeCounter.Mark began = changes.mark();
                    Page<Playlist> page = port.playlists(viewer, owner, Blocks.request(block, PLAYLISTS_BLOCK));
                    entries.keepListed(viewer, page.items(), began);
                    return Map.of(block, page);
                })
                .perViewer();
        // The first block tells how long the list is, and so which other blocks the window needs.
        int first = Blocks.of(window.offset(), PLAYLISTS_BLOCK);
        Page<Playlist> firstBlock = readThrough.read(listBlocks, List.of(first), cost.recorder()).orThrow().get(first);
        int total = firstBlock.total();
        List<Integer> more = Blocks.covering(window, PLAYLISTS_BLOCK, total).stream()
                .filter(block -> block != first).toList();
        Map<Integer, Page<Playlist>> blocks = new HashMap<>(readThrough.read(listBlocks, more, cost.recorder()).orThrow());
        blocks.put(first, firstBlock);
        return Blocks.cut(blocks, PLAYLISTS_BLOCK, window, total);
    }

    /**
     * A playlist, if {@code viewer} may see it. Public playlists are cached for everyone; others only
     * for the viewer who read them. Throws NOT_FOUND when it does not exist or may not be seen.
     */
    public Playlist playlist(Viewer viewer, PlaylistId id, QueryCost cost) {
        return playlists(viewer, List.of(id), cost).orThrow().get(id);
    }

    /** Many playlists at once; each id's failure (NOT_FOUND, FORBIDDEN...) is its own. */
    public Loaded<PlaylistId, Playlist> playlists(Viewer viewer, Collection<PlaylistId> ids, QueryCost cost) {
        String scope = CacheKeys.scopeOf(viewer);
        Read<PlaylistId, Playlist> playlists = Read.of(DataKind.PLAYLISTS, EntryCodec.PLAYLIST,
                        (PlaylistId id) -> CacheKeys.playlist(scope, id))
                // A public copy is good for everyone: look for it first.
                .sharedCopyUnder(id -> CacheKeys.playlist(CacheKeys.PUBLIC, id))
                .oneCallEach(id -> {
                    ChangeCounter.Mark began = changes.mark();
                    PlaylistWithItems read = port.playlist(viewer, id);
                    entries.keepRead(viewer, read, began);
                    return Map.of(read.playlist().id(), read.playlist());
                })
                .sameForEveryoneWhen((id, playlist) -> playlist.knownPublic());
        return readThrough.read(playlists, ids, cost.recorder());
    }

    // ------------------------------------------------------------------ items

    /**
     * Windows of playlists' items, with the tracks that had to be fetched for them (callers may
     * prime their per-request track loaders with these; cached ones are read by id as usual).
     * Each window's failure (FORBIDDEN for a playlist the app may not read...) is its own.
     */
    public Loaded<ItemsWindow, PlaylistItemsPage> items(Viewer viewer, Collection<ItemsWindow> windows, QueryCost cost) {
        int blockSize = port.itemsPageSize();
        // Items are cached in the port's blocks, under the playlist's snapshot: a changed playlist never reads old items.
        Map<ItemsWindow, List<ItemsBlock>> needed = new LinkedHashMap<>();
        Set<ItemsBlock> blocks = new LinkedHashSet<>();
        for (ItemsWindow window : windows) {
            requireWindow(window.window(), MAX_WINDOW);
            Playlist playlist = window.playlist();
            String scope = playlist.knownPublic() ? CacheKeys.PUBLIC : CacheKeys.scopeOf(viewer);
            List<ItemsBlock> covering = Blocks.covering(window.window(), blockSize, playlist.trackCount()).stream()
                    .map(block -> new ItemsBlock(scope, playlist, block)).toList();
            needed.put(window, covering);
            blocks.addAll(covering);
        }
        Map<TrackId, Track> fetchedTracks = new ConcurrentHashMap<>();
        Read<ItemsBlock, Page<PlaylistItem>> itemBlocks = Read.of(DataKind.ITEMS, EntryCodec.ITEM_PAGE,
                        (ItemsBlock block) -> block.key(blockSize))
                .oneCallEach(block -> {
                    ChangeCounter.Mark began = changes.mark();
                    PlaylistItemsPage page = port.items(viewer, block.playlist().id(), Blocks.request(block.number(), blockSize));
                    entries.keepTracks(page.tracks(), began);
                    page.tracks().forEach(track -> fetchedTracks.put(track.id(), track));
                    return Map.of(block, page.items());
                })
                .sameForEveryoneWhen((block, page) -> CacheKeys.PUBLIC.equals(block.scope()));
        Loaded<ItemsBlock, Page<PlaylistItem>> loaded = readThrough.read(itemBlocks, blocks, cost.recorder());

        Map<ItemsWindow, PlaylistItemsPage> pages = new HashMap<>();
        Map<ItemsWindow, MusicDataException> failures = new HashMap<>();
        needed.forEach((window, covering) -> {
            Optional<MusicDataException> failure = covering.stream().map(loaded.failures()::get)
                    .filter(Objects::nonNull).findFirst();
            if (failure.isPresent()) {
                failures.put(window, failure.get());
                return;
            }
            Map<Integer, Page<PlaylistItem>> byNumber = new HashMap<>();
            covering.forEach(block -> byNumber.put(block.number(), loaded.values().get(block)));
            Page<PlaylistItem> page = Blocks.cut(byNumber, blockSize, window.window(), window.playlist().trackCount());
            List<Track> tracks = page.items().stream().map(PlaylistItem::trackId).filter(Objects::nonNull)
                    .map(fetchedTracks::get).filter(Objects::nonNull).distinct().toList();
            pages.put(window, new PlaylistItemsPage(page, tracks));
        });
        return new Loaded<>(pages, failures);
    }

    /** One block of a playlist's items, as cached in {@code scope}. */
    private record ItemsBlock(String scope, Playlist playlist, int number) {
        String key(int blockSize) {
            return CacheKeys.itemsBlock(scope, playlist.id(), playlist.snapshotId(), blockSize, number);
        }
    }

    // ------------------------------------------------------------------ catalogue

    /** Tracks by id; unknown ids are absent. One cache round trip, one upstream batch for the misses. */
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids, QueryCost cost) {
        Read<TrackId, Track> tracks = Read.of(DataKind.TRACKS, EntryCodec.TRACK, CacheKeys::track)
                .inOneCall(wanted -> port.tracks(viewer, wanted))
                .sameForEveryone();
        return readThrough.read(tracks, ids, cost.recorder()).orThrow();
    }

    /** Artists by id; unknown ids are absent. */
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids, QueryCost cost) {
        Read<ArtistId, Artist> artists = Read.of(DataKind.ARTISTS, EntryCodec.ARTIST, CacheKeys::artist)
                .inOneCall(wanted -> port.artists(viewer, wanted))
                .sameForEveryone();
        return readThrough.read(artists, ids, cost.recorder()).orThrow();
    }

    /** Albums by id; unknown ids are absent. */
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids, QueryCost cost) {
        Read<AlbumId, Album> albums = Read.of(DataKind.ALBUMS, EntryCodec.ALBUM, CacheKeys::album)
                .inOneCall(wanted -> port.albums(viewer, wanted))
                .sameForEveryone();
        return readThrough.read(albums, ids, cost.recorder()).orThrow();
    }

    // ------------------------------------------------------------------ mutations

    /** Appends tracks to a playlist and returns it as it is now. */
    public Playlist addTracks(Viewer viewer, PlaylistId id, List<TrackId> tracks, QueryCost cost) {
        requireMutation(viewer, tracks);
        return change(viewer, id, cost, () -> port.addItems(viewer, id, tracks));
    }

    /** Removes every occurrence of the tracks from a playlist and returns it as it is now. */
    public Playlist removeTracks(Viewer viewer, PlaylistId id, List<TrackId> tracks, QueryCost cost) {
        requireMutation(viewer, tracks);
        return change(viewer, id, cost, () -> port.removeItems(viewer, id, tracks));
    }

    /** Makes the change, then reads the playlist afresh; what the change outdates is removed from the cache. */
    private Playlist change(Viewer viewer, PlaylistId id, QueryCost cost, Supplier<SnapshotId> change) {
        return playlistChanges.apply(viewer, id, cost.recorder(), change, () -> port.playlist(viewer, id));
    }

    // ------------------------------------------------------------------ input rules

    private static void requireWindow(PageRequest window, int max) {
        if (window.limit() > max) {
            throw new InvalidInputException("page size must be at most " + max + ", was " + window.limit());
        }
    }

    private static void requireMutation(Viewer viewer, List<TrackId> tracks) {
        if (viewer.isAnonymous()) {
            throw new MusicDataException(Failure.UNAUTHENTICATED, "Sign in to change playlists");
        }
        if (tracks.isEmpty()) {
            throw new InvalidInputException("trackIds must not be empty");
        }
        if (tracks.size() > MAX_MUTATION_TRACKS) {
            throw new InvalidInputException("at most " + MAX_MUTATION_TRACKS + " trackIds per change, was " + tracks.size());
        }
    }
}
