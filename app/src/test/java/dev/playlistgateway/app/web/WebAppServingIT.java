package dev.playlistgateway.app.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar serves the example app at / and its assets under /app/, under a strict CSP; /mode tells the mode. */
class WebAppServingIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageAtTheRootAndItsHashedAssetsForAYear() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            HttpResponse<String> page = get(server, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("content-security-policy")).hasValue(WebAppSecurityHeaders.POLICY);
            assertThat(page.headers().firstValue("cache-control")).hasValue(WebAppCaching.PAGE);
            assertThat(page.body()).contains("<meta name=\"graphql-endpoint\" content=\"/graphql\">");

            Matcher script = Pattern.compile("src=\"(/app/index-[\\w-]+\\.js)\"").matcher(page.body());
            assertThat(script.find()).as("the page loads its script from /app/").isTrue();
            HttpResponse<String> asset = get(server, script.group(1));
            assertThat(asset.statusCode()).isEqualTo(200);
            assertThat(asset.headers().firstValue("content-type")).hasValue("application/javascript");
            assertThat(asset.headers().firstValue("cache-control")).hasValue(WebAppCaching.ASSET);
            assertThat(asset.headers().firstValue("content-security-policy")).hasValue(WebAppSecurityHeaders.POLICY);

            HttpResponse<String> unknown = get(server, "/app/index-gone.js");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("cache-control")).isEmpty();
            assertThat(get(server, "/index.html").statusCode()).as("only / shows the page").isEqualTo(404);
        }
    }

    @Test
    void modeSaysDemoWithNoSignInWhenNoSpotifyClientIsSet() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            HttpResponse<String> mode = get(server, "/mode");
            assertThat(mode.statusCode()).isEqualTo(200);
            assertThat(mode.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(mode.body()).isEqualTo("{\"mode\":\"demo\"}");
        }
    }

    @Test
    void modeSaysSpotifyWithWhereToSignInAndOut() throws Exception {
        // Spotify is never called for /mode: its addresses are a closed port.
        Map<String, Object> spotifyMode = Map.of("micronaut.server.port", -1,
                "spotify.client-id", "test-client", "spotify.client-secret", "test-secret",
                "spotify.api-url", "http://127.0.0.1:9", "spotify.accounts-url", "http://127.0.0.1:9",
                "spotify.api-mode", "extended");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, spotifyMode)) {
            HttpResponse<String> mode = get(server, "/mode");
            assertThat(mode.statusCode()).isEqualTo(200);
            assertThat(mode.body()).isEqualTo("{\"mode\":\"spotify\",\"signInPath\":\"/oauth/login/spotify\",\"signOutPath\":\"/logout\"}");
            assertThat(get(server, "/oauth/login/spotify").statusCode()).as("the sign-in path exists").isIn(302, 303);
        }
    }

    private HttpResponse<String> get(EmbeddedServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
