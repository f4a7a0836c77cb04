package dev.playlistgateway.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.app.support.SpotifyMode;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard in {@code ops/grafana} parses, and after a short load in Spotify mode (cold and warm
 * queries, a throttled Spotify call, a client's mistake) every metric its panels query has samples at
 * {@code /prometheus}: none of its panels is empty for want of a metric.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "playlist-gateway.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:gateway|spotify|http_server)_[a-z0-9_]+)\\b");
    private static final String CALM = SpotifyFixtures.id('p', 51);
    private static final String THROTTLED = SpotifyFixtures.id('p', 52);

    private WireMockServer spotify;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        spotify.start();
        spotify.stubFor(post(urlPathEqualTo("/api/token")).willReturn(json(200,
                "{\"access_token\":\"app-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        for (String playlist : List.of(CALM, THROTTLED)) {
            List<ObjectNode> entries = new ArrayList<>();
            entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(SpotifyFixtures.id('t', playlist.equals(CALM) ? 1 : 2), Shape.EXTENDED),
                    Shape.EXTENDED));
            ObjectNode page = SpotifyFixtures.paging("/v1/playlists/" + playlist + "/tracks", entries, 0, 100, 1);
            spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + playlist)).atPriority(5)
                    .willReturn(json(200, SpotifyFixtures.fullPlaylist(playlist, "ann", page, Shape.EXTENDED).toString())));
        }
        // Spotify throttles the first read of one playlist for a second: the call waits and tries again.
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + THROTTLED)).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(json(429, SpotifyFixtures.error(429, "API rate limit exceeded")).withHeader("Retry-After", "1"))
                .willSetStateTo("served"));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/artists")).willReturn(json(200, "{\"artists\":["
                + SpotifyFixtures.fullArtist(SpotifyFixtures.id('r', 1), Shape.EXTENDED) + ","
                + SpotifyFixtures.fullArtist(SpotifyFixtures.id('r', 2), Shape.EXTENDED) + "]}")));
        return SpotifyMode.against(spotify.baseUrl(), "extended",
                "spotify.max-wait", "5s");
    }

    @AfterAll
    void stopSpotify() {
        spotify.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedAfterAShortLoad() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.path("title").asText()).isEqualTo("playlist-gateway");
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.path("expr").asText());
                while (metric.find()) {
                    queried.add(metric.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(15);

        String query = "query Dashboard { nodes(ids: [\"spotify:playlist:" + CALM + "\", \"spotify:playlist:" + THROTTLED + "\"]) "
                + "{ ... on Playlist { name tracks(first: 5) { edges { node { name artists { name genres } } } } } } }";
        for (int i = 0; i < 5; i++) {
            assertThat(graphql(query).statusCode()).isEqualTo(200);
        }
        assertThat(graphql("{ nope }").statusCode()).isEqualTo(200); // a validation error: BAD_USER_INPUT

        String exported = client.send(HttpRequest.newBuilder(uri("/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<String> sampled = new TreeSet<>();
        for (String line : exported.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                sampled.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(sampled).containsAll(queried);
        assertThat(exported).contains("spotify_requests_seconds_count{endpoint=\"/v1/playlists/{id}\",method=\"GET\",status=\"429\"}");
        assertThat(exported).containsPattern("gateway_graphql_operations_seconds_count\\{operation=\"Dashboard\",type=\"query\"} 5");
        assertThat(exported).containsPattern("gateway_graphql_errors_total\\{code=\"BAD_USER_INPUT\"} [1-9]");
        assertThat(exported).containsPattern("spotify_throttle_gate_closed_seconds_total [0-9.]+");
    }

    private HttpResponse<String> graphql(String query) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("/graphql")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }
}
