package dev.playlistgateway.adapter.spotify;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock server answering like Spotify's API and accounts service, and an adapter pointed at it. */
abstract class WireMockSpotifyTest {

    static final String APP_TOKEN = "app-token-1";
    static final UserId ANN = UserId.of("ann");
    static final Viewer ANN_VIEWER = Viewer.signedIn(ANN, "session-ann");

    WireMockServer spotify;
    final FakeSpotify.Catalogue catalogue = new FakeSpotify.Catalogue();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void startSpotify() {
        spotify = new WireMockServer(options().dynamicPort().containerThreads(64)
                .extensions(catalogue, new FakeSpotify.PlaylistItems()));
        spotify.start();
        spotify.stubFor(post("/api/token").willReturn(okJson(
                "{\"access_token\":\"" + APP_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    @AfterEach
    void stopSpotify() {
        spotify.stop();
    }

    SpotifySettings.Builder settings() {
        return SpotifySettings.builder("client-id", "client-secret")
                .apiUrl(URI.create(spotify.baseUrl()))
                .accountsUrl(URI.create(spotify.baseUrl()))
                .readTimeout(Duration.ofSeconds(3))
                .backoffBase(Duration.ofMillis(10));
    }

    SpotifyPlaylistPort adapter(SpotifySettings settings) {
        return adapter(settings, new FixedUserTokens("ann-token", "ann-token-2"));
    }

    SpotifyPlaylistPort adapter(SpotifySettings settings, SpotifyUserTokens tokens) {
        return SpotifyAdapter.create(settings, tokens, meters, ThrottleGate.inProcess(), java.time.Clock.systemUTC());
    }

    /** A whole connection (port and sign-in calls on one transport), with its own in-process gate. */
    SpotifyConnection connection(SpotifySettings settings) {
        return SpotifyAdapter.connect(settings, meters, ThrottleGate.inProcess(), java.time.Clock.systemUTC());
    }

    SpotifyPlaylistPort adapter() {
        return adapter(settings().build());
    }

    int calls(RequestPatternBuilder pattern) {
        return spotify.countRequestsMatching(pattern.build()).getCount();
    }

    int tokenCalls() {
        return calls(postRequestedFor(urlPathEqualTo("/api/token")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder spotifyError(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(SpotifyFixtures.error(status, message));
    }

    /** User tokens that hand out one token, then one refreshed token; counts refreshes. */
    static final class FixedUserTokens implements SpotifyUserTokens {
        final String token;
        final String refreshed;
        final AtomicInteger refreshes = new AtomicInteger();

        FixedUserTokens(String token, String refreshed) {
            this.token = token;
            this.refreshed = refreshed;
        }

        @Override
        public Optional<String> accessToken(Viewer viewer) {
            return Optional.of(token);
        }

        @Override
        public Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken) {
            refreshes.incrementAndGet();
            return Optional.ofNullable(refreshed);
        }
    }
}
