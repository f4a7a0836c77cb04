package dev.playlistgateway.domain.fake;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory music service over a {@link TestCatalog} that counts every call per operation and
 * remembers what each call asked for. It enforces visibility like Spotify (another user's private
 * playlist is NOT_FOUND), can fail the next calls, fail one playlist's items, edit a playlist behind
 * the gateway's back, and take time per call so concurrent requests overlap.
 */
public final class CountingPlaylistPort implements PlaylistPort {

    /** The port's operations, as counted. */
    public enum Op { CURRENT_USER, PLAYLISTS, PLAYLIST, ITEMS, TRACKS, ARTISTS, ALBUMS, ADD_ITEMS, REMOVE_ITEMS }

    /** One call: the operation and what it asked for (ids, or "playlistId@offset+limit"). */
    public record Call(Op op, List<String> asked) {
    }

    private static final class State {
        final TestCatalog.PlaylistData data;
        Boolean isPublic;
        List<PlaylistItem> items;
        int version = 1;

        State(TestCatalog.PlaylistData data, Instant addedAt) {
            this.data = data;
            this.isPublic = data.isPublic();
            this.items = new ArrayList<>(data.trackIds().stream().map(t -> new PlaylistItem(addedAt, t)).toList());
        }
    }

    private final TestCatalog catalog;
    private final Map<PlaylistId, State> playlists = new LinkedHashMap<>();
    private final Map<TrackId, Track> tracks = new ConcurrentHashMap<>();
    private final Map<Op, AtomicInteger> counts = new EnumMap<>(Op.class);
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Failure> failNext = new ConcurrentLinkedQueue<>();
    private final Map<PlaylistId, Failure> itemsFailures = new ConcurrentHashMap<>();
    private final AtomicInteger nextTrack = new AtomicInteger(90_000);
    private volatile Duration latency = Duration.ZERO;
    private final Map<Op, Duration> latencyOf = new ConcurrentHashMap<>();
    private volatile int itemsPageSize = 100;
    private volatile int firstPageSize = 100;

    public CountingPlaylistPort(TestCatalog catalog) {
        this.catalog = catalog;
        Instant added = Instant.parse("2026-01-01T00:00:00Z");
        catalog.playlists().forEach((id, data) -> playlists.put(id, new State(data, added)));
        tracks.putAll(catalog.tracks());
        for (Op op : Op.values()) {
            counts.put(op, new AtomicInteger());
        }
    }

    // ------------------------------------------------------------------ steering

    /** Every call takes this long (after being counted), so that concurrent requests overlap. */
    public CountingPlaylistPort withLatency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /**
     * Calls of {@code op} take this long. The answer is made when the call starts and delivered when it
     * ends, like a real request sent before a change made while it travels.
     */
    public CountingPlaylistPort withLatency(Op op, Duration latency) {
        latencyOf.put(op, latency);
        return this;
    }

    /** The block size the port reads items in (Spotify: 100, some report 50). */
    public CountingPlaylistPort withItemsPageSize(int size) {
        this.itemsPageSize = size;
        return this;
    }

    /** How many items {@link #playlist} carries with the playlist (Spotify: 100). */
    public CountingPlaylistPort withFirstPageSize(int size) {
        this.firstPageSize = size;
        return this;
    }

    /** The next {@code n} calls, whatever they are, fail with {@code failure} (after being counted). */
    public void failNext(int n, Failure failure) {
        for (int i = 0; i < n; i++) {
            failNext.add(failure);
        }
    }

    /** Every items read of this playlist fails with {@code failure} until cleared with null. */
    public void failItemsOf(PlaylistId id, Failure failure) {
        if (failure == null) {
            itemsFailures.remove(id);
        } else {
            itemsFailures.put(id, failure);
        }
    }

