package dev.playlistgateway.adapter.spotify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls every gateway instance made to Spotify in the last window, kept where all of them see it
 * (Redis, in the app): the store behind {@link CallBudget#shared}. An implementation reserves slots with
 * the same rule as the in-process budget, atomically for all instances, on the store's own clock: the
 * next slot is the latest of now, the latest reserved slot, and just over one {@code window} after the
 * slot {@code calls} back (docs/decisions/0021).
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use. <b>Failures:</b> implementations MUST
 * NOT throw for store trouble and SHOULD answer within a short timeout: empty means "could not ask", and
 * the caller then keeps to its local share.
 */
public interface SharedCallLog {

    /**
     * What the log answered.
     *
     * @param reservation the slot (or the refusal), as {@link CallBudget#reserve} answers
     * @param instances   how many gateway instances used the log lately (this one included, at least 1)
     */
    record Answer(CallBudget.Reservation reservation, int instances) {
        public Answer {
            Objects.requireNonNull(reservation, "reservation");
            instances = Math.max(1, instances);
        }
    }

    /**
     * Reserves one slot among {@code calls} per rolling {@code window} unless it is further away than
     * {@code longestWait}; empty when the store could not be asked.
     */
    Optional<Answer> reserve(int calls, Duration window, Duration longestWait);
}
