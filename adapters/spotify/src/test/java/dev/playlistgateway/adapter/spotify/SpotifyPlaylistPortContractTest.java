package dev.playlistgateway.adapter.spotify;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.contract.PlaylistPortContract;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** The shared {@link PlaylistPortContract}, run against a stateful WireMock Spotify in both API shapes. */
class SpotifyPlaylistPortContractTest {

    static final int OWNED_SIZE = 110;

    abstract static class AgainstWireMock extends PlaylistPortContract {
        private WireMockServer spotify;

        abstract Shape shape();

        @Override
        protected PlaylistPort port() {
            spotify = new WireMockServer(options().dynamicPort().extensions(new StatefulSpotify(shape(), OWNED_SIZE)));
            spotify.start();
            WireMockSpotifyTest.stubAppToken(spotify, "app");
            spotify.stubFor(any(urlPathMatching("/v1/.*")).willReturn(aResponse().withTransformers("stateful-spotify")));
            return Spotify.connect(WireMockSpotifyTest.settingsFor(spotify).build(), new SimpleMeterRegistry())
                    .playlistPort(new WireMockSpotifyTest.FixedUserTokens("ann-token", null));
        }

        @AfterEach
        void stopSpotify() {
            spotify.stop();
        }

        @Override
        protected Viewer viewer() {
            return WireMockSpotifyTest.ANN_VIEWER;
        }

        @Override
        protected PlaylistId ownedPlaylist() {
            return PlaylistId.of(StatefulSpotify.OWNED);
        }

        @Override
        protected int ownedPlaylistSize() {
            return OWNED_SIZE;
        }

        @Override
        protected TrackId trackNotInOwnedPlaylist() {
            return TrackId.of(SpotifyFixtures.id('t', 500));
        }

        @Override
        protected List<TrackId> knownTracks() {
            return List.of(TrackId.of(SpotifyFixtures.id('t', 1)), TrackId.of(SpotifyFixtures.id('t', 2)));
        }

        @Override
        protected List<ArtistId> knownArtists() {
            return List.of(ArtistId.of(SpotifyFixtures.id('r', 1)), ArtistId.of(SpotifyFixtures.id('r', 2)));
        }

        @Override
        protected List<AlbumId> knownAlbums() {
            return List.of(AlbumId.of(SpotifyFixtures.id('a', 1)), AlbumId.of(SpotifyFixtures.id('a', 2)));
        }

        @Override
        protected TrackId unknownTrack() {
            return TrackId.of(SpotifyFixtures.id('x', 1));
        }

        @Override
        protected ArtistId unknownArtist() {
            return ArtistId.of(SpotifyFixtures.id('x', 2));
        }

        @Override
        protected AlbumId unknownAlbum() {
            return AlbumId.of(SpotifyFixtures.id('x', 3));
        }

        @Override
        protected PlaylistId unknownPlaylist() {
            return PlaylistId.of(SpotifyFixtures.id('x', 4));
        }

        @Override
        protected PlaylistId otherUsersPrivatePlaylist() {
            return PlaylistId.of(StatefulSpotify.BOBS_PRIVATE);
        }

        @Override
        protected PlaylistId otherUsersPublicPlaylist() {
            return PlaylistId.of(StatefulSpotify.BOBS_PUBLIC);
        }
    }

    @Nested
    class ExtendedQuota extends AgainstWireMock {
        @Override
        Shape shape() {
            return Shape.EXTENDED;
        }
    }

    @Nested
    class DevelopmentMode extends AgainstWireMock {
        @Override
        Shape shape() {
            return Shape.DEVELOPMENT;
        }
    }
}
