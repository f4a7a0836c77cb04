package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.CacheKeys;
import dev.playlistgateway.domain.cache.CacheTtls;
import dev.playlistgateway.domain.cache.ChangeCounter;
import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.cache.EntryCodec;
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
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CacheObserver;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.domain.port.PlaylistPort;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The use cases of the gateway, and the caching policy in front of the {@link PlaylistPort}:
 * <ul>
 *   <li>read through the {@link CachePort} first, in batches, and go upstream only for misses;</li>
 *   <li>tracks, artists and albums are cached once per id for everyone; a user's profile, playlist
 *       lists and non-public playlists only under that user (see {@link CacheKeys});</li>
 *   <li>playlist items are cached in blocks under the playlist's snapshot id, so a changed playlist
 *       never reads old items, and the tracks they carry are cached so they are never fetched by id;</li>
 *   <li>concurrent misses on the same key make one upstream call ({@link SingleFlight});</li>
 *   <li>entries are kept {@link CacheTtls#staleGrace()} past freshness and served when the music
 *       service throttles or fails;</li>
 *   <li>mutations invalidate what they change at once.</li>
 * </ul>
 * docs/caching.md explains the policy and its reasons. Thread safe; one instance serves all requests.
 */
public final class PlaylistService {

    /** Upstream block size for playlist lists; Spotify's maximum for a user's playlists. */
    static final int PLAYLISTS_BLOCK = 50;
    /** The most items a caller may ask for in one window. */
    public static final int MAX_WINDOW = 100;
    /** The most tracks one mutation may add or remove (Spotify's limit per request). */
    public static final int MAX_MUTATION_TRACKS = 100;

    private final PlaylistPort port;
    private final CachePort cache;
    private final CacheTtls ttls;
    private final Clock clock;
    private final Executor upstreamExecutor;
    private final CacheObserver observer;
    private final SingleFlight flights = SingleFlight.inProcess();
    /**
     * Moves before every change made through the gateway. A read of playlist data that started before a
     * change may carry the old version: what it stored is removed again (see {@link #storeRead}).
     */
    private final ChangeCounter changes = ChangeCounter.inProcess();

    /**
     * @param port             where music data comes from
     * @param cache            where it is kept
     * @param ttls             how long each kind stays fresh
     * @param clock            the time source (tests pass a fixed or moving clock)
     * @param upstreamExecutor runs independent upstream reads of one request in parallel
     *                         ({@code Runnable::run} runs them one after another)
     * @param observer         hears hits, misses and upstream calls for metrics
     */
    public PlaylistService(PlaylistPort port, CachePort cache, CacheTtls ttls, Clock clock,
                           Executor upstreamExecutor, CacheObserver observer) {
        this.port = Objects.requireNonNull(port, "port");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.upstreamExecutor = Objects.requireNonNull(upstreamExecutor, "upstreamExecutor");
        this.observer = Objects.requireNonNull(observer, "observer");
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
        Map<UserId, User> users = readThrough(DataKind.USERS, List.of(id), CacheKeys::me, EntryCodec.USER,
                wanted -> Map.of(id, port.currentUser(viewer)), oneGroup(), nobodyElse(), cost).orThrow();
        return Optional.ofNullable(users.get(id));
    }

    /** A window of the playlists of {@code owner} that {@code viewer} may see. */
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest window, QueryCost cost) {
        requireWindow(window, PLAYLISTS_BLOCK);
        String scope = CacheKeys.scopeOf(viewer);
        Function<Integer, String> keyOf = block -> CacheKeys.playlistsBlock(scope, owner, block);
        Function<List<Integer>, Map<Integer, Page<Playlist>>> upstream = blocks -> {
            Integer block = blocks.get(0);
            ChangeCounter.Mark began = changes.mark();
            Page<Playlist> page = port.playlists(viewer, owner, PageRequest.of(block * PLAYLISTS_BLOCK, PLAYLISTS_BLOCK));
            rememberPlaylists(viewer, page.items(), began);
            return Map.of(block, page);
        };
        int first = window.offset() / PLAYLISTS_BLOCK;
        // What a list holds depends on who asks (the owner also sees private playlists): never shared.
        Page<Playlist> firstBlock = readThrough(DataKind.PLAYLISTS, List.of(first), keyOf, EntryCodec.PLAYLIST_PAGE,
                upstream, perId(), nobodyElse(), cost).orThrow().get(first);
        int total = firstBlock.total();
        int end = Math.min(window.end(), total);
        List<Integer> more = new ArrayList<>();
        for (int block = first + 1; block * PLAYLISTS_BLOCK < end; block++) {
            more.add(block);
        }
        Map<Integer, Page<Playlist>> blocks = new HashMap<>(
                readThrough(DataKind.PLAYLISTS, more, keyOf, EntryCodec.PLAYLIST_PAGE, upstream, perId(), nobodyElse(), cost).orThrow());
        blocks.put(first, firstBlock);
        return assemble(blocks, PLAYLISTS_BLOCK, window, total);
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
        // A public copy is good for everyone: look in the shared scope and the viewer's at once.
        Map<String, PlaylistId> publicKeys = new LinkedHashMap<>();
        for (PlaylistId id : ids) {
            publicKeys.put(CacheKeys.playlist(CacheKeys.PUBLIC, id), id);
        }
        Map<PlaylistId, EntryCodec.Entry<Playlist>> shared = new HashMap<>();
        Instant now = clock.instant();
        cache.getAll(publicKeys.keySet()).forEach((key, bytes) -> {
            EntryCodec.Entry<Playlist> entry = EntryCodec.PLAYLIST.decode(bytes);
            if (entry != null && entry.isFreshAt(now)) {
                shared.put(publicKeys.get(key), entry);
            }
        });
        List<PlaylistId> rest = ids.stream().filter(id -> !shared.containsKey(id)).distinct().toList();
        Loaded<PlaylistId, Playlist> own = readThrough(DataKind.PLAYLISTS, rest,
                id -> CacheKeys.playlist(scope, id), EntryCodec.PLAYLIST,
                wanted -> {
                    ChangeCounter.Mark began = changes.mark();
                    PlaylistWithItems read = port.playlist(viewer, wanted.get(0));
                    remember(viewer, read, began);
                    return Map.of(read.playlist().id(), read.playlist());
                }, perId(), (id, playlist) -> playlist.knownPublic(), cost);
        if (shared.isEmpty()) {
            return own;
        }
        Map<PlaylistId, Playlist> values = new HashMap<>(own.values());
        shared.forEach((id, entry) -> {
            values.put(id, entry.value());
            cost.readShared(entry.freshUntil());
        });
        cost.hits(shared.size());
        observer.hits(DataKind.PLAYLISTS.tag(), shared.size());
        return new Loaded<>(values, own.failures());
    }

    // ------------------------------------------------------------------ items

    /**
     * Windows of playlists' items, with the tracks that had to be fetched for them (callers may
     * prime their per-request track loaders with these; cached ones are read by id as usual).
     * Each window's failure (FORBIDDEN for a playlist the app may not read...) is its own.
     */
    public Loaded<ItemsWindow, PlaylistItemsPage> items(Viewer viewer, Collection<ItemsWindow> windows, QueryCost cost) {
        int blockSize = port.itemsPageSize();
        Map<ItemsWindow, List<BlockRef>> needed = new LinkedHashMap<>();
        Set<BlockRef> blocks = new LinkedHashSet<>();
        for (ItemsWindow window : windows) {
            requireWindow(window.window(), MAX_WINDOW);
            Playlist playlist = window.playlist();
            String scope = playlist.knownPublic() ? CacheKeys.PUBLIC : CacheKeys.scopeOf(viewer);
            List<BlockRef> refs = new ArrayList<>();
            int end = Math.min(window.window().end(), playlist.trackCount());
            for (int block = window.window().offset() / blockSize; block * blockSize < end; block++) {
                refs.add(new BlockRef(scope, playlist, block));
            }
            needed.put(window, refs);
            blocks.addAll(refs);
        }
        Map<TrackId, Track> fetchedTracks = new ConcurrentHashMap<>();
        Loaded<BlockRef, Page<PlaylistItem>> loaded = readThrough(DataKind.ITEMS, blocks,
                ref -> CacheKeys.itemsBlock(ref.scope(), ref.playlist().id(), ref.playlist().snapshotId(), blockSize, ref.block()),
                EntryCodec.ITEM_PAGE,
                wanted -> {
                    BlockRef ref = wanted.get(0);
                    PlaylistItemsPage page = port.items(viewer, ref.playlist().id(),
                            PageRequest.of(ref.block() * blockSize, blockSize));
                    cacheTracks(page.tracks());
                    page.tracks().forEach(track -> fetchedTracks.put(track.id(), track));
                    return Map.of(ref, page.items());
                }, perId(), (ref, page) -> CacheKeys.PUBLIC.equals(ref.scope()), cost);

        Map<ItemsWindow, PlaylistItemsPage> pages = new HashMap<>();
        Map<ItemsWindow, MusicDataException> failures = new HashMap<>();
        needed.forEach((window, refs) -> {
            Optional<MusicDataException> failure = refs.stream().map(loaded.failures()::get).filter(Objects::nonNull).findFirst();
            if (failure.isPresent()) {
                failures.put(window, failure.get());
                return;
            }
            Map<Integer, Page<PlaylistItem>> byBlock = new HashMap<>();
            refs.forEach(ref -> byBlock.put(ref.block(), loaded.values().get(ref)));
            Page<PlaylistItem> page = assemble(byBlock, blockSize, window.window(), window.playlist().trackCount());
            List<Track> tracks = page.items().stream().map(PlaylistItem::trackId).filter(Objects::nonNull)
                    .map(fetchedTracks::get).filter(Objects::nonNull).distinct().toList();
            pages.put(window, new PlaylistItemsPage(page, tracks));
        });
        return new Loaded<>(pages, failures);
    }

    private record BlockRef(String scope, Playlist playlist, int block) {
    }

    // ------------------------------------------------------------------ catalogue

    /** Tracks by id; unknown ids are absent. One cache round trip, one upstream batch for the misses. */
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids, QueryCost cost) {
        return readThrough(DataKind.TRACKS, ids, CacheKeys::track, EntryCodec.TRACK,
                wanted -> port.tracks(viewer, wanted), oneGroup(), everyone(), cost).orThrow();
    }

    /** Artists by id; unknown ids are absent. */
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids, QueryCost cost) {
        return readThrough(DataKind.ARTISTS, ids, CacheKeys::artist, EntryCodec.ARTIST,
                wanted -> port.artists(viewer, wanted), oneGroup(), everyone(), cost).orThrow();
    }

    /** Albums by id; unknown ids are absent. */
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids, QueryCost cost) {
        return readThrough(DataKind.ALBUMS, ids, CacheKeys::album, EntryCodec.ALBUM,
                wanted -> port.albums(viewer, wanted), oneGroup(), everyone(), cost).orThrow();
    }

    // ------------------------------------------------------------------ mutations

    /** Appends tracks to a playlist and returns it as it is now. */
    public Playlist addTracks(Viewer viewer, PlaylistId id, List<TrackId> tracks, QueryCost cost) {
        requireMutation(viewer, tracks);
        return mutate(viewer, id, cost, () -> port.addItems(viewer, id, tracks));
    }

    /** Removes every occurrence of the tracks from a playlist and returns it as it is now. */
    public Playlist removeTracks(Viewer viewer, PlaylistId id, List<TrackId> tracks, QueryCost cost) {
        requireMutation(viewer, tracks);
        return mutate(viewer, id, cost, () -> port.removeItems(viewer, id, tracks));
    }

    private Playlist mutate(Viewer viewer, PlaylistId id, QueryCost cost, Supplier<?> change) {
        Optional<Playlist> before = peekPlaylist(viewer, id);
        // Before the change: any read still on its way may bring the old version; it must not be stored.
        changes.changing(DataKind.PLAYLISTS);
        callUpstream(DataKind.PLAYLISTS, cost, change);
        // What changed must not be served again: the playlist (in every scope it may sit in) and the
        // lists that show its snapshot and count. Old items stay: they sit under the old snapshot.
        List<String> stale = new ArrayList<>();
        stale.add(CacheKeys.playlist(CacheKeys.PUBLIC, id));
        stale.add(CacheKeys.playlist(CacheKeys.scopeOf(viewer), id));
        Set<UserId> owners = new LinkedHashSet<>();
        viewer.user().ifPresent(owners::add);
        before.ifPresent(p -> owners.add(p.owner().id()));
        for (UserId owner : owners) {
            stale.addAll(listKeys(CacheKeys.scopeOf(viewer), owner));
            stale.addAll(listKeys(CacheKeys.userScope(owner), owner));
        }
        cache.delete(stale);
        // Read it afresh ourselves: joining a read that started before the change would answer the old version.
        ChangeCounter.Mark began = changes.mark();
        PlaylistWithItems read = callUpstream(DataKind.PLAYLISTS, cost, () -> port.playlist(viewer, id));
        remember(viewer, read, began);
        storeRead(began, DataKind.PLAYLISTS, EntryCodec.PLAYLIST,
                Map.of(CacheKeys.playlist(CacheKeys.scopeOf(viewer), id), read.playlist()));
        // A collaborator's change: the owner is known for sure only now. Their list shows the old count.
        UserId owner = read.playlist().owner().id();
        if (!owners.contains(owner)) {
            List<String> ownersLists = new ArrayList<>(listKeys(CacheKeys.scopeOf(viewer), owner));
            ownersLists.addAll(listKeys(CacheKeys.userScope(owner), owner));
            cache.delete(ownersLists);
        }
        return read.playlist();
    }

    private List<String> listKeys(String scope, UserId owner) {
        String first = CacheKeys.playlistsBlock(scope, owner, 0);
        int blocks = cache.get(first).map(EntryCodec.PLAYLIST_PAGE::decode)
                .map(entry -> (entry.value().total() + PLAYLISTS_BLOCK - 1) / PLAYLISTS_BLOCK)
                .orElse(1);
        List<String> keys = new ArrayList<>();
        for (int block = 0; block < Math.max(1, blocks); block++) {
            keys.add(CacheKeys.playlistsBlock(scope, owner, block));
        }
        return keys;
    }

    private Optional<Playlist> peekPlaylist(Viewer viewer, PlaylistId id) {
        Map<String, byte[]> found = cache.getAll(List.of(CacheKeys.playlist(CacheKeys.PUBLIC, id),
                CacheKeys.playlist(CacheKeys.scopeOf(viewer), id)));
        return found.values().stream().map(EntryCodec.PLAYLIST::decode).filter(Objects::nonNull)
                .map(EntryCodec.Entry::value).findFirst();
    }

    // ------------------------------------------------------------------ the read-through machinery

    /**
     * What a batch read produced: the values found, and the ids whose upstream read failed (with no
     * stale copy to serve instead). Ids that upstream does not know are in neither.
     */
    public record Loaded<I, V>(Map<I, V> values, Map<I, MusicDataException> failures) {
        public Loaded {
            values = Map.copyOf(values);
            failures = Map.copyOf(failures);
        }

        /** The values, or the first failure thrown. */
        public Map<I, V> orThrow() {
            if (!failures.isEmpty()) {
                throw failures.values().iterator().next();
            }
            return values;
        }
    }

    /** Splits the missing ids of one read into upstream calls. */
    private interface Grouping {
        <I> List<List<I>> groups(List<I> missing);
    }

    /** All misses in one upstream call (the port batches by id). */
    private static Grouping oneGroup() {
        return new Grouping() {
            @Override
            public <I> List<List<I>> groups(List<I> missing) {
                return List.of(missing);
            }
        };
    }

    /** One upstream call per missing id (a block, a playlist), run in parallel. */
    private static Grouping perId() {
        return new Grouping() {
            @Override
            public <I> List<List<I>> groups(List<I> missing) {
                return missing.stream().map(List::of).toList();
            }
        };
    }

    /** Catalogue data: the same for every caller. */
    private static <I, V> BiPredicate<I, V> everyone() {
        return (id, value) -> true;
    }

    /** Data that depends on who asks. */
    private static <I, V> BiPredicate<I, V> nobodyElse() {
        return (id, value) -> false;
    }

    /**
     * Tells the request's cost what it read: each value either shared by every caller ({@code shared}),
     * with the instant until which it is fresh, or not. A value found fresh in the cache is fresh until
     * its entry says; one loaded upstream or joined from another request's load was stored after this
     * read began, so {@code readAt} plus the kind's TTL is a lower bound for it. An id nobody knows is a
     * negative result, which is never cached: it counts as not shared.
     */
    private <I, V> void recordReads(DataKind kind, Collection<I> ids, Map<I, V> values, Map<I, Instant> hitsFreshUntil,
                                    Map<I, MusicDataException> failures, BiPredicate<I, V> shared, Instant readAt,
                                    QueryCost cost) {
        Instant loadedFreshUntil = readAt.plus(ttls.freshFor(kind));
        for (I id : ids) {
            V value = values.get(id);
            if (value == null) {
                if (!failures.containsKey(id)) {
                    cost.readUnshared();
                }
            } else if (shared.test(id, value)) {
                cost.readShared(hitsFreshUntil.getOrDefault(id, loadedFreshUntil));
            } else {
                cost.readUnshared();
            }
        }
    }

    private <I, V> Loaded<I, V> readThrough(DataKind kind, Collection<I> ids, Function<I, String> keyOf,
                                            EntryCodec<V> codec, Function<List<I>, Map<I, V>> upstream,
                                            Grouping grouping, BiPredicate<I, V> shared, QueryCost cost) {
        if (ids.isEmpty()) {
            return new Loaded<>(Map.of(), Map.of());
        }
        Map<String, I> byKey = new LinkedHashMap<>();
        for (I id : ids) {
            byKey.put(keyOf.apply(id), id);
        }
        long landedBeforeRead = flights.landed();
        Instant readAt = clock.instant();
        Map<String, byte[]> raw = cache.getAll(byKey.keySet());
        Instant now = clock.instant();
        Map<I, V> values = new ConcurrentHashMap<>();
        Map<I, Instant> hitsFreshUntil = new ConcurrentHashMap<>();
        Map<I, V> staleCopies = new HashMap<>();
        List<String> missing = new ArrayList<>();
        byKey.forEach((key, id) -> {
            EntryCodec.Entry<V> entry = codec.decode(raw.get(key));
            if (entry != null && entry.isFreshAt(now)) {
                values.put(id, entry.value());
                hitsFreshUntil.put(id, entry.freshUntil());
            } else {
                if (entry != null && withinStaleGrace(entry, now)) {
                    staleCopies.put(id, entry.value());
                }
                missing.add(key);
            }
        });
        int hits = byKey.size() - missing.size();
        cost.hits(hits);
        cost.misses(missing.size());
        observer.hits(kind.tag(), hits);
        observer.misses(kind.tag(), missing.size());
        if (missing.isEmpty()) {
            recordReads(kind, byKey.values(), values, hitsFreshUntil, Map.of(), shared, readAt, cost);
            return new Loaded<>(values, Map.of());
        }

        Map<I, MusicDataException> failures = new ConcurrentHashMap<>();
        int joined = 0;
        SingleFlight.Claim<V> claim = flights.claim(missing);
        try {
            Set<String> toLoad = new LinkedHashSet<>(claim.mine());
            if (!toLoad.isEmpty() && flights.landed() != landedBeforeRead) {
                // Another request's flight landed since our read, and may have stored what we missed:
                // without this second look we would fetch it again (16 requests made 783 calls, not 50).
                Map<String, byte[]> again = cache.getAll(toLoad);
                Instant at = clock.instant();
                for (String key : List.copyOf(toLoad)) {
                    EntryCodec.Entry<V> entry = codec.decode(again.get(key));
                    if (entry != null && entry.isFreshAt(at)) {
                        values.put(byKey.get(key), entry.value());
                        hitsFreshUntil.put(byKey.get(key), entry.freshUntil());
                        claim.complete(key, entry.value());
                        toLoad.remove(key);
                        joined++;
                    }
                }
            }
            List<I> load = toLoad.stream().map(byKey::get).toList();
            List<Supplier<Void>> calls = new ArrayList<>();
            for (List<I> group : grouping.groups(load)) {
                calls.add(() -> {
                    loadGroup(kind, group, keyOf, codec, upstream, claim, staleCopies, values, failures, cost);
                    return null;
                });
            }
            runAll(calls);
        } finally {
            claim.release();
        }
        for (String key : claim.theirs()) {
            I id = byKey.get(key);
            try {
                V value = claim.await(key);
                if (value != null) {
                    values.put(id, value);
                }
                joined++;
            } catch (MusicDataException e) {
                failOrServeStale(kind, id, e, staleCopies, values, failures, cost);
            }
        }
        if (joined > 0) {
            observer.singleFlightJoins(kind.tag(), joined);
        }
        recordReads(kind, byKey.values(), values, hitsFreshUntil, failures, shared, readAt, cost);
        return new Loaded<>(values, failures);
    }

    /** One upstream call for claimed keys; hands each key's value or failure to whoever joined it. */
    private <I, V> void loadGroup(DataKind kind, List<I> group, Function<I, String> keyOf, EntryCodec<V> codec,
                                  Function<List<I>, Map<I, V>> upstream, SingleFlight.Claim<V> claim,
                                  Map<I, V> staleCopies, Map<I, V> values, Map<I, MusicDataException> failures,
                                  QueryCost cost) {
        try {
            ChangeCounter.Mark began = changes.mark();
            Map<I, V> fetched = callUpstream(kind, cost, () -> upstream.apply(group));
            Map<String, V> byFetchedKey = new HashMap<>();
            fetched.forEach((id, value) -> {
                if (value != null) {
                    byFetchedKey.put(keyOf.apply(id), value);
                }
            });
            storeRead(began, kind, codec, byFetchedKey);
            for (I id : group) {
                String key = keyOf.apply(id);
                V value = byFetchedKey.get(key);
                if (value != null) {
                    values.put(id, value);
                }
                claim.complete(key, value);
            }
        } catch (MusicDataException e) {
            for (I id : group) {
                claim.fail(keyOf.apply(id), e);
                failOrServeStale(kind, id, e, staleCopies, values, failures, cost);
            }
        }
    }

    /** A failed read of one id: its stale copy when the failure is transient and there is one, else the failure. */
    private <I, V> void failOrServeStale(DataKind kind, I id, MusicDataException e, Map<I, V> staleCopies,
                                         Map<I, V> values, Map<I, MusicDataException> failures, QueryCost cost) {
        V stale = staleCopies.get(id);
        if (stale != null && isTransient(e)) {
            values.put(id, stale);
            cost.staleServed(1);
            observer.staleServed(kind.tag(), 1);
        } else {
            failures.put(id, e);
        }
    }

    /** A store may keep entries longer than asked: never serve one past its fresh time plus the grace. */
    private boolean withinStaleGrace(EntryCodec.Entry<?> entry, Instant now) {
        return now.isBefore(entry.freshUntil().plus(ttls.staleGrace()));
    }

    /** Throttling and outages are worth riding out with stale data; NOT_FOUND or FORBIDDEN are not. */
    private static boolean isTransient(MusicDataException e) {
        return e.failure() == Failure.RATE_LIMITED || e.failure() == Failure.UPSTREAM_UNAVAILABLE;
    }

    private <T> T callUpstream(DataKind kind, QueryCost cost, Supplier<T> call) {
        cost.upstreamCall();
        observer.upstreamCall(kind.tag());
        try {
            return call.get();
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            // A port broke its contract; do not let its exception type leak to callers.
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "The music service failed", e);
        }
    }

    private void runAll(List<Supplier<Void>> calls) {
        if (calls.size() == 1) {
            calls.get(0).get();
            return;
        }
        List<CompletableFuture<Void>> futures = calls.stream()
                .map(call -> CompletableFuture.supplyAsync(call, upstreamExecutor)).toList();
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ writing

    private <V> void store(DataKind kind, EntryCodec<V> codec, Map<String, V> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Instant freshUntil = clock.instant().plus(ttls.freshFor(kind));
        Map<String, byte[]> encoded = new HashMap<>();
        entries.forEach((key, value) -> encoded.put(key, codec.encode(value, freshUntil)));
        cache.putAll(encoded, ttls.keepFor(kind));
    }

    /**
     * Stores playlist data read upstream, unless a change was made through the gateway since the read
     * began ({@code began}): then the read may hold the old version, and what was stored is
     * removed again. Checking after the write closes the gap where the change's own invalidation ran
     * between our check and our write. Coarse on purpose (any change, not only this playlist's): changes
     * are rare, and the cost is a miss.
     */
    private <V> void storeRead(ChangeCounter.Mark began, DataKind kind, EntryCodec<V> codec, Map<String, V> entries) {
        if (entries.isEmpty() || began.changed(kind)) {
            return;
        }
        store(kind, codec, entries);
        if (began.changed(kind)) {
            cache.delete(entries.keySet());
        }
    }

    private void cacheTracks(Collection<Track> tracks) {
        Map<String, Track> byKey = new HashMap<>();
        tracks.forEach(track -> byKey.put(CacheKeys.track(track.id()), track));
        store(DataKind.TRACKS, EntryCodec.TRACK, byKey);
    }

    /** Keeps what a playlist read brought beyond the playlist itself: its first items and their tracks. */
    private void remember(Viewer viewer, PlaylistWithItems read, ChangeCounter.Mark began) {
        Playlist playlist = read.playlist();
        String scope = playlist.knownPublic() ? CacheKeys.PUBLIC : CacheKeys.scopeOf(viewer);
        if (playlist.knownPublic()) {
            storeRead(began, DataKind.PLAYLISTS, EntryCodec.PLAYLIST,
                    Map.of(CacheKeys.playlist(CacheKeys.PUBLIC, playlist.id()), playlist));
        } else {
            // It may have been public before: nobody else may keep reading it from the shared scope.
            cache.delete(List.of(CacheKeys.playlist(CacheKeys.PUBLIC, playlist.id())));
        }
        read.firstItemsPage().ifPresent(first -> {
            // Keep every whole block the first page holds: it may be longer than the port's block
            // (Spotify's playlist read carries 100 items, some report item pages of 50).
            int blockSize = port.itemsPageSize();
            Page<PlaylistItem> items = first.items();
            int total = playlist.trackCount();
            Map<String, Page<PlaylistItem>> blocks = new HashMap<>();
            if (items.offset() == 0 && items.total() == total) {
                for (int start = 0; start < total; start += blockSize) {
                    int end = Math.min(start + blockSize, total);
                    if (end > items.items().size()) {
                        break;
                    }
                    blocks.put(CacheKeys.itemsBlock(scope, playlist.id(), playlist.snapshotId(), blockSize, start / blockSize),
                            new Page<>(items.items().subList(start, end), start, total));
                }
            }
            store(DataKind.ITEMS, EntryCodec.ITEM_PAGE, blocks);
            cacheTracks(first.tracks());
        });
    }

    /** A list of playlists tells each one's current snapshot: keep them so a later read by id is a hit. */
    private void rememberPlaylists(Viewer viewer, List<Playlist> playlists, ChangeCounter.Mark began) {
        Map<String, Playlist> shared = new HashMap<>();
        Map<String, Playlist> own = new HashMap<>();
        String scope = CacheKeys.scopeOf(viewer);
        for (Playlist playlist : playlists) {
            if (playlist.knownPublic()) {
                shared.put(CacheKeys.playlist(CacheKeys.PUBLIC, playlist.id()), playlist);
            } else {
                own.put(CacheKeys.playlist(scope, playlist.id()), playlist);
            }
        }
        storeRead(began, DataKind.PLAYLISTS, EntryCodec.PLAYLIST, shared);
        storeRead(began, DataKind.PLAYLISTS, EntryCodec.PLAYLIST, own);
    }

    // ------------------------------------------------------------------ helpers

    /** Cuts a window out of cached blocks of {@code blockSize} entries. */
    private static <T> Page<T> assemble(Map<Integer, Page<T>> blocks, int blockSize, PageRequest window, int total) {
        List<T> items = new ArrayList<>();
        int end = Math.min(window.end(), total);
        for (int position = window.offset(); position < end; position++) {
            Page<T> block = blocks.get(position / blockSize);
            if (block == null || position - block.offset() >= block.items().size()) {
                break; // the list shrank between blocks: return what is consistent
            }
            items.add(block.items().get(position - block.offset()));
        }
        return new Page<>(items, window.offset(), total);
    }

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
