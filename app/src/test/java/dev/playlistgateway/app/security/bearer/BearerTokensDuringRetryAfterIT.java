package dev.playlistgateway.app.security.bearer;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import dev.playlistgateway.app.security.session.SessionRecord;
import dev.playlistgateway.app.security.session.Sessions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Spotify's Retry-After holds (a 429 on any call closes the one gate), nothing that talks to Spotify
 * makes a call: not a Bearer lookup (answered at once, RATE_LIMITED with the time left), not a sign-in's code
 * exchange (the failure page), not a session's refresh (RATE_LIMITED). A Bearer token the gateway knows,
 * due for its re-check, keeps reading what is cached: Spotify's last answer stands while it cannot give
 * another. Spotify's calls are counted in WireMock: none after the 429.
 */
@MicronautTest
class BearerTokensDuringRetryAfterIT extends SpotifyStubGateway {
    private static final String PUBLIC_PLAYLIST = "pubthrottled00000000000";
    private static final String JOS_PLAYLIST = "josprivate000000000000";
    private int callsAtThe429;

    @Inject
    Sessions sessions;

    @Override
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        return with(spotify.gatewayProperties(), "gateway.security.bearer.revalidate-after", "1s");
    }

    private static String playlistNameQuery(String id) {
        return "{ playlist(id: \"" + id.substring(0, 22) + "\") { id: spotifyId name } }";
    }

    @BeforeAll
    void spotifyThrottlesAfterJoHasReadHerPlaylist() {
        spotify.acceptToken("jo-client-token", "jo");
        spotify.playlist(JOS_PLAYLIST.substring(0, 22), "jo", false);
        spotify.playlist(PUBLIC_PLAYLIST.substring(0, 22), "zed", true);
        assertThat(browser().graphql(playlistNameQuery(JOS_PLAYLIST), "Authorization", "Bearer jo-client-token").errorCodes()).isEmpty();

        spotify.throttle(600);
        Browser.GraphQLResponse throttled = browser().graphql(playlistNameQuery(PUBLIC_PLAYLIST));
        assertThat(throttled.errorCodes()).containsExactly("RATE_LIMITED");
        callsAtThe429 = spotify.requests().size();
    }

    @Test
    void newBearerTokensAreAnsweredAtOnceWithRateLimitedAndNoCall() {
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Browser.GraphQLResponse answer = browser().graphql("{ me { id: spotifyId } }", "Authorization", "Bearer unknown-token-" + i);

            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.errorCodes()).containsExactly("RATE_LIMITED");
            assertThat(answer.<Integer>at("errors.0.extensions.retryAfterSeconds")).isBetween(500, 600);
            assertThat(answer.raw().headers().firstValue("Retry-After")).isPresent();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20)); // no waiting on the gate
        assertThat(spotify.requests()).hasSize(callsAtThe429);
    }

    @Test
    void aSignInMakesNoCallAndEndsOnTheFailurePage() {
        spotify.codeGrant("code-during-429", "ivy", "ivy-access-1", "ivy-refresh-1", 3600);
        Browser browser = browser();

        HttpResponse<String> callback = browser.signInWithSpotify("code-during-429");

        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue("/graphiql?login=failed");
        assertThat(browser.sessionCookie()).isNull();
        assertThat(spotify.requests()).hasSize(callsAtThe429);
    }

    @Test
    void aSessionsRefreshMakesNoCallAndTheFieldFailsRateLimited() throws Exception {
        String id = sessions.create(SessionRecord.signedIn("max", "Max", "max-access-1", "max-refresh-1", 1,
                sessions.now(), sessions.ttl()));
        Thread.sleep(700); // past the renewal moment of the 1 s token

        Browser.GraphQLResponse answer = browser().graphql("{ me { displayName } }", "Cookie", "pgw_session=" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errorCodes()).containsExactly("RATE_LIMITED");
        assertThat(spotify.requests()).hasSize(callsAtThe429);
        assertThat(sessions.find(Sessions.handleOf(id))).isPresent(); // throttled is not signed out
    }

    @Test
    void aKnownBearerTokenDueForItsRecheckKeepsReadingWhatIsCached() throws Exception {
        Thread.sleep(1100); // past revalidate-after

        Browser.GraphQLResponse answer = browser().graphql(playlistNameQuery(JOS_PLAYLIST), "Authorization", "Bearer jo-client-token");

        assertThat(answer.errorCodes()).isEmpty();
        assertThat(answer.<String>at("data.playlist.name")).isEqualTo("Playlist " + JOS_PLAYLIST.substring(0, 22) + " of jo");
        assertThat(spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/me")))).hasSize(1); // the first lookup only
        assertThat(spotify.requests()).hasSize(callsAtThe429);
    }
}
