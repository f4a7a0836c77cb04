package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.fleet.GatewayFleet.Answer;
import dev.playlistgateway.app.fleet.WindowedSpotify.Arrival;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** One Retry-After for three gateways on one Redis: a 429 met by one holds back the others until it passes. */
class FleetThrottleIT {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @AutoClose
    private static final WindowedSpotify spotify = new WindowedSpotify(1_000, Duration.ofSeconds(30));
    private static final ColdTracks tracks = new ColdTracks();
    @AutoClose
    private GatewayFleet fleet;

    @BeforeEach
    void fresh() {
        redis.server().flushAll();
        spotify.reset();
    }

    /**
     * Three gateways, each warmed by one call (the app token, the HTTP connections, the code paths), then the
     * stand-in's counts cleared: a cold gateway's first calls are not what these tests time.
     */
    private void startWarmFleet(String maxWait) {
        fleet = GatewayFleet.of(3).redis(redis.uri()).instanceProperties(spotify::gatewayProperties)
                .generousRedisTimeouts().properties(Map.of("spotify.max-wait", maxWait)).start();
        fleet.burst(tracks.next(fleet.size()));
        spotify.reset();
    }

    @Test
    void aRetryAfterSeenByOneInstanceHoldsBackTheOthersUntilItPasses() throws Exception {
        startWarmFleet("10s");
        spotify.throttleNext(1, 2);

        CompletableFuture<Answer> meets429 = fleet.ask(0, tracks.next());
        while (spotify.refusals().isEmpty()) {
            Thread.sleep(5);
        }
        long throttledAt = spotify.refusals().get(0);
        // Ask the others once they see the block (it travels through Redis), not after a fixed pause: on a
        // busy machine instance 0 can take longer than any pause to read the 429 and close the gate.
        awaitBlockSeenBy(1, 2);
        List<Answer> others = fleet.burst(List.of(1, 2), tracks.next(6));

        assertThat(meets429.get().ok()).as("the throttled call waited the Retry-After out and went again").isTrue();
        assertThat(others).allSatisfy(answer -> assertThat(answer.ok()).isTrue());
        List<Arrival> after = spotify.log().stream().filter(arrival -> arrival.at() > throttledAt).toList();
        assertThat(after).hasSize(7).allSatisfy(arrival -> assertThat(Duration.ofNanos(arrival.at() - throttledAt))
                .as("no call from any instance before the Retry-After passed").isGreaterThanOrEqualTo(Duration.ofMillis(1_900)));
        assertThat(after).extracting(Arrival::member).contains(1, 2);
    }

    /** Waits until each of {@code instances} reports a Retry-After in force (spotify.throttle.retry.after above 0). */
    private void awaitBlockSeenBy(int... instances) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int instance : instances) {
            MeterRegistry meters = fleet.bean(instance, MeterRegistry.class);
            while (meters.get("spotify.throttle.retry.after").gauge().value() <= 0) {
                assertThat(System.nanoTime()).as("instance %d sees the Retry-After within 10 s", instance).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aRetryAfterPastMaxWaitFailsTheOtherInstancesAtOnceWithoutACall() throws Exception {
        startWarmFleet("1s");
        spotify.throttleNext(1, 120);

        Answer first = fleet.ask(0, tracks.next()).get();
        long started = System.nanoTime();
        List<Answer> others = fleet.burst(List.of(1, 2), tracks.next(6));

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
