package dev.playlistgateway.adapter.spotify;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static dev.playlistgateway.adapter.spotify.RollingWindowBudgetTest.mostInAnyWindow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the call budget is a rolling window and not a token bucket (docs/decisions/0021): Spotify counts calls in
 * a rolling 30 s window, and a token bucket of B refilled at B per 30 s lets 2B into one such window (a full
 * bucket, then its refill). Same load, same B, on one simulated clock: the rolling window never exceeds B.
 */
class TokenBucketAgainstTheRollingWindowTest {

    private static final int BUDGET = 100;
    private static final Duration WINDOW = Duration.ofSeconds(30);

    @Test
    void aTokenBucketLetsTwiceTheBudgetIntoOneWindowTheRollingWindowNever() {
        ManualClock clock = new ManualClock();
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        Bucket greedy = Bucket.builder().withCustomTimePrecision(meter)
                .addLimit(limit -> limit.capacity(BUDGET).refillGreedy(BUDGET, WINDOW)).build();
        Bucket intervally = Bucket.builder().withCustomTimePrecision(meter)
                .addLimit(limit -> limit.capacity(BUDGET).refillIntervally(BUDGET, WINDOW)).build();
        RollingWindowBudget rolling = new RollingWindowBudget(BUDGET, WINDOW, clock);

        List<Long> greedyCalls = new ArrayList<>();
        List<Long> intervallyCalls = new ArrayList<>();
        List<Long> rollingCalls = new ArrayList<>();
        // Quiet for most of a window (every bucket full), then callers asking for more than the budget every 100 ms,
        // for two windows: the first asks come just before the interval bucket's refill.
        clock.advance(WINDOW.minusMillis(200));
        for (int tick = 0; tick < 600; tick++) {
            clock.advance(Duration.ofMillis(100));
            for (int ask = 0; ask < 2 * BUDGET; ask++) {
                take(() -> greedy.tryConsume(1), clock.millis(), greedyCalls);
                take(() -> intervally.tryConsume(1), clock.millis(), intervallyCalls);
                take(() -> rolling.reserve(Duration.ZERO).granted(), clock.millis(), rollingCalls);
            }
        }

        assertThat(mostInAnyWindow(greedyCalls, WINDOW)).isGreaterThanOrEqualTo(2 * BUDGET - 1);
        assertThat(mostInAnyWindow(intervallyCalls, WINDOW)).isEqualTo(2 * BUDGET);
        assertThat(mostInAnyWindow(rollingCalls, WINDOW)).isEqualTo(BUDGET);
        assertThat(rollingCalls.size()).as("and it spends the whole budget in every window")
                .isGreaterThanOrEqualTo(2 * BUDGET);
    }

    private static void take(BooleanSupplier tryConsume, long now, List<Long> calls) {
        if (tryConsume.getAsBoolean()) {
            calls.add(now);
        }
    }
}
