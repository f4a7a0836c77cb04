package dev.playlistgateway.adapter.spotify;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotifyThrottleTest extends WireMockSpotifyTest {

    private static final TrackId TRACK = TrackId.of(SpotifyFixtures.id('t', 1));

    private void catalogue() {
        spotify.stubFor(get(urlPathMatching("/v1/tracks")).atPriority(5).willReturn(aResponse().withTransformers("catalogue")));
    }

    private void firstCallThrottled(String retryAfterSeconds, String body) {
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).atPriority(1).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfterSeconds)
                        .withHeader("Content-Type", "application/json").withBody(body))
                .willSetStateTo("served"));
    }

    @Test
    void aRetryAfterHoldsBackEveryCallerUntilTheMomentPasses() throws Exception {
        catalogue();
        firstCallThrottled("1", SpotifyFixtures.error(429, "API rate limit exceeded"));
        SpotifyPlaylistAdapter port = adapter(settings().maxWait(Duration.ofSeconds(5)).build());

        CompletableFuture<?> throttled = CompletableFuture.supplyAsync(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK)));
        while (calls(getRequestedFor(urlPathEqualTo("/v1/tracks"))) == 0) {
            Thread.onSpinWait();
        }
        Thread.sleep(100); // the 429 has been read: the gate is closed
        CompletableFuture<?> other = CompletableFuture.supplyAsync(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK)));
        throttled.get();
        other.get();

        List<LoggedRequest> requests = spotify.findAll(getRequestedFor(urlPathEqualTo("/v1/tracks"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(requests).hasSize(3); // the 429, then both callers once
        long throttledAt = requests.get(0).getLoggedDate().getTime();
        assertThat(requests.subList(1, 3)).allSatisfy(request ->
                assertThat(request.getLoggedDate().getTime()).isGreaterThanOrEqualTo(throttledAt + 1000));
    }

    @Test
    void aRetryAfterBeyondMaxWaitFailsAfterOneCallAndTheNextCallMakesNone() {
        catalogue();
        firstCallThrottled("3600", SpotifyFixtures.error(429, "API rate limit exceeded"));
        SpotifyPlaylistAdapter port = adapter(settings().maxWait(Duration.ofSeconds(2)).build());
        long started = System.nanoTime();

        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(3590L, 3600L));
                });
        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(TrackId.of(SpotifyFixtures.id('t', 2)))))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1)); // no waiting
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/tracks")))).isEqualTo(1);
        assertThat(spotify.getAllServeEvents()).hasSize(2); // and the one app token
        assertThat(meters.counter("spotify.throttle.rejections").count()).isEqualTo(2);
    }

    @Test
    void aDailyQuota429SaysSoAndBlocksLikeAnyOther() {
        catalogue();
        firstCallThrottled("7200", SpotifyFixtures.quotaError());
        SpotifyPlaylistAdapter port = adapter();

        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("QUOTA_EXCEEDED");
                });
        assertThatThrownBy(() -> port.playlist(ANN_VIEWER, dev.playlistgateway.domain.model.PlaylistId.of("p1")))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.getMessage()).contains("QUOTA_EXCEEDED"));
        assertThat(spotify.getAllServeEvents()).hasSize(2);
    }

    @Test
    void aShortRetryAfterIsWaitedOutWithinOneCall() {
        catalogue();
        firstCallThrottled("1", SpotifyFixtures.error(429, "API rate limit exceeded"));
        long started = System.nanoTime();

        assertThat(adapter().tracks(Viewer.ANONYMOUS, List.of(TRACK))).containsOnlyKeys(TRACK);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/tracks")))).isEqualTo(2);
    }

    @Test
    void aGateNeverShortensALongerBlock() {
        InProcessThrottleGate gate = new InProcessThrottleGate(java.time.Clock.systemUTC());
        java.time.Instant later = java.time.Instant.now().plusSeconds(600);
        gate.close(new ThrottleGate.Block(later, null));
        gate.close(new ThrottleGate.Block(java.time.Instant.now().plusSeconds(1), null));

        assertThat(gate.current()).hasValueSatisfying(block -> assertThat(block.until()).isEqualTo(later));
    }
}
