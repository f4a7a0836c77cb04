package dev.playlistgateway.adapter.spotify;

import java.time.Clock;
import java.time.Duration;

/**
 * {@link CallBudget} in one process: the last {@code calls} reserved slots in a ring. A new slot is the
 * latest of now, the newest slot, and one window (plus a millisecond) after the slot {@code limit} back, so
 * any {@code limit + 1} consecutive slots span more than the window and no window holds more than
 * {@code limit} (docs/decisions/0021). The limit may be lower than the ring (a fleet member's share while
 * the shared log is out of reach). Thread safe (one lock; a reservation is a few array reads).
 */
final class RollingWindowBudget implements CallBudget {

    private final int capacity;
    private final long windowMillis;
    private final Clock clock;
    /** Slot times (epoch millis on {@link #clock}), oldest overwritten first. */
    private final long[] slots;
    private int count;
    private int next;

    RollingWindowBudget(int calls, Duration window, Clock clock) {
        if (calls < 1) {
            throw new IllegalArgumentException("a call budget must allow at least 1 call, was " + calls);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a call budget's window must be positive");
        }
        this.capacity = calls;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.slots = new long[calls];
    }

    @Override
    public Reservation reserve(Duration longestWait) {
        return reserve(longestWait, capacity);
    }

    /** Reserves a slot among {@code limit} (at most the ring's size) per window. */
    synchronized Reservation reserve(Duration longestWait, int limit) {
        int effective = Math.max(1, Math.min(limit, capacity));
        long now = clock.millis();
        long slot = now;
        if (count > 0) {
            slot = Math.max(slot, back(1));
        }
        if (count >= effective) {
            slot = Math.max(slot, back(effective) + windowMillis + 1);
        }
        Duration wait = Duration.ofMillis(slot - now);
        if (wait.compareTo(longestWait) > 0) {
            return Reservation.refused(wait);
        }
        add(slot);
        return Reservation.after(wait);
    }

    /** Notes a slot reserved elsewhere (in the shared log), so that a later local share counts it. */
    synchronized void record(long slotMillis) {
        add(slotMillis);
    }

    /** The slot {@code k} back from the newest ({@code k = 1}: the newest). */
    private long back(int k) {
        return slots[Math.floorMod(next - k, capacity)];
    }

    private void add(long slot) {
        slots[next] = slot;
        next = (next + 1) % capacity;
        count = Math.min(count + 1, capacity);
    }
}
