package dev.playlistgateway.contract;

import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;

import java.util.List;
import java.util.Objects;

/**
 * The port under test and the ids its data source knows or does not know, as
 * {@link PlaylistPortContract} needs them. Built with {@link #of(PlaylistPort, Viewer)}; every field
 * must be set.
 *
 * @param port                      the adapter under test, with its data source ready
 * @param viewer                    a signed-in viewer the data source knows
 * @param ownedPlaylist             a playlist {@code viewer} owns, spanning more than one upstream page:
 *                                  at least {@code itemsPageSize() + 10} items
 * @param ownedPlaylistSize         how many items {@code ownedPlaylist} holds
 * @param trackNotInOwnedPlaylist   a known track the mutation tests add and remove
 * @param knownTracks               two or more distinct tracks the data source knows
 * @param knownArtists              two or more distinct artists the data source knows
 * @param knownAlbums               two or more distinct albums the data source knows
 * @param unknownTrack              a well-formed id the data source does not know (likewise the next three)
 * @param otherUsersPrivatePlaylist another user's private playlist, on which {@code viewer} does not collaborate
 * @param otherUsersPublicPlaylist  another user's public playlist, on which {@code viewer} does not collaborate
 */
public record PlaylistPortFixture(PlaylistPort port, Viewer viewer, PlaylistId ownedPlaylist, int ownedPlaylistSize,
                                  TrackId trackNotInOwnedPlaylist, List<TrackId> knownTracks,
                                  List<ArtistId> knownArtists, List<AlbumId> knownAlbums, TrackId unknownTrack,
                                  ArtistId unknownArtist, AlbumId unknownAlbum, PlaylistId unknownPlaylist,
                                  PlaylistId otherUsersPrivatePlaylist, PlaylistId otherUsersPublicPlaylist) {

    public PlaylistPortFixture {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(ownedPlaylist, "ownedPlaylist");
        Objects.requireNonNull(trackNotInOwnedPlaylist, "trackNotInOwnedPlaylist");
        knownTracks = atLeastTwo(knownTracks, "knownTracks");
        knownArtists = atLeastTwo(knownArtists, "knownArtists");
        knownAlbums = atLeastTwo(knownAlbums, "knownAlbums");
        Objects.requireNonNull(unknownTrack, "unknown track");
        Objects.requireNonNull(unknownArtist, "unknown artist");
        Objects.requireNonNull(unknownAlbum, "unknown album");
        Objects.requireNonNull(unknownPlaylist, "unknown playlist");
        Objects.requireNonNull(otherUsersPrivatePlaylist, "otherUsersPrivatePlaylist");
        Objects.requireNonNull(otherUsersPublicPlaylist, "otherUsersPublicPlaylist");
        if (ownedPlaylistSize < port.itemsPageSize() + 10) {
            throw new IllegalArgumentException("the owned playlist must span two upstream pages: at least "
                    + (port.itemsPageSize() + 10) + " items, not " + ownedPlaylistSize);
        }
    }

    private static <T> List<T> atLeastTwo(List<T> ids, String what) {
        if (ids == null || ids.size() < 2) {
            throw new IllegalArgumentException(what + ": two or more distinct ids, not " + ids);
        }
        return List.copyOf(ids);
    }

    /** Starts a fixture: the port and its signed-in viewer; the rest follows, named. */
    public static Builder of(PlaylistPort port, Viewer viewer) {
        return new Builder(port, viewer);
    }

    /** Names each id where it is given, so an adapter's fixture reads as a list of facts. */
    public static final class Builder {
        private final PlaylistPort port;
        private final Viewer viewer;
        private PlaylistId ownedPlaylist;
        private int ownedPlaylistSize;
        private TrackId trackNotInOwnedPlaylist;
        private List<TrackId> knownTracks;
        private List<ArtistId> knownArtists;
        private List<AlbumId> knownAlbums;
        private TrackId unknownTrack;
        private ArtistId unknownArtist;
        private AlbumId unknownAlbum;
        private PlaylistId unknownPlaylist;
        private PlaylistId otherUsersPrivatePlaylist;
        private PlaylistId otherUsersPublicPlaylist;

        private Builder(PlaylistPort port, Viewer viewer) {
            this.port = port;
            this.viewer = viewer;
        }

        public Builder ownedPlaylist(PlaylistId id, int size) {
            ownedPlaylist = id;
            ownedPlaylistSize = size;
            return this;
        }

        public Builder trackNotInOwnedPlaylist(TrackId id) {
            trackNotInOwnedPlaylist = id;
            return this;
        }

        public Builder knownTracks(TrackId... ids) {
            knownTracks = List.of(ids);
            return this;
        }

        public Builder knownArtists(ArtistId... ids) {
            knownArtists = List.of(ids);
            return this;
        }

        public Builder knownAlbums(AlbumId... ids) {
            knownAlbums = List.of(ids);
            return this;
        }

        /** Well-formed ids the data source does not know. */
        public Builder unknown(TrackId track, ArtistId artist, AlbumId album, PlaylistId playlist) {
            unknownTrack = track;
            unknownArtist = artist;
            unknownAlbum = album;
            unknownPlaylist = playlist;
            return this;
        }

        public Builder otherUsersPlaylists(PlaylistId privatePlaylist, PlaylistId publicPlaylist) {
            otherUsersPrivatePlaylist = privatePlaylist;
            otherUsersPublicPlaylist = publicPlaylist;
            return this;
        }

        public PlaylistPortFixture build() {
            return new PlaylistPortFixture(port, viewer, ownedPlaylist, ownedPlaylistSize, trackNotInOwnedPlaylist,
                    knownTracks, knownArtists, knownAlbums, unknownTrack, unknownArtist, unknownAlbum,
                    unknownPlaylist, otherUsersPrivatePlaylist, otherUsersPublicPlaylist);
        }
    }
}
