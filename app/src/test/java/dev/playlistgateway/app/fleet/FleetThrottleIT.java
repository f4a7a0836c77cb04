package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.fleet.FleetGateways.Answer;
import dev.playlistgateway.app.fleet.WindowedSpotify.Arrival;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** One Retry-After for three gateways on one Redis: a 429 met by one holds back the others until it passes. */
class FleetThrottleIT extends FleetOfGateways {

    FleetThrottleIT() {
        super(1_000, Duration.ofSeconds(30));
    }

    private List<EmbeddedServer> fleet(String... overrides) {
        return warmFleet(Duration.ZERO, overrides);
    }

    @Test
    void aRetryAfterSeenByOneInstanceHoldsBackTheOthersUntilItPasses() throws Exception {
        List<EmbeddedServer> fleet = fleet("spotify.max-wait", "10s");
        spotify.throttleNext(1, 2);

        CompletableFuture<Answer> meets429 = FleetGateways.ask(fleet.get(0), nextTrack());
        while (spotify.refusals().isEmpty()) {
            Thread.sleep(5);
        }
        long throttledAt = spotify.refusals().get(0);
        Thread.sleep(200); // the gateway has read the 429 and closed the gate
        List<Answer> others = burst(fleet.subList(1, 3), 6);

        assertThat(meets429.get().ok()).as("the throttled call waited the Retry-After out and went again").isTrue();
        assertThat(others).allSatisfy(answer -> assertThat(answer.ok()).isTrue());
        List<Arrival> after = spotify.log().stream().filter(arrival -> arrival.at() > throttledAt).toList();
        assertThat(after).hasSize(7).allSatisfy(arrival -> assertThat(Duration.ofNanos(arrival.at() - throttledAt))
                .as("no call from any instance before the Retry-After passed").isGreaterThanOrEqualTo(Duration.ofMillis(1_900)));
        assertThat(after).extracting(Arrival::member).contains(1, 2);
    }

    @Test
    void aRetryAfterPastMaxWaitFailsTheOtherInstancesAtOnceWithoutACall() throws Exception {
        List<EmbeddedServer> fleet = fleet("spotify.max-wait", "1s");
        spotify.throttleNext(1, 120);

        Answer first = FleetGateways.ask(fleet.get(0), nextTrack()).get();
        long started = System.nanoTime();
        List<Answer> others = burst(fleet.subList(1, 3), 6);

        assertThat(first.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(others).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(answer.retryAfterSeconds()).isBetween(100L, 120L);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting").isLessThan(Duration.ofSeconds(5));
        assertThat(spotify.log()).as("the one 429, and nothing after it").hasSize(1);
    }
}
