package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The call budget in the adapter: Web API calls take slots, wait for them within max-wait, or fail without a call. */
class SpotifyCallBudgetTest extends WireMockSpotifyTest {

    private static TrackId track(int n) {
        return TrackId.of(SpotifyFixtures.id('t', n));
    }

    private SpotifyPlaylistAdapter budgeted(CallBudget budget, Duration maxWait) {
        spotify.stubFor(get(urlPathMatching("/v1/tracks")).willReturn(aResponse().withTransformers("catalogue")));
        return Spotify.connect(settings().maxWait(maxWait).build(), meters, ThrottleGate.inProcess(), budget,
                io.opentelemetry.api.OpenTelemetry.noop(), Clock.systemUTC()).playlistAdapter(SpotifyUserTokens.NONE);
    }

    @Test
    void aCallThatWouldExceedTheBudgetFailsRateLimitedWithoutReachingSpotify() {
        SpotifyPlaylistAdapter port = budgeted(CallBudget.inProcess(2, Duration.ofSeconds(30)), Duration.ofSeconds(1));
        port.tracks(Viewer.ANONYMOUS, List.of(track(1)));
        port.tracks(Viewer.ANONYMOUS, List.of(track(2)));

        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(track(3))))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(after -> assertThat(after.toSeconds()).isBetween(29L, 31L));
                    assertThat(e.getMessage()).contains("budget");
                });

        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/tracks")))).isEqualTo(2);
        assertThat(tokenCalls()).as("the accounts service is not in the Web API's budget").isEqualTo(1);
        assertThat(meters.counter("spotify.budget.rejections").count()).isEqualTo(1);
    }

    @Test
    void aCallWaitsForItsSlotWhenTheSlotComesWithinMaxWait() {
        SpotifyPlaylistAdapter port = budgeted(CallBudget.inProcess(1, Duration.ofMillis(400)), Duration.ofSeconds(3));
        long started = System.nanoTime();

        for (int i = 1; i <= 3; i++) {
            assertThat(port.tracks(Viewer.ANONYMOUS, List.of(track(i)))).containsOnlyKeys(track(i));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(meters.timer("spotify.budget.waits").count()).isEqualTo(2);
        assertThat(meters.counter("spotify.budget.rejections").count()).isZero();
    }

    @Test
    void theCallsSpanSaysHowLongItWaitedForTheBudget() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build()) {
            spotify.stubFor(get(urlPathMatching("/v1/tracks")).willReturn(aResponse().withTransformers("catalogue")));
            SpotifyPlaylistAdapter port = Spotify.connect(settings().maxWait(Duration.ofSeconds(3)).build(), meters,
                    ThrottleGate.inProcess(), CallBudget.inProcess(1, Duration.ofMillis(300)), otel, Clock.systemUTC())
                    .playlistAdapter(SpotifyUserTokens.NONE);
            port.tracks(Viewer.ANONYMOUS, List.of(track(1)));
            port.tracks(Viewer.ANONYMOUS, List.of(track(2)));

            List<SpanData> tracks = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("Spotify GET /v1/tracks")).toList();
            assertThat(tracks).hasSize(2);
            assertThat(tracks.get(0).getAttributes().get(SpotifyCallSpan.BUDGET_WAIT)).isNull();
            assertThat(tracks.get(1).getAttributes().get(SpotifyCallSpan.BUDGET_WAIT)).isBetween(150L, 1_000L);
        }
    }
}