    /** Somebody edits the playlist in another app: a new track is appended, the snapshot changes. */
    public synchronized TrackId editOutside(PlaylistId id) {
        Track template = catalog.tracks().values().iterator().next();
        int n = nextTrack.incrementAndGet();
        Track added = new Track(TrackId.of("tr" + n), "Added outside " + n, 200_000, false, null,
                "spotify:track:tr" + n, template.artists(), template.album());
        tracks.put(added.id(), added);
        State state = playlists.get(id);
        state.items.add(new PlaylistItem(Instant.parse("2026-11-23T12:00:00Z"), added.id()));
        state.version++;
        return added.id();
    }

    /** Somebody changes the playlist's visibility in another app (Spotify keeps the snapshot). */
    public synchronized void setPublic(PlaylistId id, Boolean isPublic) {
        playlists.get(id).isPublic = isPublic;
    }

    // ------------------------------------------------------------------ counts

    public int calls(Op op) {
        return counts.get(op).get();
    }

    public int totalCalls() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Every call made so far, in order. */
    public List<Call> log() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> log(Op op) {
        return log().stream().filter(c -> c.op() == op).toList();
    }

    /** Counts per operation, without zeros: reads well in assertion messages. */
    public Map<Op, Integer> counts() {
        Map<Op, Integer> map = new EnumMap<>(Op.class);
        counts.forEach((op, n) -> {
            if (n.get() > 0) {
                map.put(op, n.get());
            }
        });
        return map;
    }

    public void resetCounts() {
        counts.values().forEach(n -> n.set(0));
        calls.clear();
    }

    // ------------------------------------------------------------------ the port

