package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.contract.PlaylistPortContract;
import dev.playlistgateway.contract.PlaylistPortFixture;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;

import static dev.playlistgateway.adapter.demo.DemoIds.*;

class DemoPlaylistAdapterTest extends PlaylistPortContract {

    @Override
    protected PlaylistPortFixture fixture() {
        return PlaylistPortFixture.of(DemoCatalog.loadBundled().playlistPort(), Viewer.signedIn(DEMO_LISTENER, null))
                .ownedPlaylist(EVERYTHING_2024, 260)
                .trackNotInOwnedPlaylist(KEROSENE)
                .knownTracks(KEROSENE, HAPPY_ACCIDENTS, ROSEWATER)
                .knownArtists(MARLOWE_VANCE, NIGHTJAR_CLUB)
                .knownAlbums(SALT_ON_THE_WINDOWSILL, NEON_CARTOGRAPHY)
                .unknown(TrackId.of("4uLU6hMCjMI75M1A2tKUQC"), ArtistId.of("0OdUWJ0sBjDrqHygGUXeCF"),
                        AlbumId.of("6akEvsycLGftJxYudPjmqK"), PlaylistId.of("37i9dQZF1DXcBWIGoYBM5M"))
                .otherUsersPlaylists(DEAR_DIARY, MARTAS_SUMMER_MIX)
                .build();
    }
}
