package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.demo.DemoCatalog;
import dev.playlistgateway.app.viewer.ViewerResolver;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Demo mode: with no Spotify credentials the gateway serves the bundled catalog, and every caller
 * is the catalog's default user, so the README's first query works with no sign-in and no network.
 */
@Factory
@Requires(missingProperty = "spotify.client-id")
final class DemoModeFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DemoModeFactory.class);

    /** Built at start-up, so the banner below is the first thing an operator sees, not a first-request surprise. */
    @Context
    DemoCatalog demoCatalog(Environment env) {
        Duration latency = Settings.nonNegativeDuration(env, "demo.latency").orElse(Duration.ZERO);
        // demo.latency makes every catalog call cost a network round trip: for benchmarks and demos of caching.
        DemoCatalog catalog = DemoCatalog.loadBundled().withLatency(latency);
        LOG.warn("""

                ************************************************************************
                *  DEMO MODE: no SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET are set.     *
                *  Serving the bundled offline demo catalog, not Spotify. Every caller *
                *  is the demo user '{}'. Set the credentials to use Spotify.
                ************************************************************************""",
                catalog.defaultUser());
        return catalog;
    }

    @Singleton
    PlaylistPort demoPlaylistPort(DemoCatalog catalog) {
        return catalog.playlistPort();
    }

    @Singleton
    ViewerResolver demoViewer(DemoCatalog catalog) {
        Viewer viewer = Viewer.signedIn(catalog.defaultUser(), null);
        return request -> viewer;
    }
}
