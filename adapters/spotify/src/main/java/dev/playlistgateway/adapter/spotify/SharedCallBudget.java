package dev.playlistgateway.adapter.spotify;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link CallBudget} for a fleet: the {@link SharedCallLog} decides while it answers; while it cannot, this
 * instance keeps to {@code calls / instances} (the fleet's size as the log last told it) in its own
 * {@link RollingWindowBudget}, which also holds the slots the log granted here, so the share counts what
 * this instance already spent in the window. Thread safe.
 */
final class SharedCallBudget implements CallBudget {

    private final SharedCallLog log;
    private final int calls;
    private final Duration window;
    private final Clock clock;
    private final RollingWindowBudget local;
    private volatile int instances = 1;

    SharedCallBudget(SharedCallLog log, int calls, Duration window, Clock clock) {
        this.log = log;
        this.calls = calls;
        this.window = window;
        this.clock = clock;
        this.local = new RollingWindowBudget(calls, window, clock);
    }

    @Override
    public Reservation reserve(Duration longestWait) {
        Optional<SharedCallLog.Answer> answer = log.reserve(calls, window, longestWait);
        if (answer.isEmpty()) {
            return local.reserve(longestWait, localShare());
        }
        instances = answer.get().instances();
        Reservation reservation = answer.get().reservation();
        if (reservation.granted()) {
            local.record(clock.millis() + reservation.delay().toMillis());
        }
        return reservation;
    }

    /** What this instance may spend per window on its own: its part of the budget, at least one call. */
    int localShare() {
        return Math.max(1, calls / instances);
    }
}
