package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.adapter.spotify.SpotifySettings.ApiMode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link PlaylistPort} over the Spotify Web API, in either of its two shapes (Extended Quota, or
 * Development Mode's reduced API). Caches nothing of users' data (the service does); remembers only
 * which API the app has. Every call goes through {@link SpotifyHttp}. Thread safe.
 */
final class SpotifyPlaylistPort implements PlaylistPort {

    private static final Logger log = LoggerFactory.getLogger(SpotifyPlaylistPort.class);

    /** Spotify's maximum page size for playlist items. */
    static final int ITEMS_PAGE = 100;
    /** Spotify's maximum page size for a user's playlists. */
    static final int PLAYLISTS_PAGE = 50;
    /** Spotify's maximum tracks (uris) per add or remove. */
    static final int MUTATION_CHUNK = 100;

    private static final String DEV_MODE_ITEMS_RULE = "in Development Mode Spotify lets an app read the items only of "
            + "playlists the signed-in user owns or collaborates on";

    /** A several-ids endpoint and its one-id sibling. */
    private record Catalogue<I, V>(String kind, String field, int chunk, Function<I, String> idOf,
                                   Function<JsonNode, V> parser) {
        String severalEndpoint() {
            return "/v1/" + field;
        }

        String oneEndpoint() {
            return "/v1/" + field + "/{id}";
        }
    }

    private static final Catalogue<TrackId, Track> TRACKS = new Catalogue<>("track", "tracks", 50, TrackId::value, SpotifyJson::track);
    private static final Catalogue<ArtistId, Artist> ARTISTS = new Catalogue<>("artist", "artists", 50, ArtistId::value, SpotifyJson::artist);
    private static final Catalogue<AlbumId, Album> ALBUMS = new Catalogue<>("album", "albums", 20, AlbumId::value, SpotifyJson::album);

    private final SpotifyHttp http;
    private final SpotifySettings settings;
    private final Executor fanOut;
    /** AUTO until a several-ids endpoint answers 403; then DEVELOPMENT for the life of the process. */
    private final AtomicReference<ApiMode> mode;

    SpotifyPlaylistPort(SpotifyHttp http, SpotifySettings settings, Executor fanOut) {
        this.http = http;
        this.settings = settings;
        this.fanOut = fanOut;
        this.mode = new AtomicReference<>(settings.apiMode());
    }

    /** The API this adapter currently uses. */
    ApiMode mode() {
        return mode.get();
    }

    // ------------------------------------------------------------------ users and playlists

    @Override
    public User currentUser(Viewer viewer) {
        requireSignedIn(viewer, "Sign in with Spotify to see your profile");
        JsonNode me = http.call(viewer, Request.get("/v1/me", "/v1/me"));
        return read("/v1/me", () -> SpotifyJson.user(me));
    }

    @Override
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page) {
        boolean own = owner.equals(viewer.userId());
        String endpoint = own ? "/v1/me/playlists" : "/v1/users/{id}/playlists";
        String path = own ? "/v1/me/playlists" : "/v1/users/" + owner.value() + "/playlists";
        try {
            return fill(page, PLAYLISTS_PAGE, endpoint, (offset, limit) ->
                    http.call(viewer, Request.get(endpoint, path + "?offset=" + offset + "&limit=" + limit)),
                    SpotifyJson::playlist);
        } catch (SpotifyRefusal refusal) {
            if (refusal.status() == 403 && !own) {
                throw forbidden(refusal, "Spotify refuses this app the playlists of user " + owner,
                        "in Development Mode Spotify offers an app only the signed-in user's own playlists");
            }
            if (refusal.status() == 404) {
                throw refusal.withMessage(Failure.NOT_FOUND, "User " + owner + " was not found");
            }
            throw refusal;
        }
    }

    @Override
    public PlaylistWithItems playlist(Viewer viewer, PlaylistId id) {
        String endpoint = "/v1/playlists/{id}";
        JsonNode answer;
        try {
            answer = http.call(viewer, Request.get(endpoint, "/v1/playlists/" + id.value() + query(viewer)));
        } catch (SpotifyRefusal refusal) {
            throw playlistRefusal(refusal, id, "Spotify refuses this app playlist " + id);
        }
        return read(endpoint, () -> {
            Playlist playlist = SpotifyJson.playlist(answer);
            JsonNode items = SpotifyJson.itemsOf(answer);
            if (items == null || !items.path("items").isArray()) {
                return new PlaylistWithItems(playlist, null); // only {href,total}: no first page to hand on
            }
            int offset = items.path("offset").asInt(0);
            if (offset != 0) {
                return new PlaylistWithItems(playlist, null);
            }
            List<SpotifyJson.Entry> entries = SpotifyJson.pageItems(items).stream().map(SpotifyJson::entry).toList();
            return new PlaylistWithItems(playlist, itemsPage(entries, 0, SpotifyJson.total(items)));
        });
    }

    /**
     * Items come from {@code /v1/playlists/{id}/items} whichever the mode: Development Mode has
     * nothing else, the full API has it too, and one path means one code path and no detection.
     */
    @Override
    public PlaylistItemsPage items(Viewer viewer, PlaylistId id, PageRequest page) {
        String endpoint = "/v1/playlists/{id}/items";
        String path = "/v1/playlists/" + id.value() + "/items";
        String extra = query(viewer).replace('?', '&');
        Instant deadline = http.waitDeadline();
        try {
            Page<SpotifyJson.Entry> entries = fill(page, ITEMS_PAGE, endpoint, (offset, limit) ->
                    http.call(viewer, Request.get(endpoint, path + "?offset=" + offset + "&limit=" + limit + extra), deadline),
                    SpotifyJson::entry);
            return itemsPage(entries.items(), entries.offset(), entries.total());
        } catch (SpotifyRefusal refusal) {
            if (refusal.status() == 403) {
                throw forbidden(refusal, "Spotify refuses this app the items of playlist " + id, DEV_MODE_ITEMS_RULE);
            }
            throw playlistRefusal(refusal, id, "Spotify refuses this app the items of playlist " + id);
        }
    }

    @Override
    public int itemsPageSize() {
        return ITEMS_PAGE;
    }

    // ------------------------------------------------------------------ catalogue

    @Override
    public Map<TrackId, Track> tracks(Viewer viewer, Collection<TrackId> ids) {
        return byIds(viewer, ids, TRACKS);
    }

    @Override
    public Map<ArtistId, Artist> artists(Viewer viewer, Collection<ArtistId> ids) {
        return byIds(viewer, ids, ARTISTS);
    }

    @Override
    public Map<AlbumId, Album> albums(Viewer viewer, Collection<AlbumId> ids) {
        return byIds(viewer, ids, ALBUMS);
    }

    /**
     * Many ids: with the full API in chunks at the endpoint's maximum; in Development Mode one call
     * per id, at most {@code devModeConcurrency} at once. In AUTO mode a 403 from a several-ids
     * endpoint switches to Development Mode for good and the rest of this request is answered that way.
     * Catalogue calls carry no market: the service caches them once for everyone.
     */
    private <I, V> Map<I, V> byIds(Viewer viewer, Collection<I> ids, Catalogue<I, V> catalogue) {
        List<I> wanted = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<I, V> found = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Instant deadline = http.waitDeadline();
        int done = 0;
        while (done < wanted.size() && mode.get() != ApiMode.DEVELOPMENT) {
            List<I> chunk = wanted.subList(done, Math.min(wanted.size(), done + catalogue.chunk()));
            String joined = String.join(",", chunk.stream().map(catalogue.idOf()).toList());
            JsonNode answer;
            try {
                answer = http.call(viewer, Request.get(catalogue.severalEndpoint(),
                        catalogue.severalEndpoint() + "?ids=" + joined), deadline);
            } catch (SpotifyRefusal refusal) {
                if (refusal.status() != 403) {
                    throw refusal;
                }
                if (settings.apiMode() == ApiMode.EXTENDED) {
                    throw refusal.withMessage(Failure.FORBIDDEN, "Spotify refuses this app " + catalogue.severalEndpoint()
                            + " although spotify.api-mode is extended; if the app is in Development Mode, set it to auto or development");
                }
                if (mode.compareAndSet(ApiMode.AUTO, ApiMode.DEVELOPMENT)) {
                    log.info("Spotify answered 403 to {}: the app is in Development Mode; reading catalogue data one id at a time from now on",
                            catalogue.severalEndpoint());
                }
                break;
            }
            JsonNode array = answer.path(catalogue.field());
            read(catalogue.severalEndpoint(), () -> {
                if (!array.isArray() || array.size() != chunk.size()) {
                    throw new SpotifyJson.Malformed("several-ids answer does not match the ids asked");
                }
                for (int i = 0; i < chunk.size(); i++) {
                    JsonNode value = array.get(i);
                    if (value != null && value.isObject()) { // null: an id Spotify does not know
                        found.put(chunk.get(i), catalogue.parser().apply(value));
                    }
                }
                return null;
            });
            done += chunk.size();
        }
        if (done < wanted.size()) {
            found.putAll(oneByOne(viewer, wanted.subList(done, wanted.size()), catalogue, deadline));
        }
        return found;
    }

    private <I, V> Map<I, V> oneByOne(Viewer viewer, List<I> ids, Catalogue<I, V> catalogue, Instant deadline) {
        Object[] results = new Object[ids.size()];
        AtomicInteger cursor = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int index;
            while (failure.get() == null && (index = cursor.getAndIncrement()) < ids.size()) {
                String id = catalogue.idOf().apply(ids.get(index));
                try {
                    JsonNode answer = http.call(viewer, Request.get(catalogue.oneEndpoint(),
                            "/v1/" + catalogue.field() + "/" + id), deadline);
                    results[index] = read(catalogue.oneEndpoint(), () -> catalogue.parser().apply(answer));
                } catch (SpotifyRefusal refusal) {
                    if (refusal.status() != 404 && refusal.status() != 400) { // 400: "invalid id", as unknown as 404
                        failure.compareAndSet(null, refusal);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int workers = Math.min(ids.size(), settings.devModeConcurrency());
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            others.add(CompletableFuture.runAsync(worker, fanOut));
        }
        worker.run(); // the calling thread is one of the workers
        others.forEach(CompletableFuture::join);
        if (failure.get() != null) {
            RuntimeException e = failure.get();
            throw e instanceof MusicDataException m ? m
                    : new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "The music service failed", e);
        }
        Map<I, V> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (results[i] != null) {
                @SuppressWarnings("unchecked")
                V value = (V) results[i];
                found.put(ids.get(i), value);
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ mutations

    /**
     * POST is not idempotent: after a 5xx, a read timeout or an I/O error once the request may have
     * reached Spotify, it is not retried (the tracks may have been added; a retry would add them
     * twice). It is retried only when it provably never arrived (connect failure) or was refused
     * with 429.
     */
    @Override
    public SnapshotId addItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        return mutate(viewer, id, tracks, "POST", false, chunk -> {
            ObjectNode body = SpotifyTransport.JSON.createObjectNode();
            ArrayNode uris = body.putArray("uris");
            chunk.forEach(track -> uris.add("spotify:track:" + track.value()));
            return body;
        }, "added");
    }

    /** DELETE of every occurrence of the given uris is idempotent, so it is retried like a read. */
    @Override
    public SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        return mutate(viewer, id, tracks, "DELETE", true, chunk -> {
            ObjectNode body = SpotifyTransport.JSON.createObjectNode();
            ArrayNode items = body.putArray("items");
            chunk.forEach(track -> items.addObject().put("uri", "spotify:track:" + track.value()));
            return body;
        }, "removed");
    }

    private SnapshotId mutate(Viewer viewer, PlaylistId id, List<TrackId> tracks, String method, boolean idempotent,
                              Function<List<TrackId>, ObjectNode> bodyOf, String verb) {
        requireSignedIn(viewer, "Sign in with Spotify to change playlists");
        Objects.requireNonNull(tracks, "tracks");
        if (tracks.isEmpty()) {
            throw new InvalidInputException("trackIds must not be empty");
        }
        String endpoint = "/v1/playlists/{id}/items";
        String path = "/v1/playlists/" + id.value() + "/items";
        SnapshotId snapshot = null;
        int done = 0;
        Instant deadline = http.waitDeadline();
        while (done < tracks.size()) {
            List<TrackId> chunk = tracks.subList(done, Math.min(tracks.size(), done + MUTATION_CHUNK));
            JsonNode answer;
            try {
                answer = http.call(viewer, new Request(method, endpoint, path, bodyOf.apply(chunk).toString(), idempotent), deadline);
            } catch (MusicDataException e) {
                MusicDataException told = e instanceof SpotifyRefusal refusal
                        ? mutationRefusal(refusal, id) : e;
                if (done == 0) {
                    throw told;
                }
                // Earlier chunks went through: say so, so that the caller does not blindly repeat them.
                throw new MusicDataException(told.failure(), told.getMessage() + " (the first " + done + " of "
                        + tracks.size() + " tracks were " + verb + ")", told.retryAfter().orElse(null), told);
            }
            snapshot = read(endpoint, () -> new SnapshotId(SpotifyJson.snapshot(answer)));
            done += chunk.size();
        }
        return snapshot;
    }

    private MusicDataException mutationRefusal(SpotifyRefusal refusal, PlaylistId id) {
        return switch (refusal.status()) {
            case 403 -> forbidden(refusal, "Spotify refuses to change playlist " + id,
                    "only its owner or a collaborator may change it, with the playlist-modify scopes");
            case 404 -> refusal.withMessage(Failure.NOT_FOUND, "Playlist " + id + " was not found");
            default -> refusal;
        };
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Fills {@code page} from Spotify's paging objects: asks for what is still missing (at most
     * {@code max}), and goes on while Spotify says more follows ({@code next}) and the window is not
     * full. It pages by what Spotify returned, not by what was asked (Spotify may cap {@code limit}),
     * and builds the next request itself rather than following {@code next}, so the bearer token
     * only ever goes to the configured API URL.
     */
    private <T> Page<T> fill(PageRequest page, int max, String endpoint, BiFunction<Integer, Integer, JsonNode> fetch,
                             Function<JsonNode, T> parse) {
        List<T> collected = new ArrayList<>();
        int offset = page.offset();
        int total = 0;
        while (collected.size() < page.limit()) {
            int limit = Math.min(max, page.limit() - collected.size());
            JsonNode paging = fetch.apply(offset, limit);
            List<JsonNode> items = read(endpoint, () -> SpotifyJson.pageItems(paging));
            total = read(endpoint, () -> SpotifyJson.total(paging));
            for (JsonNode item : items) {
                if (collected.size() < page.limit()) {
                    collected.add(read(endpoint, () -> parse.apply(item)));
                }
            }
            offset += items.size();
            if (items.isEmpty() || !SpotifyJson.hasNext(paging) || offset >= total) {
                break;
            }
        }
        return new Page<>(collected, page.offset(), consistentTotal(total, page.offset(), collected.size()));
    }

    private static PlaylistItemsPage itemsPage(List<SpotifyJson.Entry> entries, int offset, int total) {
        List<PlaylistItem> items = entries.stream().map(SpotifyJson.Entry::item).toList();
        Map<TrackId, Track> tracks = new LinkedHashMap<>();
        entries.stream().map(SpotifyJson.Entry::track).filter(Objects::nonNull)
                .forEach(track -> tracks.putIfAbsent(track.id(), track));
        return new PlaylistItemsPage(new Page<>(items, offset, consistentTotal(total, offset, items.size())),
                List.copyOf(tracks.values()));
    }

    /** Spotify's total, unless the list grew while paging and the entries read reach past it. */
    private static int consistentTotal(int total, int offset, int read) {
        return read == 0 ? total : Math.max(total, offset + read);
    }

    /** Playlist reads for a user: {@code market=from_token} (relinked tracks, the user's availability). */
    private static String query(Viewer viewer) {
        return viewer.isAnonymous() ? "?additional_types=track,episode"
                : "?market=from_token&additional_types=track,episode";
    }

    private MusicDataException playlistRefusal(SpotifyRefusal refusal, PlaylistId id, String forbiddenWhat) {
        return switch (refusal.status()) {
            case 404 -> refusal.withMessage(Failure.NOT_FOUND, "Playlist " + id + " was not found");
            case 400 -> refusal.withMessage(Failure.NOT_FOUND, "Playlist " + id + " was not found");
            case 403 -> forbidden(refusal, forbiddenWhat, DEV_MODE_ITEMS_RULE);
            default -> refusal;
        };
    }

    /** A 403, told with the reason Development Mode would give when the app is (or may be) in it. */
    private SpotifyRefusal forbidden(SpotifyRefusal refusal, String what, String devModeRule) {
        String said = refusal.spotifyMessage().isEmpty() ? "" : " (Spotify said: " + refusal.spotifyMessage() + ")";
        String why = switch (mode.get()) {
            case DEVELOPMENT -> ": " + devModeRule;
            case AUTO -> ": if the app is in Development Mode, " + devModeRule + "; otherwise the user or app lacks access";
            case EXTENDED -> ": the user or app lacks access";
        };
        return refusal.withMessage(Failure.FORBIDDEN, what + why + said);
    }

    private static void requireSignedIn(Viewer viewer, String message) {
        if (viewer.isAnonymous()) {
            throw new MusicDataException(Failure.UNAUTHENTICATED, message);
        }
    }

    /** Runs a parse step; anything it throws (a missing field, an invalid id) is Spotify's nonsense, not ours. */
    private static <T> T read(String endpoint, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            if (e instanceof MusicDataException m && m.failure() != Failure.BAD_INPUT) {
                throw m;
            }
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE,
                    "Spotify answered " + endpoint + " with data the gateway cannot read", e);
        }
    }
}
