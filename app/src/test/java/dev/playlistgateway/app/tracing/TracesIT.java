package dev.playlistgateway.app.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.app.support.LogCapture;
import dev.playlistgateway.app.support.SpotifyMode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query's trace, from the HTTP request to Spotify and back, in Spotify mode against a WireMock Spotify
 * answering in Spotify's shapes: the HTTP server span, the GraphQL operation under it, DataLoader batches
 * under the operation, and each batch's cache round trips and Spotify calls under the batch, those made on
 * the upstream pool's threads included. Only the attributes the gateway allows are exported: no id, no
 * token, no query text, no client address.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracesIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = SpotifyFixtures.id('p', 41);
    private static final String SECOND = SpotifyFixtures.id('p', 42);
    private static final String ARTIST_ONE = SpotifyFixtures.id('r', 1);
    private static final String ARTIST_TWO = SpotifyFixtures.id('r', 2);
    private static final String QUERY = "query TwoPlaylists { nodes(ids: [\"spotify:playlist:" + FIRST + "\", \"spotify:playlist:"
            + SECOND + "\"]) { ... on Playlist { name tracks(first: 5) { edges { node { name artists { name genres } } } } } } }";
    private static final Set<String> FORBIDDEN_KEYS = Set.of("url.query", "url.full", "client.address", "client.port",
            "network.peer.address", "network.peer.port", "user_agent.original", "exception.message", "exception.stacktrace");

    private WireMockServer spotify;
    private final LogCapture logs = LogCapture.everything();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EmbeddedServer server;

    @Inject
    OpenTelemetry openTelemetry;

    @Override
    public Map<String, String> getProperties() {
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        spotify.start();
        stubSpotify();
        return SpotifyMode.against(spotify.baseUrl(), "extended",
                "micronaut.otel.enabled", "true",
                "otel.traces.exporter", "in-memory");
    }

    @AfterAll
    void stopSpotify() {
        spotify.stop();
        logs.close();
    }

    private void stubSpotify() {
        spotify.stubFor(post(urlPathEqualTo("/api/token")).willReturn(json(
                "{\"access_token\":\"app-token-of-the-test\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        for (String playlist : List.of(FIRST, SECOND)) {
            List<ObjectNode> entries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(trackOf(playlist, i), Shape.EXTENDED), Shape.EXTENDED));
            }
            ObjectNode page = SpotifyFixtures.paging("/v1/playlists/" + playlist + "/tracks", entries, 0, 100, entries.size());
            spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + playlist))
                    .willReturn(json(SpotifyFixtures.fullPlaylist(playlist, "ann", page, Shape.EXTENDED).toString())));
        }
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/artists")).willReturn(json("{\"artists\":["
                + SpotifyFixtures.fullArtist(ARTIST_ONE, Shape.EXTENDED) + "," + SpotifyFixtures.fullArtist(ARTIST_TWO, Shape.EXTENDED) + "]}")));
    }

    private static String trackOf(String playlist, int n) {
        return SpotifyFixtures.id('t', 100 * (playlist.equals(FIRST) ? 1 : 2) + n);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @BeforeEach
    void forgetEarlierSpans() {
        InMemorySpans.reset(openTelemetry);
    }

    @Test
    @Order(1)
    void aColdQuerysTraceGoesFromTheHttpRequestThroughItsBatchesToTheCacheAndSpotify() throws Exception {
        HttpResponse<String> response = postQuery(Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errors").isMissingNode()).as(response.body()).isTrue();
        assertThat(body.at("/data/nodes/0/tracks/edges/0/node/artists/0/genres/0").asText()).isEqualTo("synth-pop");

        List<SpanData> spans = InMemorySpans.exported(openTelemetry);
        SpanData http = single(spans, s -> s.getKind() == SpanKind.SERVER);
        assertThat(http.getParentSpanContext().isValid()).isFalse();
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(http.getTraceId()));

        SpanData operation = single(spans, s -> s.getName().equals("query TwoPlaylists"));
        assertThat(operation.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(operation.getAttributes().get(OperationTrace.OPERATION_TYPE)).isEqualTo("query");
        assertThat(operation.getAttributes().get(OperationTrace.OPERATION_NAME)).isEqualTo("TwoPlaylists");
        assertThat(operation.getAttributes().get(OperationTrace.UPSTREAM_CALLS)).isEqualTo(3L); // two playlists, one artists batch
        assertThat(operation.getAttributes().get(OperationTrace.MISSES)).isPositive();
        assertThat(operation.getAttributes().get(OperationTrace.HITS)).isNotNull();
        assertThat(operation.getAttributes().get(OperationTrace.ERRORS)).isZero();

        SpanData playlists = single(spans, s -> s.getName().equals("DataLoader playlists"));
        assertThat(playlists.getParentSpanId()).isEqualTo(operation.getSpanId());
        assertThat(playlists.getAttributes().get(OperationTrace.BATCH_KIND)).isEqualTo("playlists");
        assertThat(playlists.getAttributes().get(OperationTrace.BATCH_SIZE)).isEqualTo(2L);
        SpanData playlistRead = first(childrenOf(spans, playlists), s -> s.getName().equals("cache getAll"));
        assertThat(playlistRead.getAttributes().get(TracedCachePort.ADAPTER)).isEqualTo("memory");
        assertThat(playlistRead.getAttributes().get(TracedCachePort.KEYS)).isEqualTo(2L);
        assertThat(playlistRead.getAttributes().get(TracedCachePort.HITS)).isZero();
        // The two playlists are read in parallel on the upstream pool, and their calls are still the batch's.
        assertThat(childrenOf(spans, playlists)).filteredOn(s -> s.getName().equals("Spotify GET /v1/playlists/{id}"))
                .hasSize(2).allSatisfy(call -> {
                    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
                    assertThat(call.getAttributes().get(AttributeKey.stringKey("url.template"))).isEqualTo("/v1/playlists/{id}");
                    assertThat(call.getAttributes().get(AttributeKey.longKey("spotify.attempts"))).isEqualTo(1L);
                    assertThat(call.getAttributes().get(AttributeKey.longKey("spotify.wait.retry_after_ms"))).isZero();
                    assertThat(call.getAttributes().get(AttributeKey.longKey("spotify.wait.bulkhead_ms"))).isNotNull();
                });

        SpanData artists = single(spans, s -> s.getName().equals("DataLoader artists"));
        assertThat(artists.getParentSpanId()).isEqualTo(operation.getSpanId());
        assertThat(artists.getAttributes().get(OperationTrace.BATCH_SIZE)).isEqualTo(2L);
        assertThat(childrenOf(spans, artists)).extracting(SpanData::getName)
                .contains("cache getAll", "Spotify GET /v1/artists", "cache putAll");

        SpanData items = single(spans, s -> s.getName().equals("DataLoader items"));
        assertThat(items.getParentSpanId()).isEqualTo(operation.getSpanId());
        assertThat(childrenOf(spans, items)).filteredOn(s -> s.getName().startsWith("Spotify")).isEmpty(); // came with the playlists

        assertNothingForbidden(spans);

        // The response's request id is the trace id, and every log line of the request carries it,
        // those written on the upstream pool's threads included.
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).isEqualTo(http.getTraceId());
        List<LogCapture.Line> calls = logs.records().stream()
                .filter(line -> line.text().startsWith("dev.playlistgateway.adapter.spotify.SpotifyTransport"))
                .filter(line -> line.text().contains(FIRST) || line.text().contains(SECOND))
                .toList();
        assertThat(calls).hasSize(2).allSatisfy(line -> assertThat(line.requestId()).isEqualTo(requestId));
        assertThat(calls).anySatisfy(line -> assertThat(line.thread()).startsWith("upstream-"));
    }

    @Test
    @Order(2)
    void aCallersTraceparentIsContinuedAndItsTraceIdNamesTheRequest() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";

        HttpResponse<String> response = postQuery(Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<SpanData> spans = InMemorySpans.exported(openTelemetry);
        SpanData http = single(spans, s -> s.getKind() == SpanKind.SERVER);
        assertThat(http.getTraceId()).isEqualTo(traceId);
        assertThat(http.getParentSpanId()).isEqualTo(parentId);
        assertThat(http.getParentSpanContext().isRemote()).isTrue();
        SpanData operation = single(spans, s -> s.getName().equals("query TwoPlaylists"));
        assertThat(operation.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(operation.getAttributes().get(OperationTrace.UPSTREAM_CALLS)).isZero(); // warm now
        assertThat(spans).filteredOn(s -> s.getName().startsWith("Spotify")).isEmpty();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(traceId);
        assertNothingForbidden(spans);
    }

    @Test
    @Order(3)
    void aCallersOwnRequestIdIsKeptAndMarksTheServerSpan() throws Exception {
        HttpResponse<String> response = postQuery(Map.of("X-Request-Id", "checkout-7f3a"));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("checkout-7f3a");
        SpanData http = single(InMemorySpans.exported(openTelemetry), s -> s.getKind() == SpanKind.SERVER);
        assertThat(http.getAttributes().get(AttributeKey.stringKey("gateway.request_id"))).isEqualTo("checkout-7f3a");
    }

    @Test
    @Order(4)
    void aGetQuerysUrlWithItsIdsStaysOutOfTheSpans() throws Exception {
        String url = "http://127.0.0.1:" + server.getPort() + "/graphql?query="
                + java.net.URLEncoder.encode(QUERY, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "trace-test-agent").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        List<SpanData> spans = InMemorySpans.exported(openTelemetry);
        assertThat(single(spans, s -> s.getKind() == SpanKind.SERVER).getAttributes().get(AttributeKey.stringKey("url.path")))
                .isEqualTo("/graphql");
        assertNothingForbidden(spans);
    }

    private HttpResponse<String> postQuery(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "trace-test-agent")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", QUERY))));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertNothingForbidden(List<SpanData> spans) {
        for (SpanData span : spans) {
            String attributes = span.getAttributes().asMap().entrySet().stream()
                    .map(e -> e.getKey().getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            String events = span.getEvents().toString();
            assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                    .as(span.getName()).doesNotContainAnyElementsOf(FORBIDDEN_KEYS);
            for (String secret : List.of(FIRST, SECOND, ARTIST_ONE, ARTIST_TWO, trackOf(FIRST, 0), trackOf(SECOND, 2),
                    "app-token-of-the-test", SpotifyMode.CLIENT_SECRET, "trace-test-agent", "nodes(", "genres")) {
                assertThat(span.getName() + " " + attributes + " " + events).as(span.getName()).doesNotContain(secret);
            }
        }
    }

    private static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
    }

    private static SpanData single(List<SpanData> spans, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).as(names(spans)).hasSize(1);
        return found.get(0);
    }

    private static SpanData first(List<SpanData> spans, java.util.function.Predicate<SpanData> which) {
        return spans.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("none in " + names(spans)));
    }

    private static String names(List<SpanData> spans) {
        return spans.stream().map(s -> s.getName() + "(" + s.getSpanId() + "<-" + s.getParentSpanId() + ")").toList().toString();
    }
}
