package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Spotify's JSON as Spotify sends it, in both API shapes: full objects with the fields the gateway
 * ignores too, paging objects with href/items/limit/next/offset/previous/total, error objects.
 * Public, and shipped in this module's test-jar, so the app's end-to-end tests stub the same shapes.
 */
public final class SpotifyFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String API = "https://api.spotify.com";

    /** Which API's shape to produce. */
    public enum Shape { EXTENDED, DEVELOPMENT }

    private SpotifyFixtures() {
    }

    /** A 22-character Spotify-like id: {@code prefix} then digits. */
    public static String id(char prefix, int n) {
        return prefix + String.format("%021d", n);
    }

    public static ObjectNode artist(String id, Shape shape) {
        ObjectNode artist = JSON.createObjectNode();
        artist.putObject("external_urls").put("spotify", "https://open.spotify.com/artist/" + id);
        artist.put("href", API + "/v1/artists/" + id);
        artist.put("id", id);
        artist.put("name", "Artist " + id);
        artist.put("type", "artist");
        artist.put("uri", "spotify:artist:" + id);
        return artist;
    }

    public static ObjectNode fullArtist(String id, Shape shape) {
        ObjectNode artist = artist(id, shape);
        artist.putArray("genres").add("synth-pop");
        artist.putArray("images");
        if (shape == Shape.EXTENDED) {
            artist.putObject("followers").putNull("href").put("total", 1234);
            artist.put("popularity", 61);
        }
        return artist;
    }

    public static ObjectNode album(String id, Shape shape) {
        ObjectNode album = JSON.createObjectNode();
        album.put("album_type", "album");
        album.putArray("artists").add(artist(id('r', 1), shape));
        if (shape == Shape.EXTENDED) {
            album.putArray("available_markets").add("SE").add("DE");
        }
        album.putObject("external_urls").put("spotify", "https://open.spotify.com/album/" + id);
        album.put("href", API + "/v1/albums/" + id);
        album.put("id", id);
        ArrayNode images = album.putArray("images");
        images.addObject().put("url", "https://i.scdn.co/image/" + id + "-300").put("height", 300).put("width", 300);
        images.addObject().put("url", "https://i.scdn.co/image/" + id + "-640").put("height", 640).put("width", 640);
        album.put("name", "Album " + id);
        album.put("release_date", "1981-12-29");
        album.put("release_date_precision", "day");
        album.put("total_tracks", 10);
        album.put("type", "album");
        album.put("uri", "spotify:album:" + id);
        return album;
    }

    public static ObjectNode track(String id, Shape shape) {
        ObjectNode track = JSON.createObjectNode();
        track.set("album", album(id('a', 7), shape));
        track.putArray("artists").add(artist(id('r', 1), shape)).add(artist(id('r', 2), shape));
        if (shape == Shape.EXTENDED) {
            track.putArray("available_markets").add("SE").add("DE");
        }
        track.put("disc_number", 1);
        track.put("duration_ms", 215_000);
        track.put("explicit", false);
        track.putObject("external_ids").put("isrc", "GBAYE8100053");
        track.putObject("external_urls").put("spotify", "https://open.spotify.com/track/" + id);
        track.put("href", API + "/v1/tracks/" + id);
        track.put("id", id);
        track.put("is_local", false);
        track.put("name", "Track " + id);
        if (shape == Shape.EXTENDED) {
            track.put("popularity", 57);
        }
        track.putNull("preview_url");
        track.put("track_number", 3);
        track.put("type", "track");
        track.put("uri", "spotify:track:" + id);
        return track;
    }

    /** A playlist entry: the track under {@code track} (full API) or {@code item} (Development Mode). */
    public static ObjectNode entry(ObjectNode track, Shape shape) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("added_at", "2024-05-01T10:00:00Z");
        ObjectNode addedBy = entry.putObject("added_by");
        addedBy.putObject("external_urls").put("spotify", "https://open.spotify.com/user/ann");
        addedBy.put("href", API + "/v1/users/ann").put("id", "ann").put("type", "user").put("uri", "spotify:user:ann");
        entry.put("is_local", false);
        entry.putNull("primary_color");
        entry.set(shape == Shape.EXTENDED ? "track" : "item", track);
        if (shape == Shape.EXTENDED) {
            entry.putObject("video_thumbnail").putNull("url");
        }
        return entry;
    }

    /** A local file in a playlist: no id, is_local true. */
    public static ObjectNode localFileEntry(Shape shape) {
        ObjectNode track = JSON.createObjectNode();
        track.putObject("album").putNull("id").put("name", "").putArray("images");
        track.putArray("artists").addObject().putNull("id").put("name", "Someone");
        track.put("duration_ms", 1000).put("explicit", false).putNull("id").put("is_local", true)
                .put("name", "my-demo.mp3").put("type", "track").put("uri", "spotify:local:::my-demo.mp3:1");
        ObjectNode entry = entry(track, shape);
        entry.put("is_local", true);
        return entry;
    }

    public static ObjectNode episodeEntry(Shape shape) {
        ObjectNode episode = JSON.createObjectNode();
        episode.put("id", id('e', 1)).put("name", "An episode").put("type", "episode")
                .put("uri", "spotify:episode:" + id('e', 1)).put("duration_ms", 1_800_000);
        return entry(episode, shape);
    }

    /** A paging object exactly as Spotify sends one. */
    public static ObjectNode paging(String basePath, List<? extends com.fasterxml.jackson.databind.JsonNode> items,
                             int offset, int limit, int total) {
        ObjectNode paging = JSON.createObjectNode();
        paging.put("href", API + basePath + "?offset=" + offset + "&limit=" + limit);
        paging.putArray("items").addAll(items);
        paging.put("limit", limit);
        int end = offset + items.size();
        if (end < total) {
            paging.put("next", API + basePath + "?offset=" + end + "&limit=" + limit);
        } else {
            paging.putNull("next");
        }
        paging.put("offset", offset);
        if (offset > 0) {
            paging.put("previous", API + basePath + "?offset=" + Math.max(0, offset - limit) + "&limit=" + limit);
        } else {
            paging.putNull("previous");
        }
        paging.put("total", total);
        return paging;
    }

    /** A simplified playlist (as in lists): items field is {href,total}. */
    public static ObjectNode simplePlaylist(String id, String owner, int total, Shape shape) {
        ObjectNode playlist = playlistHead(id, owner, shape);
        playlist.putObject(shape == Shape.EXTENDED ? "tracks" : "items")
                .put("href", API + "/v1/playlists/" + id + "/" + (shape == Shape.EXTENDED ? "tracks" : "items"))
                .put("total", total);
        return playlist;
    }

    /** A full playlist: its items field is the first paging object. */
    public static ObjectNode fullPlaylist(String id, String owner, ObjectNode firstPage, Shape shape) {
        ObjectNode playlist = playlistHead(id, owner, shape);
        playlist.set(shape == Shape.EXTENDED ? "tracks" : "items", firstPage);
        return playlist;
    }

    private static ObjectNode playlistHead(String id, String owner, Shape shape) {
        ObjectNode playlist = JSON.createObjectNode();
        playlist.put("collaborative", false);
        playlist.put("description", "Songs for " + id);
        playlist.putObject("external_urls").put("spotify", "https://open.spotify.com/playlist/" + id);
        if (shape == Shape.EXTENDED) {
            playlist.putObject("followers").putNull("href").put("total", 3);
        }
        playlist.put("href", API + "/v1/playlists/" + id);
        playlist.put("id", id);
        playlist.putArray("images");
        playlist.put("name", "Playlist " + id);
        ObjectNode ownerNode = playlist.putObject("owner");
        ownerNode.put("display_name", "Owner " + owner);
        ownerNode.putObject("external_urls").put("spotify", "https://open.spotify.com/user/" + owner);
        ownerNode.put("href", API + "/v1/users/" + owner).put("id", owner).put("type", "user").put("uri", "spotify:user:" + owner);
        playlist.putNull("primary_color");
        playlist.put("public", true);
        playlist.put("snapshot_id", "AAAAB8C6ZzRoYm9k" + id.substring(0, 4));
        playlist.put("type", "playlist");
        playlist.put("uri", "spotify:playlist:" + id);
        return playlist;
    }

    public static String error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("status", status).put("message", message);
        return root.toString();
    }

    public static String quotaError() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("status", 429).put("message", "API rate limit exceeded").put("reason", "QUOTA_EXCEEDED");
        return root.toString();
    }
}
