package dev.playlistgateway.adapter.spotify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The backoff the module README states: the first retry waits 100–200 ms, doubling per retry, capped at 5 s. */
class TransientRetriesTest {

    private static final Duration BASE = Duration.ofMillis(200);

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfADoublingCeilingCappedAtFiveSeconds() {
        for (int sample = 0; sample < 200; sample++) {
            assertThat(TransientRetries.equalJitter(BASE, 1)).isBetween(100L, 200L);
            assertThat(TransientRetries.equalJitter(BASE, 2)).isBetween(200L, 400L);
            assertThat(TransientRetries.equalJitter(BASE, 5)).isBetween(1600L, 3200L);
            assertThat(TransientRetries.equalJitter(BASE, 6)).isBetween(2500L, 5000L);
            assertThat(TransientRetries.equalJitter(BASE, 40)).isBetween(2500L, 5000L);
        }
    }
}
