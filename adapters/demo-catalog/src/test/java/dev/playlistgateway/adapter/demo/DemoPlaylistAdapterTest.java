package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.contract.PlaylistPortContract;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;

import java.util.List;

import static dev.playlistgateway.adapter.demo.DemoIds.*;

class DemoPlaylistAdapterTest extends PlaylistPortContract {

    @Override
    protected PlaylistPort port() {
        return DemoCatalog.loadBundled().playlistPort();
    }

    @Override
    protected Viewer viewer() {
        return Viewer.signedIn(DEMO_LISTENER, null);
    }

    @Override
    protected PlaylistId ownedPlaylist() {
        return EVERYTHING_2024;
    }

    @Override
    protected int ownedPlaylistSize() {
        return 260;
    }

    @Override
    protected TrackId trackNotInOwnedPlaylist() {
        return KEROSENE;
    }

    @Override
    protected List<TrackId> knownTracks() {
        return List.of(KEROSENE, HAPPY_ACCIDENTS, ROSEWATER);
    }

    @Override
    protected List<ArtistId> knownArtists() {
        return List.of(MARLOWE_VANCE, NIGHTJAR_CLUB);
    }

    @Override
    protected List<AlbumId> knownAlbums() {
        return List.of(SALT_ON_THE_WINDOWSILL, NEON_CARTOGRAPHY);
    }

    @Override
    protected TrackId unknownTrack() {
        return TrackId.of("4uLU6hMCjMI75M1A2tKUQC");
    }

    @Override
    protected ArtistId unknownArtist() {
        return ArtistId.of("0OdUWJ0sBjDrqHygGUXeCF");
    }

    @Override
    protected AlbumId unknownAlbum() {
        return AlbumId.of("6akEvsycLGftJxYudPjmqK");
    }

    @Override
    protected PlaylistId unknownPlaylist() {
        return PlaylistId.of("37i9dQZF1DXcBWIGoYBM5M");
    }

    @Override
    protected PlaylistId otherUsersPrivatePlaylist() {
        return DEAR_DIARY;
    }

    @Override
    protected PlaylistId otherUsersPublicPlaylist() {
        return MARTAS_SUMMER_MIX;
    }
}
