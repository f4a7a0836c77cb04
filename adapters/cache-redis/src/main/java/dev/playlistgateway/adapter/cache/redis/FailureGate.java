package dev.playlistgateway.adapter.cache.redis;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides whether a call may try Redis, on evidence that Redis is down, and keeps the log quiet.
 *
 * <p>Redis is judged down by a refused or dropped connection ({@link #down}), at once, or by
 * {@code timeoutsToOpen} reads in a row that gave up because Redis answered nothing at all
 * ({@link #silent}). Any answer from Redis ({@link #answered}) resets that count: a slow Redis, or a
 * busy JVM that is slow to read Redis's answers, is not a dead Redis. Once judged down, Redis is not
 * tried for the back-off window; then exactly one call (the probe) tries, while the others keep
 * missing; any answer reopens the gate, a failed probe starts a new window. So a dead Redis costs
 * one timeout per window, not one per request, and not one per concurrent request either.
 *
 * <p>Every {@link #tryAcquire()} that returns true MUST be followed by {@link #answered()},
 * {@link #down}, {@link #silent} or {@link #release()}. Thread-safe; {@link #answered()} is called for
 * every reply and costs a volatile read when nothing changes.
 */
final class FailureGate {

    private final long backoffNanos;
    private final int timeoutsToOpen;
    private final long logIntervalNanos;
    private final Duration backoff;
    private final LongSupplier nanoTime;
    private final Logger log;

    private volatile boolean failing;
    private volatile long failedAt;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicInteger silentInARow = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private long lastLogged;
    private boolean loggedAny;

    FailureGate(Duration backoff, int timeoutsToOpen, Duration logInterval, LongSupplier nanoTime, Logger log) {
        if (timeoutsToOpen < 1) {
            throw new IllegalArgumentException("timeoutsToOpen must be at least 1");
        }
        this.backoff = backoff;
        this.backoffNanos = backoff.toNanos();
        this.timeoutsToOpen = timeoutsToOpen;
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

    /** Redis answered a command (a value, or an error reply): it is up. Ends any back-off. */
    void answered() {
        if (silentInARow.get() != 0) {
            silentInARow.set(0);
        }
        if (failing) {
            recover();
        }
    }

    private void recover() {
        synchronized (this) {
            if (!failing) {
                return;
            }
            failing = false;
            probing.set(false);
            suppressed.set(0);
            loggedAny = false;
        }
        log.info("Redis cache reachable again after {} failed calls", failures.getAndSet(0));
    }

    /** The call ended without telling anything about Redis (interrupted, or not connected yet). */
    void release() {
        probing.set(false);
    }

    /** Redis refused or dropped the connection: down now. */
    void down(String operation, Throwable cause) {
        open(operation, describe(cause));
    }

    /**
     * A read gave up after Redis had answered nothing for {@code silence}. Down once this has happened
     * {@code timeoutsToOpen} times in a row, or at once while Redis is already judged down (a failed probe).
     */
    void silent(String operation, Duration silence) {
        int inARow = silentInARow.incrementAndGet();
        if (failing || inARow >= timeoutsToOpen) {
            open(operation, "no answer for " + silence + (inARow > 1 ? ", " + inARow + " times in a row" : ""));
        }
    }

    private void open(String operation, String why) {
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
                    operation, why, backoff, quiet);
        }
    }

    /** True from the moment Redis is judged down until it answers again. */
    boolean isFailing() {
        return failing;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