    /** Counts the call, computes its answer at once, delivers it (or the failure it was told to give) after the latency. */
    private <T> T answer(Op op, List<String> asked, Supplier<T> compute) {
        counts.get(op).incrementAndGet();
        calls.add(new Call(op, List.copyOf(asked)));
        Failure failure = failNext.poll();
        T result = null;
        RuntimeException error = null;
        if (failure == null) {
            try {
                result = compute.get();
            } catch (RuntimeException e) {
                error = e;
            }
        }
        pause(latencyOf.getOrDefault(op, latency));
        if (failure != null) {
            throw failure == Failure.RATE_LIMITED
                    ? MusicDataException.rateLimited(Duration.ofSeconds(30), "Rate limited")
                    : new MusicDataException(failure, "Told to fail: " + failure);
        }
        if (error != null) {
            throw error;
        }
        return result;
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "interrupted");
        }
    }

    @Override
    public User currentUser(Viewer viewer) {
        return answer(Op.CURRENT_USER, List.of(String.valueOf(viewer.userId())), () -> {
            if (viewer.isAnonymous()) {
                throw new MusicDataException(Failure.UNAUTHENTICATED, "Sign in first");
            }
            User user = catalog.users().get(viewer.userId());
            if (user == null) {
                throw MusicDataException.notFound("User");
            }
            return user;
        });
    }

    @Override
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page) {
        return answer(Op.PLAYLISTS, List.of(owner + "@" + page.offset() + "+" + page.limit()), () -> {
            synchronized (this) {
                List<Playlist> visible = playlists.values().stream()
                        .filter(s -> s.data.owner().equals(owner) && mayRead(viewer, s))
                        .map(this::toPlaylist).toList();
                int from = Math.min(page.offset(), visible.size());
                int to = Math.min(page.end(), visible.size());
                return new Page<>(visible.subList(from, to), page.offset(), visible.size());
            }
        });
    }

    @Override
    public PlaylistWithItems playlist(Viewer viewer, PlaylistId id) {
        return answer(Op.PLAYLIST, List.of(id.value()), () -> {
            synchronized (this) {
                State state = visible(viewer, id);
                return new PlaylistWithItems(toPlaylist(state), window(state, PageRequest.of(0, firstPageSize)));
            }
        });
    }

    @Override
    public PlaylistItemsPage items(Viewer viewer, PlaylistId id, PageRequest page) {
        return answer(Op.ITEMS, List.of(id.value() + "@" + page.offset() + "+" + page.limit()), () -> {
            Failure failure = itemsFailures.get(id);
            if (failure != null) {
                throw new MusicDataException(failure, "Items of " + id + " refused");
            }
            synchronized (this) {
                return window(visible(viewer, id), PageRequest.of(page.offset(), Math.min(page.limit(), itemsPageSize)));
            }
        });
    }

    @Override
    public int itemsPageSize() {
        return itemsPageSize;
    }

    @Override
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids) {
        return answer(Op.TRACKS, ids.stream().map(TrackId::value).toList(), () -> found(ids, tracks));
    }

    @Override
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids) {
        return answer(Op.ARTISTS, ids.stream().map(ArtistId::value).toList(), () -> found(ids, catalog.artists()));
    }

    @Override
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids) {
        return answer(Op.ALBUMS, ids.stream().map(AlbumId::value).toList(), () -> found(ids, catalog.albums()));
    }

    @Override
    public SnapshotId addItems(Viewer viewer, PlaylistId id, List<TrackId> add) {
        return answer(Op.ADD_ITEMS, add.stream().map(TrackId::value).toList(), () -> {
            synchronized (this) {
                State state = writable(viewer, id);
                Instant now = Instant.parse("2026-11-23T12:00:00Z");
                add.forEach(t -> state.items.add(new PlaylistItem(now, t)));
                state.version++;
                return snapshot(state);
            }
        });
    }

    @Override
    public SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> remove) {
        return answer(Op.REMOVE_ITEMS, remove.stream().map(TrackId::value).toList(), () -> {
            synchronized (this) {
                State state = writable(viewer, id);
                Set<TrackId> gone = new LinkedHashSet<>(remove);
                state.items.removeIf(item -> gone.contains(item.trackId()));
                state.version++;
                return snapshot(state);
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    private static <I, V> Map<I, V> found(Collection<I> ids, Map<I, V> source) {
        Map<I, V> result = new HashMap<>();
        ids.forEach(id -> {
            V value = source.get(id);
            if (value != null) {
                result.put(id, value);
            }
        });
        return result;
    }

    private boolean mayRead(Viewer viewer, State state) {
        return Boolean.TRUE.equals(state.isPublic)
                || (!viewer.isAnonymous() && (state.data.owner().equals(viewer.userId())
                || state.data.collaborators().contains(viewer.userId())));
    }

    private State visible(Viewer viewer, PlaylistId id) {
        State state = playlists.get(id);
        if (state == null || !mayRead(viewer, state)) {
            throw MusicDataException.notFound("Playlist " + id);
        }
        return state;
    }

    private State writable(Viewer viewer, PlaylistId id) {
        if (viewer.isAnonymous()) {
            throw new MusicDataException(Failure.UNAUTHENTICATED, "Sign in first");
        }
        State state = visible(viewer, id);
        if (!state.data.owner().equals(viewer.userId()) && !state.data.collaborators().contains(viewer.userId())) {
            throw new MusicDataException(Failure.FORBIDDEN, "Not your playlist");
        }
        return state;
    }

    private static SnapshotId snapshot(State state) {
        return new SnapshotId("snap-" + state.data.id().value() + "-" + state.version);
    }

    private Playlist toPlaylist(State state) {
        TestCatalog.PlaylistData data = state.data;
        return new Playlist(data.id(), data.name(), data.description(), catalog.users().get(data.owner()),
                state.isPublic, data.collaborative(), snapshot(state), state.items.size());
    }

    private PlaylistItemsPage window(State state, PageRequest page) {
        int from = Math.min(page.offset(), state.items.size());
        int to = Math.min(page.end(), state.items.size());
        List<PlaylistItem> items = List.copyOf(state.items.subList(from, to));
        Map<TrackId, Track> carried = new LinkedHashMap<>();
        items.forEach(item -> {
            if (item.trackId() != null && tracks.containsKey(item.trackId())) {
                carried.put(item.trackId(), tracks.get(item.trackId()));
            }
        });
        return new PlaylistItemsPage(new Page<>(items, page.offset(), state.items.size()), List.copyOf(carried.values()));
    }
}
