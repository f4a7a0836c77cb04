package dev.playlistgateway.adapter.cache.redis;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most one warning per interval for Redis trouble that does not make Redis down (a read that gave
 * up on a busy Redis, a refused write, writes dropped because too many are pending), with the number
 * of such events left out since the last warning. Thread-safe.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastLogged;
    private boolean loggedAny;
    private long suppressed;

    ThrottledWarning(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs {@code message} now, or counts it if a warning went out within the interval. */
    void warn(String message) {
        long now = nanoTime.getAsLong();
        long quiet;
        synchronized (this) {
            if (loggedAny && now - lastLogged < intervalNanos) {
                suppressed++;
                return;
            }
            loggedAny = true;
            lastLogged = now;
            quiet = suppressed;
            suppressed = 0;
        }
        log.warn("Redis cache: {} ({} more such events since the last warning)", message, quiet);
    }
}
