package dev.playlistgateway.adapter.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The catalogue in memory: users, artists, albums and tracks (fixed), and the playlists, which
 * change. Each playlist is swapped as a whole, atomically, so concurrent changes to one playlist
 * never lose an update and readers never see half of one.
 */
final class Catalog {

    private final UserId defaultUser;
    private final Map<UserId, User> users;
    private final Map<ArtistId, Artist> artists;
    private final Map<AlbumId, Album> albums;
    private final Map<TrackId, Track> tracks;
    /** The order playlists are listed in: the catalogue's, which is what a user's library order would be. */
    private final List<PlaylistId> playlistOrder;
    private final ConcurrentHashMap<PlaylistId, PlaylistState> playlists;

    private Catalog(UserId defaultUser, Map<UserId, User> users, Map<ArtistId, Artist> artists,
                    Map<AlbumId, Album> albums, Map<TrackId, Track> tracks, Map<PlaylistId, PlaylistState> playlists) {
        this.defaultUser = defaultUser;
        this.users = Map.copyOf(users);
        this.artists = Map.copyOf(artists);
        this.albums = Map.copyOf(albums);
        this.tracks = Map.copyOf(tracks);
        this.playlistOrder = List.copyOf(playlists.keySet());
        this.playlists = new ConcurrentHashMap<>(playlists);
    }

    /**
     * Reads a catalogue and checks that every reference in it resolves, so that a broken resource
     * fails at start-up and not on the first query that touches the broken part.
     *
     * @throws IllegalStateException if the JSON cannot be read or is inconsistent
     */
    static Catalog read(InputStream json) {
        CatalogJson raw;
        try {
            raw = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(json, CatalogJson.class);
        } catch (IOException e) {
            throw new IllegalStateException("The demo catalog cannot be read: " + e.getMessage(), e);
        }
        try {
            return build(raw);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The demo catalog is inconsistent: " + e.getMessage(), e);
        }
    }

    private static Catalog build(CatalogJson raw) {
        Map<UserId, User> users = new LinkedHashMap<>();
        for (CatalogJson.UserJson user : raw.users()) {
            put(users, UserId.of(user.id()), new User(UserId.of(user.id()), user.displayName()), "user");
        }
        Map<ArtistId, Artist> artists = new LinkedHashMap<>();
        for (CatalogJson.ArtistJson artist : raw.artists()) {
            ArtistId id = ArtistId.of(artist.id());
            put(artists, id, new Artist(id, artist.name(), artist.genres(), artist.popularity()), "artist");
        }
        Map<AlbumId, Album> albums = new LinkedHashMap<>();
        for (CatalogJson.AlbumJson album : raw.albums()) {
            AlbumId id = AlbumId.of(album.id());
            put(albums, id, new Album(id, album.name(), album.releaseDate(), album.imageUrl()), "album");
        }
        Map<TrackId, Track> tracks = new LinkedHashMap<>();
        for (CatalogJson.TrackJson track : raw.tracks()) {
            TrackId id = TrackId.of(track.id());
            List<Track.ArtistCredit> credits = new ArrayList<>();
            for (String artistId : track.artistIds()) {
                Artist artist = require(artists, ArtistId.of(artistId), "artist", "track " + id);
                credits.add(new Track.ArtistCredit(artist.id(), artist.name()));
            }
            Album album = require(albums, AlbumId.of(track.albumId()), "album", "track " + id);
            put(tracks, id, new Track(id, track.name(), track.durationMs(), track.explicit(), track.popularity(),
                    "spotify:track:" + id.value(), credits, album), "track");
        }
        Map<PlaylistId, PlaylistState> playlists = new LinkedHashMap<>();
        for (CatalogJson.PlaylistJson playlist : raw.playlists()) {
            PlaylistId id = PlaylistId.of(playlist.id());
            User owner = require(users, UserId.of(playlist.ownerId()), "user", "playlist " + id);
            Set<UserId> collaborators = new HashSet<>();
            for (String collaborator : playlist.collaborators()) {
                collaborators.add(require(users, UserId.of(collaborator), "user", "playlist " + id).id());
            }
            List<PlaylistItem> items = new ArrayList<>();
            for (CatalogJson.ItemJson item : playlist.items()) {
                TrackId trackId = item.trackId() == null ? null
                        : require(tracks, TrackId.of(item.trackId()), "track", "playlist " + id).id();
                items.add(new PlaylistItem(instant(item.addedAt()), trackId));
            }
            put(playlists, id, PlaylistState.initial(id, playlist.name(), playlist.description(), owner,
                    playlist.isPublic(), playlist.collaborative(), collaborators, playlist.version(), items), "playlist");
        }
        UserId defaultUser = require(users, UserId.of(raw.defaultUser()), "user", "defaultUser").id();
        return new Catalog(defaultUser, users, artists, albums, tracks, playlists);
    }

    private static <K, V> void put(Map<K, V> map, K key, V value, String kind) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("duplicate " + kind + " id " + key);
        }
    }

    private static <K, V> V require(Map<K, V> map, K key, String kind, String referrer) {
        V value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(referrer + " refers to unknown " + kind + " " + key);
        }
        return value;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant: " + text, e);
        }
    }

    UserId defaultUser() {
        return defaultUser;
    }

    User user(UserId id) {
        return users.get(id);
    }

    Track track(TrackId id) {
        return tracks.get(id);
    }

    Artist artist(ArtistId id) {
        return artists.get(id);
    }

    Album album(AlbumId id) {
        return albums.get(id);
    }

    /** The playlist as it is now, or null if there is none with this id. */
    PlaylistState playlist(PlaylistId id) {
        return playlists.get(id);
    }

    /** Every playlist as it is now, in catalogue order. */
    List<PlaylistState> playlists() {
        return playlistOrder.stream().map(playlists::get).toList();
    }

    /**
     * Replaces a playlist by what {@code change} makes of it, atomically: concurrent changes to the same
     * playlist run one after another. An exception from {@code change} leaves the playlist as it was.
     *
     * @return the new state
     */
    PlaylistState update(PlaylistId id, UnaryOperator<PlaylistState> change) {
        return playlists.computeIfPresent(id, (key, current) -> change.apply(current));
    }
}
