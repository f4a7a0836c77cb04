package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each call to Spotify is one span under the caller's, saying what it cost and nothing of what it carried. */
class SpotifyCallSpansTest extends WireMockSpotifyTest {

    private static final TrackId TRACK = TrackId.of(SpotifyFixtures.id('t', 1));

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    @AfterEach
    void closeSdk() {
        otel.close();
    }

    private SpotifyPlaylistAdapter tracedAdapter(SpotifySettings settings) {
        return Spotify.connect(settings, meters, ThrottleGate.inProcess(), otel, Clock.systemUTC())
                .playlistAdapter(SpotifyUserTokens.NONE);
    }

    private void catalogue() {
        spotify.stubFor(get(urlPathMatching("/v1/tracks")).atPriority(5).willReturn(aResponse().withTransformers("catalogue")));
    }

    @Test
    void aThrottledCallIsOneSpanUnderTheCallersWithItsWaitAndAttempts() {
        catalogue();
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).atPriority(1).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(429, "API rate limit exceeded")))
                .willSetStateTo("served"));
        SpotifyPlaylistAdapter port = tracedAdapter(settings().maxWait(Duration.ofSeconds(5)).build());

        Span parent = otel.getTracer("test").spanBuilder("batch").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            assertThat(port.tracks(Viewer.ANONYMOUS, List.of(TRACK))).containsOnlyKeys(TRACK);
        } finally {
            parent.end();
        }

        List<SpanData> calls = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("Spotify ")).toList();
        assertThat(calls).extracting(SpanData::getName).containsExactly("Spotify POST /api/token", "Spotify GET /v1/tracks");
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
            assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
        });
        SpanData tracks = calls.get(1);
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.ENDPOINT)).isEqualTo("/v1/tracks");
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.METHOD)).isEqualTo("GET");
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.STATUS)).isEqualTo(200L);
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.ATTEMPTS)).isEqualTo(2L);
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.THROTTLED)).isEqualTo(1L);
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.RETRIES)).isZero();
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.GATE_WAIT)).isBetween(900L, 10_000L);
        assertThat(tracks.getAttributes().get(SpotifyCallSpan.BULKHEAD_WAIT)).isNotNull();
        assertThat(calls).allSatisfy(call -> assertThat(call.getAttributes().asMap().keySet())
                .extracting(AttributeKey::getKey)
                .allMatch(key -> key.startsWith("spotify.") || key.startsWith("http.") || key.equals("url.template")));
        assertThat(calls.toString()).doesNotContain(TRACK.value()).doesNotContain(APP_TOKEN).doesNotContain("client-secret");
        assertThat(meters.find("spotify.throttle.gate.closed").functionCounter().count()).isBetween(0.9, 1.1);
    }

    @Test
    void aCallRefusedAtTheGateIsAFailedSpanWithoutAnAttempt() {
        catalogue();
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).atPriority(1).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                        .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(429, "API rate limit exceeded")))
                .willSetStateTo("served"));
        SpotifyPlaylistAdapter port = tracedAdapter(settings().maxWait(Duration.ofSeconds(1)).build());

        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK))).isInstanceOf(MusicDataException.class);
        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK))).isInstanceOf(MusicDataException.class);

        List<SpanData> tracks = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("Spotify GET /v1/tracks")).toList();
        assertThat(tracks).hasSize(2).allSatisfy(call -> {
            assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(call.getAttributes().get(SpotifyCallSpan.ERROR_TYPE)).isEqualTo("RATE_LIMITED");
        });
        assertThat(tracks.get(0).getAttributes().get(SpotifyCallSpan.ATTEMPTS)).isEqualTo(1L);
        assertThat(tracks.get(1).getAttributes().get(SpotifyCallSpan.ATTEMPTS)).isZero();
        assertThat(meters.find("spotify.throttle.gate.closed").functionCounter().count()).isBetween(3590.0, 3600.0);
        assertThat(meters.find("spotify.throttle.retry.after").gauge().value()).isBetween(3500.0, 3600.0);
    }
}
