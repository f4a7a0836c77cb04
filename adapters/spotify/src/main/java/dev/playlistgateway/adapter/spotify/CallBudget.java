package dev.playlistgateway.adapter.spotify;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How many calls the app may make to Spotify's Web API in a rolling window, shared by every caller
 * ({@code SPOTIFY_CALL_BUDGET}). Spotify counts an app's calls over a rolling 30 s window and answers 429
 * beyond a limit it does not publish; a budget below that limit keeps every burst on this side: a call
 * that would exceed it waits for a slot within the caller's longest wait, or is refused at once with how
 * long until a slot frees (the adapter turns that into RATE_LIMITED with {@code retryAfter}).
 *
 * <p>The budget is a promise about every window, not an average: no window of {@code window} length holds
 * more than {@code calls} reserved slots (docs/decisions/0021). {@link #inProcess} keeps it in this process;
 * {@link #shared} keeps it in a store every gateway instance uses, with an in-process share while the store
 * cannot be reached.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use. <b>Failures:</b> implementations
 * SHOULD NOT throw; a store that cannot be reached SHOULD fall back to a local budget rather than stop or
 * unleash all traffic.
 */
public interface CallBudget {

    /**
     * The answer to one call's request for a slot.
     *
     * @param granted true: the slot is reserved, go after {@code delay}; false: no slot within the caller's
     *                longest wait, none was reserved, and the next one frees in about {@code delay}
     * @param delay   how long until the slot (never negative)
     */
    record Reservation(boolean granted, Duration delay) {
        public Reservation {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }

        static final Reservation NOW = new Reservation(true, Duration.ZERO);

        public static Reservation after(Duration wait) {
            return wait.isZero() ? NOW : new Reservation(true, wait);
        }

        public static Reservation refused(Duration nextSlotIn) {
            return new Reservation(false, nextSlotIn);
        }
    }

    /**
     * Reserves one call. Implementations MUST NOT reserve a slot further away than {@code longestWait}
     * (then they answer {@link Reservation#refused}); a reserved slot counts against the budget whether or not
     * the call then goes out.
     */
    Reservation reserve(Duration longestWait);

    /** No budget: every call may go out at once ({@code SPOTIFY_CALL_BUDGET} unset). */
    static CallBudget unlimited() {
        return longestWait -> Reservation.NOW;
    }

    /** {@code calls} per rolling {@code window}, held in this process's memory on the system clock. */
    static CallBudget inProcess(int calls, Duration window) {
        return new RollingWindowBudget(calls, window, Clock.systemUTC());
    }

    /**
     * {@code calls} per rolling {@code window} for every gateway instance together, kept in {@code log};
     * while the log cannot be reached, this instance keeps to its share ({@code calls} divided by the
     * instances the log last reported, at least 1) in its own memory, counting the calls it made through the
     * log in the window too (docs/operations.md, "Running N instances").
     */
    static CallBudget shared(SharedCallLog log, int calls, Duration window) {
        return new SharedCallBudget(log, calls, window, Clock.systemUTC());
    }
}
