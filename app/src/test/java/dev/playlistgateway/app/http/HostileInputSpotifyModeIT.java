package dev.playlistgateway.app.http;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

/**
 * The hostile-input suite against the app in Spotify mode, where the sign-in routes exist
 * ({@code /oauth/login/spotify}, {@code /oauth/callback/spotify}, {@code /logout}) and Bearer tokens are
 * looked up. Spotify is the {@link SpotifyStandIn}: it grants the app token, refuses every other grant and
 * every token it did not hand out, and knows none of the ids a probe makes up, so nothing a probe asks
 * for gets further than a refusal.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputSpotifyModeIT extends HostileInputSuite implements TestPropertyProvider {
    private SpotifyStandIn spotify;

    @Override
    public Map<String, String> getProperties() {
        spotify = SpotifyStandIn.builder().users(1).playlists(1).tracks(1).start();
        return spotify.gatewayProperties();
    }

    @AfterAll
    void stopSpotify() {
        spotify.close();
    }

    @Override
    List<String> routes() {
        return List.of("/graphql", "/graphql/", "/graphql/x", "/graphiql", "/graphiql-assets/graphiql/2.4.7/graphiql.min.js",
                "/graphiql-ui/graphiql-init.js", "/health", "/prometheus", "/oauth/login/spotify", "/oauth/login/nope",
                "/oauth/callback/spotify", "/oauth/callback/spotify?code=x&state=y", "/logout", "/nope", "/");
    }
}
