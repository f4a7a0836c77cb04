package dev.playlistgateway.app.http;

import ch.qos.logback.classic.Level;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged sign-in callbacks cost nothing to send, so they must not cost a log line each (they were over a
 * hundred lines, two ERRORs with stack traces, per {@code GET /oauth/callback/spotify?code=x&state=y}): each one is
 * redirected to the login-failure page and counted in {@code gateway.signin.failures} by reason, and the
 * log gets one WARN for the lot, without a stack trace. None reaches Spotify's token endpoint.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackFloodIT implements TestPropertyProvider {
    private static final HttpClient BROWSER_WITHOUT_COOKIES = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private SpotifyStandIn spotify;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry metrics;

    @Override
    public Map<String, String> getProperties() {
        spotify = SpotifyStandIn.builder().users(1).playlists(1).tracks(1).start();
        return spotify.gatewayProperties();
    }

    @AfterAll
    void stopSpotify() {
        spotify.close();
    }

    @Test
    void forgedCallbacksAreRedirectedCountedByReasonAndWarnedAboutOnceWithoutStackTraces() {
        Map<String, String> callbacks = Map.of(
                "code=x&state=y", "invalid_state",                       // a state that is not even base64
                "code=x&state=Zm9yZ2Vk", "invalid_state",                // base64, not JSON
                "code=x&state=eyJub25jZSI6IngifQ", "invalid_state",      // a well-formed state no cookie vouches for
                "code=x", "invalid_state",                               // no state at all
                "state=y", "malformed_callback",                         // neither code nor error
                "error=access_denied&state=y", "provider_error");        // the user cancelled at Spotify
        int rounds = 20;
        List<String> wrong = new ArrayList<>();
        List<RootLog.Line> lines;
        long grantsBefore = spotify.calls(Endpoint.TOKEN);
        try (RootLog log = RootLog.record()) {
            for (int round = 0; round < rounds; round++) {
                for (String query : callbacks.keySet()) {
                    HttpResponse<String> answer = get("/oauth/callback/spotify?" + query);
                    if (answer.statusCode() != 303 || !answer.headers().firstValue("Location").orElse("").equals("/graphiql?login=failed")) {
                        wrong.add(query + " -> " + answer.statusCode() + " " + answer.body());
                    }
                }
            }
            lines = log.lines();
        }

        assertThat(wrong).isEmpty();
        assertThat(count("invalid_state")).isEqualTo(4.0 * rounds);
        assertThat(count("malformed_callback")).isEqualTo(rounds);
        assertThat(count("provider_error")).isEqualTo(rounds);
        assertThat(lines).filteredOn(l -> l.stackTrace() || l.level() == Level.ERROR).isEmpty();
        assertThat(lines).filteredOn(l -> l.level().isGreaterOrEqual(Level.INFO)).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Level.WARN);
            assertThat(line.message()).contains("sign-in callbacks are failing").contains("gateway.signin.failures");
        });
        assertThat(spotify.calls(Endpoint.TOKEN)).as("no forged code reaches Spotify's token endpoint").isEqualTo(grantsBefore);
    }

    private double count(String reason) {
        return metrics.get("gateway.signin.failures").tag("reason", reason).counter().count();
    }

    private HttpResponse<String> get(String path) {
        try {
            return BROWSER_WITHOUT_COOKIES.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
