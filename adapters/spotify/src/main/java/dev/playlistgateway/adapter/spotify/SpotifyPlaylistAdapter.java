package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playlistgateway.adapter.spotify.SpotifySettings.ApiMode;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link PlaylistPort} over the Spotify Web API, in either of its two shapes (Extended Quota, or
 * Development Mode's reduced API): each port operation as Web API calls ({@link SpotifyWebApi}), answers
 * read by {@link SpotifyJson} and {@link Paging}, refusals told by {@link SpotifyRefusal}. Caches nothing of
 * users' data (the service does); remembers only which API the app has ({@link ApiModeDetection}). Thread safe.
 */
final class SpotifyPlaylistAdapter implements PlaylistPort {

    /** Spotify's maximum page size for playlist items. */
    static final int ITEMS_PAGE = 100;
    /** Spotify's maximum page size for a user's playlists. */
    static final int PLAYLISTS_PAGE = 50;
    /** Spotify's maximum tracks (uris) per add or remove. */
    static final int MUTATION_CHUNK = 100;

    /** A several-ids endpoint and its one-id sibling. */
    private record Catalogue<I, V>(String field, int chunk, Function<I, String> idOf, Function<JsonNode, V> parser) {
        String severalEndpoint() {
            return "/v1/" + field;
        }

        String oneEndpoint() {
            return "/v1/" + field + "/{id}";
        }
    }

    private static final Catalogue<TrackId, Track> TRACKS = new Catalogue<>("tracks", 50, TrackId::value, SpotifyJson::track);
    private static final Catalogue<ArtistId, Artist> ARTISTS = new Catalogue<>("artists", 50, ArtistId::value, SpotifyJson::artist);
    private static final Catalogue<AlbumId, Album> ALBUMS = new Catalogue<>("albums", 20, AlbumId::value, SpotifyJson::album);

    private final SpotifyWebApi api;
    private final ApiModeDetection mode;
    private final DevelopmentModeFanOut fanOut;

    SpotifyPlaylistAdapter(SpotifyWebApi api, ApiModeDetection mode, DevelopmentModeFanOut fanOut) {
        this.api = api;
        this.mode = mode;
        this.fanOut = fanOut;
    }

    /** The API this adapter currently uses. */
    ApiMode mode() {
        return mode.current();
    }

    // ------------------------------------------------------------------ users and playlists

    @Override
    public User currentUser(Viewer viewer) {
        requireSignedIn(viewer, "Sign in with Spotify to see your profile");
        JsonNode me = api.call(viewer, Request.get("/v1/me", "/v1/me"));
        return SpotifyJson.read("/v1/me", () -> SpotifyJson.user(me));
    }

    @Override
    public Page<Playlist> playlists(Viewer viewer, UserId owner, PageRequest page) {
        boolean own = owner.equals(viewer.userId());
        String endpoint = own ? "/v1/me/playlists" : "/v1/users/{id}/playlists";
        String path = own ? "/v1/me/playlists" : "/v1/users/" + owner.value() + "/playlists";
        try {
            return Paging.fill(page, PLAYLISTS_PAGE, endpoint, (offset, limit) ->
                    api.call(viewer, Request.get(endpoint, path + "?offset=" + offset + "&limit=" + limit)),
                    SpotifyJson::playlist);
        } catch (SpotifyRefusal refusal) {
            throw refusal.forPlaylistsOf(owner, own, mode.current());
        }
    }

    @Override
    public PlaylistWithItems playlist(Viewer viewer, PlaylistId id) {
        String endpoint = "/v1/playlists/{id}";
        JsonNode answer;
        try {
            answer = api.call(viewer, Request.get(endpoint, "/v1/playlists/" + id.value() + query(viewer)));
        } catch (SpotifyRefusal refusal) {
            throw refusal.forPlaylist(id, "playlist " + id, mode.current());
        }
        return SpotifyJson.read(endpoint, () -> {
            Playlist playlist = SpotifyJson.playlist(answer);
            JsonNode items = SpotifyJson.itemsOf(answer);
            if (items == null || !items.path("items").isArray() || items.path("offset").asInt(0) != 0) {
                return new PlaylistWithItems(playlist, null); // only {href,total}: no first page to hand on
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
        Instant deadline = api.waitDeadline();
        try {
            Page<SpotifyJson.Entry> entries = Paging.fill(page, ITEMS_PAGE, endpoint, (offset, limit) ->
                    api.call(viewer, Request.get(endpoint, path + "?offset=" + offset + "&limit=" + limit + extra), deadline),
                    SpotifyJson::entry);
            return itemsPage(entries.items(), entries.offset(), entries.total());
        } catch (SpotifyRefusal refusal) {
            throw refusal.forPlaylist(id, "the items of playlist " + id, mode.current());
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
     * Many ids: with the full API in chunks at the endpoint's maximum; in Development Mode one call per id
     * ({@link DevelopmentModeFanOut}). In AUTO mode a 403 from a several-ids endpoint switches to Development
     * Mode for good and the rest of this request is answered that way. Catalogue calls carry no market: the
     * service caches them once for everyone.
     */
    private <I, V> Map<I, V> byIds(Viewer viewer, Collection<I> ids, Catalogue<I, V> catalogue) {
        List<I> wanted = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<I, V> found = new LinkedHashMap<>();
        Instant deadline = api.waitDeadline();
        int done = 0;
        while (done < wanted.size() && mode.severalIds()) {
            List<I> chunk = wanted.subList(done, Math.min(wanted.size(), done + catalogue.chunk()));
            String joined = String.join(",", chunk.stream().map(catalogue.idOf()).toList());
            JsonNode answer;
            try {
                answer = api.call(viewer, Request.get(catalogue.severalEndpoint(),
                        catalogue.severalEndpoint() + "?ids=" + joined), deadline);
            } catch (SpotifyRefusal refusal) {
                mode.severalIdsRefused(refusal, catalogue.severalEndpoint());
                break;
            }
            found.putAll(SpotifyJson.read(catalogue.severalEndpoint(), () -> several(answer, chunk, catalogue)));
            done += chunk.size();
        }
        if (done < wanted.size()) {
            found.putAll(fanOut.fetchEach(wanted.subList(done, wanted.size()), id -> one(viewer, id, catalogue, deadline)));
        }
        return found;
    }

    /** A several-ids answer: one object per id asked, in order; null for an id Spotify does not know. */
    private static <I, V> Map<I, V> several(JsonNode answer, List<I> chunk, Catalogue<I, V> catalogue) {
        JsonNode array = answer.path(catalogue.field());
        if (!array.isArray() || array.size() != chunk.size()) {
            throw new SpotifyJson.Malformed("several-ids answer does not match the ids asked");
        }
        Map<I, V> found = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            JsonNode value = array.get(i);
            if (value != null && value.isObject()) {
                found.put(chunk.get(i), catalogue.parser().apply(value));
            }
        }
        return found;
    }

    /** One id from its one-id endpoint; null when Spotify does not know it (404, or 400 "invalid id"). */
    private <I, V> V one(Viewer viewer, I id, Catalogue<I, V> catalogue, Instant deadline) {
        JsonNode answer;
        try {
            answer = api.call(viewer, Request.get(catalogue.oneEndpoint(),
                    "/v1/" + catalogue.field() + "/" + catalogue.idOf().apply(id)), deadline);
        } catch (SpotifyRefusal refusal) {
            if (refusal.status() == 404 || refusal.status() == 400) {
                return null;
            }
            throw refusal;
        }
        return SpotifyJson.read(catalogue.oneEndpoint(), () -> catalogue.parser().apply(answer));
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
            ObjectNode body = SpotifyJson.MAPPER.createObjectNode();
            ArrayNode uris = body.putArray("uris");
            chunk.forEach(track -> uris.add("spotify:track:" + track.value()));
            return body;
        }, "added");
    }

    /** DELETE of every occurrence of the given uris is idempotent, so it is retried like a read. */
    @Override
    public SnapshotId removeItems(Viewer viewer, PlaylistId id, List<TrackId> tracks) {
        return mutate(viewer, id, tracks, "DELETE", true, chunk -> {
            ObjectNode body = SpotifyJson.MAPPER.createObjectNode();
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
        Instant deadline = api.waitDeadline();
        while (done < tracks.size()) {
            List<TrackId> chunk = tracks.subList(done, Math.min(tracks.size(), done + MUTATION_CHUNK));
            JsonNode answer;
            try {
                answer = api.call(viewer, new Request(method, endpoint, path, bodyOf.apply(chunk).toString(), idempotent), deadline);
            } catch (MusicDataException e) {
                MusicDataException told = e instanceof SpotifyRefusal refusal ? refusal.forPlaylistChange(id, mode.current()) : e;
                if (done == 0) {
                    throw told;
                }
                // Earlier chunks went through: say so, so that the caller does not blindly repeat them.
                throw new MusicDataException(told.failure(), told.getMessage() + " (the first " + done + " of "
                        + tracks.size() + " tracks were " + verb + ")", told.retryAfter().orElse(null), told);
            }
            snapshot = SpotifyJson.read(endpoint, () -> new SnapshotId(SpotifyJson.snapshot(answer)));
            done += chunk.size();
        }
        return snapshot;
    }

    // ------------------------------------------------------------------ helpers

    private static PlaylistItemsPage itemsPage(List<SpotifyJson.Entry> entries, int offset, int total) {
        List<PlaylistItem> items = entries.stream().map(SpotifyJson.Entry::item).toList();
        Map<TrackId, Track> tracks = new LinkedHashMap<>();
        entries.stream().map(SpotifyJson.Entry::track).filter(Objects::nonNull)
                .forEach(track -> tracks.putIfAbsent(track.id(), track));
        return new PlaylistItemsPage(new Page<>(items, offset, Paging.consistentTotal(total, offset, items.size())),
                List.copyOf(tracks.values()));
    }

    /** Playlist reads for a user: {@code market=from_token} (relinked tracks, the user's availability). */
    private static String query(Viewer viewer) {
        return viewer.isAnonymous() ? "?additional_types=track,episode"
                : "?market=from_token&additional_types=track,episode";
    }

    private static void requireSignedIn(Viewer viewer, String message) {
        if (viewer.isAnonymous()) {
            throw new MusicDataException(Failure.UNAUTHENTICATED, message);
        }
    }
}
