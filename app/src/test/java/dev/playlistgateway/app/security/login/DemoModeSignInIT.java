package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.session.Sessions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode (no Spotify credentials) needs none of sign-in: no routes, no session beans, the demo user for everyone.
 *
 * <p>The gateway is started here rather than by {@code @MicronautTest}: a {@code @MicronautTest} class in this package
 * is itself a bean under the package's {@code @Requires(property = "spotify.client-id")}, and would be skipped in
 * demo mode instead of run.
 */
class DemoModeSignInIT {

    @Test
    void demoModeHasNoSignInAndStillServesTheDemoUser() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1),
                Environment.TEST)) {
            ApplicationContext context = server.getApplicationContext();
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
}
