package dev.playlistgateway.app.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The mode, decided by the same condition as the wiring's DemoModeFactory and SpotifyModeFactory: a
 * configured {@code spotify.client-id} means Spotify mode, none means demo mode.
 */
@Factory
final class GatewayModeFactory {
    /** Micronaut's OAuth2 login route for the client named {@code spotify} (micronaut.security.oauth2.clients.spotify). */
    static final String SPOTIFY_SIGN_IN_PATH = "/oauth/login/spotify";

    @Singleton
    @Requires(property = "spotify.client-id")
    GatewayMode spotifyMode(@Property(name = "micronaut.security.endpoints.logout.path", defaultValue = "/logout") String logoutPath) {
        return GatewayMode.spotify(SPOTIFY_SIGN_IN_PATH, logoutPath);
    }

    @Singleton
    @Requires(missingProperty = "spotify.client-id")
    GatewayMode demoMode() {
        return GatewayMode.DEMO;
    }
}
