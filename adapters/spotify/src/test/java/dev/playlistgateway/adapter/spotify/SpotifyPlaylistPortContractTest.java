package dev.playlistgateway.adapter.spotify;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.contract.PlaylistPortContract;
import dev.playlistgateway.contract.PlaylistPortFixture;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.port.PlaylistPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

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
        protected PlaylistPortFixture fixture() {
            spotify = new WireMockServer(options().dynamicPort().extensions(new StatefulSpotify(shape(), OWNED_SIZE)));
            spotify.start();
            WireMockSpotifyTest.stubAppToken(spotify, "app");
            spotify.stubFor(any(urlPathMatching("/v1/.*")).willReturn(aResponse().withTransformers("stateful-spotify")));
            PlaylistPort port = Spotify.connect(WireMockSpotifyTest.settingsFor(spotify).build(), new SimpleMeterRegistry())
                    .playlistPort(new WireMockSpotifyTest.FixedUserTokens("ann-token", null));
            return PlaylistPortFixture.of(port, WireMockSpotifyTest.ANN_VIEWER)
                    .ownedPlaylist(PlaylistId.of(StatefulSpotify.OWNED), OWNED_SIZE)
                    .trackNotInOwnedPlaylist(TrackId.of(SpotifyFixtures.id('t', 500)))
                    .knownTracks(TrackId.of(SpotifyFixtures.id('t', 1)), TrackId.of(SpotifyFixtures.id('t', 2)))
                    .knownArtists(ArtistId.of(SpotifyFixtures.id('r', 1)), ArtistId.of(SpotifyFixtures.id('r', 2)))
                    .knownAlbums(AlbumId.of(SpotifyFixtures.id('a', 1)), AlbumId.of(SpotifyFixtures.id('a', 2)))
                    .unknown(TrackId.of(SpotifyFixtures.id('x', 1)), ArtistId.of(SpotifyFixtures.id('x', 2)),
                            AlbumId.of(SpotifyFixtures.id('x', 3)), PlaylistId.of(SpotifyFixtures.id('x', 4)))
                    .otherUsersPlaylists(PlaylistId.of(StatefulSpotify.BOBS_PRIVATE), PlaylistId.of(StatefulSpotify.BOBS_PUBLIC))
                    .build();
        }

        @AfterEach
        void stopSpotify() {
            spotify.stop();
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
