package dev.playlistgateway.app.metrics;

import dev.playlistgateway.app.logging.RateLimitedLog;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The music service failing or throttling, as the API's callers meet it: every GraphQL field that
 * failed with {@code UPSTREAM_UNAVAILABLE} or {@code RATE_LIMITED} is counted in
 * {@code gateway.upstream.failures} (tag {@code code}), and one WARN per interval and code says so,
 * with the failure's message and how many were left out since the previous line. An outage fails
 * the same fields of every request: the log says that it happens, the counter how often.
 *
 * <p>Refusals that are the caller's own (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, BAD_INPUT) are
 * neither counted nor logged: a user asking for what they may not see is not trouble of the gateway.
 * A RATE_LIMITED is: Spotify throttles the whole app, not one caller.
 *
 * <p>No stack trace and no cause message is logged: a cause may quote Spotify's response body
 * (a parse error does), and the log never holds bodies. The cause's type is named instead.
 * Thread safe.
 */
public final class UpstreamFailures {
    /** The meter: fields answered with an upstream error (a failed batch fails each of its fields). */
    public static final String METER = "gateway.upstream.failures";

    private final Map<Failure, Counter> counters = new EnumMap<>(Failure.class);
    private final Map<Failure, RateLimitedLog> warnings = new EnumMap<>(Failure.class);

    /**
     * @param meters   where the counters are registered
     * @param interval at most one WARN per interval for each code; zero logs every failure
     */
    public UpstreamFailures(MeterRegistry meters, Duration interval) {
        this(meters, interval, LoggerFactory.getLogger(UpstreamFailures.class));
    }

    UpstreamFailures(MeterRegistry meters, Duration interval, Logger log) {
        Objects.requireNonNull(meters, "meters");
        for (Failure failure : new Failure[]{Failure.UPSTREAM_UNAVAILABLE, Failure.RATE_LIMITED}) {
            counters.put(failure, Counter.builder(METER)
                    .tag("code", failure.name())
                    .description("GraphQL fields that failed because the music service failed or throttled the gateway")
                    .register(meters));
            warnings.put(failure, new RateLimitedLog(log, interval));
        }
    }

    /** Whether this failure is the music service's trouble (counted and logged here), not the caller's. */
    public static boolean isUpstream(MusicDataException failure) {
        return failure.failure() == Failure.UPSTREAM_UNAVAILABLE || failure.failure() == Failure.RATE_LIMITED;
    }

    /**
     * Counts and reports one failed field; does nothing for failures that are not the music service's.
     *
     * @param failure what the field's load threw
     * @param field   the field's path in the response, for the log line
     * @return whether the failure was counted
     */
    public boolean fieldFailed(MusicDataException failure, Object field) {
        if (!isUpstream(failure)) {
            return false;
        }
        Failure code = failure.failure();
        counters.get(code).increment();
        String cause = failure.getCause() == null ? "" : " (cause: " + failure.getCause().getClass().getSimpleName() + ")";
        if (code == Failure.RATE_LIMITED) {
            String wait = failure.retryAfter().map(after -> ", retry after " + Math.max(1, after.toSeconds()) + " s").orElse("");
            warnings.get(code).warn("The music service throttles the gateway: a field failed with RATE_LIMITED at {}: {}{}{}",
                    field, failure.getMessage(), wait, cause);
        } else {
            warnings.get(code).warn("The music service is failing: a field failed with UPSTREAM_UNAVAILABLE at {}: {}{}",
                    field, failure.getMessage(), cause);
        }
        return true;
    }
}
