package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Spotify's JSON objects into the domain model, for both shapes of the API: playlists carry their
 * items under {@code tracks} (full API) or {@code items} (Development Mode), and item entries carry
 * the track under {@code track} or {@code item}. Fields Development Mode removed (popularity, genres)
 * are optional. A required field that is missing throws {@link Malformed}; {@link #read} turns it into
 * UPSTREAM_UNAVAILABLE. Trees rather than data-binding records: docs/decisions/0016.
 */
final class SpotifyJson {

    /** The adapter's one mapper (thread safe once configured; it is never reconfigured). */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A Spotify object lacks what the gateway needs. */
    static final class Malformed extends RuntimeException {
        Malformed(String what) {
            super(what, null, false, false);
        }
    }

    /** One playlist entry, and the full track it carries when it is a catalogue track. */
    record Entry(PlaylistItem item, Track track) {
    }

    private SpotifyJson() {
    }

    /**
     * Runs a parse step of an answer from {@code endpoint}; anything it throws (a missing field, an invalid
     * id) is Spotify's nonsense, not ours: UPSTREAM_UNAVAILABLE. A {@link MusicDataException} other than
     * BAD_INPUT passes as it is.
     */
    static <T> T read(String endpoint, Supplier<T> parse) {
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

    static User user(JsonNode user) {
        return new User(UserId.of(text(user, "id")), optionalText(user, "display_name"));
    }

    static Playlist playlist(JsonNode playlist) {
        JsonNode items = itemsOf(playlist);
        int total = items == null ? 0 : integer(items, "total");
        Boolean isPublic = playlist.path("public").isBoolean() ? playlist.path("public").asBoolean() : null;
        String description = optionalText(playlist, "description");
        return new Playlist(PlaylistId.of(text(playlist, "id")), text(playlist, "name"),
                description == null || description.isEmpty() ? null : description,
                user(object(playlist, "owner")), isPublic, playlist.path("collaborative").asBoolean(false),
                new SnapshotId(text(playlist, "snapshot_id")), total);
    }

    /**
     * The playlist's items field: {@code items} in Development Mode, {@code tracks} in the full API;
     * either {@code {href,total}} or a whole paging object. Null when absent.
     */
    static JsonNode itemsOf(JsonNode playlist) {
        JsonNode items = playlist.get("items");
        if (items != null && items.isObject()) {
            return items;
        }
        JsonNode tracks = playlist.get("tracks");
        return tracks != null && tracks.isObject() ? tracks : null;
    }

    static Entry entry(JsonNode entry) {
        if (entry == null || !entry.isObject()) {
            return new Entry(new PlaylistItem(null, null), null);
        }
        Instant addedAt = addedAt(entry.path("added_at"));
        JsonNode object = entry.hasNonNull("item") ? entry.get("item") : entry.get("track");
        boolean catalogueTrack = object != null && object.isObject()
                && !entry.path("is_local").asBoolean(false)
                && !object.path("is_local").asBoolean(false)
                && "track".equals(object.path("type").asText("track"))
                && !object.path("episode").asBoolean(false)
                && object.hasNonNull("id");
        if (!catalogueTrack) {
            // A local file, an episode, or a track Spotify no longer has: an entry without a catalogue track.
            return new Entry(new PlaylistItem(addedAt, null), null);
        }
        Track track = track(object);
        return new Entry(new PlaylistItem(addedAt, track.id()), track);
    }

    /**
     * A full track object. When Spotify relinked it for the user's market ({@code linked_from}), the
     * id and uri are the ones the playlist (and every by-id read) knows, so that caching and removal
     * by uri keep working.
     */
    static Track track(JsonNode track) {
        JsonNode linked = track.path("linked_from");
        boolean relinked = linked.isObject() && linked.hasNonNull("id");
        String id = relinked ? text(linked, "id") : text(track, "id");
        String uri = relinked && linked.hasNonNull("uri") ? text(linked, "uri") : text(track, "uri");
        List<Track.ArtistCredit> artists = new ArrayList<>();
        for (JsonNode artist : array(track, "artists")) {
            if (artist.hasNonNull("id")) {
                artists.add(new Track.ArtistCredit(ArtistId.of(text(artist, "id")), text(artist, "name")));
            }
        }
        return new Track(TrackId.of(id), text(track, "name"), integer(track, "duration_ms"),
                track.path("explicit").asBoolean(false), optionalInteger(track, "popularity"), uri, artists,
                album(object(track, "album")));
    }

    static Album album(JsonNode album) {
        String imageUrl = null;
        int widest = -1;
        JsonNode images = album.path("images");
        if (images.isArray()) {
            for (JsonNode image : images) {
                int width = image.path("width").asInt(0);
                if (image.hasNonNull("url") && width > widest) {
                    widest = width;
                    imageUrl = image.get("url").asText();
                }
            }
        }
        return new Album(AlbumId.of(text(album, "id")), text(album, "name"), optionalText(album, "release_date"), imageUrl);
    }

    static Artist artist(JsonNode artist) {
        List<String> genres = new ArrayList<>();
        JsonNode list = artist.path("genres");
        if (list.isArray()) {
            list.forEach(genre -> {
                if (genre.isTextual()) {
                    genres.add(genre.asText());
                }
            });
        }
        return new Artist(ArtistId.of(text(artist, "id")), text(artist, "name"), genres, optionalInteger(artist, "popularity"));
    }

    // ------------------------------------------------------------------ paging objects

    static int total(JsonNode paging) {
        return integer(paging, "total");
    }

    static List<JsonNode> pageItems(JsonNode paging) {
        List<JsonNode> items = new ArrayList<>();
        array(paging, "items").forEach(items::add);
        return items;
    }

    static boolean hasNext(JsonNode paging) {
        return paging.hasNonNull("next");
    }

    static String snapshot(JsonNode answer) {
        return text(answer, "snapshot_id");
    }

    // ------------------------------------------------------------------ fields

    /** Very old entries carry no date, or the epoch: both mean "unknown". */
    private static Instant addedAt(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value.asText());
            return instant.equals(Instant.EPOCH) ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        return required(node, field, JsonNode::isTextual, "text").asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static int integer(JsonNode node, String field) {
        return required(node, field, value -> value.isIntegralNumber() && value.canConvertToInt(), "integer").asInt();
    }

    private static Integer optionalInteger(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }

    private static JsonNode object(JsonNode node, String field) {
        return required(node, field, JsonNode::isObject, "object");
    }

    static JsonNode array(JsonNode node, String field) {
        return required(node, field, JsonNode::isArray, "array");
    }

    /** The field's value when it is there and {@code fits}; otherwise {@link Malformed}. */
    private static JsonNode required(JsonNode node, String field, Predicate<JsonNode> fits, String kind) {
        JsonNode value = node.get(field);
        if (value == null || !fits.test(value)) {
            throw new Malformed("missing " + kind + " field " + field);
        }
        return value;
    }
}
