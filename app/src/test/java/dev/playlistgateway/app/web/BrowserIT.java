package dev.playlistgateway.app.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser tests of app/src/test/node/browser (Node's test runner driving Debian's headless Chromium
 * through playwright-core) against this gateway in demo mode, started here on a free port with one
 * extra origin in its CORS origins, and against a second one in Spotify mode (for an anonymous visitor). Screenshots and logs go to app/target/browser-tests/.
 * Without node, npm or chromium this skips, or fails under CI=true (NodeTools).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrowserIT {
    private static final Path OUTPUT = Path.of("target/browser-tests").toAbsolutePath();
    private static NodeTools tools;
    private static EmbeddedServer gateway;
    private static EmbeddedServer spotifyModeGateway;
    private static int allowedOriginPort;
    private static int refusedOriginPort;

    @BeforeAll
    static void startGatewayAndInstall() throws IOException {
        tools = NodeTools.require(true);
        tools.install(NodeTools.BROWSER_TESTS, OUTPUT.resolve("npm-ci.log"));
        allowedOriginPort = freePort();
        refusedOriginPort = freePort();
        gateway = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "cors.origins", "http://127.0.0.1:" + allowedOriginPort));
        // Spotify mode for an anonymous visitor: Spotify's addresses are a closed port, never called.
        spotifyModeGateway = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "spotify.client-id", "test-client", "spotify.client-secret", "test-secret",
                "spotify.api-url", "http://127.0.0.1:9", "spotify.accounts-url", "http://127.0.0.1:9",
                "spotify.api-mode", "extended"));
    }

    @AfterAll
    static void stopGateways() {
        for (EmbeddedServer server : new EmbeddedServer[] {gateway, spotifyModeGateway}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
    }

    @Test
    void exampleAppListsPagesScrollsAddsAndRemovesWithNoConsoleErrorAndNoTrafficPastLoopback() {
        runBrowserTest("example-app.test.mjs");
    }

    @Test
    void theSamePageWorksFromAnOriginInCorsOriginsAndIsBlockedFromAnyOther() {
        runBrowserTest("cross-origin.test.mjs");
    }

    @Test
    void graphiqlShowsTheDemoBannerRunsAQueryAndShowsItsCost() {
        runBrowserTest("graphiql.test.mjs");
    }

    @Test
    void inSpotifyModeBothPagesOfferSignInWithSpotify() {
        runBrowserTest("spotify-mode.test.mjs");
    }

    private static void runBrowserTest(String file) {
        Path log = OUTPUT.resolve(file.replace(".test.mjs", ".log"));
        int exit = tools.run(NodeTools.BROWSER_TESTS, Map.of(
                        "GATEWAY_URL", "http://127.0.0.1:" + gateway.getPort(),
                        "SPOTIFY_GATEWAY_URL", "http://127.0.0.1:" + spotifyModeGateway.getPort(),
                        "ALLOWED_ORIGIN_PORT", String.valueOf(allowedOriginPort),
                        "REFUSED_ORIGIN_PORT", String.valueOf(refusedOriginPort),
                        "WEB_ROOT", NodeTools.BUILT_APP.toString(),
                        "SCREENSHOT_DIR", OUTPUT.resolve("screenshots").toString(),
                        "CHROMIUM_PATH", tools.chromium.toString()),
                300, log, tools.node.toString(), "--test", "--test-reporter=spec", file);
        assertThat(exit).as("%s failed in Chromium (exit %d): see %s and the output above", file, exit, log).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
