package dev.playlistgateway.contract;

import dev.playlistgateway.domain.fake.CountingPlaylistPort;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;

import java.util.Iterator;

/** The domain tests' music service, {@link CountingPlaylistPort}, answers as every adapter must. */
class CountingPlaylistPortContractTest extends PlaylistPortContract {

    @Override
    protected PlaylistPortFixture fixture() {
        TestCatalog catalog = TestCatalog.builder()
                .distinctArtists(5)
                .playlist("ann", "ann-long", false, 130)
                .playlist("bob", "bob-secret", false, 12)
                .playlist("bob", "bob-shared", true, 12)
                .build();
        Iterator<ArtistId> artists = catalog.artists().keySet().iterator();
        Iterator<AlbumId> albums = catalog.albums().keySet().iterator();
        TrackId bobsFirst = catalog.playlist("bob-shared").trackIds().get(0);
        return PlaylistPortFixture.of(new CountingPlaylistPort(catalog), Viewer.signedIn(UserId.of("ann"), null))
                .ownedPlaylist(PlaylistId.of("ann-long"), 130)
                .trackNotInOwnedPlaylist(bobsFirst)
                .knownTracks(catalog.playlist("ann-long").trackIds().get(0), bobsFirst)
                .knownArtists(artists.next(), artists.next())
                .knownAlbums(albums.next(), albums.next())
                .unknown(TrackId.of("tr-unknown"), ArtistId.of("ar-unknown"), AlbumId.of("al-unknown"),
                        PlaylistId.of("pl-unknown"))
                .otherUsersPlaylists(PlaylistId.of("bob-secret"), PlaylistId.of("bob-shared"))
                .build();
    }
}
