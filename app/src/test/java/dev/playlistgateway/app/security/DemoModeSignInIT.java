package dev.playlistgateway.app.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode (no Spotify credentials) needs none of sign-in: no routes, no session beans, the demo user for everyone. */
@MicronautTest
class DemoModeSignInIT {
    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Test
    void demoModeHasNoSignInAndStillServesTheDemoUser() {
        Browser browser = new Browser("http://127.0.0.1:" + server.getPort());

        assertThat(context.containsBean(SpotifyLoginMapper.class)).isFalse();
        assertThat(context.containsBean(Sessions.class)).isFalse();
        assertThat(browser.get("/oauth/login/spotify").statusCode()).isEqualTo(404);
        assertThat(browser.graphql("{ me { id: spotifyId } }").<String>at("data.me.id")).isEqualTo("demo-listener");
        // A stray Authorization header or cookie changes nothing in demo mode.
        assertThat(browser.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer whatever", "Cookie", "pgw_session=x")
                .<String>at("data.me.id")).isEqualTo("demo-listener");
    }
}
