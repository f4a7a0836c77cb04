package dev.playlistgateway.adapter.spotify;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Spotify's {@code Retry-After}, shared by every caller: once Spotify says "not before T", no call goes
 * out before T, whichever thread (or, with a shared implementation, whichever gateway instance) asks.
 * {@link #inProcess()} holds it for one adapter instance; {@link #shared} also keeps it in a store every
 * gateway instance reads (Redis, in the app), since Spotify counts per app, not per instance.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use.
 * <p><b>Failures:</b> implementations SHOULD NOT throw; a store that cannot be read SHOULD answer
 * empty (let the call go out) rather than stop all traffic.
 */
public interface ThrottleGate {

    /**
     * No call before {@code until}.
     *
     * @param until  the moment calls may go out again
     * @param reason Spotify's reason when it gave one (e.g. {@code QUOTA_EXCEEDED} for the daily quota), else null
     */
    record Block(Instant until, String reason) {
        public Block {
            Objects.requireNonNull(until, "until");
        }

        public boolean quotaExceeded() {
            return "QUOTA_EXCEEDED".equals(reason);
        }
    }

    /** The block in force now, or empty when calls may go out. */
    Optional<Block> current();

    /**
     * Records that Spotify asked for no calls before {@code block.until()}. Implementations MUST keep
     * the later of this and any block already in force (a short 429 must not shorten a long one).
     */
    void close(Block block);

    /** A gate held in this process's memory, on the system clock. */
    static ThrottleGate inProcess() {
        return new InProcessThrottleGate(Clock.systemUTC());
    }

    /**
     * A gate for a fleet: every block is kept in this process's memory and in {@code store}, and the later of
     * the two is obeyed. While the store cannot be reached (it then answers empty and drops writes, as this
     * interface says) each instance still obeys the blocks it met itself and those it read before.
     */
    static ThrottleGate shared(ThrottleGate store) {
        return new LayeredThrottleGate(inProcess(), store);
    }
}
