package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.CallBudget.Reservation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollingWindowBudgetTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private final ManualClock clock = new ManualClock();

    @Test
    void theWholeBudgetGoesAtOnceAndTheNextCallWaitsForTheFirstSlotToLeaveTheWindow() {
        RollingWindowBudget budget = new RollingWindowBudget(3, WINDOW, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(budget.reserve(Duration.ZERO)).isEqualTo(Reservation.after(Duration.ZERO));
        }
        clock.advance(Duration.ofSeconds(10));

        assertThat(budget.reserve(Duration.ofSeconds(25)))
                .isEqualTo(Reservation.after(Duration.ofSeconds(20).plusMillis(1)));
    }

    @Test
    void aSlotFurtherAwayThanTheLongestWaitIsRefusedAndNotSpent() {
        RollingWindowBudget budget = new RollingWindowBudget(1, WINDOW, clock);
        budget.reserve(Duration.ZERO);

        Reservation refused = budget.reserve(Duration.ofSeconds(5));

        assertThat(refused.granted()).isFalse();
        assertThat(refused.delay()).isEqualTo(WINDOW.plusMillis(1));
        clock.advance(WINDOW.plusMillis(1));
        assertThat(budget.reserve(Duration.ZERO).granted()).as("the refusal took nothing").isTrue();
    }

    @Test
    void callsArrivingAtRandomNeverPutMoreThanTheBudgetInAnyWindow() {
        int calls = 7;
        RollingWindowBudget budget = new RollingWindowBudget(calls, WINDOW, clock);
        Random random = new Random(11);
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            clock.advance(Duration.ofMillis(random.nextInt(3_000)));
            Reservation reservation = budget.reserve(Duration.ofSeconds(random.nextInt(40)));
            if (reservation.granted()) {
                slots.add(clock.millis() + reservation.delay().toMillis());
            }
        }

        assertThat(mostInAnyWindow(slots, WINDOW)).isEqualTo(calls);
    }

    @Test
    void aLowerLimitIsKeptWithTheSlotsRecordedFromElsewhereCounted() {
        RollingWindowBudget budget = new RollingWindowBudget(10, WINDOW, clock);
        budget.record(clock.millis());
        budget.record(clock.millis());

        assertThat(budget.reserve(Duration.ZERO, 3).granted()).isTrue();
        assertThat(budget.reserve(Duration.ZERO, 3).granted()).as("two recorded + one reserved = the share of 3").isFalse();
    }

    @Test
    void aBudgetOfNoCallsIsAMistake() {
        assertThatThrownBy(() -> CallBudget.inProcess(0, WINDOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallBudget.inProcess(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The most slots in any closed window of length {@code window} (slots are millis). */
    static int mostInAnyWindow(List<Long> slots, Duration window) {
        List<Long> sorted = slots.stream().sorted().toList();
        int most = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) > window.toMillis()) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
