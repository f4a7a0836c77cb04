package dev.playlistgateway.adapter.cache.redis;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides whether a call may try Redis, on evidence that Redis is down, and keeps the log quiet.
 *
 * <p>Redis is judged down by a refused or dropped connection ({@link #down}), at once, or by
 * silence: reads that gave up because Redis answered nothing ({@link #silent}) while it has stayed
 * silent for {@code silenceToOpen} in all (by default three command timeouts: several timeouts in a
 * row). Many reads giving up in the same moment are one silence, not many. Any answer from Redis
 * ({@link #answered}) ends the silence: a slow Redis, or a busy JVM that is slow to read Redis's
 * answers, is not a dead Redis. Once judged down, Redis is not
 * tried for the back-off window; then exactly one call (the probe) tries, while the others keep
 * missing; any answer reopens the gate, a failed probe starts a new window. So a dead Redis costs
 * one timeout per window, not one per request, and not one per concurrent request either.
 *
 * <p>Every {@link #tryAcquire()} that returns true MUST be followed by {@link #answered()},
 * {@link #down}, {@link #silent} or {@link #release()}. Thread-safe; {@link #answered()} is called for
 * every reply and costs a volatile read when nothing changes.
 */
final class FailureGate {

    private static final long NO_SILENCE = Long.MIN_VALUE;

    private final long backoffNanos;
    private final long silenceToOpenNanos;
    private final Duration silenceToOpen;
    private final long logIntervalNanos;
    private final Duration backoff;
    private final LongSupplier nanoTime;
    private final Logger log;

    private volatile boolean failing;
    private volatile long failedAt;
    private final AtomicBoolean probing = new AtomicBoolean();
    /** Since when ({@link System#nanoTime()}) reads have found Redis silent, or {@link #NO_SILENCE}. */
    private final AtomicLong silentSince = new AtomicLong(NO_SILENCE);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private long lastLogged;
    private boolean loggedAny;

    /**
     * @param silenceToOpen how long Redis must have been silent, as seen by reads that gave up, before
     *                      it is judged down (the command timeout times {@code timeoutsToOpen})
     */
    FailureGate(Duration backoff, Duration silenceToOpen, Duration logInterval, LongSupplier nanoTime, Logger log) {
        this.backoff = backoff;
        this.backoffNanos = backoff.toNanos();
        this.silenceToOpen = silenceToOpen;
        this.silenceToOpenNanos = silenceToOpen.toNanos();
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
        if (silentSince.get() != NO_SILENCE) {
            silentSince.set(NO_SILENCE);
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
            silentSince.set(NO_SILENCE);
            suppressed.set(0);
            loggedAny = false;
        }
        log.info("Redis cache reachable again after {} failed calls", failures.getAndSet(0));
    }

    /**
     * Ends the back-off window early: the next call probes. For when there is new evidence that Redis
     * may be up again (the connection, lost while Redis was judged down, is open again).
     */
    void probeNow() {
        if (failing) {
            failedAt = nanoTime.getAsLong() - backoffNanos;
        }
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
     * A read gave up because Redis had answered nothing since {@code silentFrom} (on this gate's clock).
     * Down once Redis has been silent for {@code silenceToOpen} since the first such read (with no
     * answer in between), or at once while Redis is already judged down (a failed probe).
     */
    void silent(String operation, long silentFrom) {
        silent(operation, silentFrom, nanoTime.getAsLong());
    }

    /**
     * As {@link #silent(String, long)}, with {@code silentFrom} and {@code now} on the caller's clock of
     * silence, the same for every call: the adapter's leaves out the time its event loop was stalled
     * ({@link AnswerClock#runningNow()}), as each read's own wait does. On wall time, one read that a
     * busy JVM kept waiting for twice the command timeout would judge a slow Redis down by itself.
     */
    void silent(String operation, long silentFrom, long now) {
        long since = silentSince.accumulateAndGet(silentFrom, (current, offered) -> current == NO_SILENCE ? offered : current);
        long silence = now - since;
        if (failing || silence >= silenceToOpenNanos) {
            open(operation, "no answer for " + Duration.ofNanos(silence).toMillis() + " ms"
                    + (failing ? "" : " (judged down after " + silenceToOpen + " of silence)"));
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
