package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.fleet.FleetGateways.Answer;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SPOTIFY_CALL_BUDGET} across three gateways on one Redis, against a Spotify that answers 429 beyond 12
 * calls in any 2 s window (the tests' stand-in for Spotify's 30 s one, {@code spotify.call-budget-window}): a
 * budget of 8 sends no burst through, whatever instance it comes from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetBudgetIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int SPOTIFY_LIMIT = 12;
    private static final int BUDGET = 8;
    /** Arrival times are measured at the stub, each late by its own trip through a busy machine. */
    private static final Duration JITTER = Duration.ofMillis(250);

    private RedisServer redis;
    private WindowedSpotify spotify;
    private FleetGateways gateways;
    private int nextTrack;

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        spotify = new WindowedSpotify(SPOTIFY_LIMIT, WINDOW);
    }

    @AfterAll
    void stop() {
        if (spotify != null) {
            spotify.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void fresh() {
        redis.flushAll();
        spotify.reset();
        gateways = new FleetGateways(spotify, redis.uri());
    }

    @AfterEach
    void stopGateways() {
        gateways.close();
    }

    /**
     * Three gateways, each warmed by one call (the app token, the HTTP connections, the code paths), then a window
     * of quiet: a cold gateway's first calls leave hundreds of ms after their slots, which in a 2 s window (not
     * Spotify's 30 s) would squeeze two windows' budgets together at the stand-in.
     */
    private List<EmbeddedServer> fleet(String... overrides) {
        List<EmbeddedServer> fleet = gateways.startAll(3, overrides);
        burst(fleet, fleet.size());
        try {
            Thread.sleep(WINDOW.toMillis() + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spotify.reset();
        return fleet;
    }

    private List<Answer> burst(List<EmbeddedServer> fleet, int requests) {
        List<Answer> answers = FleetGateways.burst(fleet, nextTrack, requests);
        nextTrack += requests;
        return answers;
    }

    @Test
    void withoutABudgetTheBurstReachesSpotifyAndMeets429s() {
        List<Answer> answers = burst(fleet("spotify.max-wait", "0s"), 36);

        assertThat(spotify.refusals()).as("the stand-in limits like Spotify").isNotEmpty();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
    }

    @Test
    void aBurstAcrossThreeInstancesMakesNo429AndNoWindowHoldsMoreThanTheBudget() {
        List<EmbeddedServer> fleet = fleet("spotify.call-budget", Integer.toString(BUDGET),
                "spotify.call-budget-window", WINDOW.toMillis() + "ms", "spotify.max-wait", "3s");

        List<Answer> answers = burst(fleet, 36);

        assertThat(spotify.refusals()).as("429s").isEmpty();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        // 8 at once, 8 one window later; the next 8 would wait two windows, past the 3 s of max-wait.
        assertThat(answers).filteredOn(Answer::ok).hasSize(2 * BUDGET);
        assertThat(answers).filteredOn(answer -> !answer.ok()).hasSize(36 - 2 * BUDGET).allSatisfy(answer -> {
            assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(answer.retryAfterSeconds()).isBetween(1L, 5L);
        });
        assertThat(spotify.arrivals()).hasSize(2 * BUDGET);
        assertThat(spotify.mostWithin(WINDOW.minus(JITTER))).isLessThanOrEqualTo(BUDGET);
        assertThat(fleet.stream().mapToLong(FleetBudgetIT::budgetWaits).sum()).as("spotify.budget.waits")
                .isGreaterThanOrEqualTo(BUDGET);
    }

    @Test
    void aSteadyOverloadSpendsTheBudgetInEveryWindowAndNeverMore() throws InterruptedException {
        List<EmbeddedServer> fleet = fleet("spotify.call-budget", Integer.toString(BUDGET),
                "spotify.call-budget-window", WINDOW.toMillis() + "ms", "spotify.max-wait", "0s");

        int ok = 0;
        for (int round = 0; round < 6; round++) {
            ok += (int) burst(fleet, 6).stream().filter(Answer::ok).count();
            Thread.sleep(500);
        }

        assertThat(spotify.refusals()).isEmpty();
        assertThat(spotify.mostWithin(WINDOW.minus(JITTER))).isLessThanOrEqualTo(BUDGET);
        assertThat(ok).as("about 3.5 s of asking: the budget of two windows at least").isGreaterThanOrEqualTo(2 * BUDGET);
    }

    @Test
    void withTheCacheInMemoryTheBudgetIsKeptInProcess() {
        EmbeddedServer alone = new FleetGateways(spotify, null).start("spotify.call-budget", "3",
                "spotify.call-budget-window", "30s", "spotify.max-wait", "1s", "cache.adapter", "memory");
        try {
            List<Answer> answers = burst(List.of(alone), 5);

            assertThat(answers).filteredOn(Answer::ok).hasSize(3);
            assertThat(answers).filteredOn(answer -> !answer.ok()).allSatisfy(answer -> {
                assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
                assertThat(answer.retryAfterSeconds()).isBetween(28L, 31L);
            });
            assertThat(redis.command("DBSIZE")).as("nothing of it in Redis").isEqualTo(0L);
        } finally {
            alone.close();
        }
    }

    private static long budgetWaits(EmbeddedServer gateway) {
        Timer waits = gateway.getApplicationContext().getBean(MeterRegistry.class).find("spotify.budget.waits").timer();
        return waits == null ? 0 : waits.count();
    }
}
