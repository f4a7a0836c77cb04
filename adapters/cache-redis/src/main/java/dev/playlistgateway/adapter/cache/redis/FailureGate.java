package dev.playlistgateway.adapter.cache.redis;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides whether a call may try Redis, and keeps the log quiet. After a failure Redis is not tried
 * for the back-off window; then exactly one call (the probe) tries, while the others keep missing;
 * its success reopens the gate, its failure starts a new window. So a dead Redis costs one timeout
 * per window, not one per request, and not one per concurrent request either.
 *
 * <p>Every {@link #tryAcquire()} that returns true MUST be followed by {@link #success()},
 * {@link #failure} or {@link #release()}. Thread-safe.
 */
final class FailureGate {

    private final long backoffNanos;
    private final long logIntervalNanos;
    private final Duration backoff;
    private final LongSupplier nanoTime;
    private final Logger log;

    private volatile boolean failing;
    private volatile long failedAt;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private long lastLogged;
    private boolean loggedAny;

    FailureGate(Duration backoff, Duration logInterval, LongSupplier nanoTime, Logger log) {
        this.backoff = backoff;
        this.backoffNanos = backoff.toNanos();
        this.logIntervalNanos = logInterval.toNanos();
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** True when this call may try Redis now. */
    boolean tryAcquire() {
        if (!failing) {
            return true;
        }
        if (nanoTime.getAsLong() - failedAt < backoffNanos) {
            return false;
        }
        return probing.compareAndSet(false, true);
    }

    /** Redis answered: ends any back-off. */
    void success() {
        if (failing) {
            failing = false;
            probing.set(false);
            log.info("Redis cache reachable again after {} failed calls", failures.getAndSet(0));
            synchronized (this) {
                suppressed.set(0);
                loggedAny = false;
            }
        }
    }

    /** The call ended without telling anything about Redis (for example, the thread was interrupted). */
    void release() {
        probing.set(false);
    }

    /** Redis failed this call: back off, and warn unless a warning went out within the interval. */
    void failure(String operation, Throwable cause) {
        long now = nanoTime.getAsLong();
        failedAt = now;
        failing = true;
        probing.set(false);
        failures.incrementAndGet();
        boolean logNow;
        long quiet;
        synchronized (this) {
            logNow = !loggedAny || now - lastLogged >= logIntervalNanos;
            if (logNow) {
                loggedAny = true;
                lastLogged = now;
                quiet = suppressed.getAndSet(0);
            } else {
                suppressed.incrementAndGet();
                quiet = 0;
            }
        }
        if (logNow) {
            log.warn("Redis cache unavailable ({} failed: {}); reads miss and writes are dropped, retrying after {} "
                            + "({} further failures not logged since the last warning)",
                    operation, describe(cause), backoff, quiet);
        }
    }

    /** True from a failure until a probe succeeds. */
    boolean isFailing() {
        return failing;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
