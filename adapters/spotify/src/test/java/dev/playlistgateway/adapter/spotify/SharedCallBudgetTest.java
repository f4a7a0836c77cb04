package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.CallBudget.Reservation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SharedCallBudgetTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private final ManualClock clock = new ManualClock();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger asked = new AtomicInteger();
    /** A log that grants everything and reports a fleet of four; empty while "unreachable". */
    private final SharedCallLog log = (calls, window, longestWait) -> {
        asked.incrementAndGet();
        return reachable.get()
                ? Optional.of(new SharedCallLog.Answer(Reservation.after(Duration.ZERO), 4))
                : Optional.empty();
    };

    @Test
    void whileTheLogAnswersItDecides() {
        SharedCallBudget budget = new SharedCallBudget(log, 20, WINDOW, clock);

        for (int i = 0; i < 50; i++) {
            assertThat(budget.reserve(Duration.ZERO).granted()).isTrue();
        }
        assertThat(asked).hasValue(50);
    }

    @Test
    void withoutTheLogAnInstanceKeepsToItsShareOfTheFleetCountingWhatItSpentThroughTheLog() {
        SharedCallBudget budget = new SharedCallBudget(log, 20, WINDOW, clock);
        budget.reserve(Duration.ZERO);
        budget.reserve(Duration.ZERO); // 2 of this instance's 20 / 4 = 5 spent through the log

        reachable.set(false);
        int granted = 0;
        for (int i = 0; i < 10; i++) {
            if (budget.reserve(Duration.ZERO).granted()) {
                granted++;
            }
        }

        assertThat(budget.localShare()).isEqualTo(5);
        assertThat(granted).isEqualTo(3);
        clock.advance(WINDOW.plusSeconds(1));
        assertThat(budget.reserve(Duration.ZERO).granted()).as("the share frees as the window rolls on").isTrue();
    }

    @Test
    void anInstanceThatNeverReachedTheLogKeepsToTheWholeBudget() {
        reachable.set(false);
        SharedCallBudget budget = new SharedCallBudget(log, 3, WINDOW, clock);

        assertThat(budget.localShare()).isEqualTo(3);
    }

    @Test
    void aRefusalFromTheLogIsPassedOnAndSpendsNothingLocally() {
        SharedCallLog full = (calls, window, longestWait) ->
                Optional.of(new SharedCallLog.Answer(Reservation.refused(Duration.ofSeconds(12)), 1));
        SharedCallBudget budget = new SharedCallBudget(full, 1, WINDOW, clock);

        assertThat(budget.reserve(Duration.ofSeconds(5))).isEqualTo(Reservation.refused(Duration.ofSeconds(12)));
    }
}
