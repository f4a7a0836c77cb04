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
    static final Viewer ANN_VIEWER = Viewer.signedIn(ANN, null);
    /** Ann's {@code /v1/me}, as Spotify sends it. */
    static final String ME = "{\"country\":\"SE\",\"display_name\":\"Ann\",\"external_urls\":{\"spotify\":\"https://open.spotify.com/user/ann\"},"
            + "\"href\":\"https://api.spotify.com/v1/users/ann\",\"id\":\"ann\",\"images\":[],\"type\":\"user\",\"uri\":\"spotify:user:ann\"}";

    WireMockServer spotify;
    final FakeSpotify.Catalogue catalogue = new FakeSpotify.Catalogue();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void startSpotify() {
        spotify = new WireMockServer(options().dynamicPort().containerThreads(64)
                .extensions(catalogue, new FakeSpotify.PlaylistItems()));
        spotify.start();
        stubAppToken(spotify, APP_TOKEN);
    }

    @AfterEach
    void stopSpotify() {
        spotify.stop();
    }

    /** The token endpoint hands out {@code token} for the client credentials grant. */
    static void stubAppToken(WireMockServer server, String token) {
        server.stubFor(post("/api/token").willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    /** Settings pointing the Web API and the accounts service at {@code server}, with short backoffs. */
    static SpotifySettings.Builder settingsFor(WireMockServer server) {
        return SpotifySettings.builder("client-id", "client-secret")
                .apiUrl(URI.create(server.baseUrl()))
                .accountsUrl(URI.create(server.baseUrl()))
                .backoffBase(Duration.ofMillis(10));
    }

    SpotifySettings.Builder settings() {
        return settingsFor(spotify).readTimeout(Duration.ofSeconds(3));
    }

    SpotifyPlaylistAdapter adapter(SpotifySettings settings) {
        return adapter(settings, new FixedUserTokens("ann-token", "ann-token-2"));
    }

    SpotifyPlaylistAdapter adapter(SpotifySettings settings, SpotifyUserTokens tokens) {
        return client(settings).playlistAdapter(tokens);
    }

    /** A whole client (port and sign-in calls on one transport), with its own in-process gate. */
    Spotify client(SpotifySettings settings) {
        return Spotify.connect(settings, meters, ThrottleGate.inProcess(), java.time.Clock.systemUTC());
    }

    SpotifyPlaylistAdapter adapter() {
        return adapter(settings().build());
    }

    /** What {@code call} throws, when it is a {@code type}; any other exception propagates. */
    static <E extends RuntimeException> E thrown(Class<E> type, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw e;
        }
        throw new AssertionError("expected a " + type.getSimpleName());
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
