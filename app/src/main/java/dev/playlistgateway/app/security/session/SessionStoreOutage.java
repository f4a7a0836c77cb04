package dev.playlistgateway.app.security.session;

import dev.playlistgateway.app.logging.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the session store is failing, and the report of it. After a failure the store is not asked
 * for reads for the back-off window (sessions held in memory are served, others fail at once); then one
 * call probes while the others keep to memory, and its answer ends the outage or starts a new window.
 * So a dead or frozen store costs one timeout per window, not one per signed-in request.
 *
 * <p>Each failure counts in {@code gateway.sessions.store.failures} (tag {@code operation}: read, write,
 * delete) and leads to at most one WARN per log interval ({@link RateLimitedLog}); the end of an outage
 * whose WARN went out is logged at INFO. Lookups answered from memory because the store could not be
 * asked count in {@code gateway.sessions.outage.served}.
 *
 * <p>Every {@link #mayTry()} that returns true MUST be followed by {@link #answered()}, {@link #failed}
 * or {@link #release()}. Thread safe.
 */
final class SessionStoreOutage {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStoreOutage.class);

    private final long backoffNanos;
    private final Duration backoff;
    private final Duration grace;
    private final LongSupplier nanoTime;
    private final RateLimitedLog warnings;
    private final MeterRegistry meters;
    private final Counter served;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong failuresInOutage = new AtomicLong();
    private volatile boolean failing;
    private volatile boolean warned;
    private volatile long failedAt;

    SessionStoreOutage(Duration backoff, Duration grace, Duration logInterval, MeterRegistry meters, LongSupplier nanoTime) {
        this.backoffNanos = backoff.toNanos();
        this.backoff = backoff;
        this.grace = grace;
        this.nanoTime = nanoTime;
        this.warnings = new RateLimitedLog(LOG, logInterval);
        this.meters = meters;
        this.served = Counter.builder("gateway.sessions.outage.served")
                .description("Session lookups answered from this instance's memory because the session store could not be asked")
                .register(meters);
        for (String operation : new String[] {"read", "write", "delete"}) {
            failures(operation);
        }
    }

    /** True when a call may ask the store for a read now: no outage, or this call is the probe. */
    boolean mayTry() {
        if (!failing) {
            return true;
        }
        if (nanoTime.getAsLong() - failedAt < backoffNanos) {
            return false;
        }
        return probing.compareAndSet(false, true);
    }

    /** The store answered: the outage, if there was one, is over. */
    void answered() {
        if (failing) {
            failing = false;
            probing.set(false);
            long failures = failuresInOutage.getAndSet(0);
            if (warned) {
                warned = false;
                LOG.info("Session store reachable again after {} failed calls", failures);
            }
        }
    }

    /** The store failed {@code operation} (read, write or delete): back off, count, and warn unless one went out lately. */
    void failed(String operation, SessionStoreUnavailable cause) {
        failedAt = nanoTime.getAsLong();
        failing = true;
        probing.set(false);
        failuresInOutage.incrementAndGet();
        failures(operation).increment();
        if (warnings.warn("Session store unavailable ({} failed: {}); signed-in users whose session this instance read "
                        + "within the last {} go on from memory, others get UPSTREAM_UNAVAILABLE; asking again after {}",
                operation, cause.getMessage(), grace, backoff)) {
            warned = true;
        }
    }

    /** The call that {@link #mayTry()} let through ended without an answer about the store. */
    void release() {
        probing.set(false);
    }

    /** A lookup was answered from memory because the store could not be asked. */
    void servedFromMemory() {
        served.increment();
    }

    private Counter failures(String operation) {
        return Counter.builder("gateway.sessions.store.failures")
                .description("Session store calls that failed (store unreachable or too slow)")
                .tag("operation", operation)
                .register(meters);
    }
}
