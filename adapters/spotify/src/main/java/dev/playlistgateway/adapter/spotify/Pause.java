package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocks the calling thread until a moment passes (a Retry-After). Parks rather than
 * sleeps; parking may wake early, so it loops on the clock. An interrupt ends the wait with
 * UPSTREAM_UNAVAILABLE and keeps the thread's interrupt flag set.
 */
final class Pause {

    private Pause() {
    }

    static void until(Clock clock, Instant moment) {
        while (true) {
            long nanos = Duration.between(clock.instant(), moment).toNanos();
            if (nanos <= 0) {
                return;
            }
            LockSupport.parkNanos(nanos);
            if (Thread.currentThread().isInterrupted()) {
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted while waiting to call Spotify");
            }
        }
    }
}
