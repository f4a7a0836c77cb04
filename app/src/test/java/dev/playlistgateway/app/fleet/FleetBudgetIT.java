package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.fleet.FleetGateways.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SPOTIFY_CALL_BUDGET} across three gateways on one Redis, against a Spotify that answers 429 beyond 12
 * calls in any 2 s window (the tests' stand-in for Spotify's 30 s one, {@code spotify.call-budget-window}): a
 * budget of 8 sends no burst through, whatever instance it comes from.
 */
class FleetBudgetIT extends FleetOfGateways {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int SPOTIFY_LIMIT = 12;
    private static final int BUDGET = 8;
    /** Arrival times are measured at the stub, each late by its own trip through a busy machine. */
    private static final Duration JITTER = Duration.ofMillis(250);

    FleetBudgetIT() {
        super(SPOTIFY_LIMIT, WINDOW);
    }

    /** Warmed, then a window of quiet: in a 2 s window (not Spotify's 30 s) a cold start would squeeze two windows together. */
    private List<EmbeddedServer> fleet(String... overrides) {
        return warmFleet(WINDOW.plusMillis(100), overrides);
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
