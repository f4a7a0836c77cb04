package dev.playlistgateway.domain.fake;

import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test data: users, their playlists, and the catalogue their tracks come from. Built with
 * {@link #builder()}; {@link CountingPlaylistPort} serves it.
 *
 * <pre>{@code
 * TestCatalog catalog = TestCatalog.builder()
 *         .distinctArtists(30)                  // tracks cycle through 30 artists (and their albums)
 *         .user("alice").playlists("alice", 50, 100)
 *         .user("bob").playlist("bob", "bob-secret", false, 12)
 *         .build();
 * }</pre>
 */
public final class TestCatalog {

    /** A playlist as the fake music service holds it. */
    public record PlaylistData(PlaylistId id, String name, String description, UserId owner, Boolean isPublic,
                               boolean collaborative, Set<UserId> collaborators, List<TrackId> trackIds) {
        public PlaylistData {
            collaborators = Set.copyOf(collaborators);
            trackIds = List.copyOf(trackIds);
        }
    }

    private final Map<UserId, User> users;
    private final Map<PlaylistId, PlaylistData> playlists;
    private final Map<TrackId, Track> tracks;
    private final Map<ArtistId, Artist> artists;
    private final Map<AlbumId, Album> albums;

    private TestCatalog(Builder b) {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(b.users));
        playlists = Collections.unmodifiableMap(new LinkedHashMap<>(b.playlists));
        tracks = Collections.unmodifiableMap(new LinkedHashMap<>(b.tracks));
        artists = Collections.unmodifiableMap(new LinkedHashMap<>(b.artists));
        albums = Collections.unmodifiableMap(new LinkedHashMap<>(b.albums));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One user with {@code playlists} playlists of {@code tracksEach} tracks over {@code artists} artists. */
    public static TestCatalog userWith(String user, int playlists, int tracksEach, int artists) {
        return builder().distinctArtists(artists).user(user).playlists(user, playlists, tracksEach).build();
    }

    public Map<UserId, User> users() {
        return users;
    }

    public Map<PlaylistId, PlaylistData> playlists() {
        return playlists;
    }

    public Map<TrackId, Track> tracks() {
        return tracks;
    }

    public Map<ArtistId, Artist> artists() {
        return artists;
    }

    public Map<AlbumId, Album> albums() {
        return albums;
    }

    public PlaylistData playlist(String id) {
        return playlists.get(PlaylistId.of(id));
    }

    public List<PlaylistId> playlistIdsOf(String owner) {
        return playlists.values().stream().filter(p -> p.owner().value().equals(owner)).map(PlaylistData::id).toList();
    }

    /** The distinct artists credited on a playlist's tracks. */
    public Set<ArtistId> artistsOf(String playlist) {
        Set<ArtistId> ids = new LinkedHashSet<>();
        playlist(playlist).trackIds().forEach(t -> tracks.get(t).artists().forEach(a -> ids.add(a.id())));
        return ids;
    }

    /** Builds catalogues; tracks are made on demand, each new one credited to the next artist of a pool. */
    public static final class Builder {
        private final Map<UserId, User> users = new LinkedHashMap<>();
        private final Map<PlaylistId, PlaylistData> playlists = new LinkedHashMap<>();
        private final Map<TrackId, Track> tracks = new LinkedHashMap<>();
        private final Map<ArtistId, Artist> artists = new LinkedHashMap<>();
        private final Map<AlbumId, Album> albums = new LinkedHashMap<>();
        private int artistPool = 10;
        private int nextTrack = 1;

        /** How many distinct artists (each with one album) generated tracks cycle through. */
        public Builder distinctArtists(int count) {
            artistPool = count;
            return this;
        }

        public Builder user(String id) {
            users.put(UserId.of(id), new User(UserId.of(id), "User " + id));
            return this;
        }

        /** {@code count} playlists owned by {@code owner}, alternately public and private, of fresh tracks. */
        public Builder playlists(String owner, int count, int tracksEach) {
            for (int i = 0; i < count; i++) {
                playlist(owner, String.format("%s-pl-%02d", owner, i), i % 2 == 0, tracksEach);
            }
            return this;
        }

        /** One playlist of {@code trackCount} fresh tracks. */
        public Builder playlist(String owner, String id, Boolean isPublic, int trackCount) {
            List<TrackId> ids = new ArrayList<>();
            for (int i = 0; i < trackCount; i++) {
                ids.add(newTrack().id());
            }
            return playlist(owner, id, isPublic, ids);
        }

        /** One playlist of the given tracks (which may be shared with other playlists). */
        public Builder playlist(String owner, String id, Boolean isPublic, List<TrackId> trackIds) {
            if (!users.containsKey(UserId.of(owner))) {
                user(owner);
            }
            playlists.put(PlaylistId.of(id), new PlaylistData(PlaylistId.of(id), "Playlist " + id, null,
                    UserId.of(owner), isPublic, false, Set.of(), trackIds));
            return this;
        }

        /** Makes {@code user} a collaborator of the playlist (who may then change it). */
        public Builder collaborator(String playlistId, String user) {
            PlaylistData p = playlists.get(PlaylistId.of(playlistId));
            Set<UserId> collaborators = new java.util.HashSet<>(p.collaborators());
            collaborators.add(UserId.of(user));
            playlists.put(p.id(), new PlaylistData(p.id(), p.name(), p.description(), p.owner(), p.isPublic(),
                    true, collaborators, p.trackIds()));
            return this;
        }

        /** A fresh track credited to the next artist of the pool. */
        public Track newTrack() {
            int n = nextTrack++;
            int a = (n - 1) % artistPool;
            Artist artist = artists.computeIfAbsent(ArtistId.of(String.format("ar%04d", a)),
                    id -> new Artist(id, "Artist " + a, List.of("genre-" + (a % 7), "genre-x"), a % 2 == 0 ? 40 + a % 60 : null));
            Album album = albums.computeIfAbsent(AlbumId.of(String.format("al%04d", a)),
                    id -> new Album(id, "Album " + a, "20" + String.format("%02d", a % 25), null));
            Track track = new Track(TrackId.of(String.format("tr%05d", n)), "Track " + n, 180_000 + n, n % 5 == 0,
                    n % 3 == 0 ? null : n % 100, "spotify:track:tr" + n,
                    List.of(new Track.ArtistCredit(artist.id(), artist.name())), album);
            tracks.put(track.id(), track);
            return track;
        }

        public TestCatalog build() {
            return new TestCatalog(this);
        }
    }
}
