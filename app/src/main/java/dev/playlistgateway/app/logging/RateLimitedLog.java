package dev.playlistgateway.app.logging;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One warning per interval for trouble that repeats on every request (an upstream outage, a session
 * store that cannot be reached, a flood of failed sign-in callbacks): the first occurrence is logged at
 * once, later ones within the interval are only counted, and the next line says how many were left out.
 * Counting them for dashboards is the caller's job (a Micrometer counter): the log tells that something
 * is wrong, the metric how often. Thread safe.
 */
public final class RateLimitedLog {

    /** The interval used where a setting does not choose one. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final String LEFT_OUT = " ({} more not logged since the last such warning)";

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong suppressed = new AtomicLong();
    private final Object lock = new Object();
    private boolean loggedAny;
    private long lastLogged;

    public RateLimitedLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    RateLimitedLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Logs {@code format} (SLF4J style) at WARN, unless a line went out within the interval; then only
     * counts it. A logged line ends with the number of occurrences left out since the previous one.
     * Pass descriptions, not exceptions: repeated trouble gets no stack trace.
     *
     * @return whether the line was logged
     */
    public boolean warn(String format, Object... arguments) {
        long quiet = admit();
        if (quiet < 0) {
            return false;
        }
        if (log.isWarnEnabled()) {
            log.warn(format + LEFT_OUT, append(arguments, quiet));
        }
        return true;
    }

    /**
     * Logs {@code format} (SLF4J style) at ERROR with {@code failure}'s stack trace, under the same rule as
     * {@link #warn}: for a bug that may repeat on every item of a response, where one stack trace tells
     * as much as thousands. Warnings and errors of one instance share the interval and the count.
     *
     * @return whether the line was logged
     */
    public boolean error(Throwable failure, String format, Object... arguments) {
        long quiet = admit();
        if (quiet < 0) {
            return false;
        }
        if (log.isErrorEnabled()) {
            Object[] all = append(arguments, quiet);
            Object[] withFailure = Arrays.copyOf(all, all.length + 1);
            withFailure[all.length] = failure;
            log.error(format + LEFT_OUT, withFailure);
        }
        return true;
    }

    /** The number left out since the last line if this one may go out now, else -1 (and it is counted). */
    private long admit() {
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            if (loggedAny && now - lastLogged < intervalNanos) {
                suppressed.incrementAndGet();
                return -1;
            }
            loggedAny = true;
            lastLogged = now;
            return suppressed.getAndSet(0);
        }
    }

    /** Occurrences counted but not logged since the last line. */
    public long suppressed() {
        return suppressed.get();
    }

    private static Object[] append(Object[] arguments, long quiet) {
        Object[] all = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = quiet;
        return all;
    }
}
